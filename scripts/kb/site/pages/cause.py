"""Cause pages (/causes/C02/): the cause, the problems it explains, the measures that address it."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import (index_rows, INDEX_URIS, Page, SiteContext, also_called, bullet_links, cite_block, esc,
                     paragraphs, uri)
from kb.site.pages.source_refs import references_section, traced_from
from kb.site.pictures.entry import cause_picture
from kb.site.pages.releases import history_section


def cause_page(cat: Catalogue, ctx: SiteContext, cause) -> Page:
    here = uri("cause", cause.id)
    problem_ids = cat.problems_by_cause.get(cause.id, [])
    measure_ids = cat.measures_by_cause.get(cause.id, [])
    parts = [f"# {esc(cause.title)}", "", f'<div class="kb-facts" markdown>\n\n**编号** {cause.id} · '
             f"**涉及问题** {len(problem_ids)}{ctx.changed_note('cause', cause.id)}{also_called(cause.aliases)}\n\n</div>", "",
             "## 概述 {#summary}", "", paragraphs(cause.summary), ""]
    if cause.text:
        parts += ["## 说明 {#text}", "", paragraphs(cause.text), ""]
    parts += [cause_picture(cat, ctx, cause)]
    parts += ["## 由此导致的问题 {#problems data-search-exclude}", "",
              bullet_links(here, [("problem", pid, cat.problems[pid].title, "") for pid in problem_ids]), "",
              "## 针对它的整改措施 {#countermeasures data-search-exclude}", "",
              bullet_links(here, [("countermeasure", m, cat.measures[m].title, cat.measures[m].summary)
                                  for m in measure_ids]), "",
              "## 来源 {#sources data-search-exclude}", "", traced_from(cat, here, cause.sources), "",
              *references_section(cause.references),
              history_section(ctx, "cause", cause.id, here),
              cite_block(cat, ctx, here, cause.title, cause.id)]
    return Page(here, cause.title, "\n".join(parts), {"description": cause.summary, "tags": [cause.id]})


def index_page(cat: Catalogue, ctx: SiteContext) -> Page:
    here = INDEX_URIS["cause"]
    rows = index_rows(here, "cause", "成因", "涉及问题", cat.causes.values(),
                      lambda rid: len(cat.problems_by_cause.get(rid, [])))
    body = "\n".join(["# 成因", "", "问题为什么会发生：每个成因页面列出它导致的问题和针对它的整改措施。", "", *rows])
    return Page(here, "成因", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [index_page(cat, ctx), *(cause_page(cat, ctx, c) for c in cat.causes.values())]
