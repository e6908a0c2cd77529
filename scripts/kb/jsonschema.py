"""catalogue/schema.json: the JSON Schema editors use to check and complete catalogue files."""
from __future__ import annotations

import json

from pydantic.json_schema import models_json_schema

from .schema import EDITOR_MODELS


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
