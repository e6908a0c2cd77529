"""The 更新记录 page (/changelog/): per released version, the entries added, changed and retired."""
from __future__ import annotations

import re

from kb.history import compare as cd
from kb.core.graph import Catalogue
from kb.history.changelog import KINDS, History
from kb.site.pages.markup import Page, SiteContext, esc, link, uri

CHANGELOG_URI = "changelog.md"
FIELD_LABELS = {
    "title": "标题", "summary": "概述", "types": "表现类型", "areas": "治理领域", "symptoms": "具体表现",
    "examples": "典型情形", "causes": "成因", "analysis": "成因分析", "countermeasures": "整改措施",
    "actions": "具体做法", "distinguish": "如何区分", "related": "相关问题", "keywords": "关键词",
    "sources": "来源", "status": "状态", "replaced_by": "接替条目", "text": "说明", "levels": "作用层面",
    "items": "条目", "term": "术语", "aliases": "其他写法", "definition": "释义", "genre": "类别",
}
CHANGE_LABELS = [(cd.ADDED, "新增"), (cd.CHANGED, "修改"), (cd.RETIRED, "停用"), (cd.REMOVED, "删除")]


def _entry(cat: Catalogue, here: str, change: cd.EntryChange) -> str:
    kind = KINDS.get(change.section)
    exists = kind and change.id in {"problem": cat.problems, "area": cat.areas, "type": cat.types,
                                    "cause": cat.causes, "countermeasure": cat.measures,
                                    "source": cat.sources}[kind]
    label = f"{change.id} {change.title}".strip()
    return link(here, uri(kind, change.id), label) if exists else esc(label)


def render(cat: Catalogue, ctx: SiteContext, history: History | None = None) -> list[Page]:
    here = CHANGELOG_URI
    parts = ["# 更新记录", "", "每个发布版本新增、修改和停用的条目。版本号和发布日期见 catalogue/meta.yaml。", ""]
    if history is None or not history.releases:
        parts += ["（没有可读的版本历史：站点不是从 git 仓库构建的。）"]
    for release in (history.releases if history else []):
        anchor = "v" + re.sub(r"[^0-9A-Za-z]+", "-", release.version)
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
                        line += "：" + "、".join(FIELD_LABELS.get(f.field, f.field) for f in c.fields)
                    if change_kind == cd.RETIRED and c.replaced_by:
                        line += f"，由 {esc(c.replaced_by)} 接替"
                    parts.append(line)
                parts += [""]
    return [Page(here, "更新记录", "\n".join(parts), {"search": {"exclude": True}})]
