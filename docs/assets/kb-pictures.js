// Relationship pictures (关系图): download buttons for slides. The pictures themselves are inline
// SVG drawn at build time and need no script; this only adds "下载 SVG / PNG" under each one.
(function () {
  function save(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // A standalone copy of the drawing: absolute links, so they still work when pasted elsewhere.
  function svgText(svg) {
    var copy = svg.cloneNode(true);
    copy.querySelectorAll("a[href]").forEach(function (a) {
      a.setAttribute("href", new URL(a.getAttribute("href"), location.href).href);
    });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }

  function png(svg, name, button) {
    var scale = 2;
    var w = svg.viewBox.baseVal.width, h = svg.viewBox.baseVal.height;
    var img = new Image();
    var url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
    img.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = w * scale;
      canvas.height = h * scale;
      var g = canvas.getContext("2d");
      g.fillStyle = "#ffffff";
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob(function (blob) { save(blob, name); }, "image/png");
    };
    img.onerror = function () { button.textContent = "PNG 生成失败，请下载 SVG"; };
    img.src = url;
  }

  function setUp() {
    document.querySelectorAll("figure[data-kb-picture]").forEach(function (figure) {
      if (figure.dataset.ready) return;
      figure.dataset.ready = "1";
      var svg = figure.querySelector("svg.kb-picture__svg");
      if (!svg) return;
      var name = figure.dataset.kbPicture.replace(/^kb-pic-/, "关系图-");
      var bar = document.createElement("p");
      bar.className = "kb-picture__downloads";
      [["下载图片（SVG）", "svg"], ["下载图片（PNG）", "png"]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = pair[0];
        button.dataset.format = pair[1];
        button.addEventListener("click", function () {
          if (pair[1] === "svg") save(new Blob([svgText(svg)], { type: "image/svg+xml" }), name + ".svg");
          else png(svg, name + ".png", button);
        });
        bar.appendChild(button);
      });
      figure.appendChild(bar);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
})();
