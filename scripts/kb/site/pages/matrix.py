"""The two matrix pages, each cell listing its problems: governance areas × manifestation types
(/matrix/) and governance areas × problem families (/matrix-families/)."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import FAMILY_MATRIX_URI, MATRIX_URI, Page, SiteContext, link, rel, uri

# The type matrix's last column: problems none of the three types fits, which would otherwise
# be missing from the table.
NO_TYPE_COLUMN = "不属于三种类型"


def _switch(here: str) -> str:
    """Links between the two matrices; the current one is plain text."""
    views = [(MATRIX_URI, "领域 × 类型"), (FAMILY_MATRIX_URI, "领域 × 类别")]
    shown = [f"**{label}**" if target == here else f"[{label}]({rel(here, target)})" for target, label in views]
    return '<nav class="kb-matrix-switch" aria-label="切换矩阵" markdown>\n\n切换：' + " · ".join(shown) + "\n\n</nav>"


def _table(cat: Catalogue, here: str, columns: list[tuple[str, str]], member) -> list[str]:
    """Rows of areas × columns; columns are (header markdown, column key), member(problem, key)
    says whether a problem belongs in a column."""
    rows = ["| 治理领域 | " + " | ".join(header for header, _ in columns) + " |",
            "| --- |" + " --- |" * len(columns)]
    for aid, area in cat.areas.items():
        cells = []
        for _, key in columns:
            pids = [pid for pid in cat.problems_by_area.get(aid, []) if member(cat.problems[pid], key)]
            cells.append("<br>".join(link(here, uri("problem", pid), f"{pid} {cat.problems[pid].title}")
                                     for pid in pids) or "—")
        rows.append(f"| {link(here, uri('area', aid), area.title)} | " + " | ".join(cells) + " |")
    return rows


def type_matrix(cat: Catalogue) -> Page:
    here = MATRIX_URI
    columns = [(link(here, uri("type", t.id), t.title), t.id) for t in cat.types.values()]
    untyped = [p for p in cat.active_problems if not p.types]
    if untyped:
        columns.append((NO_TYPE_COLUMN, ""))
    rows = _table(cat, here, columns, lambda p, key: key in p.types if key else not p.types)
    lead = ("行是治理领域，列是表现类型；一个问题可能属于多个领域和类型，因此可能出现在多个格子里。")
    if untyped:
        lead += (f"“{NO_TYPE_COLUMN}”一列是 {len(untyped)} 个不能归入不想为、不敢为、不会为的问题"
                 "（如形式主义、官僚主义、乱作为），它们在领域 × 类别矩阵（页首可切换）中有各自的位置。")
    body = "\n".join(["# 领域 × 类型矩阵", "", _switch(here), "", lead,
                      "", '<div class="kb-matrix" markdown>', "", *rows, "", "</div>"])
    return Page(here, "领域 × 类型矩阵", body, {"search": {"exclude": True}})


def family_matrix(cat: Catalogue) -> Page:
    here = FAMILY_MATRIX_URI
    columns = [(link(here, uri("family", f.id), f.title), f.id) for f in cat.families.values()]
    rows = _table(cat, here, columns, lambda p, key: key in p.families)
    body = "\n".join(["# 领域 × 类别矩阵", "", _switch(here), "",
                      "行是治理领域，列是问题类别；一个问题可能属于多个领域和类别，因此可能出现在多个格子里。"
                      "每个问题都至少属于一个类别。",
                      "", '<div class="kb-matrix" markdown>', "", *rows, "", "</div>"])
    return Page(here, "领域 × 类别矩阵", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [type_matrix(cat), family_matrix(cat)]
