// The knowledge base's search engine: cutting Chinese text, ranking, results in the theme's format.
// The build has cut every document by the same rules (kb/site/search/cutter.py, tested against this
// file) and written the finished index in small files; this code cuts the reader's query, fetches
// the files the query needs and ranks with MiniSearch (BM25+, field weights), the engine core.
// Works in a worker, in the file:// iframe that stands in for one, and in Node (the tests).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.KbSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var HAN = /[\u4e00-\u9fff]/;
  var RUNS = /[\u4e00-\u9fff]+|[a-z0-9]+/g;
  var MAX_WORD = 8;
  var MAX_SLIPS = 6;
  var MAX_QUERY = 80;
  var ENTRY_KINDS = ["problem", "cause", "countermeasure", "area", "type"];
  // Question words and fillers: a question (怎样判断是不是形式主义) is searched by what it asks about.
  var FILLERS = ["是不是", "有没有", "为什么", "怎么办", "怎么样", "怎么", "怎样", "如何", "什么", "哪些",
    "哪几", "有哪", "是谁", "一般", "具体", "应该", "可以", "还是", "就是", "我们", "他们", "自己", "有何",
    "指的是", "算是", "的话", "之间", "区别"];
  // Characters that say nothing on their own: never searched as single characters.
  var LONE_STOP = "的了是在不我你他她它们这那就都也还吗呢吧啊和与及或被把让给对为有没个一上下来去说要会能";

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function Cutter(data) {
    this.words = new Set();
    this.fold = data.fold || {};
    this.fixes = data.fixes || {};
    // One-character-off variants of the longer words: 官僚主意 → 官僚主义 (an input-method slip).
    this.near = new Map();
    var self = this;
    (data.words || []).forEach(function (w) { self.addWord(w); });
  }

  Cutter.prototype.addWord = function (w) {
    if (this.words.has(w)) return;
    this.words.add(w);
    if (w.length < 3) return;
    for (var i = 1; i < w.length; i++) {  // the first character is rarely the slip
      var key = w.slice(0, i) + "?" + w.slice(i + 1);
      var list = this.near.get(key);
      if (!list) this.near.set(key, list = []);
      list.push(w);
    }
  };

  // Lower case, simplified characters, misspellings replaced by the words they stand for.
  Cutter.prototype.normalize = function (text) {
    var out = "";
    text = String(text).toLowerCase();
    for (var i = 0; i < text.length; i++) out += this.fold[text[i]] || text[i];
    for (var wrong in this.fixes) if (out.indexOf(wrong) >= 0) out = out.split(wrong).join(this.fixes[wrong]);
    return out;
  };

  // Every known word inside a run of Han characters, and every pair of neighbouring characters.
  Cutter.prototype.cutRun = function (run, out) {
    for (var i = 0; i < run.length; i++) {
      if (i + 1 < run.length) out.push(run.slice(i, i + 2));
      for (var n = 3; n <= MAX_WORD && i + n <= run.length; n++) {
        var w = run.slice(i, i + n);
        if (this.words.has(w)) out.push(w);
      }
    }
    if (run.length === 1) out.push(run);
    return out;
  };

  // The tokens of a document's text.
  Cutter.prototype.tokens = function (text) {
    var out = [], runs = this.normalize(text).match(RUNS) || [];
    for (var r = 0; r < runs.length; r++) {
      if (HAN.test(runs[r][0])) this.cutRun(runs[r], out);
      else out.push(runs[r]);
    }
    return out;
  };

  // A query, cut three ways: words and character pairs, corrected slips, single characters.
  // Segments are the query's words (greedy longest match); a pair inside a word adds little
  // weight of its own, so that a long word does not outweigh the rest of the query.
  Cutter.prototype.query = function (text) {
    var clean = this.normalize(text);
    var meaningful = clean;
    FILLERS.forEach(function (f) { meaningful = meaningful.split(f).join(" "); });
    var runs = meaningful.match(RUNS) || [];
    if (!runs.length) runs = clean.match(RUNS) || [];
    var weights = new Map(), segments = [], slips = [], chars = [];
    function weigh(token, w, seg) {
      var old = weights.get(token);
      if (!old || old.w < w) weights.set(token, { w: w, seg: seg });
    }
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r];
      if (!HAN.test(run[0])) { segments.push(run); weigh(run, 1.6, segments.length - 1); continue; }
      var i = 0;
      while (i < run.length) {
        var n = Math.min(MAX_WORD, run.length - i), word = null;
        for (; n >= 2; n--) if (this.words.has(run.slice(i, i + n))) { word = run.slice(i, i + n); break; }
        if (!word) {  // an unknown stretch: its pairs, up to the next known word
          var j = i + 1;
          while (j < run.length - 1 && !this.startsWord(run, j)) j++;
          word = run.slice(i, Math.max(j, i + 2 <= run.length ? i + 2 : i + 1));
          if (j === run.length - 1) word = run.slice(i);
        }
        segments.push(word);
        var seg = segments.length - 1;
        if (word.length >= 3) weigh(word, 1.6, seg);
        for (var b = 0; b + 2 <= word.length; b++) weigh(word.slice(b, b + 2), word.length > 2 ? 0.35 : 1, seg);
        if (word.length === 1) { weigh(word, 1, seg); }
        for (var c = 0; c < word.length; c++) if (LONE_STOP.indexOf(word[c]) < 0) chars.push(word[c]);
        i += word.length;
      }
      // A slip: a stretch that is not a word but a known word with one character changed.
      for (var a = 0; a < run.length; a++) {
        for (var len = 3; len <= 6 && a + len <= run.length; len++) {
          var part = run.slice(a, a + len);
          if (!this.words.has(part)) this.slipsOf(part, slips);
        }
      }
      // Pairs across word boundaries still count (a little): 不归 in 不归自己管.
      for (var p = 0; p + 2 <= run.length; p++) weigh(run.slice(p, p + 2), 0.35, -1);
    }
    // The longer the corrected word, the likelier it is the one meant; a large vocabulary has
    // chance neighbours for many short stretches, and each costs a file to fetch.
    slips = unique(slips).filter(function (w) { return !weights.has(w); })
      .sort(function (x, y) { return y.length - x.length; }).slice(0, MAX_SLIPS);
    return { text: clean, runs: runs, weights: weights, terms: Array.from(weights.keys()), segments: segments,
             slips: slips, chars: unique(chars) };
  };

  Cutter.prototype.startsWord = function (run, j) {
    for (var n = 2; n <= MAX_WORD && j + n <= run.length; n++) if (this.words.has(run.slice(j, j + n))) return true;
    return false;
  };

  Cutter.prototype.slipsOf = function (part, out) {
    for (var j = 1; j < part.length; j++) {
      var found = this.near.get(part.slice(0, j) + "?" + part.slice(j + 1));
      if (found) out.push.apply(out, found);
    }
  };

  function unique(list) { return Array.from(new Set(list)); }
  function same(term) { return term; }

  // 32-bit FNV-1a over UTF-16 code units: which file of the index holds a term (shards.py).
  function fnv1a(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h;
  }

  // '0a,3.2,1 1f' → {fieldId: {doc: tf}} (shards.py encode_postings).
  function decodePostings(text) {
    var out = {};
    if (!text) return out;
    text.split(" ").forEach(function (part) {
      var docs = out[part[0]] = {}, last = 0;
      part.slice(1).split(",").forEach(function (item) {
        var dot = item.indexOf("."), n = last + parseInt(dot < 0 ? item : item.slice(0, dot), 36);
        docs[n] = dot < 0 ? 1 : parseInt(item.slice(dot + 1), 36);
        last = n;
      });
    });
    return out;
  }

  // Field lengths, one number after another (shards.py encode_number): digits below 64 end a
  // number, higher ones carry its higher part in base 27.
  var DIGITS = "";
  for (var code = 35; code < 127; code++) if (code !== 92) DIGITS += String.fromCharCode(code);
  function decodeLengths(text, width) {
    var rows = [], row = [], high = 0, carried = false;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text[i]);
      if (d >= 64) { high = high * 27 + d - 64; carried = true; continue; }
      row.push(carried ? 64 + high * 64 + d : d);
      high = 0; carried = false;
      if (row.length === width) { rows.push(row); row = []; }
    }
    return rows;
  }

  // The engine over the index the build has finished and cut into files (search/kb/…, shards.py).
  // load(addresses) runs those files (importScripts in the worker, the file system in Node); each
  // file hands its part to accept(). A query fetches the files of its own characters (to cut itself),
  // then those of its terms, then those of the results it shows: nothing else.
  function Engine(base, MiniSearch, load) {
    this.base = base;
    this.MiniSearch = MiniSearch;
    this.load = load;
    this.cutter = new Cutter({ words: [], fold: base.fold, fixes: {} });
    this.kinds = base.kinds;
    this.boost = base.fields;
    var letters = {};
    Object.keys(base.kindLetters).forEach(function (kind) { letters[base.kindLetters[kind]] = kind; });
    this.kindOf = function (n) { return letters[base.kindOf[n]]; };
    this.parts = {
      heads: { fields: base.heads.fields, average: base.heads.average, lengths: decodeLengths(base.heads.lengths, 2) },
      body: { fields: base.body.fields, average: base.body.average, lengths: decodeLengths(base.body.lengths, 2) }
    };
    this.have = { w: {}, t: {}, d: {}, f: {}, l: {} };
    this.lists = null;          // what a reader can narrow to: {areas, types, families}
    this.postings = new Map();  // term → [heads, body], still encoded
    this.names = new Map();     // a page's name → its documents
    this.docs = [];             // document → what its result shows
    this.facetsOf = null;       // document → [areas, types, families]
    this.fetched = [];          // addresses fetched, in order (kb bench and the tests count them)
  }

  Engine.prototype.accept = function (kind, key, data) {
    var self = this;
    this.have[kind][key] = true;
    if (kind === "w") {
      var words = data.w ? data.w.split(" ") : [];
      words.forEach(function (w) { self.cutter.addWord(w); });
      Object.keys(data.n).forEach(function (name) { self.names.set(name, data.n[name]); });
      Object.keys(data.x).forEach(function (wrong) { self.cutter.fixes[wrong] = data.x[wrong]; });
    } else if (kind === "t") {
      data.forEach(function (row) { self.postings.set(row[0], [row[1], row[2]]); });
    } else if (kind === "d") {
      var first = key * this.base.shards.d;
      data.forEach(function (row, i) { self.docs[first + i] = { u: row[0], t: row[1], tags: row[2], s: row[3] }; });
    } else if (kind === "f") {
      // 'a.b/c/d' per document: positions in the lists of areas, types and families
      this.facetsOf = data.split(",").map(function (doc) {
        return doc.split("/").map(function (part) { return part ? part.split(".").map(function (v) { return parseInt(v, 36); }) : []; });
      });
    } else if (kind === "l") {
      this.lists = data;
    }
  };

  // Fetch the files of some kind that are not in yet.
  Engine.prototype.ensure = function (kind, keys) {
    var have = this.have[kind], missing = unique(keys).filter(function (k) { return !have[k]; });
    if (!missing.length) return Promise.resolve();
    var addresses = missing.map(function (k) { return kind === "f" || kind === "l" ? "search/kb/" + kind + ".js" : "search/kb/" + kind + "/" + k + ".js"; });
    this.fetched.push.apply(this.fetched, addresses);
    return Promise.resolve(this.load(addresses));
  };

  Engine.prototype.wordKey = function (c) { return fnv1a(c) % this.base.shards.w; };
  Engine.prototype.termKey = function (term) { return fnv1a(term) % this.base.shards.t; };

  // Everything a query needs to be cut and ranked: the word files of its characters (again if a
  // corrected misspelling brings new ones), then the postings of its terms and corrected slips.
  Engine.prototype.prepare = function (query, filters) {
    var self = this, tries = 0;
    function words() {
      var text = self.cutter.normalize(query), keys = [];
      for (var i = 0; i < text.length; i++) if (/\S/.test(text[i])) keys.push(self.wordKey(text[i]));
      keys = unique(keys).filter(function (k) { return !self.have.w[k]; });
      if (!keys.length || tries++ > 3) return Promise.resolve();
      return self.ensure("w", keys).then(words);
    }
    return words().then(function () {
      var q = self.cutter.query(query);
      var terms = q.terms.concat(q.slips);
      var needs = [self.ensure("t", terms.map(function (t) { return self.termKey(t); }))];
      if (filters && (filters.area || filters.type || filters.family)) needs.push(self.ensure("f", [0]), self.ensure("l", [0]));
      return Promise.all(needs).then(function () { return q; });
    });
  };

  // A MiniSearch index holding just these terms, with the document statistics of the whole
  // index, so that each term scores as it does on the full index.
  Engine.prototype._index = function (part, terms, keyOf) {
    var spec = this.parts[part], slot = part === "heads" ? 0 : 1, index = [], docs = {}, self = this;
    terms.forEach(function (term) {
      var row = self.postings.get(keyOf(term));
      if (!row || !row[slot]) return;
      var data = decodePostings(row[slot]);
      Object.keys(data).forEach(function (fid) { Object.keys(data[fid]).forEach(function (n) { docs[n] = true; }); });
      index.push([term, data]);
    });
    var documentIds = {}, fieldLength = {};
    Object.keys(docs).forEach(function (n) { documentIds[n] = +n; fieldLength[n] = spec.lengths[n]; });
    var fieldIds = {};
    spec.fields.forEach(function (f, i) { fieldIds[f] = i; });
    return this.MiniSearch.loadJS({
      documentCount: this.base.count, nextId: this.base.count, documentIds: documentIds, fieldIds: fieldIds,
      fieldLength: fieldLength, averageFieldLength: spec.average, storedFields: {}, dirtCount: 0,
      index: index, serializationVersion: 2
    }, { fields: spec.fields, idField: "n", processTerm: same,
         searchOptions: { tokenize: function (term) { return [term]; }, processTerm: same } });
  };

  // One pass of MiniSearch over some query terms, each with its weight. keyOf: where a term's
  // postings are kept (a single character's are under '#' + the character, names and keywords only).
  Engine.prototype._run = function (terms, weightOf, filter, keyOf) {
    if (!terms.length) return [];
    keyOf = keyOf || function (t) { return t; };
    var self = this;
    var options = {
      boost: this.boost,
      boostTerm: function (term) { return weightOf(term); },
      boostDocument: function (n) { return self.kinds[self.kindOf(n)] || 0.5; },
      filter: filter
    };
    var query = { queries: terms, combineWith: "OR" }, byId = new Map();
    ["heads", "body"].forEach(function (part) {
      self._index(part, terms, keyOf).search(query, options).forEach(function (r) {
        var seen = byId.get(r.id);
        if (!seen) byId.set(r.id, { id: r.id, score: r.score, terms: r.terms.slice() });
        else { seen.score += r.score; seen.terms = unique(seen.terms.concat(r.terms)); }
      });
    });
    return Array.from(byId.values());
  };

  // Narrowing: filters hold ids ({area, type, family}); documents hold positions in the lists.
  Engine.prototype._filter = function (filters) {
    if (!filters || (!filters.area && !filters.type && !filters.family) || !this.facetsOf || !this.lists) return undefined;
    var of = this.facetsOf, lists = this.lists;
    var wanted = [["areas", filters.area], ["types", filters.type], ["families", filters.family]].map(function (spec) {
      if (!spec[1]) return -1;
      for (var i = 0; i < lists[spec[0]].length; i++) if (lists[spec[0]][i][0] === spec[1]) return i;
      return -2;  // an id the index does not know: nothing matches
    });
    return function (result) {
      var f = of[result.id];
      return wanted.every(function (w, i) { return w === -1 || f[i].indexOf(w) >= 0; });
    };
  };

  // The lists a reader can narrow to.
  Engine.prototype.narrowing = function () {
    var self = this;
    return this.ensure("l", [0]).then(function () { return self.lists; });
  };

  // What a question asks for: causes (为什么), measures (怎么办), a definition (什么是).
  var INTENTS = [
    [/为什么|为何|原因|根源|成因|根子/, { cause: 1.5, type: 1.4 }],
    [/怎么办|怎么解决|如何|怎样|怎么治|怎么做|治理|整改|措施|办法|对策/, { countermeasure: 1.4 }],
    [/什么是|是什么|指的是|什么叫|含义|意思|区别/, { term: 1.8 }]
  ];

  // Ranked hits for a query: [{n, score, matched, how}], best first (a promise: the files it needs
  // are fetched first).
  Engine.prototype.rank = function (query, filters) {
    var self = this;
    // A whole document pasted into the box is searched by its beginning: a query fetches files for
    // each of its characters and terms, and no reader's question is this long.
    query = String(query).slice(0, MAX_QUERY);
    return this.prepare(query, filters).then(function (q) {
      if (!q.runs.length) return { query: q, hits: [], how: "none" };
      var filter = self._filter(filters), scores = new Map(), matched = new Map();
      function add(results, show) {
        results.forEach(function (r) {
          scores.set(r.id, (scores.get(r.id) || 0) + r.score);
          var m = matched.get(r.id) || new Set();
          r.terms.forEach(function (t) { m.add(show ? show(t) : t); });
          matched.set(r.id, m);
        });
      }
      add(self._run(q.terms, function (t) { return q.weights.get(t).w; }, filter));
      var slips = q.slips.filter(function (w) { return !q.weights.has(w); });
      add(self._run(slips, function () { return 1.2; }, filter));
      if (scores.size || !q.chars.length) return self._hits(q, scores, matched, "words");
      // The last resort: single characters of the query, in the names and keywords of pages.
      var key = function (c) { return "#" + c; };
      return self.ensure("t", q.chars.map(function (c) { return self.termKey(key(c)); })).then(function () {
        add(self._run(q.chars, function () { return 1; }, filter, key));
        return self._hits(q, scores, matched, "chars");
      });
    });
  };

  Engine.prototype._hits = function (q, scores, matched, how) {
    var intent = {}, self = this;
    INTENTS.forEach(function (rule) { if (rule[0].test(q.text)) Object.assign(intent, rule[1]); });
    var hits = [], named = q.text.replace(/\s+/g, ""), namesPage = this.names.get(named) || [];
    scores.forEach(function (score, n) {
      var m = matched.get(n);
      // Pages that match more of the query's words rank first.
      var covered = new Set();
      m.forEach(function (t) { var w = q.weights.get(t); if (w && w.seg >= 0) covered.add(w.seg); });
      if (how === "words") score *= 0.3 + covered.size / Math.max(1, q.segments.length);
      score *= intent[self.kindOf(n)] || 1;
      // A query that names the page (its id, title or another name) puts it first.
      var named_ = namesPage.indexOf(n) >= 0;
      if (named_) score *= 4;
      hits.push({ n: n, score: score, matched: Array.from(m), how: how, covered: covered.size, named: named_ });
    });
    // An entry answers before a glossary term, a source document or a guide page found by the same
    // words, unless the query names that page or asks for a definition (什么是…).
    var best = [];  // best[c]: the highest entry score among entries covering at least c words
    hits.forEach(function (h) {
      if (ENTRY_KINDS.indexOf(self.kindOf(h.n)) < 0) return;
      for (var c = 0; c <= h.covered; c++) best[c] = Math.max(best[c] || 0, h.score);
    });
    hits.forEach(function (h) {
      var kind = self.kindOf(h.n);
      if (ENTRY_KINDS.indexOf(kind) >= 0 || h.named || intent[kind]) return;
      var above = best[h.covered];
      if (above && h.score >= above) h.score = above * 0.999;
    });
    hits.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
    return { query: q, hits: hits, how: how };
  };

  // What a reader sees: the theme's result format (a list of groups of one page each), for the
  // best `limit` hits. ranked: a rank() answer to reuse (the worker answers the first ten, then more).
  Engine.prototype.search = function (query, filters, limit, ranked) {
    var self = this;
    return (ranked ? Promise.resolve(ranked) : this.rank(query, filters)).then(function (ranked) {
      var hits = ranked.hits.slice(0, limit || 50), size = self.base.shards.d;
      return self.ensure("d", hits.map(function (hit) { return Math.floor(hit.n / size); })).then(function () {
        var items = hits.map(function (hit) { return self.item(hit); });
        if (!items.length && ranked.query.runs.length) items = self.entryPoints(query);
        return { items: items, total: ranked.hits.length, ranked: ranked, suggest: self.suggest(ranked) };
      });
    });
  };

  Engine.prototype.item = function (hit) {
    var doc = this.docs[hit.n], words = hit.matched.filter(function (t) { return t.length > 1 || hit.how === "chars"; });
    words = words.filter(function (w) { return !words.some(function (o) { return o !== w && o.indexOf(w) >= 0; }); });
    var text = escapeHtml(doc.s || "");
    words.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (w) {
      text = text.split(escapeHtml(w)).join("<mark>" + escapeHtml(w) + "</mark>");
    });
    var said = hit.how === "chars" ? "只匹配到单字：" : "匹配：";
    if (words.length) text += '<small class="kb-search-matched">' + said + escapeHtml(words.slice(0, 6).join("、")) + "</small>";
    var terms = {};
    words.forEach(function (w) { terms[w] = true; });
    // The theme writes title, text and tags as HTML: catalogue text is escaped here. It shows no
    // text for a result that is a place inside a page (a glossary term: glossary/#…), so there
    // the text goes under the title.
    var title = escapeHtml(doc.t);
    if (doc.u.indexOf("#") >= 0 && text) title += '<span class="kb-search-definition">' + text + "</span>";
    return [{ location: doc.u, title: title, text: text, tags: doc.tags.map(escapeHtml),
              score: hit.score, terms: terms }];
  };

  // The theme's search.suggest: the best result's title, when it continues the last word typed
  // (the theme shows it behind the box; → accepts it).
  Engine.prototype.suggest = function (ranked) {
    var best = ranked.hits[0], words = ranked.query.text.split(/[\s-]+/), last = words[words.length - 1];
    if (!best || !last || !this.docs[best.n]) return undefined;
    var title = this.cutter.normalize(this.docs[best.n].t);
    return title.indexOf(last) === 0 && title !== last ? [title] : undefined;
  };

  // Nothing sensible matched: say so, and offer the ways into the catalogue.
  Engine.prototype.entryPoints = function (query) {
    var note = "没有找到与“" + escapeHtml(query) + "”相符的条目。可以换个说法，或从这里查找：";
    var entry = this.base.entry || { areas: "areas/", types: "types/", matrix: "matrix/" };
    return [
      [entry.areas, "按治理领域查找"], [entry.types, "按表现类型查找"], [entry.matrix, "领域 × 类型矩阵"]
    ].map(function (entry, i) {
      return [{ location: entry[0], title: entry[1], text: i === 0 ? note : "", tags: ["入口"], score: 0, terms: {} }];
    });
  };

  return { Cutter: Cutter, Engine: Engine, escapeHtml: escapeHtml, fnv1a: fnv1a, decodePostings: decodePostings,
           decodeLengths: decodeLengths };
});
