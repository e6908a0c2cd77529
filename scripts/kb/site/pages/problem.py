"""Problem pages (/problems/P012/), tombstones for retired problems, and the problems index."""
from __future__ import annotations


from kb.core import schema
from kb.core.graph import Catalogue
from kb.site.pages.markup import (INDEX_URIS, Page, SiteContext, also_called, bullet_links, cite_block, esc, esc_attr, link,
                     paragraphs, uri)
from kb.site.pages.source_refs import references_section, traced_from
from kb.site.pictures.entry import problem_picture
from kb.site.pages.releases import history_section

CHINESE_NUMERALS = "一二三四五六七八九十"


def _ordinal(i: int) -> str:
    return CHINESE_NUMERALS[i] if i < len(CHINESE_NUMERALS) else str(i + 1)


# Shown under every example: the stories are written for the catalogue, not taken from real cases.
EXAMPLE_MARK = "示例情形（非真实案例）"
# The 表现类型 fact of a problem none of the three types fits (formalism, abuse of power …).
NO_TYPE = "不适用"


def facts(cat: Catalogue, here: str, p: schema.Problem, ctx: SiteContext | None = None) -> str:
    families = "、".join(link(here, uri("family", f), cat.families[f].title) for f in p.families)
    areas = "、".join(link(here, uri("area", a), cat.areas[a].title) for a in p.areas)
    types = "、".join(link(here, uri("type", t), cat.types[t].title) for t in p.types) or NO_TYPE
    return (f'<div class="kb-facts" markdown>\n\n'
            f'**编号** {p.id} · **问题类别** {families} · **治理领域** {areas} · **表现类型** {types}'
            f'{ctx.changed_note("problem", p.id) if ctx else ""}{also_called(p.aliases)}\n\n</div>')


def problem_sections(cat: Catalogue, ctx: SiteContext, p: schema.Problem, here: str) -> list[str]:
    """The content sections of a problem (概述 … 如何区分) with their fixed anchors; area handouts
    reuse them one level deeper (see handout.nested)."""
    used: set[str] = set()

    def prose(text: str) -> str:
        return ctx.linker.apply(here, paragraphs(text), used) if ctx.linker else paragraphs(text)

    def heading(level: str, title: str, anchor: str, indexed: bool = True) -> str:
        # Sections left out of the search index keep it lean at thousands of problems: stories and
        # lists of linked causes and measures rarely hold the words a reader types.
        attrs = "" if indexed else " data-search-exclude"
        return f"{level} {title} {{#{anchor}{attrs}}}"

    parts = [heading("##", "概述", "summary"), "", prose(p.summary), "", heading("##", "具体表现", "symptoms"), ""]
    parts += [f"- {prose(s)}" for s in p.symptoms]
    parts += ["", heading("##", "典型情形", "examples", indexed=False), ""]
    for i, ex in enumerate(p.examples):
        parts += [heading("###", f"情形{_ordinal(i)}：{esc(ex.title)}", f"example-{i + 1}", indexed=False), "",
                  EXAMPLE_MARK, '{: .kb-example-mark }', "", prose(ex.text), ""]
    parts += [heading("##", "成因", "causes", indexed=False), "",
              bullet_links(here, [("cause", c, cat.causes[c].title, cat.causes[c].summary)
                                  for c in p.causes]), ""]
    if p.analysis:
        parts += [heading("###", "成因分析", "analysis", indexed=False), "", prose(p.analysis), ""]
    parts += [heading("##", "整改措施", "countermeasures", indexed=False), "",
              bullet_links(here, [("countermeasure", m, cat.measures[m].title, cat.measures[m].summary)
                                  for m in p.countermeasures]), ""]
    if p.actions:
        parts += [heading("###", "具体做法", "actions", indexed=False), ""]
        parts += [f"{i + 1}. {prose(a)}" for i, a in enumerate(p.actions)]
        parts += [""]
    if p.distinguish:
        parts += [heading("##", "如何区分", "distinguish"), "", prose(p.distinguish), ""]
    return parts


def problem_page(cat: Catalogue, ctx: SiteContext, p: schema.Problem) -> Page:
    here = uri("problem", p.id)
    ctx.sections[p.id] = problem_sections(cat, ctx, p, here)
    parts = [f"# {esc(p.title)}", "", facts(cat, here, p, ctx), "", *ctx.sections[p.id]]
    parts += [problem_picture(cat, ctx, p)]
    related = list(dict.fromkeys(p.related + cat.related_to.get(p.id, [])))
    if related:
        parts += ["## 相关问题 {#related data-search-exclude}", "",
                  bullet_links(here, [("problem", r, cat.problems[r].title, "") for r in related]), ""]
    if p.keywords:
        parts += ["## 关键词 {#keywords data-search-exclude}", "", "、".join(esc(k) for k in p.keywords), ""]
    parts += ["## 来源 {#sources data-search-exclude}", "", traced_from(cat, here, p.sources), ""]
    parts += references_section(p.references)
    parts += [history_section(ctx, "problem", p.id, here)]
    parts += [cite_block(cat, ctx, here, p.title, p.id)]
    # Tags show under a search result: the entry's id and primary area. 'kb' is for the search
    # page's filters: the families and types by id and title.
    meta = {"description": p.summary, "tags": [p.id, cat.primary_area(p).title], "search": {"boost": 2},
            "kb": {"id": p.id, "area": cat.primary_area(p).title,
                   "family": cat.families[p.families[0]].title,
                   "families": list(p.families), "types": list(p.types)}}
    return Page(here, p.title, "\n".join(parts), meta)


def tombstone_page(cat: Catalogue, ctx: SiteContext, p: schema.RetiredProblem) -> Page:
    here = uri("problem", p.id)
    successor = cat.problems[p.replaced_by]
    body = "\n".join([
        f"# {esc(p.title)}（已停用）",
        "",
        '!!! warning "此条目已停用"',
        "",
        f"    问题 {p.id} 已停用，内容已并入 {link(here, uri('problem', successor.id), f'{successor.id} {successor.title}')}。"
        "请更新您的链接。",
        "",
        paragraphs(p.summary),
        "",
        history_section(ctx, "problem", p.id, here),
        cite_block(cat, ctx, here, p.title, p.id),
    ])
    meta = {"description": p.summary, "robots": "noindex", "search": {"exclude": True},
            "kb": {"id": p.id, "replaced_by": successor.id}}
    return Page(here, f"{p.title}（已停用）", body, meta)


def filter_terms(p: schema.Problem) -> str:
    """The words the index filter matches besides a row's visible text: aliases (when the catalogue
    has them) and keywords, as an attribute of an empty span that readers never see."""
    terms = [*getattr(p, "aliases", []), *p.keywords]
    return f'<span data-kb-terms="{esc_attr(" ".join(terms))}"></span>' if terms else ""


def index_page(cat: Catalogue, ctx: SiteContext) -> Page:
    here = INDEX_URIS["problem"]
    rows = ["| 编号 | 问题 | 问题类别 | 主要领域 | 表现类型 |", "| --- | --- | --- | --- | --- |"]
    for p in cat.active_problems:
        area = cat.primary_area(p)
        rows.append(
            f"| {p.id} | {link(here, uri('problem', p.id), p.title)}{filter_terms(p)} "
            f"| {'、'.join(link(here, uri('family', f), cat.families[f].title) for f in p.families)} "
            f"| {link(here, uri('area', area.id), area.title)} "
            f"| {'、'.join(esc(cat.types[t].title) for t in p.types) or '—'} |")
    body = "\n".join([
        "# 问题清单", "",
        # The filter needs scripts: its box and this sentence are hidden until kb.js shows them.
        f"共 {len(cat.active_problems)} 个问题。"
        '<span class="kb-filter-note" hidden>在下方输入框中输入问题名称、别称或关键词可筛选列表。</span>'
        "还可以按[问题类别](../families/index.md)、[治理领域](../areas/index.md)、[表现类型](../types/index.md)分类浏览，"
        "或查看[领域 × 类型矩阵](../matrix.md)、[领域 × 类别矩阵](../matrix-families.md)。"
        "表现类型一栏为“—”的问题不属于不想为、不敢为、不会为三种类型。", "",
        '<div class="kb-filter" data-kb-filter hidden></div>', "",
        *rows,
    ])
    return Page(here, "问题清单", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    pages = [index_page(cat, ctx)]
    for p in cat.problems.values():
        pages.append(problem_page(cat, ctx, p) if p.status == "active" else tombstone_page(cat, ctx, p))
    return pages
