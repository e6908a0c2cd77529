"""Extra search terms per entry page: what a reader may type to find it.

Material's index holds each page's text as jieba segmented it. Readers also type ids (P012),
keywords that the text never spells out (唯GDP), and fragments of a word (皮球 for 踢皮球).
Material's client adds a prefix wildcard to every query term, so indexing each word's suffixes
makes any fragment a prefix of some indexed term.
"""
from __future__ import annotations

import re

from .graph import Catalogue
from .pages.markup import uri, url_path
from .userdict import CLAUSES

HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def suffixes(word: str) -> list[str]:
    """踢皮球 → [踢皮球, 皮球]: the word and each Han suffix of two or more characters."""
    out = [word]
    for run in HAN_RUN.findall(word):
        out += [run[i:] for i in range(1, len(run) - 1)]
    return out


def _words(rid: str, title: str, extra: list[str]) -> list[str]:
    words = [rid, *CLAUSES.split(title), title, *extra]
    terms: list[str] = []
    for word in words:
        if word:
            terms += suffixes(word)
    return list(dict.fromkeys(terms))


def entry_terms(cat: Catalogue) -> dict[str, list[str]]:
    """Page of each entry (problems/P012.md) → its extra search terms."""
    terms: dict[str, list[str]] = {}
    for p in cat.active_problems:
        terms[uri("problem", p.id)] = _words(p.id, p.title, list(p.keywords))
    for kind, table in (("area", cat.areas), ("type", cat.types), ("cause", cat.causes),
                        ("countermeasure", cat.measures), ("source", cat.sources)):
        for entry in table.values():
            terms[uri(kind, entry.id)] = _words(entry.id, entry.title, [])
    return terms


def location(page_uri: str, directory_urls: bool) -> str:
    """Where the search index puts a page: problems/P012/ or, for file:// bundles, problems/P012.html."""
    return url_path(page_uri) if directory_urls else page_uri[: -len(".md")] + ".html"


# Material boosts titles 1,000×; an entry's own ids and keywords should outrank another page's title.
KEYWORD_BOOST = 10_000


def extend_index(index: dict, cat: Catalogue, directory_urls: bool = True) -> dict:
    """Add a boosted 'kw' field to the entry pages of a Material search_index.json."""
    terms = {location(page, directory_urls): words for page, words in entry_terms(cat).items()}
    index["config"]["fields"]["kw"] = {"boost": KEYWORD_BOOST}
    for doc in index["docs"]:
        if doc["location"] in terms:
            # U+200B is in the zh search separator, so each word is one token.
            doc["kw"] = "\u200b".join(terms[doc["location"]])
    return index
