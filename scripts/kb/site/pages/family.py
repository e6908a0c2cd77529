"""Problem family pages (/families/F2/): the family and its problems grouped by primary area."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.manifestation_type import by_primary_area
from kb.site.pages.markup import (index_rows, FAMILY_MATRIX_URI, INDEX_URIS, Page, SiteContext, esc,
                                  paragraphs, rel, uri)
from kb.site.pages.source_refs import traced_from


def family_page(cat: Catalogue, ctx: SiteContext, family) -> Page:
    here = uri("family", family.id)
    problem_ids = cat.problems_by_family.get(family.id, [])
    primary = sum(1 for pid in problem_ids if cat.problems[pid].families[0] == family.id)
    parts = [f"# {esc(family.title)}", "", f'<div class="kb-facts" markdown>\n\n**编号** {family.id} · '
             f"**问题数** {len(problem_ids)}（其中 {primary} 个以此为主要类别）"
             f"{ctx.changed_note('family', family.id)}\n\n</div>", "",
             "## 概述 {#summary}", "", paragraphs(family.summary), "",
             "## 此类问题 {#problems data-search-exclude}", "",
             "按问题的主要治理领域分组。", ""]
    parts += by_primary_area(cat, here, problem_ids)
    parts += ["## 来源 {#sources data-search-exclude}", "", traced_from(cat, here, family.sources), ""]
    return Page(here, family.title, "\n".join(parts), {"description": family.summary, "tags": [family.id]})


def index_page(cat: Catalogue, ctx: SiteContext) -> Page:
    here = INDEX_URIS["family"]
    rows = index_rows(here, "family", "问题类别", "问题数", cat.families.values(),
                      lambda rid: len(cat.problems_by_family.get(rid, [])))
    body = "\n".join([
        "# 问题类别", "",
        "按来源文件自己的大类给问题分类：政治站位、形式主义、官僚主义、不担当不作为、庸懒散浮拖、乱作为等。"
        "每个问题属于一到两个类别，第一个是主要类别。", "",
        "问题类别与[表现类型](../types/index.md)（不想为、不敢为、不会为）是两种分类：表现类型只适用于不作为、"
        "慢作为一类问题，形式主义、官僚主义和乱作为的问题多数不归入三种表现类型；问题类别覆盖全部问题。"
        f"也可以在[领域 × 类别矩阵]({rel(here, FAMILY_MATRIX_URI)})中浏览。", "",
        *rows])
    return Page(here, "问题类别", body, {"search": {"exclude": True}})


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    return [index_page(cat, ctx), *(family_page(cat, ctx, f) for f in cat.families.values())]
