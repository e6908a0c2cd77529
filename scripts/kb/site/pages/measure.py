"""Countermeasure pages (/measures/M03/): the measure and the problems it addresses."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import (index_rows, INDEX_URIS, LEVEL_LABELS, Page, SiteContext, also_called, bullet_links,
                                  cite_block, esc, paragraphs, uri)
from kb.site.pages.source_refs import references_section, traced_from
from kb.site.pictures.entry import measure_picture
from kb.site.pages.releases import history_section


def measure_page(cat: Catalogue, ctx: SiteContext, m) -> Page:
    here = uri("countermeasure", m.id)
    problem_ids = cat.problems_by_measure.get(m.id, [])
    levels = "、".join(LEVEL_LABELS[level] for level in m.levels)
    parts = [f"# {esc(m.title)}", "", f'<div class="kb-facts" markdown>\n\n**编号** {m.id} · '
             f"**作用层面** {levels} · **针对问题** {len(problem_ids)}{ctx.changed_note('countermeasure', m.id)}{also_called(m.aliases)}\n\n</div>", "",
             "## 概述 {#summary}", "", paragraphs(m.summary), ""]
    if m.text:
        parts += ["## 做法 {#text}", "", paragraphs(m.text), ""]
    parts += [measure_picture(cat, ctx, m)]
    parts += ["## 针对的成因 {#causes data-search-exclude}", "",
              bullet_links(here, [("cause", c, cat.causes[c].title, "") for c in m.causes]), "",
              "## 适用的问题 {#problems data-search-exclude}", "",
              bullet_links(here, [("problem", pid, cat.problems[pid].title, "") for pid in problem_ids]), "",
              "## 来源 {#sources data-search-exclude}", "", traced_from(cat, here, m.sources), "",
              *references_section(m.references),
              history_section(ctx, "countermeasure", m.id, here),
              cite_block(cat, ctx, here, m.title, m.id)]
    return Page(here, m.title, "\n".join(parts), {"description": m.summary, "tags": [m.id]})


def index_page(cat: Catalogue, ctx: SiteContext) -> Page:
    here = INDEX_URIS["countermeasure"]
    rows = index_rows(here, "countermeasure", "整改措施", "适用问题", cat.measures.values(),
                      lambda rid: len(cat.problems_by_measure.get(rid, [])),
                      extra=("作用层面", lambda m: "、".join(LEVEL_LABELS[level] for level in m.levels)))
    body = "\n".join(["# 整改措施", "", "怎么办：每项措施页面列出它针对的成因和适用的问题。", "", *rows])
    return Page(here, "整改措施", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [index_page(cat, ctx), *(measure_page(cat, ctx, m) for m in cat.measures.values())]
