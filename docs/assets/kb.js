// Site behaviour in small independent parts; each runs on every page (document$ is Material's
// page-ready signal, DOMContentLoaded where it is missing, e.g. in the file:// bundle).
function kbOnReady(fn) {
  if (window.document$) window.document$.subscribe(fn);
  else document.addEventListener("DOMContentLoaded", fn);
}

// Problems index: a filter box that hides table rows not matching the typed text. A row matches on
// its visible text and on the terms in its data-kb-terms (aliases and keywords). The box and the
// sentence that promises it are hidden in the HTML and shown here, so without scripts neither shows.
kbOnReady(function () {
  document.querySelectorAll("[data-kb-filter]").forEach(function (box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var table = box.parentElement.querySelector("table");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).map(function (row) {
      var terms = row.querySelector("[data-kb-terms]");
      return {row: row, text: (row.textContent + " " + (terms ? terms.dataset.kbTerms : "")).toLowerCase()};
    });
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "筛选：输入编号、问题名称、别称或关键词";
    input.setAttribute("aria-label", "筛选问题（按编号、名称、别称、关键词、领域或类型）");
    var count = document.createElement("span");
    count.className = "kb-filter-count";
    count.setAttribute("role", "status");
    box.appendChild(input);
    box.appendChild(count);
    function apply() {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (r) {
        var hit = !q || r.text.indexOf(q) !== -1;
        r.row.hidden = !hit;
        if (hit) shown++;
      });
      count.textContent = "显示 " + shown + " / " + rows.length;
    }
    input.addEventListener("input", apply);
    apply();
    box.hidden = false;
    document.querySelectorAll(".kb-filter-note").forEach(function (note) { note.hidden = false; });
  });
});

// Reader switch (overrides/partials/kb-reader.html): text size and high contrast, remembered in
// localStorage. main.html applies the stored choice before the first paint.
kbOnReady(function () {
  var bar = document.querySelector("[data-kb-reader]");
  if (!bar || bar.dataset.ready) return;
  bar.dataset.ready = "1";
  var root = document.documentElement;
  function store(key, value) { try { localStorage.setItem(key, value); } catch (e) {} }
  function show() {
    var size = root.classList.contains("kb-text-2") ? "2" : root.classList.contains("kb-text-1") ? "1" : "0";
    bar.querySelectorAll("[data-kb-size]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.kbSize === size));
    });
    bar.querySelector("[data-kb-contrast]").setAttribute("aria-pressed", String(root.classList.contains("kb-contrast")));
  }
  bar.querySelectorAll("[data-kb-size]").forEach(function (b) {
    b.addEventListener("click", function () {
      root.classList.remove("kb-text-1", "kb-text-2");
      if (b.dataset.kbSize !== "0") root.classList.add("kb-text-" + b.dataset.kbSize);
      store("kb-text-size", b.dataset.kbSize);
      show();
    });
  });
  bar.querySelector("[data-kb-contrast]").addEventListener("click", function () {
    var on = root.classList.toggle("kb-contrast");
    store("kb-contrast", on ? "1" : "0");
    show();
  });
  show();
  bar.hidden = false;
});

// Accessible names Material's templates leave out: the search dialog.
kbOnReady(function () {
  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby"))
    dialog.setAttribute("aria-label", "站内搜索");
});

// A heading's ¶ permalink is bound to the heading's last two characters, so that it never wraps
// alone onto a line of its own (Chinese text may break between any two characters).
kbOnReady(function () {
  document.querySelectorAll(".md-typeset .headerlink").forEach(function (link) {
    var prev = link.previousSibling;
    if (!prev || prev.nodeType !== 3 || link.parentElement.classList.contains("kb-nowrap")) return;
    var text = prev.nodeValue.replace(/\s+$/, "");
    if (text.length < 2) return;
    var span = document.createElement("span");
    span.className = "kb-nowrap";
    prev.nodeValue = text.slice(0, -2);
    span.appendChild(document.createTextNode(text.slice(-2) + " "));
    link.parentNode.insertBefore(span, link);
    span.appendChild(link);
  });
});

// Wide tables scroll inside their own box: the box is focusable (arrow keys scroll it), named, and
// announced by a visible hint while the table is wider than the box.
kbOnReady(function () {
  // .kb-weight-wrap: the weighted matrices' own box, named and focusable by the page itself.
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".md-typeset__scrollwrap, .kb-weight-wrap"));
  function check() {
    boxes.forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("kb-scrolls", wide);
      var hint = box.previousElementSibling;
      var has = hint && hint.classList.contains("kb-scroll-hint");
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = "kb-scroll-hint";
        hint.textContent = "表格较宽，可左右滑动（或用方向键）查看其余各列";
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && has) {
        hint.remove();
      }
      if (box.classList.contains("kb-weight-wrap")) {
        return;
      } else if (wide) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "可横向滚动的表格");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  check();
  window.addEventListener("resize", check);
  new MutationObserver(check).observe(document.documentElement, {attributes: true, attributeFilter: ["class"]});
});

// Glossary terms (links to 术语 with the definition as a tooltip): on a touch screen, where there is
// no hover, the first tap opens the definition below the line; the definition links to the glossary.
kbOnReady(function () {
  if (!window.matchMedia || !window.matchMedia("(hover: none)").matches) return;
  document.documentElement.classList.add("kb-touch");  // kb.css hides Material's hover tooltips
  document.querySelectorAll('article a[href*="glossary/#"]').forEach(function (term) {
    var definition = term.getAttribute("title") || term.dataset.kbDefinition;
    if (!definition) return;
    term.dataset.kbDefinition = definition;
    term.setAttribute("aria-expanded", "false");
    term.addEventListener("click", function (event) {
      var open = term.nextElementSibling && term.nextElementSibling.classList.contains("kb-abbr-tip");
      event.preventDefault();
      if (open) {
        term.nextElementSibling.remove();
        term.setAttribute("aria-expanded", "false");
        return;
      }
      var tip = document.createElement("span");
      tip.className = "kb-abbr-tip";
      tip.setAttribute("role", "note");
      tip.appendChild(document.createTextNode(term.textContent + "：" + definition + " "));
      var more = document.createElement("a");
      more.href = term.href;
      more.textContent = "见术语表";
      tip.appendChild(more);
      term.parentNode.insertBefore(tip, term.nextSibling);
      term.setAttribute("aria-expanded", "true");
    });
  });
});

// Print: link addresses are not printed inline. Each link in the article gets a reference number
// (printed after the link text by kb.css), and the numbered addresses are listed at the end of its
// part: each problem of a handout, or the whole page. Addresses are permanent (resolved against the
// canonical URL, which carries site_url). The matrix (a page of links) and the facts line under a
// title (area and type names) print without them.
kbOnReady(function () {
  var article = document.querySelector("article");
  if (!article || article.dataset.kbPrintLinks) return;
  article.dataset.kbPrintLinks = "1";
  var canonical = document.querySelector('link[rel="canonical"]');
  var base = canonical ? canonical.href : location.href;
  // The site's root address: printed once per list, each address after it without it (shorter).
  var root = "";
  try { root = new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", base).href; } catch (e) {}
  var parts = article.querySelectorAll(".kb-handout-problem");
  (parts.length ? Array.prototype.slice.call(parts) : [article]).forEach(function (part) {
    var numbers = {}, addresses = [];
    part.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || a.classList.contains("headerlink") || a.closest(".kb-matrix") ||
          a.closest(".md-content__button") || a.closest(".kb-facts") || a.closest("nav") || a.closest(".kb-print-links") || href.indexOf("glossary") !== -1) return;
      var url = new URL(href, base).href;
      if (a.textContent.trim() === url) return;  // the address is already the text
      if (!numbers[url]) { addresses.push(url); numbers[url] = addresses.length; }
      a.setAttribute("data-print-ref", numbers[url]);
    });
    if (!addresses.length) return;
    var list = document.createElement("div");
    list.className = "kb-print-links";
    var title = document.createElement("p");
    title.className = "kb-print-links__title";
    var short = root && addresses.every(function (url) { return url.indexOf(root) === 0; });
    title.textContent = short ? "文中链接的网址（均以 " + root + " 开头）：" : "文中链接的网址：";
    var ol = document.createElement("ol");
    addresses.forEach(function (url) {
      var li = document.createElement("li");
      li.textContent = short ? url.slice(root.length) : url;
      ol.appendChild(li);
    });
    list.appendChild(title);
    list.appendChild(ol);
    part.appendChild(list);
  });
});

// The handout's print button: printing from a button needs scripts, so it is hidden until now.
kbOnReady(function () {
  document.querySelectorAll("[data-kb-print]").forEach(function (button) {
    if (button.dataset.ready) return;
    button.dataset.ready = "1";
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
