// The site's search worker. It speaks the theme's search-worker protocol (setup 0, ready 1,
// query 2, result 3) in place of the theme's own worker, and answers from the knowledge base's
// index (search/kb/…, finished at build time and cut into small files) with its own engine
// (engine.js, core: MiniSearch). Nothing is loaded until the theme sends its setup message, which
// page.js holds back until the search box is used; then only the files a query needs.
// In the file:// bundle this runs in the iframe that stands in for a worker, where importScripts
// returns a promise and relative addresses are the page's: hence absolute addresses from here.
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var FIRST = 10, MORE = 50;
  var here = (self.document && document.currentScript && document.currentScript.src) || self.location.href;
  var root = new URL("../../", here).href;
  var engine = null, loading = null, last = "", filters = {};

  // Each file of the index calls this with its part.
  self.kbShard = function (kind, key, data) { engine.accept(kind, key, data); };

  function load(addresses) {
    return importScripts.apply(self, addresses.map(function (a) { return root + a; }));
  }

  function start() {
    if (!loading) {
      loading = Promise.resolve()
        .then(function () { return importScripts(root + "assets/vendor/minisearch/minisearch.js"); })
        .then(function () { return importScripts(root + "assets/kb-search/engine.js"); })
        .then(function () { return importScripts(root + "search/kb/base.js"); })
        .then(function () {
          engine = new self.KbSearch.Engine(self.kbBase, self.MiniSearch, load);
          postMessage({ type: "kb-ready" });  // page.js marks the page: the tests and kb bench wait for it
        });
    }
    return loading;
  }

  function post(query, answer) {
    if (query !== last) return false;  // a newer query is on its way
    postMessage({ type: RESULT, data: { items: answer.items, suggest: answer.suggest } });
    return true;
  }

  // The best ten first; the rest of the list follows as soon as its titles are in.
  function answer(query) {
    return start().then(function () {
      if (query !== last) return;
      if (!query.trim()) return void post(query, { items: [] });
      var wanted = filters;
      return engine.search(query, wanted, FIRST).then(function (first) {
        if (!post(query, first)) return;
        // The lists to narrow by, once the first answer is out.
        if (!engine.lists) engine.narrowing().then(function (lists) { postMessage({ type: "kb-facets", data: lists }); });
        if (first.total <= FIRST || wanted !== filters) return;
        return engine.search(query, wanted, MORE, first.ranked).then(function (more) { post(query, more); });
      });
    }).catch(function (error) {
      // A file of the index that did not load (a half-copied site): say so instead of going quiet.
      var text = String(error && error.message || error).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
      postMessage({ type: RESULT, data: { items: [[{ location: "", title: "搜索暂时不可用", text: text, tags: [], score: 0, terms: {} }]] } });
    });
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      start();
      postMessage({ type: READY });
    } else if (message.type === QUERY) {
      last = String(message.data || "");
      answer(last);
    } else if (message.type === "kb-filter") {
      filters = message.data || {};
      answer(last);
    }
  });
})();
