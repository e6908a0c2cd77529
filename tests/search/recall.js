// recall@5 of the search engine on a query file, in Node (no browser): the same engine.js and the
// same index files the site ships. Usage: node recall.js SITE_DIR QUERIES.json
// Prints one JSON object: hits and totals by kind, misses, empty results, and for each query the
// bytes a reader's browser fetches for its first ten results when it is the first query typed.
"use strict";
const fs = require("fs");
const { openSite } = require("./site_engine.js");
const [site, queriesFile] = process.argv.slice(2);

async function main() {
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  const { engine } = openSite(site);
  const out = { hits: {}, totals: {}, misses: [], empty: [], cold: [] };
  for (const c of queries) {
    const answer = await engine.search(c.q, {}, 10);
    const items = answer.items.slice(0, 5).map((group) => group[0].location);
    out.totals[c.kind] = (out.totals[c.kind] || 0) + 1;
    if (!items.length) out.empty.push(c.q);
    if (c.expect.some((e) => items.includes(e))) out.hits[c.kind] = (out.hits[c.kind] || 0) + 1;
    else out.misses.push([c.kind, c.q, items]);
    const fresh = openSite(site), t0 = process.hrtime.bigint();
    await fresh.engine.search(c.q, {}, 10);
    out.cold.push([c.q, fresh.bytes(), fresh.engine.fetched.length, Number(process.hrtime.bigint() - t0) / 1e6]);
  }
  console.log(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
