// Two engine cores under the same cutting, weights and ranking rules, on the same query sets:
// MiniSearch (BM25+ per field) and FlexSearch (ordered matches per field, no scores: each hit is
// scored here by field weight × query-word weight × idf from the number of matches × rank decay).
// Usage: node compare_cores.js INDEX.js QUERIES.json... ; prints recall@5, build and query times.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const root = path.resolve(__dirname, "../..");
const MiniSearch = require(path.join(root, "docs/assets/vendor/minisearch/minisearch.js"));
const FlexSearch = require(path.join(root, "node_modules/flexsearch"));
const { Engine } = require(path.join(root, "docs/assets/kb-search/engine.js"));
const [indexFile, ...sets] = process.argv.slice(2);

function loadIndex() {
  const sandbox = { self: {} };
  vm.runInNewContext(fs.readFileSync(indexFile, "utf8"), sandbox);
  const bodyFile = indexFile.replace(/kb-index\.js$/, "kb-body.js");  // the running text, when split off
  if (bodyFile !== indexFile && fs.existsSync(bodyFile)) {
    vm.runInNewContext(fs.readFileSync(bodyFile, "utf8"), sandbox);
    sandbox.self.kbIndex.docs.forEach((doc, n) => { [doc.f.src, doc.f.body, doc.s] = sandbox.self.kbBody[n]; });
  }
  return sandbox.self.kbIndex;
}

class FlexEngine extends Engine {
  build() {
    const cutter = this.cutter;
    this.flex = new FlexSearch.Document({
      document: { id: "n", index: this.fields.map((field) => ({ field, tokenize: "strict", resolution: 9,
        encode: (text) => cutter.tokens(text) })) },
    });
    for (const doc of this.docs) {
      const flat = { n: doc.n };
      for (const field of this.fields) flat[field] = doc.f[field];
      this.flex.add(flat);
    }
    return this;
  }
  _run(terms, weightOf, filter, prefix) {
    const scores = new Map(), matched = new Map(), N = this.docs.length;
    for (const term of terms) {
      for (const { field, result } of this.flex.search(term, { limit: 200, index: this.fields })) {
        const idf = Math.log(1 + N / (1 + result.length));
        result.forEach((n, rank) => {
          const s = this.boost[field] * weightOf(term) * idf * (this.kinds[this.docs[n].k] || 0.5) / (1 + 0.05 * rank);
          scores.set(n, (scores.get(n) || 0) + s);
          if (!matched.has(n)) matched.set(n, new Set());
          matched.get(n).add(term);
        });
      }
    }
    return [...scores].map(([id, score]) => ({ id, score, terms: [...matched.get(id)] }))
      .filter((r) => !filter || filter(r));
  }
}

for (const Core of [Engine, FlexEngine]) {
  let engine, times = [];
  for (let run = 0; run < 3; run++) {  // the median of three builds (the machine is shared)
    const data = loadIndex();
    const t0 = process.hrtime.bigint();
    engine = new Core(data, MiniSearch).build();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const buildMs = times.sort((a, b) => a - b)[1];
  const line = [Core === Engine ? "MiniSearch 7.2.0" : "FlexSearch 0.8.212", `build ${buildMs.toFixed(0)} ms`];
  for (const file of sets) {
    const queries = JSON.parse(fs.readFileSync(file, "utf8"));
    let hits = 0, empty = 0;
    const t1 = process.hrtime.bigint();
    for (const c of queries) {
      const top = engine.search(c.q).items.slice(0, 5).map((g) => g[0].location);
      if (!top.length) empty++;
      if (c.expect.some((e) => top.includes(e))) hits++;
    }
    const per = Number(process.hrtime.bigint() - t1) / 1e6 / queries.length;
    line.push(`${path.basename(file)} ${hits}/${queries.length} = ${(100 * hits / queries.length).toFixed(1)}% (empty ${empty}, ${per.toFixed(1)} ms/query)`);
  }
  console.log(line.join("; "));
}
