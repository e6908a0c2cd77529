"""Extra search terms per entry page: what a reader may type to find it.

Material's index holds each page's text as jieba segmented it. Readers also type ids (P012) and
keywords that the text never spells out (唯GDP); these go into a boosted 'kw' field. Readers also
type fragments of a word (皮球 for 踢皮球): the patched search worker (worker_patch.py) finds those
at query time among the kw terms, so the index holds each word once. Every term costs the browser
time to index, so nothing is indexed that only serves display.
"""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import uri, url_path
from kb.site.search.userdict import CLAUSES


def _words(rid: str, title: str, extra: list[str]) -> list[str]:
    return list(dict.fromkeys(word for word in (rid, *CLAUSES.split(title), title, *extra) if word))


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
    """Add a boosted 'kw' field to the entry pages of a Material search_index.json, and stop
    indexing 'tags': they repeat the id (in kw) and the area (in the page text), and Material
    shows a result's tags whether or not they are indexed."""
    terms = {location(page, directory_urls): words for page, words in entry_terms(cat).items()}
    index["config"]["fields"].pop("tags", None)
    index["config"]["fields"]["kw"] = {"boost": KEYWORD_BOOST}
    for doc in index["docs"]:
        if doc["location"] in terms:
            # U+200B is in the zh search separator, so each word is one token.
            doc["kw"] = "\u200b".join(terms[doc["location"]])
    return index
