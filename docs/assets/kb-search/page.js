// The search box's side of the knowledge base's search; loaded in <head>, before the theme's script.
// - The theme's worker is replaced by ours (worker.js, same message protocol), and it is started
//   only when the reader uses the search box: until then nothing of the search is fetched.
// - The theme's search_index.json is a stub that holds no documents; it is answered here from
//   memory instead of being requested.
// - The theme searches on key presses only; text that arrives otherwise (pasted with the mouse,
//   committed by an input method) starts a search too.
// - Results can be narrowed by area, type and family.
(function () {
  "use strict";
  var script = document.currentScript;
  var workerUrl = new URL("worker.js", script.src).href;
  var STUB = JSON.stringify({ config: { lang: ["zh"], separator: "[\\s\\u200b\\u3000\\-、。，．？！；]+", pipeline: [] }, docs: [] });

  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (/search\/search_index\.json$/.test(String(url))) args[1] = "data:application/json," + encodeURIComponent(STUB);
    return open.apply(this, args);
  };

  var Real = window.Worker;
  var started = null, waiting = [], proxies = [];

  function LazyWorker() {
    var target = document.createElement("span");  // an EventTarget every browser has
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    proxies.push(this);
  }
  LazyWorker.prototype.postMessage = function (message) {
    if (started) started.postMessage(message);
    else waiting.push(message);
    if (message && message.type === 2) start();
  };
  LazyWorker.prototype.terminate = function () { if (started) started.terminate(); };

  function start() {
    if (started || !proxies.length) return;
    started = new Real(workerUrl);
    started.addEventListener("message", function (event) {
      var message = event.data || {};
      if (message.type === "kb-facets") return facets(message.data);
      // The whole index is in (the tests and kb bench wait for this).
      if (message.type === "kb-ready") return void (document.documentElement.dataset.kbSearch = "ready");
      proxies.forEach(function (proxy) { proxy.dispatchEvent(new MessageEvent("message", { data: message })); });
    });
    waiting.splice(0).forEach(function (message) { started.postMessage(message); });
  }

  function Wrapped(url, options) {
    if (/workers\/search\.[^\/]*\.js/.test(String(url))) return new LazyWorker();
    return new Real(url, options);
  }
  window.Worker = Wrapped;

  function box() { return document.querySelector("input.md-search__input"); }

  // The theme listens for keyup; text that came without one is announced the same way.
  // (keydown too: the theme's suggestion behind the box reads the box on keydown.)
  function nudge(input) {
    input.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  document.addEventListener("focusin", function (event) { if (event.target === box()) start(); });
  document.addEventListener("input", function (event) {
    if (event.target === box() && !event.isComposing) { start(); nudge(event.target); }
  });
  document.addEventListener("compositionend", function (event) {
    if (event.target === box()) setTimeout(function () { nudge(event.target); }, 0);
  });
  document.addEventListener("paste", function (event) {
    if (event.target === box()) setTimeout(function () { nudge(event.target); }, 0);
  });

  // Narrowing by area, type and family: lists above the results, filled from the index.
  var chosen = { area: "", type: "", family: "" };
  function facets(data) {
    var output = document.querySelector(".md-search-result");
    if (!output || !data || output.querySelector(".kb-search-facets")) return;
    var bar = document.createElement("div");
    bar.className = "kb-search-facets";
    [["area", "领域", data.areas], ["type", "类型", data.types], ["family", "类别", data.families]].forEach(function (spec) {
      if (!spec[2] || !spec[2].length) return;
      var label = document.createElement("label");
      var select = document.createElement("select");
      select.name = "kb-" + spec[0];
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "全部" + spec[1];
      select.appendChild(all);
      spec[2].forEach(function (entry) {
        var option = document.createElement("option");
        option.value = entry[0];
        option.textContent = entry[1];
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        chosen[spec[0]] = select.value;
        if (started) started.postMessage({ type: "kb-filter", data: chosen });
      });
      label.appendChild(document.createTextNode(spec[1] + " "));
      label.appendChild(select);
      bar.appendChild(label);
    });
    output.insertBefore(bar, output.firstChild);
  }
})();
