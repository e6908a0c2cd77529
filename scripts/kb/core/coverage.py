"""Tracing coverage: every source item, and the catalogue entries that trace it."""
from __future__ import annotations

from dataclasses import dataclass

from kb.core.graph import Catalogue

# Which kinds of entry may trace which kinds of source item (items.yaml's own rule).
TRACED_BY = {
    "problem": {"problem"},
    "cause": {"cause", "countermeasure"},
    "countermeasure": {"cause", "countermeasure"},
    "safeguard": {"cause", "countermeasure"},
    "area": {"area", "type", "family", "countermeasure"},
    "type": {"area", "type", "family", "countermeasure"},
    "principle": {"area", "type", "family", "countermeasure"},
}


@dataclass
class ItemCoverage:
    source: str
    ref: str
    kind: str
    title: str
    entries: list[tuple[str, str]]

    @property
    def traced(self) -> bool:
        return any(kind in TRACED_BY[self.kind] for kind, _ in self.entries)


def coverage(cat: Catalogue) -> list[ItemCoverage]:
    return [ItemCoverage(src.id, item.ref, item.kind, item.title, cat.traces.get((src.id, item.ref), []))
            for src in cat.sources.values() for item in src.items]


def format_coverage(rows: list[ItemCoverage]) -> str:
    lines, current = [], None
    for row in rows:
        if row.source != current:
            current = row.source
            done = [r for r in rows if r.source == current]
            lines.append(f"{current}：{sum(r.traced for r in done)}/{len(done)} 条已追溯")
        entries = ", ".join(rid for _, rid in row.entries) or "—"
        mark = "  " if row.traced else "✗ "
        lines.append(f"  {mark}{row.ref:<6} {row.kind:<14} {row.title}  →  {entries}")
    missing = [r for r in rows if not r.traced]
    lines.append(f"共 {len(rows)} 条，已追溯 {len(rows) - len(missing)} 条，未追溯 {len(missing)} 条。")
    return "\n".join(lines)
