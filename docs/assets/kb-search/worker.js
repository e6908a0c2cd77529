// The site's search worker. It speaks the theme's search-worker protocol (setup 0, ready 1,
// query 2, result 3) in place of the theme's own worker, and answers from the knowledge base's
// index (search/kb-index.js) with its own engine (engine.js, core: MiniSearch). Nothing is loaded
// until the theme sends its setup message, which page.js holds back until the search box is used.
// In the file:// bundle this runs in the iframe that stands in for a worker, where importScripts
// returns a promise and relative addresses are the page's: hence absolute addresses from here.
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var here = (self.document && document.currentScript && document.currentScript.src) || self.location.href;
  var root = new URL("../../", here).href;
  var engine = null, loading = null, last = "", filters = {};

  function load() {
    if (!loading) {
      loading = Promise.resolve()
        .then(function () { return importScripts(root + "assets/vendor/minisearch/minisearch.js"); })
        .then(function () { return importScripts(root + "assets/kb-search/engine.js"); })
        .then(function () { return importScripts(root + "search/kb-index.js"); })
        .then(function () {
          engine = new self.KbSearch.Engine(self.kbIndex, self.MiniSearch).buildHeads();
          postMessage({ type: "kb-facets", data: self.kbIndex.facets });
          // The running text joins in the background once a first query has been answered
          // (or after a short pause when none is waiting), so that it does not delay that answer.
          setTimeout(loadBody, 400);
        });
    }
    return loading;
  }

  var bodyStarted = false;
  function loadBody() {
    if (bodyStarted) return;
    bodyStarted = true;
    Promise.resolve()
      .then(function () { return importScripts(root + "search/kb-body.js"); })
      .then(function () { engine.addBody(self.kbBody); return engine.buildBody(); })
      .then(function () {
        postMessage({ type: "kb-ready" });  // page.js marks the page: the tests and kb bench wait for it
        answer(last);
      });
  }

  function answer(query) {
    return load().then(function () {
      if (query !== last) return;  // a newer query is on its way
      postMessage({ type: RESULT, data: query.trim() ? engine.search(query, filters) : { items: [] } });
      if (query.trim()) setTimeout(loadBody, 50);
    });
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      load();
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
