"""版本对比 pages (/releases/v1-1/): what a release added, changed (field by field, old and new
side by side) and retired since the release before it, from the same comparison as `kb diff`; and
the 修改记录 section of each entry page, linking to them.

Every value here was read from git history, not from the validated catalogue: it is escaped as
text (raw HTML built with html.escape), never interpreted as Markdown or HTML.
"""
from __future__ import annotations

import difflib

from kb.history import compare as cd
from kb.history.changelog import KINDS, Release
from kb.core.schema import FIELD_LABELS
from kb.core.urls import RELEASES_DIR, entry_anchor, release_uris, slug  # noqa: F401
from kb.site.pages.markup import Page, SiteContext, esc, link, uri
from kb.site.pictures.text import xml

CHANGE_WORDS = {cd.ADDED: "新增", cd.CHANGED: "修改", cd.RETIRED: "停用", cd.REMOVED: "删除"}
def _html_value(value) -> str:
    """A YAML value as escaped HTML: text as paragraphs, lists as numbered lines, mappings as pairs."""
    if value is None:
        return '<span class="kb-diff__none">（无）</span>'
    if isinstance(value, list):
        if not value:
            return "（空）"
        return "<ol>" + "".join(f"<li>{_html_value(v)}</li>" for v in value) + "</ol>"
    if isinstance(value, dict):
        return "<br>".join(f"<b>{xml(FIELD_LABELS.get(str(k), str(k)))}</b>：{_html_value(v)}" for k, v in value.items())
    return xml(cd.inline(value))


def _marked(old: str, new: str) -> tuple[str, str]:
    """Two texts with the characters only one of them has marked (<del> in old, <ins> in new)."""
    a, b = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            a.append(xml(old[i1:i2]))
            b.append(xml(new[j1:j2]))
            continue
        if i2 > i1:
            a.append(f"<del>{xml(old[i1:i2])}</del>")
        if j2 > j1:
            b.append(f"<ins>{xml(new[j1:j2])}</ins>")
    return "".join(a), "".join(b)


def _field_row(f: cd.FieldChange) -> str:
    if isinstance(f.old, str) and isinstance(f.new, str):
        old, new = _marked(" ".join(f.old.split()), " ".join(f.new.split()))
    else:
        old, new = _html_value(f.old), _html_value(f.new)
    name = FIELD_LABELS.get(f.field, f.field)
    return (f'<tr><th scope="row">{xml(name)}<br><code>{xml(f.field)}</code></th>'
            f'<td class="kb-diff__old">{old}</td><td class="kb-diff__new">{new}</td></tr>')


def _fields_table(fields: list[cd.FieldChange]) -> str:
    return ('<div class="kb-diff"><table><thead><tr><th scope="col">字段</th><th scope="col">原来</th>'
            '<th scope="col">现在</th></tr></thead><tbody>'
            + "".join(_field_row(f) for f in fields) + "</tbody></table></div>")


def _entry_name(ctx: SiteContext, here: str, c: cd.EntryChange, live: dict) -> str:
    kind = KINDS.get(c.section)
    label = f"{c.id} {c.title}".strip()
    if kind and c.id in live.get(kind, ()):
        return link(here, uri(kind, c.id), label)
    return esc(label)


def release_page(ctx: SiteContext, live: dict, release: Release, previous: Release | None, page_uri: str) -> Page:
    here = page_uri
    against = f"版本 {esc(previous.version)}（{esc(previous.released)}）" if previous else "空目录（首个版本）"
    changes = [c for c in release.diff.changes if c.section != "meta"]
    parts = [f"# 版本对比：{esc(release.version)}", "",
             f"版本 {esc(release.version)}（{esc(release.released)} 发布）与 {against} 相比的变化，"
             "由目录的 git 历史逐条比较得出（与 `kb diff` 相同）。另见[更新记录](../changelog.md)和"
             "[机器可读的版本差异](../releases.json)。", ""]
    counts = [(CHANGE_WORDS[k], sum(c.change == k for c in changes)) for k in CHANGE_WORDS]
    parts += ["本版本" + ("、".join(f"{w} {n} 个条目" for w, n in counts if n) or "没有条目变化") + "。", ""]
    for kind, word in CHANGE_WORDS.items():
        for section in cd.SECTIONS:
            group = [c for c in changes if c.change == kind and c.section == section.key]
            if not group:
                continue
            parts += [f"## {word}的{section.label}（{len(group)}） {{#{kind}-{section.key}}}", ""]
            for c in group:
                parts += [f"### {_entry_name(ctx, here, c, live)} {{#{entry_anchor(c.section, c.id)}}}", ""]
                if kind == cd.RETIRED and c.replaced_by:
                    parts += [f"由 {esc(str(c.replaced_by))} 接替。", ""]
                if kind == cd.REMOVED:
                    parts += [f"文件 {esc(c.path)} 中已没有这个条目。", ""]
                if c.fields:
                    parts += [_fields_table(c.fields), ""]
    if release.diff.notes:
        parts += ["## 未能比较 {#notes}", ""] + [f"- {esc(n)}" for n in release.diff.notes] + [""]
    return Page(here, f"版本对比：{release.version}", "\n".join(parts), {"search": {"exclude": True}})


def entry_histories(releases: list[Release]) -> dict[tuple[str, str], list[tuple[Release, cd.EntryChange]]]:
    """(kind, id) → the releases that changed the entry, newest first, with what changed."""
    out: dict[tuple[str, str], list] = {}
    for r in releases:
        for c in r.diff.changes:
            kind = KINDS.get(c.section)
            if kind:
                out.setdefault((kind, c.id), []).append((r, c))
    return out


def history_section(ctx: SiteContext, kind: str, rid: str, here: str) -> str:
    """The 修改记录 section of an entry page ('' when there is no history)."""
    rows = ctx.histories.get((kind, rid)) if ctx.histories else None
    if not rows:
        return ""
    lines = ["## 修改记录 {#history data-search-exclude}", ""]
    for release, change in rows:
        what = CHANGE_WORDS[change.change]
        if change.change == cd.CHANGED:
            what += "：" + "、".join(FIELD_LABELS.get(f.field, f.field) for f in change.fields)
        target = ctx.release_uris.get(release.commit)
        compare = f"，见{link(here, target, f'版本 {release.version} 的对比', anchor=entry_anchor(change.section, change.id))}" if target else ""
        lines.append(f"- 版本 {esc(release.version)}（{esc(release.released)}）{esc(what)}{compare}")
    return "\n".join(lines) + "\n"


def render(cat, ctx: SiteContext, history) -> list[Page]:
    if history is None or not history.releases:
        return []
    live = {"problem": cat.problems, "area": cat.areas, "type": cat.types, "cause": cat.causes,
            "countermeasure": cat.measures, "source": cat.sources}
    pages = []
    for i, release in enumerate(history.releases):
        previous = history.releases[i + 1] if i + 1 < len(history.releases) else None
        pages.append(release_page(ctx, live, release, previous, ctx.release_uris[release.commit]))
    return pages
