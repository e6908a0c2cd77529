"""The entry-kind registry: everything the code needs to know about each kind of catalogue entry.

One row per kind. Every table that used to be written by hand per kind (labels, URL segments, id
patterns, which file holds the entries, which Catalogue attribute holds them resolved) is derived
from here, so a new kind of entry is one row plus its model and its page module.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from kb.core import schema

if TYPE_CHECKING:
    from kb.core.graph import Catalogue


@dataclass(frozen=True)
class EntryKind:
    name: str             # the internal name: "problem", "countermeasure" …
    label: str            # what a reader calls one: 问题, 整改措施
    prefix: str           # id prefix ("" for glossary terms, whose id is a slug)
    digits: int           # the least number of digits in an id
    url_segment: str      # /problems/P012/ → "problems"; glossary terms are anchors on one page
    file: str | None      # the list file that holds the entries; None: one file per entry
    key: str              # the top-level key of that file, and catalogue_diff's section name
    attribute: str        # the Catalogue attribute that holds the resolved entries by id
    model: type
    has_page: bool = True  # glossary terms have an anchor on /glossary/, not a page of their own

    def entries(self, cat: Catalogue) -> dict:
        return getattr(cat, self.attribute)


KINDS: dict[str, EntryKind] = {k.name: k for k in (
    EntryKind("problem", "问题", "P", 3, "problems", None, "problems", "problems", schema.Problem),
    EntryKind("area", "治理领域", "A", 2, "areas", "areas.yaml", "areas", "areas", schema.Area),
    EntryKind("type", "表现类型", "T", 1, "types", "types.yaml", "types", "types", schema.ManifestationType),
    EntryKind("family", "问题类别", "F", 1, "families", "families.yaml", "families", "families", schema.Family),
    EntryKind("cause", "成因", "C", 2, "causes", "causes.yaml", "causes", "causes", schema.Cause),
    EntryKind("countermeasure", "整改措施", "M", 2, "measures", "countermeasures.yaml", "countermeasures",
              "measures", schema.Countermeasure),
    EntryKind("source", "来源文件", "S", 1, "sources", "sources.yaml", "sources", "sources", schema.Source),
    EntryKind("term", "术语", "", 0, "glossary", "glossary.yaml", "terms", "terms", schema.Term,
              has_page=False),
)}

BY_KEY = {k.key: k for k in KINDS.values()}
KIND_LABELS = {name: k.label for name, k in KINDS.items()}
# The levels a countermeasure works at (Countermeasure.levels), as readers call them.
LEVEL_LABELS = {"organization": "组织层面", "leadership": "领导班子", "individual": "干部个人"}


def paged() -> Iterator[EntryKind]:
    """The kinds whose entries each have a page of their own, in the order of the menu."""
    return (k for k in KINDS.values() if k.has_page)


def of_id(rid: str) -> EntryKind | None:
    """The kind an id belongs to by its prefix (P012 → problem); None for slugs and unknown ids."""
    head = rid.rstrip("0123456789")
    if head == rid or not head:
        return None
    return next((k for k in KINDS.values() if k.prefix == head), None)
