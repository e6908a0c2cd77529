"""The search documents: one per entry page, built from the resolved catalogue (not from HTML).

Each document has weighted fields (see FIELDS): the page's name and what people call it, its
keywords, the headline terms of the source documents it traces, and its running text. The
browser cuts every field into words and character pairs itself (assets/kb-search/engine.js), so
the build ships plain text and the same code cuts documents and queries.
"""
from __future__ import annotations

import re

from kb.core.graph import Catalogue
from kb.site.pages.markup import uri, url_path

# Field → weight in ranking. 'name' holds the title, aliases and the id; 'kw' the keywords.
FIELDS = {"name": 8.0, "kw": 4.0, "src": 1.0, "body": 1.0}

# What a result says it is (the kind shown on each result), and how much its kind weighs:
# entries first; glossary, sources and hand-written pages after them unless the query names them.
KINDS = {
    "problem": ("问题", 1.0), "cause": ("成因", 0.9), "countermeasure": ("整改措施", 0.9),
    "area": ("治理领域", 0.8), "type": ("表现类型", 0.8), "term": ("术语", 0.55),
    "source": ("来源", 0.45), "retired": ("已停用问题", 0.4), "page": ("说明", 0.25),
}

# Hand-written pages readers may want (their addresses without .html or /); the maintainer guide
# and the performance page are not reader results and are left out.
READER_PAGES = ("", "index", "guide", "about", "downloads")

_SPACE = re.compile(r"\s+")


def _join(*parts) -> str:
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        out.extend(part if isinstance(part, (list, tuple)) else [part])
    return "\n".join(str(p) for p in out if p)


def _location(page_uri: str, directory_urls: bool) -> str:
    return url_path(page_uri) if directory_urls else page_uri[: -len(".md")] + ".html"


def _source_headlines(cat: Catalogue, refs) -> str:
    """The titles of the source documents an entry traces, and of the traced items."""
    words = []
    for ref in refs:
        source = cat.sources.get(ref.source)
        if source is None:
            continue
        words.append(source.title)
        titles = {item.ref: item.title for item in source.items}
        words += [titles[i] for i in ref.items if i in titles]
    return _join(list(dict.fromkeys(words)))


def _doc(kind: str, rid: str, location: str, title: str, *, name, kw="", src="", body="",
         summary="", area="", areas=(), types=(), families=()) -> dict:
    label = KINDS[kind][0]
    tags = [label] + ([rid] if rid else []) + ([area] if area else [])
    return {"u": location, "k": kind, "i": rid, "t": title, "tags": tags, "s": _SPACE.sub(" ", summary)[:120],
            "a": list(areas), "y": list(types), "m": list(families),
            "f": {"name": name, "kw": kw, "src": src, "body": body}}


def documents(cat: Catalogue, directory_urls: bool = True,
              reader_pages: dict[str, tuple[str, str]] | None = None) -> list[dict]:
    """Every search document of the site. reader_pages: location → (title, text) of hand-written pages."""
    loc = lambda kind, rid: _location(uri(kind, rid), directory_urls)  # noqa: E731
    docs = []
    for p in cat.active_problems:
        area = cat.primary_area(p)
        docs.append(_doc(
            "problem", p.id, loc("problem", p.id), p.title,
            name=_join(p.id, p.title, p.aliases), kw=_join(p.keywords),
            src=_source_headlines(cat, p.sources),
            body=_join(p.summary, p.symptoms, p.distinguish, p.analysis, p.actions,
                       [e.title for e in p.examples], [e.text for e in p.examples]),
            summary=p.summary, area=area.title, areas=p.areas, types=p.types, families=p.families))
    for p in cat.problems.values():
        if p.status == "retired":  # its old words still lead to it, and its page to what replaced it
            docs.append(_doc("retired", p.id, loc("problem", p.id), p.title, name=_join(p.id, p.title),
                             kw=_join(p.keywords), body=p.summary, summary=p.summary))
    for kind, table in (("cause", cat.causes), ("countermeasure", cat.measures)):
        for e in table.values():
            docs.append(_doc(kind, e.id, loc(kind, e.id), e.title, name=_join(e.id, e.title, e.aliases),
                             src=_source_headlines(cat, e.sources), body=_join(e.summary, e.text),
                             summary=e.summary))
    for a in cat.areas.values():
        docs.append(_doc("area", a.id, loc("area", a.id), a.title, name=_join(a.id, a.title),
                         src=_source_headlines(cat, a.sources), body=_join(a.summary, a.text),
                         summary=a.summary, areas=[a.id]))
    for t in cat.types.values():
        docs.append(_doc("type", t.id, loc("type", t.id), t.title, name=_join(t.id, t.title),
                         src=_source_headlines(cat, t.sources), body=_join(t.summary, t.text),
                         summary=t.summary, types=[t.id]))
    glossary = _location("glossary.md", directory_urls)
    for term in cat.terms.values():
        docs.append(_doc("term", "", f"{glossary}#{term.id}", term.term,
                         name=_join(term.term, term.aliases), body=term.definition, summary=term.definition))
    for s in cat.sources.values():
        docs.append(_doc("source", s.id, loc("source", s.id), s.title, name=_join(s.id, s.title),
                         kw=s.genre, body=_join(s.summary, [i.title for i in s.items]), summary=s.summary))
    for location, (title, text) in (reader_pages or {}).items():
        docs.append(_doc("page", "", location, title, name=title, body=text, summary=""))
    return docs
