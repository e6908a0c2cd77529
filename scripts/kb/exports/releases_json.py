"""releases.json: what each release added, changed (field by field, old and new value) and retired,
from the catalogue's git history by the same comparison as `kb diff`; and its JSON Schema."""
from __future__ import annotations

import json

from kb.history import compare as cd
from kb.history.changelog import KINDS, History
from kb.core.urls import entry_anchor, page_url, release_uris, uri

SCHEMA_NAME = "releases.schema.json"


def releases_data(history: History | None, title: str, base_url: str = "") -> dict:
    releases = history.releases if history else []
    pages = release_uris(releases)
    out = []
    for i, r in enumerate(releases):
        previous = releases[i + 1].version if i + 1 < len(releases) else None
        changes = []
        for c in r.diff.changes:
            if c.section == "meta":
                continue
            kind = KINDS.get(c.section)
            changes.append({
                "section": c.section, "id": c.id, "change": c.change, "title": c.title,
                "url": page_url(base_url, uri(kind, c.id)) if kind and c.change != cd.REMOVED else None,
                "comparison": page_url(base_url, pages[r.commit], entry_anchor(c.section, c.id)),
                "replaced_by": c.replaced_by,
                "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
            })
        out.append({"version": r.version, "released": r.released, "previous": previous, "commit": r.commit,
                    "url": page_url(base_url, pages[r.commit]), "changes": changes, "notes": list(r.diff.notes)})
    return {"title": title, "releases": out}


def releases_json(history: History | None, title: str, base_url: str = "") -> str:
    return json.dumps(releases_data(history, title, base_url), ensure_ascii=False, indent=1, default=str) + "\n"


def releases_schema() -> dict:
    text = {"type": "string"}
    nullable = {"type": ["string", "null"]}
    field_change = {"type": "object", "additionalProperties": False, "required": ["field", "old", "new"],
                    "properties": {"field": {**text, "description": "字段名（YAML 中的键）"},
                                   "old": {"description": "旧值；null 表示原来没有这个字段"},
                                   "new": {"description": "新值；null 表示这个字段已删去"}}}
    change = {"type": "object", "additionalProperties": False,
              "required": ["section", "id", "change", "title", "url", "comparison", "replaced_by", "fields"],
              "properties": {
                  "section": {"enum": [s.key for s in cd.SECTIONS if s.key != "meta"], "description": "条目类别"},
                  "id": {**text, "description": "条目编号"},
                  "change": {"enum": [cd.ADDED, cd.CHANGED, cd.RETIRED, cd.REMOVED],
                             "description": "added 新增、changed 修改、retired 停用、removed 删除"},
                  "title": {**text, "description": "条目标题（变化后的；删除时为删除前的）"},
                  "url": {**nullable, "description": "条目页面的网址；删除的条目和术语为 null"},
                  "comparison": {**text, "description": "版本对比页面上这一条目的位置"},
                  "replaced_by": {**nullable, "description": "停用的问题由哪个问题接替"},
                  "fields": {"type": "array", "items": {"$ref": "#/$defs/fieldChange"},
                             "description": "变化的字段，按目录字段顺序；新增和删除的条目为空"}}}
    release = {"type": "object", "additionalProperties": False,
               "required": ["version", "released", "previous", "commit", "url", "changes", "notes"],
               "properties": {
                   "version": {**text, "description": "版本号（meta.yaml 的 version）"},
                   "released": {**text, "description": "发布日期（meta.yaml 的 released）"},
                   "previous": {**nullable, "description": "与之比较的上一个版本；首个版本为 null"},
                   "commit": {"type": "string", "pattern": "^[0-9a-f]{40,64}$", "description": "这个版本开始的 git 提交"},
                   "url": {**text, "description": "版本对比页面的网址"},
                   "changes": {"type": "array", "items": {"$ref": "#/$defs/change"}},
                   "notes": {"type": "array", "items": text, "description": "未能比较的文件或条目"}}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_NAME, "title": "releases.json：各发布版本的条目变化",
            "type": "object", "additionalProperties": False, "required": ["title", "releases"],
            "properties": {"title": {**text, "description": "目录名称"},
                           "releases": {"type": "array", "items": {"$ref": "#/$defs/release"},
                                        "description": "发布版本，新的在前"}},
            "$defs": {"release": release, "change": change, "fieldChange": field_change}}


def releases_schema_text() -> str:
    return json.dumps(releases_schema(), ensure_ascii=False, indent=2) + "\n"
