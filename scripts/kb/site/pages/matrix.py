"""The matrix page (/matrix/): governance areas × manifestation types, and causes × areas.

Each cell shows its count, shaded by count, and opens to the problems it holds. The tables are raw
HTML (a Markdown table cell cannot carry a colour), so links are written as final URLs.
"""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import MATRIX_URI, Page, SiteContext, uri
from kb.site.pictures.text import xml
from kb.site.pictures.urls import href
from kb.site.pictures.weight import SHADES, legend, level

# More areas than this (synthetic benchmark catalogues) and causes × areas becomes a list per cause.
MAX_COLUMNS = 16


def area_type_counts(cat: Catalogue) -> dict[tuple[str, str], list[str]]:
    """(area, type) → ids of the active problems in that area with that type."""
    return {(aid, tid): [pid for pid in cat.problems_by_area.get(aid, []) if tid in cat.problems[pid].types]
            for aid in cat.areas for tid in cat.types}


def cause_area_counts(cat: Catalogue) -> dict[tuple[str, str], list[str]]:
    """(cause, area) → ids of the active problems in that area that the cause explains."""
    cells: dict[tuple[str, str], list[str]] = {}
    for p in cat.active_problems:
        for cid in p.causes:
            for aid in p.areas:
                cells.setdefault((cid, aid), []).append(p.id)
    return cells


def _link(ctx: SiteContext, kind: str, rid: str, text: str) -> str:
    return f'<a href="{xml(href(MATRIX_URI, uri(kind, rid), ctx.directory_urls))}">{xml(text)}</a>'


def _cell(cat: Catalogue, ctx: SiteContext, pids: list[str], highest: int, where: str) -> str:
    n = len(pids)
    bg, badge, ink, link_ink = SHADES[level(n, highest)]
    if not n:
        return f'<td class="kb-weight-cell" data-count="0" style="background:{bg}"><span class="kb-visually-hidden">{xml(where)}：</span>0</td>'
    names = "".join(f'<li><a href="{xml(href(MATRIX_URI, uri("problem", pid), ctx.directory_urls))}" '
                    f'style="color:{link_ink}">{xml(pid)} {xml(cat.problems[pid].title)}</a></li>' for pid in pids)
    return (f'<td class="kb-weight-cell" data-count="{n}" style="background:{bg}"><details><summary>'
            f'<span class="kb-weight" style="background:{badge};color:{ink}">{n}</span>'
            f'<span class="kb-visually-hidden">{xml(where)}：{n} 个问题</span></summary>'
            f'<ul>{names}</ul></details></td>')


def _table(caption: str, head: list[str], rows: list[tuple[str, list[str]]]) -> str:
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join(f'<tr><th scope="row">{row_head}</th>{"".join(cells)}</tr>' for row_head, cells in rows)
    return (f'<div class="kb-weight-wrap" tabindex="0" role="region" aria-label="{xml(caption)}">'
            f'<table class="kb-weight-table"><caption>{xml(caption)}</caption><thead><tr>{th}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def area_type_matrix(cat: Catalogue, ctx: SiteContext) -> str:
    cells = area_type_counts(cat)
    highest = max((len(v) for v in cells.values()), default=0)
    head = ["治理领域", *(_link(ctx, "type", t.id, t.title) for t in cat.types.values())]
    rows = [(_link(ctx, "area", aid, area.title),
             [_cell(cat, ctx, cells[(aid, tid)], highest, f"{area.title} · {cat.types[tid].title}") for tid in cat.types])
            for aid, area in cat.areas.items()]
    return _table("治理领域 × 表现类型：每格的问题数", head, rows)


def cause_area_matrix(cat: Catalogue, ctx: SiteContext) -> str:
    cells = cause_area_counts(cat)
    highest = max((len(v) for v in cells.values()), default=0)
    if len(cat.areas) <= MAX_COLUMNS:
        head = ["成因", *(_link(ctx, "area", a.id, a.title) for a in cat.areas.values())]
        rows = [(_link(ctx, "cause", cid, f"{cid} {cause.title}"),
                 [_cell(cat, ctx, cells.get((cid, aid), []), highest, f"{cause.title} · {cat.areas[aid].title}")
                  for aid in cat.areas])
                for cid, cause in cat.causes.items()]
        return _table("成因 × 治理领域：每个成因解释了各领域的多少个问题", head, rows)
    # Too many areas for columns: each cause lists the areas where it explains problems, most first.
    lines = ['<ul class="kb-weight-list">']
    by_cause: dict[str, list[tuple[str, int]]] = {}
    for (cid, aid), pids in cells.items():
        by_cause.setdefault(cid, []).append((aid, len(pids)))
    for cid, cause in cat.causes.items():
        mine = sorted(by_cause.get(cid, []), key=lambda x: -x[1])
        badges = "、".join(
            f'{_link(ctx, "area", aid, cat.areas[aid].title)} <span class="kb-weight" data-count="{n}" '
            f'style="background:{SHADES[level(n, highest)][1]};color:{SHADES[level(n, highest)][2]}">{n}</span>'
            for aid, n in mine[:MAX_COLUMNS])
        more = f"等 {len(mine)} 个领域" if len(mine) > MAX_COLUMNS else ""
        lines.append(f"<li>{_link(ctx, 'cause', cid, f'{cid} {cause.title}')}：{badges or '（无）'}{more}</li>")
    lines.append("</ul>")
    return "".join(lines)


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    here = MATRIX_URI
    body = "\n".join([
        "# 领域 × 类型矩阵", "",
        "行是治理领域，列是表现类型。每格的数字是这一领域、这一类型的问题数，颜色越深问题越多；"
        "点开数字可看到这些问题。一个问题可能属于多个领域和类型，因此可能计入多个格子。", "",
        legend(), "",
        area_type_matrix(cat, ctx), "",
        "## 成因 × 治理领域 {#causes-areas data-search-exclude}", "",
        "每个成因解释了各治理领域的多少个问题：颜色越深，这个成因在这个领域越要紧。"
        "一个问题属于几个领域，就在几个领域各计一次。", "",
        cause_area_matrix(cat, ctx), "",
        "另见[全局关系图](overview.md)。",
    ])
    return [Page(here, "领域 × 类型矩阵", body, {"search": {"exclude": True}})]
