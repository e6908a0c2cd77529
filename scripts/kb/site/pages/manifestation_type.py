"""Manifestation type pages (/types/T1/): the type and its problems grouped by area."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.releases import history_section
from kb.site.pages.markup import index_rows, INDEX_URIS, Page, SiteContext, bullet_links, esc, paragraphs, rel, uri
from kb.site.pages.source_refs import traced_from



def by_primary_area(cat: Catalogue, here: str, problem_ids: list[str]) -> list[str]:
    """Markdown lines: the problems under a heading per primary area, in the areas' order."""
    by_area: dict[str, list[str]] = {}  # grouped once: areas × problems grows with the square
    for pid in problem_ids:
        by_area.setdefault(cat.problems[pid].areas[0], []).append(pid)
    lines = []
    for aid, area in cat.areas.items():
        if by_area.get(aid):
            lines += [f"### {esc(area.title)} {{#{aid.lower()} data-search-exclude}}", "",
                      bullet_links(here, [("problem", pid, cat.problems[pid].title, "") for pid in by_area[aid]]), ""]
    return lines or ["（暂无）", ""]

def type_page(cat: Catalogue, ctx: SiteContext, mtype) -> Page:
    here = uri("type", mtype.id)
    problem_ids = cat.problems_by_type.get(mtype.id, [])
    parts = [f"# {esc(mtype.title)}", "", f'<div class="kb-facts" markdown>\n\n**编号** {mtype.id} · '
             f"**问题数** {len(problem_ids)}{ctx.changed_note('type', mtype.id)}\n\n</div>", "",
             "## 概述 {#summary}", "", paragraphs(mtype.summary), ""]
    if mtype.text:
        parts += [paragraphs(mtype.text), ""]
    parts += ["## 此类问题 {#problems data-search-exclude}", ""]
    parts += by_primary_area(cat, here, problem_ids)
    parts += ["## 来源 {#sources data-search-exclude}", "", traced_from(cat, here, mtype.sources), ""]
    parts += [history_section(ctx, "type", mtype.id, here)]
    return Page(here, mtype.title, "\n".join(parts), {"description": mtype.summary, "tags": [mtype.id]})


def index_page(cat: Catalogue, ctx: SiteContext) -> Page:
    here = INDEX_URIS["type"]
    rows = index_rows(here, "type", "表现类型", "问题数", cat.types.values(),
                      lambda rid: len(cat.problems_by_type.get(rid, [])))
    untyped = [p for p in cat.active_problems if not p.types]
    lead = ["不担当不作为的三种表现：不想为、不敢为、不会为。只在确实适用时才给问题标上表现类型。", ""]
    if untyped:
        lead += [f"另有 {len(untyped)} 个问题不属于这三种类型（如形式主义、官僚主义、乱作为），"
                 f"请按[问题类别]({rel(here, INDEX_URIS['family'])})浏览。", ""]
    body = "\n".join(["# 表现类型", "", *lead, *rows])
    return Page(here, "表现类型", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [index_page(cat, ctx), *(type_page(cat, ctx, t) for t in cat.types.values())]
