"""Governance area pages (/areas/A05/): the area and its problems grouped by type."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.core.urls import HANDOUT_DOCX_URI, HANDOUT_URI
from kb.site.pages.releases import history_section
from kb.site.pages.markup import index_rows, INDEX_URIS, Page, SiteContext, bullet_links, esc, paragraphs, rel, uri
from kb.site.pages.source_refs import traced_from


def area_page(cat: Catalogue, ctx: SiteContext, area) -> Page:
    here = uri("area", area.id)
    problem_ids = cat.problems_by_area.get(area.id, [])
    parts = [f"# {esc(area.title)}", "", f'<div class="kb-facts" markdown>\n\n**编号** {area.id} · '
             f"**问题数** {len(problem_ids)}{ctx.changed_note('area', area.id)}\n\n</div>", "",
             f'[打印本领域讲义]({rel(here, HANDOUT_URI.format(area.id))}){{ .md-button }} '
             f'[讲义的 Word 版（DOCX）]({rel(here, HANDOUT_DOCX_URI.format(area.id))}){{ .md-button }}', "",
             "## 概述 {#summary}", "", paragraphs(area.summary), ""]
    if area.text:
        parts += [paragraphs(area.text), ""]
    parts += ["## 本领域的问题 {#problems data-search-exclude}", ""]
    for tid, mtype in cat.types.items():
        in_type = [pid for pid in problem_ids if tid in cat.problems[pid].types]
        if in_type:
            parts += [f"### {esc(mtype.title)} {{#{tid.lower()} data-search-exclude}}", "",
                      bullet_links(here, [("problem", pid, cat.problems[pid].title, "")
                                          for pid in in_type]), ""]
    untyped = [pid for pid in problem_ids if not cat.problems[pid].types]
    if untyped:  # formalism, bureaucratism, abuse of power: listed by their family instead
        parts += ["### 不属于三种表现类型 {#no-type data-search-exclude}", "",
                  bullet_links(here, [("problem", pid, cat.problems[pid].title,
                                       "、".join(cat.families[f].title for f in cat.problems[pid].families))
                                      for pid in untyped]), ""]
    if not problem_ids:
        parts += ["（暂无）", ""]
    parts += ["## 来源 {#sources data-search-exclude}", "", traced_from(cat, here, area.sources), ""]
    parts += [history_section(ctx, "area", area.id, here)]
    return Page(here, area.title, "\n".join(parts), {"description": area.summary, "tags": [area.id]})


def index_page(cat: Catalogue, ctx: SiteContext) -> Page:
    here = INDEX_URIS["area"]
    rows = index_rows(here, "area", "治理领域", "问题数", cat.areas.values(),
                      lambda rid: len(cat.problems_by_area.get(rid, [])))
    body = "\n".join(["# 治理领域", "", "按治理领域浏览问题。每个领域页面按表现类型列出其中的问题，不属于三种表现类型的问题单独列出。", "", *rows])
    return Page(here, "治理领域", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [index_page(cat, ctx), *(area_page(cat, ctx, a) for a in cat.areas.values())]
