"""Area handouts (/handouts/A05/): every problem of one governance area in full, for printing."""
from __future__ import annotations

import re

from kb.core.graph import Catalogue
from kb.site.pages.markup import Page, SiteContext, esc, link, paragraphs, uri
from kb.site.pages.problem import facts, problem_sections
from kb.core.urls import HANDOUT_URI



HEADING = re.compile(r"^(#+) (.*) \{#([^ }]+)(.*)\}$")


def nested(lines: list[str], pid: str) -> list[str]:
    """A problem's sections one heading level deeper, anchors prefixed with its id. Reuses the
    lines rendered for its own page (problems/ and handouts/ sit at the same depth, so relative
    links stay valid) instead of rendering every problem twice."""
    out = []
    for line in lines:
        m = HEADING.match(line)
        out.append(f"#{m.group(1)} {m.group(2)} {{#{pid}-{m.group(3)}{m.group(4)}}}" if m else line)
    return out


def handout_page(cat: Catalogue, ctx: SiteContext, area) -> Page:
    here = HANDOUT_URI.format(area.id)
    problem_ids = cat.problems_by_area.get(area.id, [])
    parts = [f"# {esc(area.title)}：问题讲义", "",
             f'<div class="kb-facts" markdown>\n\n**治理领域** {link(here, uri("area", area.id), area.id)} · '
             f"**问题数** {len(problem_ids)} · **目录版本** {esc(cat.meta.version)}"
             f"（{cat.meta.released.isoformat()}）\n\n</div>", "",
             paragraphs(area.summary), "",
             "本讲义收录本领域全部问题的完整内容，适合打印（浏览器菜单“打印”，纸张选 A4）。", ""]
    for pid in problem_ids:
        p = cat.problems[pid]
        parts += [f'<section class="kb-handout-problem" markdown>', "",
                  f"## {esc(p.id)} {esc(p.title)} {{#{p.id}}}", "", facts(cat, here, p), "",
                  *nested(ctx.sections.get(pid) or problem_sections(cat, ctx, p, here), p.id),
                  "</section>", ""]
    return Page(here, f"{area.title}：问题讲义", "\n".join(parts), {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [handout_page(cat, ctx, a) for a in cat.areas.values()]
