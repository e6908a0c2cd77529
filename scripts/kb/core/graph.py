"""The resolved catalogue: entries by id, plus every backlink computed (never stored)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kb.core import schema
from kb.core.kinds import KINDS
from kb.core.records import Records

Problem = schema.Problem | schema.RetiredProblem


@dataclass
class Catalogue:
    meta: schema.Meta
    areas: dict[str, schema.Area]
    types: dict[str, schema.ManifestationType]
    families: dict[str, schema.Family]
    causes: dict[str, schema.Cause]
    measures: dict[str, schema.Countermeasure]
    sources: dict[str, schema.Source]
    terms: dict[str, schema.Term]
    problems: dict[str, Problem]
    # backlinks
    problems_by_area: dict[str, list[str]] = field(default_factory=dict)
    problems_by_type: dict[str, list[str]] = field(default_factory=dict)
    problems_by_family: dict[str, list[str]] = field(default_factory=dict)
    problems_by_cause: dict[str, list[str]] = field(default_factory=dict)
    problems_by_measure: dict[str, list[str]] = field(default_factory=dict)
    measures_by_cause: dict[str, list[str]] = field(default_factory=dict)
    related_to: dict[str, list[str]] = field(default_factory=dict)
    retired_into: dict[str, list[str]] = field(default_factory=dict)
    # (source id, item ref) → ids of the entries that trace it, by kind
    traces: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    _heading_only: set[tuple[str, str]] | None = field(default=None, repr=False)

    @property
    def active_problems(self) -> list[schema.Problem]:
        return [p for p in self.problems.values() if p.status == "active"]

    def primary_area(self, problem: schema.Problem) -> schema.Area:
        return self.areas[problem.areas[0]]

    def heading_only(self, source: str, item: str) -> bool:
        """Whether the source gives only this item's heading (its body text is missing)."""
        return (source, item) in self.heading_only_items

    @property
    def heading_only_items(self) -> set[tuple[str, str]]:
        if self._heading_only is None:
            self._heading_only = {(s.id, i.ref) for s in self.sources.values() for i in s.items if i.heading_only}
        return self._heading_only


def _by_id(entries):
    return {e.record.id: e.record for e in sorted(entries, key=lambda e: id_order(e.record.id))}


def id_order(rid: str):
    """Sort P2 before P10 and keep slugs alphabetical."""
    head = rid.rstrip("0123456789")
    tail = rid[len(head):]
    return (head, int(tail) if tail else 0, rid)


def resolve(records: Records) -> Catalogue:
    """Build the Catalogue from records that passed every check."""
    cat = Catalogue(
        meta=records.meta.record,
        areas=_by_id(records.areas), types=_by_id(records.types), families=_by_id(records.families),
        causes=_by_id(records.causes),
        measures=_by_id(records.countermeasures), sources=_by_id(records.sources),
        terms=dict(sorted(((t.record.id, t.record) for t in records.terms),
                          key=lambda kv: kv[1].term)),
        problems=_by_id(records.problems),
    )
    by_area, by_type, by_family, by_cause, by_measure = (defaultdict(list) for _ in range(5))
    related_to, retired_into, traces = defaultdict(list), defaultdict(list), defaultdict(list)
    for p in cat.problems.values():
        for ref in p.sources:
            for item in ref.items:
                traces[(ref.source, item)].append(("problem", p.id))
        if p.status == "retired":
            retired_into[p.replaced_by].append(p.id)
            continue
        for a in p.areas:
            by_area[a].append(p.id)
        for t in p.types:
            by_type[t].append(p.id)
        for f in p.families:
            by_family[f].append(p.id)
        for c in p.causes:
            by_cause[c].append(p.id)
        for m in p.countermeasures:
            by_measure[m].append(p.id)
        for r in p.related:
            related_to[r].append(p.id)
    measures_by_cause = defaultdict(list)
    for m in cat.measures.values():
        for c in m.causes:
            measures_by_cause[c].append(m.id)
    # Every other kind of entry that cites source items traces them too (problems were done above).
    for kind in KINDS.values():
        if kind.name == "problem" or "sources" not in kind.model.model_fields:
            continue
        for e in kind.entries(cat).values():
            for ref in e.sources:
                for item in ref.items:
                    traces[(ref.source, item)].append((kind.name, e.id))
    cat.problems_by_area, cat.problems_by_type = dict(by_area), dict(by_type)
    cat.problems_by_family = dict(by_family)
    cat.problems_by_cause, cat.problems_by_measure = dict(by_cause), dict(by_measure)
    cat.measures_by_cause, cat.related_to = dict(measures_by_cause), dict(related_to)
    cat.retired_into, cat.traces = dict(retired_into), dict(traces)
    return cat
