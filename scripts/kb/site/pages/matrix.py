"""The matrix pages. /matrix/: governance areas × manifestation types (with a column for problems
none of the three types fits) and causes × areas; /matrix-families/: areas × problem families.

Each cell shows its count, shaded by count, and opens to the problems it holds. The tables are raw
HTML (a Markdown table cell cannot carry a colour), so links are written as final URLs.
"""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import FAMILY_MATRIX_URI, MATRIX_URI, Page, SiteContext, rel, uri
from kb.site.pages.overview import OVERVIEW_URI
from kb.site.pictures.text import xml
from kb.site.pictures.urls import href
from kb.site.pictures.weight import SHADES, legend, level

# The type matrix's last column: problems none of the three types fits, which would otherwise
# be missing from the table.
NO_TYPE_COLUMN = "不属于三种类型"
# More areas than this (synthetic benchmark catalogues) and causes × areas becomes a list per cause.
MAX_COLUMNS = 16


def area_type_counts(cat: Catalogue) -> dict[tuple[str, str], list[str]]:
    """(area, type) → ids of the active problems in that area with that type; type "" holds the
    problems with none of the three types."""
    return {(aid, tid): [pid for pid in cat.problems_by_area.get(aid, [])
                         if (tid in cat.problems[pid].types if tid else not cat.problems[pid].types)]
            for aid in cat.areas for tid in [*cat.types, ""]}


def area_family_counts(cat: Catalogue) -> dict[tuple[str, str], list[str]]:
    """(area, family) → ids of the active problems in that area of that family."""
    return {(aid, fid): [pid for pid in cat.problems_by_area.get(aid, []) if fid in cat.problems[pid].families]
            for aid in cat.areas for fid in cat.families}


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


def _switch(here: str) -> str:
    """Links between the two matrices; the current one is plain text."""
    views = [(MATRIX_URI, "领域 × 类型"), (FAMILY_MATRIX_URI, "领域 × 类别")]
    shown = [f"**{label}**" if target == here else f"[{label}]({rel(here, target)})" for target, label in views]
    overview = f"[全局关系图]({rel(here, OVERVIEW_URI)})"
    return ('<nav class="kb-matrix-switch" aria-label="切换矩阵" markdown>\n\n切换：' + " · ".join(shown)
            + f"；另见{overview}\n\n</nav>")


def _area_matrix(cat: Catalogue, ctx: SiteContext, caption: str, columns: list[tuple[str, str, str]],
                 cells: dict[tuple[str, str], list[str]]) -> str:
    """Areas × columns; columns are (header HTML, column key, label for screen readers)."""
    highest = max((len(v) for v in cells.values()), default=0)
    head = ["治理领域", *(header for header, _, _ in columns)]
    rows = [(_link(ctx, "area", aid, area.title),
             [_cell(cat, ctx, cells[(aid, key)], highest, f"{area.title} · {label}") for _, key, label in columns])
            for aid, area in cat.areas.items()]
    return _table(caption, head, rows)


def area_type_matrix(cat: Catalogue, ctx: SiteContext) -> str:
    columns = [(_link(ctx, "type", t.id, t.title), t.id, t.title) for t in cat.types.values()]
    if any(not p.types for p in cat.active_problems):
        columns.append((NO_TYPE_COLUMN, "", NO_TYPE_COLUMN))
    return _area_matrix(cat, ctx, "治理领域 × 表现类型：每格的问题数", columns, area_type_counts(cat))


def area_family_matrix(cat: Catalogue, ctx: SiteContext) -> str:
    columns = [(_link(ctx, "family", f.id, f.title), f.id, f.title) for f in cat.families.values()]
    return _area_matrix(cat, ctx, "治理领域 × 问题类别：每格的问题数", columns, area_family_counts(cat))


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


def type_matrix(cat: Catalogue, ctx: SiteContext) -> Page:
    here = MATRIX_URI
    untyped = [p for p in cat.active_problems if not p.types]
    lead = ("行是治理领域，列是表现类型。每格的数字是这一领域、这一类型的问题数，颜色越深问题越多；"
            "点开数字可看到这些问题。一个问题可能属于多个领域和类型，因此可能计入多个格子。")
    if untyped:
        lead += (f"“{NO_TYPE_COLUMN}”一列是 {len(untyped)} 个不能归入不想为、不敢为、不会为的问题"
                 "（如形式主义、官僚主义、乱作为），它们在领域 × 类别矩阵（页首可切换）中有各自的位置。")
    body = "\n".join([
        "# 领域 × 类型矩阵", "", _switch(here), "", lead, "",
        legend(), "",
        f'<div class="kb-matrix">{area_type_matrix(cat, ctx)}</div>', "",
        "## 成因 × 治理领域 {#causes-areas data-search-exclude}", "",
        "每个成因解释了各治理领域的多少个问题：颜色越深，这个成因在这个领域越要紧。"
        "一个问题属于几个领域，就在几个领域各计一次。", "",
        f'<div class="kb-matrix">{cause_area_matrix(cat, ctx)}</div>',
    ])
    return Page(here, "领域 × 类型矩阵", body, {"search": {"exclude": True}})


def family_matrix(cat: Catalogue, ctx: SiteContext) -> Page:
    here = FAMILY_MATRIX_URI
    body = "\n".join([
        "# 领域 × 类别矩阵", "", _switch(here), "",
        "行是治理领域，列是问题类别。每格的数字是这一领域、这一类别的问题数，颜色越深问题越多；"
        "点开数字可看到这些问题。一个问题可能属于多个领域和类别，因此可能计入多个格子；每个问题都至少属于一个类别。", "",
        legend(), "",
        f'<div class="kb-matrix">{area_family_matrix(cat, ctx)}</div>',
    ])
    return Page(here, "领域 × 类别矩阵", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [type_matrix(cat, ctx), family_matrix(cat, ctx)]
