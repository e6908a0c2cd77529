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

// Print: give each link in the article its permanent address (resolved against the canonical
// URL, which carries site_url) so that kb.css can print it after the link text.
(function () {
  function setUp() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href : location.href;
    document.querySelectorAll("article a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || a.classList.contains("headerlink") ||
          href.indexOf("glossary") !== -1) return;
      a.setAttribute("data-print-url", new URL(href, base).href);
    });
  }
  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
