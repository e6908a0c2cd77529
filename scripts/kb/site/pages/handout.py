"""Area handouts (/handouts/A05/): every problem of one governance area in full, for printing."""
from __future__ import annotations

import html
import re

from kb.core.graph import Catalogue
from kb.site.pages.markup import Page, SiteContext, citation, esc, link, paragraphs, rel, uri
from kb.site.pages.problem import facts, problem_sections
from kb.core.urls import HANDOUT_DOCX_URI, HANDOUT_URI
from kb.site.pages.source_refs import traced_from



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


# Where docs/downloads.md lists the Word handouts; the plugin fills in one row per area.
DOWNLOADS_MARKER = "<!-- kb:handouts -->"


def downloads_rows(cat: Catalogue | None) -> str:
    """Rows of the downloads table: one editable handout per area (none while the catalogue fails)."""
    if cat is None:
        return ""
    return "\n".join(f"| [{HANDOUT_DOCX_URI.format(a.id).split('/')[-1]}]({HANDOUT_DOCX_URI.format(a.id)}) "
                     f"| {esc(a.title)}：问题讲义，可编辑的 Word 文档（DOCX），内容与[打印版](handouts/{a.id}.md)相同 |"
                     for a in cat.areas.values())


def handout_buttons(here: str, area_id: str) -> str:
    """The print button (shown by kb.js: printing from a button needs scripts) and the Word download
    beside it (a Markdown link, so that MkDocs resolves its address)."""
    button = '<button type="button" class="md-button md-button--primary" data-kb-print hidden>打印讲义</button>'
    docx = f"[下载可编辑的 Word 版（DOCX）]({rel(here, HANDOUT_DOCX_URI.format(area_id))}){{ .md-button }}"
    return f'<p class="kb-handout-actions" markdown="span">{button} {docx}</p>'


def handout_page(cat: Catalogue, ctx: SiteContext, area) -> Page:
    here = HANDOUT_URI.format(area.id)
    problem_ids = cat.problems_by_area.get(area.id, [])
    parts = [f"# {esc(area.title)}：问题讲义", "",
             f'<div class="kb-facts" markdown>\n\n**治理领域** {link(here, uri("area", area.id), area.id)} · '
             f"**问题数** {len(problem_ids)} · **目录版本** {esc(cat.meta.version)}"
             f"（{cat.meta.released.isoformat()}）\n\n</div>", "",
             handout_buttons(here, area.id), "",
             paragraphs(area.summary), "",
             "本讲义收录本领域全部问题的完整内容，适合打印（纸张选 A4）：每个问题从新的一页开始，"
             "链接的网址集中印在每个问题末尾，页脚有页码。", ""]
    # Contents: the problems in order, each a link to its part of the handout.
    parts += ["## 目录 {#contents data-search-exclude}", ""]
    parts += [f"{i}. [{esc(pid)} {esc(cat.problems[pid].title)}](#{pid})" for i, pid in enumerate(problem_ids, 1)]
    parts += [""] if problem_ids else ["（暂无）", ""]
    for pid in problem_ids:
        p = cat.problems[pid]
        page = uri("problem", pid)
        parts += [f'<section class="kb-handout-problem" markdown>', "",
                  f"## {esc(p.id)} {esc(p.title)} {{#{p.id}}}", "", facts(cat, here, p), "",
                  *nested(ctx.sections.get(pid) or problem_sections(cat, ctx, p, here), p.id),
                  f"### 来源 {{#{pid}-sources}}", "", traced_from(cat, here, p.sources), "",
                  f'<p class="kb-handout-cite" id="{pid}-cite"><strong>引用本页</strong>　'
                  f'{html.escape(citation(cat, ctx, page, p.title, p.id))}</p>', "",
                  "</section>", ""]
    # The contents list replaces the side table of contents (which would repeat 概述 … for every problem).
    return Page(here, f"{area.title}：问题讲义", "\n".join(parts), {"search": {"exclude": True}, "hide": ["toc"]})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [handout_page(cat, ctx, a) for a in cat.areas.values()]
