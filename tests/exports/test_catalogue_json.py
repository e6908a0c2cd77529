"""catalogue.json read back and checked against its published JSON Schema."""
import json

import jsonschema
import pytest

from conftest import ROOT
from kb.exports.json_schema import export_schema


def test_catalogue_json_matches_its_schema(built_site):
    data = json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))
    published = json.loads((built_site / "downloads/catalogue.schema.json").read_text(encoding="utf-8"))
    assert published == export_schema()
    jsonschema.Draft202012Validator(published).validate(data)
    assert len(data["problems"]) == len(list((ROOT / "catalogue/problems").glob("P*.yaml")))


def test_the_schema_rejects_an_entry_without_its_url(built_site):
    data = json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))
    del data["causes"][0]["url"]
    with pytest.raises(jsonschema.ValidationError, match="'url' is a required property"):
        jsonschema.Draft202012Validator(export_schema()).validate(data)
