"""The matrix page (/matrix/): governance areas × manifestation types, each cell its problems."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import MATRIX_URI, Page, SiteContext, esc, link, uri


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    here = MATRIX_URI
    head = "| 治理领域 | " + " | ".join(link(here, uri("type", t.id), t.title) for t in cat.types.values()) + " |"
    rows = [head, "| --- |" + " --- |" * len(cat.types)]
    for aid, area in cat.areas.items():
        cells = []
        for tid in cat.types:
            pids = [pid for pid in cat.problems_by_area.get(aid, []) if tid in cat.problems[pid].types]
            cells.append("<br>".join(link(here, uri("problem", pid), f"{pid} {cat.problems[pid].title}")
                                     for pid in pids) or "—")
        rows.append(f"| {link(here, uri('area', aid), area.title)} | " + " | ".join(cells) + " |")
    body = "\n".join(["# 领域 × 类型矩阵", "",
                      "行是治理领域，列是表现类型；一个问题可能属于多个领域和类型，因此可能出现在多个格子里。",
                      "", '<div class="kb-matrix" markdown>', "", *rows, "", "</div>"])
    return [Page(here, "领域 × 类型矩阵", body, {"search": {"exclude": True}})]
