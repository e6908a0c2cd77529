// The site's search engine in Node, over the index files of a built site (search/kb/…): what the
// worker does in the browser, with the file system in place of importScripts. Used by recall.js,
// parity.js and the Node tests in tests/site/test_search_index.py.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const root = path.resolve(__dirname, "../..");
const MiniSearch = require(path.join(root, "docs/assets/vendor/minisearch/minisearch.js"));
const { Engine } = require(path.join(root, "docs/assets/kb-search/engine.js"));

// A fresh engine, as on a cold page; bytes(): what it has fetched so far, base.js included.
function openSite(site) {
  const box = { self: {} };
  const base = path.join(site, "search/kb/base.js");
  vm.runInNewContext(fs.readFileSync(base, "utf8"), box);
  let bytes = fs.statSync(base).size;
  let engine;
  box.self.kbShard = (kind, key, part) => engine.accept(kind, key, part);
  engine = new Engine(box.self.kbBase, MiniSearch, (addresses) => {
    for (const a of addresses) {
      const file = path.join(site, a);
      bytes += fs.statSync(file).size;
      vm.runInNewContext(fs.readFileSync(file, "utf8"), box);
    }
  });
  return { engine, bytes: () => bytes };
}

module.exports = { openSite, MiniSearch };
