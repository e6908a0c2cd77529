"""The site's search index: search/kb-index.js, written at build time from the resolved catalogue.

It holds the documents (documents.py), the word list the browser cuts text with (the words jieba
finds in the catalogue, with the catalogue's own terms kept whole), the traditional → simplified
table for the characters the catalogue uses, and each misspelling with the word it stands for.
shards.py finishes the index from these and cuts it into the small files the browser fetches (as
scripts, so that the worker loads them with importScripts, which also works in the file://
bundle). Material's own search_index.json becomes a stub: the theme still fetches it, and its
hand-written pages are the only thing taken from it.
"""
from __future__ import annotations

import json
import logging
import re
import warnings

from kb.core.graph import Catalogue
from kb.site.search.documents import FIELDS, KINDS, READER_PAGES, _location, documents
from kb.site.search import shards
from kb.site.search.query_fold import fold_table
from kb.site.search.userdict import words as dictionary_words

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_TAGS = re.compile(r"<[^>]+>")


def _jieba():
    with warnings.catch_warnings():  # jieba imports pkg_resources, which warns on every import
        warnings.simplefilter("ignore")
        import jieba
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


def own_words(cat: Catalogue) -> list[str]:
    """The catalogue's own terms and names, which the cutting keeps whole."""
    own = dictionary_words(cat)
    for p in cat.active_problems:
        own += [a for a in p.aliases if HAN_WORD.match(a)]
    for table in (cat.causes, cat.measures):
        own += [a for e in table.values() for a in e.aliases if HAN_WORD.match(a)]
    return own


def words_in(texts: list[str], own: list[str]) -> set[str]:
    """The words jieba finds in these texts, with the catalogue's own words kept whole. The slowest
    step of the search index: the plugin runs it for the entries in a second process (vocabulary_job)."""
    jieba = _jieba()
    tokenizer = jieba.Tokenizer()
    for word in own:
        tokenizer.add_word(word)
    found: set[str] = set()
    for text in texts:
        for run in HAN_RUN.findall(text):
            found.update(w for w in tokenizer.cut_for_search(run) if HAN_WORD.match(w))
    return found


def document_texts(docs: list[dict]) -> list[str]:
    return [text for doc in docs for text in doc["f"].values() if text]


def vocabulary(cat: Catalogue, docs: list[dict], entry_words: set[str] | None = None) -> list[str]:
    """The words of the catalogue as jieba cuts them, with the catalogue's terms kept whole.
    entry_words: the words of the entry documents, when they were cut already (in the background);
    then only the hand-written reader pages are cut here."""
    own = own_words(cat)
    if entry_words is None:
        found = words_in(document_texts(docs), own)
    else:
        found = entry_words | words_in(document_texts([d for d in docs if d["k"] == "page"]), own)
    return sorted(found | set(own))


def _nearest(wrong: str, texts: list[str]) -> str:
    """The stretch of the entry's own text that the misspelling stands for: same length, fewest
    characters different (a homophone typed by the input method changes one or two)."""
    best, best_diff = "", len(wrong)
    limit = max(1, len(wrong) // 2)
    for text in texts:
        for i in range(len(text) - len(wrong) + 1):
            part = text[i:i + len(wrong)]
            diff = sum(a != b for a, b in zip(part, wrong))
            if 0 < diff <= limit and diff < best_diff:
                best, best_diff = part, diff
    return best


def misspelling_fixes(cat: Catalogue) -> dict[str, str]:
    fixes = {}
    for p in cat.active_problems:
        texts = [*p.keywords, *p.aliases, p.title, p.summary, *p.symptoms]
        for wrong in p.misspellings:
            fixes[wrong] = _nearest(wrong, texts) or p.title
    return fixes


def reader_pages(material_index: dict | None) -> dict[str, tuple[str, str]]:
    """The hand-written reader pages as Material's index holds them: location → (title, text)."""
    out = {}
    for doc in (material_index or {}).get("docs", []):
        location = doc["location"]
        if "#" in location or location.rstrip("/").removesuffix(".html") not in READER_PAGES:
            continue
        out[location] = (doc.get("title", ""), _TAGS.sub(" ", doc.get("text", "")))
    return out


def index_data(cat: Catalogue, directory_urls: bool = True, material_index: dict | None = None,
               entry_words: set[str] | None = None) -> dict:
    docs = documents(cat, directory_urls, reader_pages(material_index))
    return {
        "version": 2,
        "fields": FIELDS,
        "kinds": {kind: weight for kind, (_, weight) in KINDS.items()},
        "words": vocabulary(cat, docs, entry_words),
        "fold": fold_table(cat),
        "fixes": misspelling_fixes(cat),
        "docs": docs,
        # Narrowing lists, and the ways in offered when nothing matches.
        "facets": {"areas": [[a.id, a.title] for a in cat.areas.values()],
                   "types": [[t.id, t.title] for t in cat.types.values()],
                   "families": [[f.id, f.title] for f in cat.families.values()]},
        "entry": {name: _location(f"{name}/index.md" if name != "matrix" else "matrix.md", directory_urls)
                  for name in ("areas", "types", "matrix")},
    }


def index_script(data: dict) -> str:
    """The whole index as one script (self.kbIndex = …): what the Node tests of the cutter read."""
    return "self.kbIndex=" + json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/") + ";\n"


def index_files(data: dict) -> dict[str, str]:
    """The files of the site's search index (shards.py): finished at build time, cut by term."""
    return shards.build(data)


def material_stub(material_index: dict) -> dict:
    """What stays of Material's search_index.json: its config and no documents."""
    return {"config": material_index.get("config", {}), "docs": []}
