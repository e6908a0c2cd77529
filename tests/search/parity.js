// The index the build finished and cut into files (kb/site/search/shards.py) against the one
// MiniSearch builds itself from the same documents with engine.js's own cutter.
// Usage: node parity.js INDEX.js SITE_DIR QUERIES.json...
// INDEX.js: the documents and word list (index_file.index_script); SITE_DIR: the built files.
// Prints {terms, documents, differences: [...], queries, ranked_differently: [...]}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const root = path.resolve(__dirname, "../..");
const { Cutter, decodePostings } = require(path.join(root, "docs/assets/kb-search/engine.js"));
const { openSite, MiniSearch } = require("./site_engine.js");
const [indexFile, site, ...sets] = process.argv.slice(2);

const sandbox = { self: {} };
vm.runInNewContext(fs.readFileSync(indexFile, "utf8"), sandbox);
const data = sandbox.self.kbIndex;
const cutter = new Cutter(data);
const docs = data.docs.map((doc, n) => Object.assign({ n }, doc));
function full(fields) {
  const index = new MiniSearch({
    fields, idField: "n",
    extractField: (doc, field) => (field === "n" ? doc.n : doc.f[field]),
    tokenize: (text) => cutter.tokens(text), processTerm: (term) => term,
    searchOptions: { tokenize: (term) => [term], processTerm: (term) => term },
  });
  index.addAll(docs);
  return index;
}

function open() {
  return openSite(site).engine;
}

async function main() {
  const heads = full(["name", "kw"]), body = full(["src", "body"]);
  const engine = open(), differences = [];
  // 1. Same statistics and same postings, term for term.
  const keys = [];
  for (let k = 0; k < engine.base.shards.t; k++) keys.push(k);
  await engine.ensure("t", keys);
  let terms = 0;
  for (const [name, index, slot] of [["heads", heads, 0], ["body", body, 1]]) {
    const json = index.toJSON(), part = engine.parts[name];
    if (JSON.stringify(json.averageFieldLength) !== JSON.stringify(part.average)) differences.push([name, "averageFieldLength"]);
    docs.forEach((doc, n) => {
      if (JSON.stringify(json.fieldLength[n]) !== JSON.stringify(part.lengths[n])) differences.push([name, "fieldLength", n]);
    });
    const seen = new Set();
    for (const [term, byField] of json.index) {
      terms++;
      seen.add(term);
      const row = engine.postings.get(term), ours = row ? decodePostings(row[slot]) : {};
      if (JSON.stringify(sorted(ours)) !== JSON.stringify(sorted(byField))) differences.push([name, "postings", term]);
    }
    for (const [term, row] of engine.postings) {
      if (row[slot] && !term.startsWith("#") && !seen.has(term)) differences.push([name, "extra term", term]);
    }
  }
  // 2. The same ranking for every query, on the files as on the full index.
  const reference = open();
  reference._index = (part) => (part === "heads" ? heads : body);
  let queries = 0;
  const rankedDifferently = [];
  for (const file of sets) {
    for (const c of JSON.parse(fs.readFileSync(file, "utf8"))) {
      const a = await open().rank(c.q, {}), b = await reference.rank(c.q, {});
      if (a.how !== "words") continue;  // single characters: only the files have them
      queries++;
      const show = (r) => r.hits.slice(0, 20).map((h) => `${h.n}:${h.score.toFixed(9)}`).join(" ");
      if (show(a) !== show(b)) rankedDifferently.push(c.q);
    }
  }
  console.log(JSON.stringify({ terms, documents: docs.length, differences: differences.slice(0, 20),
                               queries, ranked_differently: rankedDifferently }));
}

function sorted(byField) {
  const out = {};
  for (const f of Object.keys(byField).sort()) {
    out[f] = {};
    for (const n of Object.keys(byField[f]).sort((a, b) => a - b)) out[f][n] = byField[f][n];
  }
  return out;
}
main().catch((e) => { console.error(e); process.exit(1); });
