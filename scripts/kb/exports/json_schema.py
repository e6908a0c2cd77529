"""catalogue/schema.json: the JSON Schema editors use to check and complete catalogue files."""
from __future__ import annotations

import json

from pydantic.json_schema import models_json_schema

from kb.core.schema import EDITOR_MODELS


def schema_text() -> str:
    _, top = models_json_schema([(m, "validation") for m in EDITOR_MODELS],
                                ref_template="#/$defs/{model}")
    doc = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "治理问题知识库目录文件",
        "description": "每个文件开头用 # yaml-language-server: $schema=…#/$defs/<类型> 指明它的类型。",
        "$defs": top["$defs"],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def export_schema() -> dict:
    """The JSON Schema of catalogue.json: each record as in the catalogue files, plus its URL and
    the backlinks the export adds."""
    from kb.core import schema as s
    models = [s.Problem, s.RetiredProblem, s.Area, s.ManifestationType, s.Family, s.Cause, s.Countermeasure,
              s.Source, s.SourceItem, s.Term]
    _, top = models_json_schema([(m, "serialization") for m in models], ref_template="#/$defs/{model}")
    defs = top["$defs"]
    url = {"type": "string", "description": "条目的网址"}
    ids = {"type": "array", "items": {"type": "string"}}
    added = {
        "Problem": {"url": url}, "RetiredProblem": {"url": url}, "Source": {"url": url}, "Term": {"url": url},
        "Area": {"url": url, "problems": ids}, "ManifestationType": {"url": url, "problems": ids},
        "Family": {"url": url, "problems": ids},
        "Cause": {"url": url, "problems": ids, "countermeasures": ids},
        "Countermeasure": {"url": url, "problems": ids},
        "SourceItem": {"url": url, "traced_by": ids,
                       "heading_only": {"type": "boolean", "description": "来源原文是否只有这一条的标题、正文缺失"}},
    }
    for name, props in added.items():
        defs[name]["properties"].update(props)
        defs[name]["required"] = sorted({*defs[name].get("required", []), *props})

    def array(*refs: str) -> dict:
        items = [{"$ref": f"#/$defs/{r}"} for r in refs]
        return {"type": "array", "items": items[0] if len(items) == 1 else {"anyOf": items}}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "catalogue.json",
        "description": "治理问题知识库的完整数据：每个条目及其网址、相互链接和来源条目。",
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "version", "released", "problems", "areas", "types", "families", "causes",
                     "countermeasures", "sources", "terms"],
        "properties": {
            "title": {"type": "string"}, "version": {"type": "string"},
            "released": {"type": "string", "format": "date"},
            "problems": array("Problem", "RetiredProblem"), "areas": array("Area"),
            "types": array("ManifestationType"), "families": array("Family"), "causes": array("Cause"),
            "countermeasures": array("Countermeasure"), "sources": array("Source"), "terms": array("Term"),
        },
        "$defs": defs,
    }


def export_schema_text() -> str:
    return json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n"
