"""The glossary page (/glossary/): every term with its definition, one fixed anchor per term."""
from __future__ import annotations

from collections import defaultdict

from kb.core.graph import Catalogue
from kb.site.pages.markup import GLOSSARY_URI, GlossaryLinker, Page, SiteContext, bullet_links, esc, paragraphs
from kb.core.citations import reference_line

# Problems listed under each term. A common term in a catalogue of thousands of problems is used
# by hundreds of them: listing all made the page grow with terms × problems (9.5 MB of HTML at
# 5,000 problems). The real catalogue's longest list has 19.
USERS_SHOWN = 20


def _problems_by_term(cat: Catalogue, linker: GlossaryLinker) -> dict[str, list[str]]:
    """Term id → ids of the problems whose prose uses the term (one scan per problem)."""
    users: dict[str, list[str]] = defaultdict(list)
    for p in cat.active_problems:
        text = " ".join([p.title, p.summary, *p.symptoms, *(e.text for e in p.examples),
                         p.analysis or "", *p.actions, p.distinguish or ""])
        for tid in sorted(linker.terms_in(text)):
            users[tid].append(p.id)
    return users


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    here = GLOSSARY_URI
    parts = ["# 术语", "", f"知识库页面中用到的 {len(cat.terms)} 个术语及其释义，按拼音排列。"
             "问题页面中首次出现的术语会链接到这里，鼠标悬停可看到释义。", ""]
    users_of = _problems_by_term(cat, ctx.linker or GlossaryLinker(cat))
    for term in sorted(cat.terms.values(), key=lambda t: t.id):
        parts += [f"## {esc(term.term)} {{#{term.id}}}", "", paragraphs(term.definition), ""]
        if term.aliases:
            parts += ["也作：" + "、".join(esc(a) for a in term.aliases), ""]
        if term.references:  # kept apart from the definition, as on entry pages
            parts += ['<div class="kb-references" markdown>', "", "参考的公开文件：", "",
                      *(f"- {esc(reference_line(r))}" for r in term.references), "", "</div>", ""]
        users = users_of.get(term.id, [])
        if users:
            title = "用到这个术语的问题" if len(users) <= USERS_SHOWN else \
                f"用到这个术语的问题（共 {len(users)} 个，列出前 {USERS_SHOWN} 个）"
            parts += ['<div data-search-exclude markdown>', "", f'??? note "{title}"', ""]
            parts += ["    " + line for line in bullet_links(here, [
                ("problem", pid, cat.problems[pid].title, "") for pid in users[:USERS_SHOWN]]).splitlines()]
            if len(users) > USERS_SHOWN:
                # Search finds the term only in indexed fields (not in examples or actions),
                # so this does not promise that it finds every remaining problem.
                parts += ["", f"    另有 {len(users) - USERS_SHOWN} 个问题也用到这个术语，未逐一列出。"
                              f"在搜索框输入“{esc(term.term)}”可查找相关问题。"]
            parts += ["", "</div>", ""]
    return [Page(here, "术语", "\n".join(parts))]
