"""The '来源' list of a non-problem entry: which source items it traces."""
from __future__ import annotations

from kb.core import schema
from kb.core.graph import Catalogue
from kb.site.pages.markup import esc, item_anchor, link, uri


def traced_from(cat: Catalogue, here: str, refs: list[schema.SourceRef]) -> str:
    lines = []
    for ref in refs:
        src = cat.sources[ref.source]
        titles = {item.ref: item.title for item in src.items}
        for item in ref.items:
            label = f"{src.id} 第 {item} 条" if item.isdigit() else f"{src.id} {item}"
            target = link(here, uri("source", src.id), label, item_anchor(item))
            lines.append(f"- {target}（{esc(src.title)}）：{esc(titles.get(item, ''))}")
    return "\n".join(lines) if lines else "（暂无）"
