"""The glossary page (/glossary/): every term with its definition, one fixed anchor per term."""
from __future__ import annotations

from ..graph import Catalogue
from .markup import GLOSSARY_URI, Page, SiteContext, bullet_links, esc, paragraphs


def _problems_using(cat: Catalogue, words: tuple[str, ...]) -> list[str]:
    out = []
    for p in cat.active_problems:
        text = " ".join([p.title, p.summary, *p.symptoms, *(e.text for e in p.examples),
                         p.analysis or "", *p.actions, p.distinguish or ""])
        if any(w in text for w in words):
            out.append(p.id)
    return out


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    here = GLOSSARY_URI
    parts = ["# 术语", "", f"知识库页面中用到的 {len(cat.terms)} 个术语及其释义，按拼音排列。"
             "问题页面中首次出现的术语会链接到这里，鼠标悬停可看到释义。", ""]
    for term in sorted(cat.terms.values(), key=lambda t: t.id):
        parts += [f"## {esc(term.term)} {{#{term.id}}}", "", paragraphs(term.definition), ""]
        if term.aliases:
            parts += ["也作：" + "、".join(esc(a) for a in term.aliases), ""]
        users = _problems_using(cat, (term.term, *term.aliases))
        if users:
            parts += ['??? note "用到这个术语的问题"', ""]
            parts += ["    " + line for line in bullet_links(here, [
                ("problem", pid, cat.problems[pid].title, "") for pid in users]).splitlines()]
            parts += [""]
    return [Page(here, "术语", "\n".join(parts))]
