"""The record types (kb/core/schema.py): every field has a docstring line for the editor schema and
a label for readers, so that adding a field cannot silently leave either out."""
import typing

from pydantic import BaseModel

from kb.core import schema
from conftest import diagnostics, edit
from kb.core.pipeline import load_catalogue


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


# --- issue 18: families, types that may be empty, two examples, references, heading-only items ---
# Every finding is located (file:line:col) and said in Chinese.

def test_the_mini_catalogue_is_clean(mini):
    assert diagnostics(mini) == []


def test_a_problem_needs_two_examples(mini):
    edit(mini / "problems/P002.yaml", ", {title: 压在乡里的申请, text: 一份低保申请在乡镇压了三个月。}", "")
    assert diagnostics(mini) == [
        "cat/problems/P002.yaml:8:3: error[too-few]: 'examples' 至少要有 2 项，现在有 1 项；"
        "请补写场景不同的示例情形（乡镇、县直部门、服务窗口、涉企部门……）"]


def test_an_active_problem_needs_a_family(mini):
    edit(mini / "problems/P001.yaml", "families: [F1]", "families: []")
    edit(mini / "problems/P002.yaml", "families: [F1, F2]\n", "")
    assert diagnostics(mini) == [
        "cat/problems/P001.yaml:26:11: error[empty]: 'families' 至少要有 1 项，现在有 0 项",
        "cat/problems/P002.yaml:1:1: error[missing-field]: 缺少必填字段 'families'"
        "（问题类别编号（见 families.yaml，如 F2 形式主义），一到两个，第一个是主要类别）",
    ]


def test_at_most_two_families_and_each_must_exist(mini):
    edit(mini / "problems/P002.yaml", "families: [F1, F2]", "families: [F1, F2, F3]")
    edit(mini / "problems/P001.yaml", "families: [F1]", "families: [F3]")
    assert diagnostics(mini) == [
        "cat/problems/P001.yaml:26:12: error[unknown-ref]: families[0]：问题类别 'F3' 不存在；是否想写 'F1' 或 'F2'？",
        "cat/problems/P002.yaml:15:11: error[too-many]: 'families' 最多 2 项，现在有 3 项",
    ]


def test_a_family_no_problem_uses_is_an_orphan(mini):
    edit(mini / "problems/P002.yaml", "families: [F1, F2]", "families: [F1]")
    assert diagnostics(mini) == [
        "cat/families.yaml:6:9: warning[orphan]: 问题类别 'F2'（形式主义）没有任何问题引用；"
        "请在相关问题的 families 中引用它，或删去它"]


def test_a_family_cites_only_items_of_the_source_index(mini):
    edit(mini / "families.yaml", "items: [sec1]", "items: [sec9]")
    assert diagnostics(mini) == [
        "cat/families.yaml:5:36: error[unknown-ref]: families[0].sources[0].items[0]：S1 中没有条目 'sec9'；"
        "是否想写 'sec1'（落实方面）？"]


def test_types_may_be_empty(mini):
    edit(mini / "problems/P002.yaml", "types: [T1, T2]", "types: []")
    result = load_catalogue(mini)
    assert result.ok(strict=True), result.report.format()
    assert result.catalogue.problems["P002"].types == []
    assert "P002" not in result.catalogue.problems_by_type["T1"]


def test_references_are_checked_with_located_chinese_messages(mini):
    with open(mini / "causes.yaml", "a", encoding="utf-8") as f:
        f.write("    references:\n"
                "      - {issuer: 中共中央办公厅, title: 关于某事的意见, year: 2018, note: 依据。}\n"
                "      - {issuer: '', title: 某条例, year: 2019}\n"
                "      - {issuer: 国务院, title: 某条例, year: 二〇一八}\n"
                "      - {issuer: 国务院, title: 某条例, year: 218}\n"
                "      - {issuer: 国务院, title: 某条例, year: 2999}\n"
                "      - {issuer: 国务院, year: 2019}\n")
    assert diagnostics(mini) == [
        "cat/causes.yaml:12:18: error[empty]: 'causes[1].references[1].issuer' 不能为空；请填写内容，或删去这个字段",
        "cat/causes.yaml:13:41: error[wrong-type]: 'causes[1].references[2].year' 应为四位数的年份，如 2018（不加引号），"
        "实际是文本 '二〇一八'",
        "cat/causes.yaml:14:41: error[bad-value]: 'causes[1].references[3].year' 的值 数字 218 不是合理的年份；"
        "应为 1921 年到今年之间的四位数",
        "cat/causes.yaml:15:41: error[bad-value]: 'causes[1].references[4].year' 的年份 2999 晚于今年；请写文件实际发布的年份",
        "cat/causes.yaml:16:9: error[missing-field]: 缺少必填字段 'causes[1].references[5].title'"
        "（文件名称，不加书名号，如 关于进一步激励广大干部新时代新担当新作为的意见）",
    ]


def test_references_on_every_kind_of_entry_are_read(mini):
    ref = "{issuer: 中共中央, title: 中国共产党问责条例, year: 2019}"
    edit(mini / "problems/P001.yaml", "# families at the end", f"references: [{ref}]\n# families at the end")
    for name in ("causes.yaml", "countermeasures.yaml", "glossary.yaml"):
        with open(mini / name, "a", encoding="utf-8") as f:
            f.write(f"    references: [{ref}]\n")
    result = load_catalogue(mini)
    assert result.ok(strict=True), result.report.format()
    cat = result.catalogue
    for entry in (cat.problems["P001"], cat.causes["C02"], cat.measures["M02"], cat.terms["zhong-geng-zu"]):
        assert [(r.issuer, r.title, r.year) for r in entry.references] == [("中共中央", "中国共产党问责条例", 2019)]


def test_heading_only_items(mini):
    edit(mini / "sources.yaml", "{ref: m1, kind: countermeasure, title: 压实责任}",
         "{ref: m1, kind: countermeasure, title: 压实责任, heading_only: true}")
    cat = load_catalogue(mini).catalogue
    assert cat.heading_only("S1", "m1") and not cat.heading_only("S1", "c1")
    edit(mini / "sources.yaml", "heading_only: true", "heading_only: 是")
    assert "cat/sources.yaml:12:68: error[wrong-type]: 'sources[0].items[5].heading_only' 应为true 或 false，" \
           "实际是文本 '是'" in diagnostics(mini)