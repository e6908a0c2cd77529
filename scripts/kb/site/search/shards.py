"""The search index, finished at build time and cut into small files that the browser fetches
only as a query needs them.

The browser used to receive every document's text and build its MiniSearch index itself: at
5,000 problems that was 28 MB to fetch and half a minute of work before the full text answered.
Here the build cuts every document (cutter.py, the browser's own rules), counts its terms and
writes MiniSearch's own serialized form, split by term:

- search/kb/base.js       what every query needs: document count and kinds, field lengths, the
                          traditional → simplified table, the lists for narrowing;
- search/kb/w/N.js        the word list, the page names and the misspellings, by first character
                          (a query fetches the files of its own characters to cut itself);
- search/kb/t/N.js        the postings, by term (a query fetches the files of its terms);
- search/kb/d/N.js        what a result shows (address, title, tags, summary), by document;
- search/kb/l.js          the areas, types and families a reader can narrow to (after the first answer);
- search/kb/f.js          each document's areas, types and families, fetched when a reader narrows.

The browser loads the postings of a query's terms into MiniSearch (MiniSearch.loadJS) with the
document statistics of the whole index, so a query scores exactly as it would on the full index.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kb.site.search.cutter import Cutter

FORMAT = 2
BASE_URI = "search/kb/base.js"
FACETS_URI = "search/kb/f.js"
LISTS_URI = "search/kb/l.js"
PREFIX = "search/kb/"
# Target sizes of one file: small enough that a query fetches little, large enough to keep the
# number of files (and of requests) modest.
TERM_SHARD_BYTES = 1_500
WORD_SHARD_BYTES = 6_000
DOCS_PER_CHUNK = 8
# Single characters that say nothing alone (the browser never searches them as characters).
LONE_STOP = "的了是在不我你他她它们这那就都也还吗呢吧啊和与及或被把让给对为有没个一上下来去说要会能"
HEAD_FIELDS = ("name", "kw")
BODY_FIELDS = ("src", "body")
KIND_LETTERS = {"problem": "p", "cause": "c", "countermeasure": "m", "area": "a", "type": "y", "term": "g",
                "source": "s", "retired": "r", "page": "h"}


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-16 code units, as engine.js computes it."""
    h = 2166136261
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 16777619) & 0xFFFFFFFF
    return h


@dataclass
class Index:
    """One MiniSearch index over some fields: its statistics and postings, as MiniSearch keeps them."""
    fields: tuple[str, ...]
    lengths: list[list[int]] = field(default_factory=list)  # per document, per field: distinct terms
    average: list[float] = field(default_factory=list)
    # per field: term → [(document, term frequency), …] in document order
    postings: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)

    def __post_init__(self):
        self.postings = [defaultdict(list) for _ in self.fields]
        self.average = [0] * len(self.fields)

    def add(self, n: int, texts: list[str], cutter: Cutter) -> None:
        row = []
        for fid, text in enumerate(texts):
            counts = Counter(cutter.tokens(text))
            row.append(len(counts))
            # MiniSearch's running mean, step for step, so the figures match its own to the last bit
            self.average[fid] = (self.average[fid] * n + len(counts)) / (n + 1)
            postings = self.postings[fid]
            for term, tf in counts.items():
                postings[term].append((n, tf))
        self.lengths.append(row)

    def terms(self) -> set[str]:
        return {t for postings in self.postings for t in postings}

    def of(self, term: str) -> list[tuple[int, list[tuple[int, int]]]]:
        return [(fid, postings[term]) for fid, postings in enumerate(self.postings) if term in postings]


_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36(n: int) -> str:
    if n < 36:
        return _DIGITS36[n]
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = _DIGITS36[r] + out
    return out


_SMALL36 = [_b36(n) for n in range(36 ** 3)]  # the gaps between documents are mostly small


def encode_postings(by_field: list[tuple[int, list[tuple[int, int]]]]) -> str:
    """'0a,3.2,1 1f': per field, its id, then each document as the gap from the previous one
    (base 36), with '.tf' when the term occurs more than once."""
    parts = []
    small = _SMALL36
    for fid, docs in by_field:
        last, items = 0, []
        for n, tf in docs:
            gap = n - last
            item = small[gap] if gap < 46656 else _b36(gap)
            items.append(item if tf == 1 else item + "." + (small[tf] if tf < 46656 else _b36(tf)))
            last = n
        parts.append(str(fid) + ",".join(items))
    return " ".join(parts)


# Field lengths: one number after another, each in printable ASCII without quote or backslash.
# Digits below 64 end a number; digits from 64 (27 of them) carry its higher part, base 27.
DIGITS = "".join(chr(c) for c in range(35, 127) if chr(c) != "\\")[:91]


def encode_number(v: int) -> str:
    if v < 64:
        return DIGITS[v]
    high, low = divmod(v - 64, 64)
    carry = ""
    while True:
        high, d = divmod(high, 27)
        carry = DIGITS[64 + d] + carry
        if not high:
            break
    return carry + DIGITS[low]


def encode_lengths(rows: list[list[int]]) -> str:
    """Field lengths of every document, all in one string (about one character a number)."""
    return "".join(encode_number(v) for row in rows for v in row)


def _json(data) -> str:
    # Inside a script: "</" must not close it.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _script(kind: str, key, data) -> str:
    return f"self.kbShard({json.dumps(kind)},{json.dumps(key)},{_json(data)});\n"


def _count(total: int, per_file: int) -> int:
    return max(1, -(-total // per_file))


def char_counts(cutter: Cutter, texts: list[str]) -> list[Counter]:
    """Han characters of each text (the last resort of a query that matches no pair)."""
    out = []
    for text in texts:
        clean = cutter.normalize(text)
        out.append(Counter(c for c in clean if "\u4e00" <= c <= "\u9fff" and c not in LONE_STOP))
    return out


def build(data: dict) -> dict[str, str]:
    """Every file of the search index, by site address. data: index_file.index_data()."""
    docs = data["docs"]
    cutter = Cutter(data["words"], data["fold"], data["fixes"])
    heads, body = Index(HEAD_FIELDS), Index(BODY_FIELDS)
    chars = Index(HEAD_FIELDS)  # single characters, in names and keywords only
    for n, doc in enumerate(docs):
        texts = [doc["f"][f] for f in HEAD_FIELDS]
        heads.add(n, texts, cutter)
        body.add(n, [doc["f"][f] for f in BODY_FIELDS], cutter)
        for fid, counts in enumerate(char_counts(cutter, texts)):
            for c, tf in counts.items():
                chars.postings[fid][c].append((n, tf))
    files, n_terms = _term_files(heads, body, chars)
    word_files, n_words = _word_files(data, cutter)
    files.update(word_files)
    files.update(_result_files(docs))
    files.update(_facet_files(data))
    base = {
        "format": FORMAT, "count": len(docs), "fields": data["fields"], "kinds": data["kinds"],
        "kindLetters": KIND_LETTERS, "kindOf": "".join(KIND_LETTERS[d["k"]] for d in docs),
        "fold": data["fold"], "entry": data["entry"],
        "shards": {"t": n_terms, "w": n_words, "d": DOCS_PER_CHUNK},
        "heads": {"fields": list(HEAD_FIELDS), "average": heads.average, "lengths": encode_lengths(heads.lengths)},
        "body": {"fields": list(BODY_FIELDS), "average": body.average, "lengths": encode_lengths(body.lengths)},
    }
    files[BASE_URI] = f"self.kbBase={_json(base)};\n"
    return files


def _term_files(heads: Index, body: Index, chars: Index) -> tuple[dict[str, str], int]:
    """Postings of every term of either index, and '#' + character for the single characters,
    spread over files by the term's hash."""
    entries: dict[str, list[str]] = {}
    for term in heads.terms() | body.terms():
        entries[term] = [term, encode_postings(heads.of(term)), encode_postings(body.of(term))]
    for c in chars.terms():
        entries["#" + c] = ["#" + c, encode_postings(chars.of(c)), ""]
    total = sum(len(e[0]) * 3 + len(e[1]) + len(e[2]) + 8 for e in entries.values())
    count = _count(total, TERM_SHARD_BYTES)
    shards: dict[int, list] = {}
    for key in sorted(entries):
        shards.setdefault(fnv1a(key) % count, []).append(entries[key])
    # every file exists, empty or not: the browser asks for it by number
    return {f"{PREFIX}t/{k}.js": _script("t", k, shards.get(k, [])) for k in range(count)}, count


def _word_files(data: dict, cutter: Cutter) -> tuple[dict[str, str], int]:
    """Words, page names and misspellings, spread over files by their first character."""
    names: dict[str, list[int]] = {}
    for n, doc in enumerate(data["docs"]):
        for line in (doc["f"]["name"] + "\n" + doc["f"]["kw"]).split("\n"):
            name = cutter.normalize(line).strip()
            if name and not any(ch.isspace() for ch in name) and n not in names.setdefault(name, []):
                names[name].append(n)
    total = sum(len(w) * 3 + 1 for w in data["words"]) + sum(len(k) * 3 + 12 for k in names)
    count = _count(total, WORD_SHARD_BYTES)
    shards = [{"w": [], "n": {}, "x": {}} for _ in range(count)]

    def shard_of(text: str) -> dict:
        return shards[fnv1a(text[0]) % count]

    for w in data["words"]:
        shard_of(w)["w"].append(w)
    for name, ns in names.items():
        shard_of(name)["n"][name] = ns
    for wrong, right in data["fixes"].items():
        shard_of(wrong)["x"][wrong] = right
    return {f"{PREFIX}w/{k}.js": _script("w", k, dict(shard, w=" ".join(shard["w"])))
            for k, shard in enumerate(shards)}, count


def _result_files(docs: list[dict]) -> dict[str, str]:
    """What a result shows, in chunks of documents."""
    return {f"{PREFIX}d/{start // DOCS_PER_CHUNK}.js":
            _script("d", start // DOCS_PER_CHUNK, [[d["u"], d["t"], d["tags"], d["s"]] for d in docs[start:start + DOCS_PER_CHUNK]])
            for start in range(0, len(docs), DOCS_PER_CHUNK)}


def _facet_files(data: dict) -> dict[str, str]:
    """The lists a reader narrows by, and each document's areas, types and families as positions in them."""
    position = {key: {fid: i for i, (fid, _) in enumerate(data["facets"][key])} for key in ("areas", "types", "families")}
    per_doc = ",".join("/".join(".".join(_b36(position[key][v]) for v in d[field] if v in position[key])
                                for key, field in (("areas", "a"), ("types", "y"), ("families", "m")))
                       for d in data["docs"])
    return {FACETS_URI: _script("f", 0, per_doc), LISTS_URI: _script("l", 0, data["facets"])}
