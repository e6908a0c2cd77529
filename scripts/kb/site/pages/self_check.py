"""The self-check page (/self-check/, 对照检视): the reader marks problems for themselves or their unit
and leaves with a 检视问题清单 (DOCX) and a 整改台账 (XLSX), all in the browser.

This module only writes the page (a short introduction and the container the script fills in) and
the catalogue data the script needs, as a script file that sets one variable: a file:// page cannot
fetch a JSON file, and a script in the page's content would not pass the sanitizer (site/sanitize.py).
The logic lives in docs/assets/self-check-logic.js, the page's behaviour in self-check.js.
"""
from __future__ import annotations

import json

from kb.core.graph import Catalogue
from kb.site.pages.markup import INDEX_URIS, Page, SiteContext, rel

SELF_CHECK_URI = "self-check.md"
DATA_URI = "assets/self-check-data.js"
# Loaded only on this page (overrides/main.html reads page.meta.kb_scripts): the DOCX writer alone
# is a megabyte that no other page needs.
SCRIPTS = ["assets/vendor/docx/docx.js", "assets/vendor/write-excel-file/write-excel-file.min.js",
           DATA_URI, "assets/self-check-logic.js", "assets/self-check.js"]


def self_check_data(cat: Catalogue) -> dict:
    """What the page needs of the catalogue: problems with their prompts, causes, measures, actions."""
    problems = cat.active_problems
    used_causes = {c for p in problems for c in p.causes}
    used_measures = {m for p in problems for m in p.countermeasures}
    return {
        "catalogue": {"title": cat.meta.title, "version": cat.meta.version},
        "areas": [{"id": a.id, "title": a.title} for a in cat.areas.values()],
        "order": [p.id for p in problems],
        "problems": {p.id: {"title": p.title, "summary": p.summary, "areas": list(p.areas),
                            "prompts": list(p.self_check), "causes": list(p.causes),
                            "measures": list(p.countermeasures), "actions": list(p.actions)}
                     for p in problems},
        "causes": {c.id: {"title": c.title, "summary": c.summary}
                   for c in cat.causes.values() if c.id in used_causes},
        "measures": {m.id: {"title": m.title, "summary": m.summary}
                     for m in cat.measures.values() if m.id in used_measures},
    }


def embedded_json(data: dict) -> str:
    """JSON that cannot end a <script> element or open markup, whatever the catalogue says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def data_script(cat: Catalogue) -> str:
    """The page's data as a script: window.KB_SELF_CHECK_DATA = {…};"""
    return f"window.KB_SELF_CHECK_DATA = {embedded_json(self_check_data(cat))};\n"


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    here = SELF_CHECK_URI
    problems_link = rel(here, INDEX_URIS["problem"])
    body = "\n".join([
        "# 对照检视", "",
        "对照知识库中的问题清单，逐项检视本人或本班子（本单位）是否存在这些问题，"
        "写下自己的具体表现，选定原因和整改措施，最后得到一份**检视问题清单**（Word）和一份**整改台账**（Excel）。", "",
        '<p class="kb-sc-privacy"><strong>本页填写的内容只保存在您自己的浏览器中，不会发送到任何地方。</strong></p>', "",
        "知识库里的句子只是参考：清单中标为“【参考】”的文字必须结合实际用自己的话改写，"
        "标为“【待填写】”的地方要补上自己的事实。照抄参考文字上交，本身就是形式主义。"
        f"逐条阅读问题可到[问题列表]({problems_link}){{: #kb-sc-problems-link }}。", "",
        '<p class="kb-sc-noscript">对照检视需要在浏览器中启用 JavaScript。</p>', "",
        '<div id="kb-self-check" class="kb-sc" data-search-exclude></div>', "",
    ])
    meta = {"description": "对照问题清单检视本人或本单位，生成检视问题清单和整改台账。",
            "search": {"exclude": True}, "hide": ["toc"], "kb_scripts": SCRIPTS,
            "kb_styles": ["assets/self-check.css"]}
    return [Page(here, "对照检视", body, meta)]
