"""The record types (kb/core/schema.py): every field has a docstring line for the editor schema and
a label for readers, so that adding a field cannot silently leave either out."""
import typing

from pydantic import BaseModel

from kb.core import schema


def record_models():
    seen, todo = [], list(schema.EDITOR_MODELS)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            for arg in typing.get_args(info.annotation) or (info.annotation,):
                inner = typing.get_args(arg) or (arg,)
                todo += [m for m in inner if isinstance(m, type) and issubclass(m, BaseModel)]
    return seen


def test_every_field_of_every_record_has_a_reader_label():
    fields = {name for model in record_models() if not model.__name__.endswith("File")
              for name in model.model_fields} - {"id"}
    assert sorted(fields - set(schema.FIELD_LABELS)) == []


def test_every_field_has_a_docstring_line_for_maintainers():
    missing = [f"{model.__name__}.{name}" for model in record_models()
               for name, info in model.model_fields.items() if not info.description]
    assert missing == []
