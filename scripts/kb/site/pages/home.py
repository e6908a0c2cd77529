"""The counts and entry points block of the home page (the rest of the home page is hand-written)."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import GLOSSARY_URI, INDEX_URIS, MATRIX_URI, esc, link
from kb.core.urls import HOME_URI

MARKER = "<!-- kb:home -->"


def entry_points(cat: Catalogue) -> str:
    here = HOME_URI
    n = len(cat.active_problems)
    cards = [
        (INDEX_URIS["problem"], f"问题清单（{n}）", "所有问题，可筛选"),
        (INDEX_URIS["area"], f"治理领域（{len(cat.areas)}）", "按领域浏览"),
        (INDEX_URIS["family"], f"问题类别（{len(cat.families)}）", "形式主义、官僚主义、不担当不作为……"),
        (INDEX_URIS["type"], f"表现类型（{len(cat.types)}）", "不想为、不敢为、不会为"),
        (MATRIX_URI, "领域 × 类型矩阵", "一张表看全貌；也有领域 × 类别矩阵"),
        (INDEX_URIS["cause"], f"成因（{len(cat.causes)}）", "问题为什么会发生"),
        (INDEX_URIS["countermeasure"], f"整改措施（{len(cat.measures)}）", "怎么办"),
        (GLOSSARY_URI, f"术语（{len(cat.terms)}）", "政策术语与俗称"),
        (INDEX_URIS["source"], f"来源文件（{len(cat.sources)}）", "逐条对照原文件"),
    ]
    lines = ['<div class="grid cards" markdown>', ""]
    for target, title, note in cards:
        lines += [f"-   {link(here, target, title)}", "", f"    {esc(note)}", ""]
    lines += ["</div>", "",
              f"目录版本 {esc(cat.meta.version)}，{cat.meta.released.isoformat()} 发布。"]
    return "\n".join(lines)

