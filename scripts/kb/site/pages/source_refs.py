"""The '来源' list of an entry (which source items it traces) and, apart from it, the
'参考的公开文件' list (public documents beyond the five sources that the entry rests on)."""
from __future__ import annotations

from kb.core import schema
from kb.core.citations import HEADING_ONLY_NOTE, reference_line
from kb.core.graph import Catalogue
from kb.site.pages.markup import esc, item_anchor, link, uri
REFERENCES_LEAD = ("下列文件不在本知识库的来源文件之内。本条目有些内容超出了来源文件，"
                   "这些内容以下列公开文件为依据。")


def traced_from(cat: Catalogue, here: str, refs: list[schema.SourceRef]) -> str:
    lines = []
    for ref in refs:
        src = cat.sources[ref.source]
        titles = {item.ref: item.title for item in src.items}
        for item in ref.items:
            label = f"{src.id} 第 {item} 条" if item.isdigit() else f"{src.id} {item}"
            target = link(here, uri("source", src.id), label, item_anchor(item))
            note = HEADING_ONLY_NOTE if cat.heading_only(src.id, item) else ""
            lines.append(f"- {target}（{esc(src.title)}）：{esc(titles.get(item, ''))}{note}")
    return "\n".join(lines) if lines else "（暂无）"


def references_section(refs: list[schema.Reference]) -> list[str]:
    """The 参考的公开文件 section, or nothing when the entry rests on its sources alone."""
    if not refs:
        return []
    return ["## 参考的公开文件 {#references data-search-exclude}", "", esc(REFERENCES_LEAD), "",
            *(f"- {esc(reference_line(r))}" for r in refs), ""]
