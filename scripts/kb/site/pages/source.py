"""Source document pages (/sources/S1/): items in the document's own order, each linked forward."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.core.kinds import KINDS
from kb.site.pages.releases import history_section
from kb.site.pages.markup import (INDEX_URIS, KIND_LABELS, Page, SiteContext, esc, item_anchor, link,
                     paragraphs, uri)
from kb.core.citations import HEADING_ONLY_NOTE

ITEM_KIND_LABELS = {
    "area": "分组", "problem": "问题", "cause": "原因", "countermeasure": "措施",
    "safeguard": "保障", "type": "类型", "principle": "要求",
}


def _entry_title(cat: Catalogue, kind: str, rid: str) -> str:
    return KINDS[kind].entries(cat)[rid].title


def source_page(cat: Catalogue, ctx: SiteContext, src) -> Page:
    here = uri("source", src.id)
    parts = [f"# {esc(src.title)}", "",
             f'<div class="kb-facts" markdown>\n\n**编号** {src.id} · **类别** {esc(src.genre)} · '
             f"**条目数** {len(src.items)}{ctx.changed_note('source', src.id)}\n\n</div>", "",
             "## 概述 {#summary}", "", paragraphs(src.summary), "",
             "## 条目 {#items}", "",
             "按原文顺序列出每个编号条目及对应的知识库条目。", ""]
    for item in src.items:
        label = f"*{ITEM_KIND_LABELS[item.kind]}*"
        if item.heading_only:
            label += f" · {HEADING_ONLY_NOTE.strip('（）')}"
        parts += [f"### {esc(item.ref)} {esc(item.title)} {{#{item_anchor(item.ref)}}}", "", label, ""]
        traced = cat.traces.get((src.id, item.ref), [])
        if traced:
            parts += [f"- {KIND_LABELS[kind]} "
                      + link(here, uri(kind, rid), f"{rid} {_entry_title(cat, kind, rid)}")
                      for kind, rid in traced]
        else:
            parts += ["- （尚无条目对应）"]
        parts += [""]
    parts += [history_section(ctx, "source", src.id, here)]
    return Page(here, src.title, "\n".join(parts), {"description": src.summary, "tags": [src.id]})


def index_page(cat: Catalogue, ctx: SiteContext) -> Page:
    here = INDEX_URIS["source"]
    rows = ["| 编号 | 来源文件 | 类别 | 条目数 | 概述 |", "| --- | --- | --- | --- | --- |"]
    for s in cat.sources.values():
        rows.append(f"| {s.id} | {link(here, uri('source', s.id), s.title)} | {esc(s.genre)} "
                    f"| {len(s.items)} | {esc(s.summary)} |")
    body = "\n".join(["# 来源文件", "",
                      "知识库据以编写的文件。每个文件页面按原文顺序列出编号条目，并链接到对应的问题、成因和措施。",
                      "", *rows])
    return Page(here, "来源文件", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [index_page(cat, ctx), *(source_page(cat, ctx, s) for s in cat.sources.values())]
