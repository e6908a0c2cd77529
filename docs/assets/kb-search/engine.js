// The knowledge base's search engine: cutting Chinese text, ranking, results in the theme's format.
// The same code cuts the documents (when the worker builds its index) and the reader's query, so
// both are cut alike. The engine core (BM25+ ranking, field weights) is MiniSearch.
// Works in a worker, in the file:// iframe that stands in for one, and in Node (the tests).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.KbSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var HAN = /[\u4e00-\u9fff]/;
  var RUNS = /[\u4e00-\u9fff]+|[a-z0-9]+/g;
  var MAX_WORD = 8;
  // Fields indexed after the first answer (they arrive in search/kb-body.js).
  var LATER = ["src", "body"];
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
    this.words = new Set(data.words);
    this.fold = data.fold || {};
    this.fixes = data.fixes || {};
    // One-character-off variants of the longer words: 官僚主意 → 官僚主义 (an input-method slip).
    this.near = new Map();
    var self = this;
    data.words.forEach(function (w) {
      if (w.length < 3) return;
      for (var i = 1; i < w.length; i++) {  // the first character is rarely the slip
        var key = w.slice(0, i) + "?" + w.slice(i + 1);
        var list = self.near.get(key);
        if (!list) self.near.set(key, list = []);
        list.push(w);
      }
    });
  }

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
    return { text: clean, runs: runs, weights: weights, terms: Array.from(weights.keys()), segments: segments,
             slips: unique(slips), chars: unique(chars) };
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

  function Engine(data, MiniSearch) {
    var cutter = this.cutter = new Cutter(data);
    this.data = data;
    this.kinds = data.kinds;
    var fields = Object.keys(data.fields);
    this.fields = fields;
    this.boost = data.fields;
    // Two indexes: the short fields (names, keywords, source headlines) are built first and answer
    // at once; the running text follows in slices (buildBody) and then joins every answer.
    var options = function (fields) {
      return {
        fields: fields,
        idField: "n",
        extractField: function (doc, field) { return field === "n" ? doc.n : doc.f[field]; },
        tokenize: function (text) { return cutter.tokens(text); },
        processTerm: function (term) { return term; },
        searchOptions: { tokenize: function (t) { return [t]; }, processTerm: function (t) { return t; } }
      };
    };
    this.heads = new MiniSearch(options(fields.filter(function (f) { return LATER.indexOf(f) < 0; })));
    this.body = new MiniSearch(options(LATER));
    this.bodyReady = false;
    this.docs = data.docs.map(function (doc, n) { doc.n = n; return doc; });
    this.names = this.docs.map(function (doc) {
      return (doc.f.name + "\n" + doc.f.kw).split("\n").map(function (s) { return cutter.normalize(s).trim(); }).filter(Boolean);
    });
  }

  // Everything at once (the tests); the worker calls buildHeads, then buildBody.
  Engine.prototype.build = function () {
    this.buildHeads();
    this.body.addAll(this.docs);
    this.bodyReady = true;
    return this;
  };

  Engine.prototype.buildHeads = function () { this.heads.addAll(this.docs); return this; };

  // The rest of each document, in document order (search/kb-body.js): its source headlines,
  // running text and summary.
  Engine.prototype.addBody = function (rest) {
    this.docs.forEach(function (doc, n) {
      var r = rest[n] || [];
      doc.f.src = r[0] || "";
      doc.f.body = r[1] || "";
      doc.s = r[2] || "";
    });
  };

  // The running text in chunks, yielding between them so that queries are answered meanwhile.
  Engine.prototype.buildBody = function () {
    var self = this;
    return this.body.addAllAsync(this.docs, { chunkSize: 25 }).then(function () { self.bodyReady = true; });
  };

  // One pass of MiniSearch over some query terms, each with its weight.
  Engine.prototype._run = function (terms, weightOf, filter, prefix) {
    if (!terms.length) return [];
    var self = this;
    var options = {
      boost: this.boost,
      prefix: !!prefix,
      boostTerm: function (term) { return weightOf(term); },
      boostDocument: function (n) { return self.kinds[self.docs[n].k] || 0.5; },
      filter: filter
    };
    var query = { queries: terms, combineWith: "OR" };
    var found = this.heads.search(query, options);
    if (!this.bodyReady) return found;
    var byId = new Map();
    found.concat(this.body.search(query, options)).forEach(function (r) {
      var seen = byId.get(r.id);
      if (!seen) byId.set(r.id, { id: r.id, score: r.score, terms: r.terms.slice() });
      else { seen.score += r.score; seen.terms = unique(seen.terms.concat(r.terms)); }
    });
    return Array.from(byId.values());
  };

  Engine.prototype._filter = function (filters) {
    if (!filters || (!filters.area && !filters.type)) return undefined;
    var docs = this.docs;
    return function (result) {
      var doc = docs[result.id];
      return (!filters.area || doc.a.indexOf(filters.area) >= 0) && (!filters.type || doc.y.indexOf(filters.type) >= 0);
    };
  };

  // What a question asks for: causes (为什么), measures (怎么办), a definition (什么是).
  var INTENTS = [
    [/为什么|为何|原因|根源|成因|根子/, { cause: 1.5, type: 1.4 }],
    [/怎么办|怎么解决|如何|怎样|怎么治|怎么做|治理|整改|措施|办法|对策/, { countermeasure: 1.4 }],
    [/什么是|是什么|指的是|什么叫|含义|意思|区别/, { term: 1.8 }]
  ];

  // Ranked hits for a query: [{doc, score, matched, how}], best first.
  Engine.prototype.rank = function (query, filters) {
    var q = this.cutter.query(query), filter = this._filter(filters), how = "words";
    if (!q.runs.length) return { query: q, hits: [], how: "none" };
    var scores = new Map(), matched = new Map(), self = this;
    function add(results) {
      results.forEach(function (r) {
        scores.set(r.id, (scores.get(r.id) || 0) + r.score);
        var m = matched.get(r.id) || new Set();
        r.terms.forEach(function (t) { m.add(t); });
        matched.set(r.id, m);
      });
    }
    add(this._run(q.terms, function (t) { return q.weights.get(t).w; }, filter));
    var slips = q.slips.filter(function (w) { return !q.weights.has(w); });
    add(this._run(slips, function () { return 1.2; }, filter));
    if (!scores.size) { how = "chars"; add(this._run(q.chars, function () { return 1; }, filter, true)); }
    var intent = {};
    INTENTS.forEach(function (rule) { if (rule[0].test(q.text)) Object.assign(intent, rule[1]); });
    var hits = [], named = q.text.replace(/\s+/g, "");
    scores.forEach(function (score, n) {
      var doc = self.docs[n], m = matched.get(n);
      // Pages that match more of the query's words rank first.
      var covered = new Set();
      m.forEach(function (t) { var w = q.weights.get(t); if (w && w.seg >= 0) covered.add(w.seg); });
      if (how === "words") score *= 0.3 + covered.size / Math.max(1, q.segments.length);
      score *= intent[doc.k] || 1;
      // A query that names the page (its id, title or another name) puts it first.
      if (self.names[n].indexOf(named) >= 0) score *= 4;
      hits.push({ doc: doc, score: score, matched: Array.from(m), how: how });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return { query: q, hits: hits, how: how };
  };

  // What a reader sees: the theme's result format (a list of groups of one page each).
  Engine.prototype.search = function (query, filters, limit) {
    var ranked = this.rank(query, filters), items = [];
    ranked.hits.slice(0, limit || 50).forEach(function (hit) {
      var doc = hit.doc, words = hit.matched.filter(function (t) { return t.length > 1 || hit.how === "chars"; });
      words = words.filter(function (w) { return !words.some(function (o) { return o !== w && o.indexOf(w) >= 0; }); });
      var text = escapeHtml(doc.s || "");
      words.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (w) {
        text = text.split(escapeHtml(w)).join("<mark>" + escapeHtml(w) + "</mark>");
      });
      var said = hit.how === "chars" ? "只匹配到单字：" : "匹配：";
      text += '<small class="kb-search-matched">' + said + escapeHtml(words.slice(0, 6).join("、")) + "</small>";
      var terms = {};
      words.forEach(function (w) { terms[w] = true; });
      // The theme writes title, text and tags as HTML: catalogue text is escaped here.
      items.push([{ location: doc.u, title: escapeHtml(doc.t), text: text, tags: doc.tags.map(escapeHtml),
                    score: hit.score, terms: terms }]);
    });
    if (!items.length && ranked.query.runs.length) items = this.entryPoints(query);
    return { items: items };
  };

  // Nothing sensible matched: say so, and offer the ways into the catalogue.
  Engine.prototype.entryPoints = function (query) {
    var note = "没有找到与“" + escapeHtml(query) + "”相符的条目。可以换个说法，或从这里查找：";
    var entry = this.data.entry || { areas: "areas/", types: "types/", matrix: "matrix/" };
    return [
      [entry.areas, "按治理领域查找"], [entry.types, "按表现类型查找"], [entry.matrix, "领域 × 类型矩阵"]
    ].map(function (entry, i) {
      return [{ location: entry[0], title: entry[1], text: i === 0 ? note : "", tags: ["入口"], score: 0, terms: {} }];
    });
  };

  return { Cutter: Cutter, Engine: Engine, escapeHtml: escapeHtml };
});
