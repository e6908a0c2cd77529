"""The 更新记录 page (/changelog/): per released version, the entries added, changed and retired."""
from __future__ import annotations

import re

from kb.history import compare as cd
from kb.core.graph import Catalogue
from kb.core.kinds import BY_KEY
from kb.history.changelog import History
from kb.site.pages.markup import Page, SiteContext, esc, link, uri
from kb.core.schema import FIELD_LABELS
from kb.core.urls import CHANGELOG_URI

CHANGE_LABELS = [(cd.ADDED, "新增"), (cd.CHANGED, "修改"), (cd.RETIRED, "停用"), (cd.REMOVED, "删除")]


def _entry(cat: Catalogue, here: str, change: cd.EntryChange) -> str:
    kind = BY_KEY.get(change.section)
    exists = kind is not None and kind.has_page and change.id in kind.entries(cat)
    label = f"{change.id} {change.title}".strip()
    return link(here, uri(kind.name, change.id), label) if exists else esc(label)


def render(cat: Catalogue, ctx: SiteContext, history: History | None = None) -> list[Page]:
    here = CHANGELOG_URI
    parts = ["# 更新记录", "", "每个发布版本新增、修改和停用的条目。版本号和发布日期见 catalogue/meta.yaml。", ""]
    if history is None or not history.releases:
        parts += ["（没有可读的版本历史：站点不是从 git 仓库构建的。）"]
    for release in (history.releases if history else []):
        anchor = "v" + re.sub(r"[^0-9A-Za-z]+", "-", release.version)
        # Every value read from an old commit is untrusted: it was never validated by the current tree.
        parts += [f"## 版本 {esc(release.version)}（{esc(release.released)}） {{#{anchor}}}", ""]
        if release.commit in ctx.release_uris:
            parts += [f"逐字段的新旧对照见{link(here, ctx.release_uris[release.commit], '版本对比')}。", ""]
        changes = [c for c in release.diff.changes if c.section != "meta"]
        if not changes:
            parts += ["本版本没有条目变化。", ""]
        for change_kind, label in CHANGE_LABELS:
            for section in cd.SECTIONS:
                group = [c for c in changes if c.change == change_kind and c.section == section.key]
                if not group:
                    continue
                parts += [f"**{label}{section.label}（{len(group)}）**", ""]
                for c in group:
                    line = f"- {_entry(cat, here, c)}"
                    if change_kind == cd.CHANGED:
                        line += "：" + "、".join(FIELD_LABELS.get(f.field) or esc(str(f.field)) for f in c.fields)
                    if change_kind == cd.RETIRED and c.replaced_by:
                        line += f"，由 {esc(c.replaced_by)} 接替"
                    parts.append(line)
                parts += [""]
    return [Page(here, "更新记录", "\n".join(parts), {"search": {"exclude": True}})]
