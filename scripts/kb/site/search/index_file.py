"""The site's search index (search/kb/…), made at build time from the resolved catalogue.

It holds the documents (documents.py; the reader pages from reader_pages.py), the word list the
browser cuts text with (the words jieba finds in the catalogue, with the catalogue's own terms
kept whole), the traditional → simplified table for the characters the catalogue uses, and each
misspelling with the word it stands for. shards.py finishes the index from these and cuts it into
the small files the browser fetches (as scripts, so that the worker loads them with importScripts,
which also works in the file:// bundle). Material's own search_index.json becomes a stub that the
theme still fetches; the theme's search indexes no page.
"""
from __future__ import annotations

import json
import logging
import re
import warnings

from kb.core.graph import Catalogue
from kb.site.search.documents import FIELDS, KINDS, _location, documents
from kb.site.search import shards
from kb.site.search.query_fold import fold_table
from kb.site.search.userdict import words as dictionary_words

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


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
    step of the search index, which the plugin runs in a second process (index_job)."""
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


def index_parts(cat: Catalogue, directory_urls: bool = True,
                reader_pages: dict[str, tuple[str, str]] | None = None) -> tuple[dict, list[str]]:
    """Everything of the index but its word list, and the catalogue's own words: what finish()
    needs, which runs without the catalogue (in a second process during the build)."""
    docs = documents(cat, directory_urls, reader_pages)
    data = {
        "version": 2,
        "fields": FIELDS,
        "kinds": {kind: weight for kind, (_, weight) in KINDS.items()},
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
    return data, own_words(cat)


def with_words(data: dict, own: list[str]) -> dict:
    """The index data with its word list: the words jieba finds in the documents, and the
    catalogue's own (the slowest step)."""
    return dict(data, words=sorted(words_in(document_texts(data["docs"]), own) | set(own)))


def finish(data: dict, own: list[str]) -> dict[str, str]:
    """The files of the search index from index_parts()."""
    return index_files(with_words(data, own))


def index_data(cat: Catalogue, directory_urls: bool = True,
               reader_pages: dict[str, tuple[str, str]] | None = None) -> dict:
    return with_words(*index_parts(cat, directory_urls, reader_pages))


def index_script(data: dict) -> str:
    """The whole index as one script (self.kbIndex = …): what the Node tests of the cutter read."""
    return "self.kbIndex=" + json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/") + ";\n"


def index_files(data: dict) -> dict[str, str]:
    """The files of the site's search index (shards.py): finished at build time, cut by term."""
    return shards.build(data)


def material_stub(material_index: dict) -> dict:
    """What stays of Material's search_index.json: its config and no documents."""
    return {"config": material_index.get("config", {}), "docs": []}
