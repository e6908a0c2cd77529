// Problems index: a filter box that hides table rows not containing the typed text.
(function () {
  function setUp() {
    document.querySelectorAll("[data-kb-filter]").forEach(function (box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "1";
      var table = box.parentElement.querySelector("table");
      if (!table) return;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var input = document.createElement("input");
      input.type = "search";
      input.placeholder = "筛选：输入编号、问题、领域或类型";
      input.setAttribute("aria-label", "筛选问题");
      var count = document.createElement("span");
      count.className = "kb-filter-count";
      box.appendChild(input);
      box.appendChild(count);
      function apply() {
        var q = input.value.trim().toLowerCase();
        var shown = 0;
        rows.forEach(function (row) {
          var hit = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
          row.hidden = !hit;
          if (hit) shown++;
        });
        count.textContent = "显示 " + shown + " / " + rows.length;
      }
      input.addEventListener("input", apply);
      apply();
    });
  }
  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
