// recall@5 of the search engine on a query file, in Node (no browser): the same engine.js and
// index the site ships. Usage: node recall.js INDEX.js QUERIES.json [core]
// Prints one JSON object: hits and totals by kind, misses, empty results.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const [indexFile, queriesFile] = process.argv.slice(2);
const root = path.resolve(__dirname, "../..");
const MiniSearch = require(path.join(root, "docs/assets/vendor/minisearch/minisearch.js"));
const { Engine } = require(path.join(root, "docs/assets/kb-search/engine.js"));
const sandbox = { self: {} };
vm.runInNewContext(fs.readFileSync(indexFile, "utf8"), sandbox);
const bodyFile = indexFile.replace(/kb-index\.js$/, "kb-body.js");  // the running text, when split off
if (bodyFile !== indexFile && fs.existsSync(bodyFile)) {
  vm.runInNewContext(fs.readFileSync(bodyFile, "utf8"), sandbox);
  sandbox.self.kbIndex.docs.forEach((doc, n) => { [doc.f.src, doc.f.body, doc.s] = sandbox.self.kbBody[n]; });
}
const t0 = Date.now();
const engine = new Engine(sandbox.self.kbIndex, MiniSearch).build();
const buildMs = Date.now() - t0;
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const out = { buildMs, hits: {}, totals: {}, misses: [], empty: [] };
for (const c of queries) {
  const items = engine.search(c.q).items.slice(0, 5).map((group) => group[0].location);
  out.totals[c.kind] = (out.totals[c.kind] || 0) + 1;
  if (!items.length) out.empty.push(c.q);
  if (c.expect.some((e) => items.includes(e))) out.hits[c.kind] = (out.hits[c.kind] || 0) + 1;
  else out.misses.push([c.kind, c.q, items]);
}
console.log(JSON.stringify(out));
