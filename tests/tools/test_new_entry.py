"""kb new: the next id never used, a template with every field, and placeholders that fail validation."""
import re
from argparse import Namespace

import pytest
from conftest import diagnostics, edit

from kb.core import schema
from kb.cli import main as kb_main
from kb.tools.new_entry import KINDS, template_lines
from kb.core.pipeline import load_catalogue


def new(kind, slug=None, catalogue="cat"):
    return kb_main(["new", kind, *([slug] if slug is not None else []), "--catalogue", str(catalogue)])


def test_new_problem_gets_the_next_id_and_says_what_to_fill(mini, capsys):
    assert new("problem") == 0
    out, err = capsys.readouterr()
    assert (out, err) == (
        "已新建 cat/problems/P003.yaml：问题 P003 的模板。\n"
        "请填写必填字段：title、summary、types、families、areas、symptoms、self_check、examples、causes、countermeasures、sources。\n"
        "可选字段写成了注释（行首是 #）：需要时去掉 # 再填写，不需要就删去。\n"
        "填完后运行 kb validate 检查；模板没填完时校验不会通过。\n", "")
    text = (mini / "problems/P003.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema.json#/$defs/Problem\n")
    assert "\nid: P003\n" in text
    assert "# 必填：简短名称，用人们常说的说法。不超过 24 个字。\ntitle: \"\"\n" in text
    assert "# 可选：这些成因如何导致这个问题。\n# analysis: \"\"\n" in text


def test_unfilled_problem_template_fails_with_every_required_field_named(mini):
    new("problem")
    found = [d for d in diagnostics(mini) if "P003" in d]
    assert found == [
        "cat/problems/P003.yaml:9:8: error[empty]: 'title' 不能为空；请填写内容，或删去这个字段",
        "cat/problems/P003.yaml:11:10: error[empty]: 'summary' 不能为空；请填写内容，或删去这个字段",
        # types may stay [] (none of the three fits); families may not
        "cat/problems/P003.yaml:15:11: error[empty]: 'families' 至少要有 1 项，现在有 0 项",
        "cat/problems/P003.yaml:17:8: error[empty]: 'areas' 至少要有 1 项，现在有 0 项",
        "cat/problems/P003.yaml:23:11: error[empty]: 'symptoms' 至少要有 3 项，现在有 0 项",
        "cat/problems/P003.yaml:28:13: error[empty]: 'self_check' 至少要有 2 项，现在有 0 项",
        "cat/problems/P003.yaml:35:11: error[empty]: 'examples' 至少要有 2 项，现在有 0 项；"
        "请补写场景不同的示例情形（乡镇、县直部门、服务窗口、涉企部门……）",
        "cat/problems/P003.yaml:37:9: error[empty]: 'causes' 至少要有 1 项，现在有 0 项",
        "cat/problems/P003.yaml:41:18: error[empty]: 'countermeasures' 至少要有 1 项，现在有 0 项",
        "cat/problems/P003.yaml:57:10: error[empty]: 'sources' 至少要有 1 项，现在有 0 项",
    ]
    assert not load_catalogue(mini).ok()


def test_filled_problem_template_passes_validation(mini):
    new("problem")
    path = mini / "problems/P003.yaml"
    edit(path, 'title: ""', "title: 新问题")
    edit(path, 'summary: ""', "summary: 一句话说明这个问题。")
    edit(path, "types: []", "types: [T1]")
    edit(path, "families: []", "families: [F1]")
    edit(path, "areas: []", "areas: [A01]")
    edit(path, "symptoms: []", "symptoms:\n  - 第一条。\n  - 第二条。\n  - 第三条。")
    edit(path, "self_check: []", "self_check:\n  - 近一年本人是否……？\n  - 本单位是否……？")
    edit(path, "examples: []", "examples:\n  - title: 一个情形\n    text: 某科室把一件事拖了三个月。\n"
                               "  - title: 另一个情形\n    text: 某乡镇把一份申请压了两个月。")
    edit(path, "causes: []", "causes: [C01]")
    edit(path, "countermeasures: []", "countermeasures: [M01]")
    edit(path, "sources: []", "sources:\n  - {source: S1, items: ['1']}")
    edit(path, "# keywords: []", "keywords: [新说法]")
    result = load_catalogue(mini)
    assert result.report.format() == "目录校验通过：没有错误，没有警告。"
    assert result.catalogue.problems["P003"].keywords == ["新说法"]


@pytest.mark.parametrize("kind", list(KINDS))
def test_template_has_every_field_of_the_schema_with_its_docstring(kind):
    model = KINDS[kind].model
    lines = template_lines(KINDS[kind], "x")
    for name, info in model.model_fields.items():
        active = f"{name}: " in lines or any(line.startswith(f"{name}: ") for line in lines)
        commented = any(line.startswith(f"# {name}: ") for line in lines)
        assert active == info.is_required(), name
        assert active or commented, name
        at = next(i for i, line in enumerate(lines) if re.match(rf"(# )?{name}: ", line))
        comment = next(line for line in reversed(lines[:at]) if not line.startswith("#   ")
                       and not line.startswith("# 把"))
        if (model, name) != (schema.Problem, "status"):
            assert info.description.removeprefix("可选：") in comment, name


def test_ids_are_never_reused_retired_and_published_ones_included(mini, capsys):
    (mini / "problems/P005.yaml").write_text(
        "id: P005\ntitle: 旧条目\nsummary: 已并入 P001。\nstatus: retired\nreplaced_by: P001\n", encoding="utf-8")
    assert new("problem") == 0
    assert (mini / "problems/P006.yaml").is_file()  # the gap P003–P004 is not filled
    (mini / "published-urls.txt").write_text(
        "# 已发布的网址\n/problems/P001/\n/problems/P009/\nhttps://kb.example/measures/M07/\n"
        "/causes/C04/#summary\n/glossary/#lao-shuo-fa\n", encoding="utf-8")
    assert [new("problem"), new("countermeasure"), new("cause")] == [0, 0, 0]
    capsys.readouterr()
    assert (mini / "problems/P010.yaml").is_file()
    assert "  - id: M08\n" in (mini / "countermeasures.yaml").read_text(encoding="utf-8")
    assert "  - id: C05\n" in (mini / "causes.yaml").read_text(encoding="utf-8")
    before = (mini / "glossary.yaml").read_text(encoding="utf-8")
    assert new("term", "lao-shuo-fa") == 1
    assert capsys.readouterr().err == "术语编号 'lao-shuo-fa' 已在 published-urls.txt 中发布过；编号不能重复使用，请换一个\n"
    assert (mini / "glossary.yaml").read_text(encoding="utf-8") == before


def test_new_cause_is_appended_and_fails_until_filled(mini, capsys):
    before = (mini / "causes.yaml").read_text(encoding="utf-8")
    assert new("cause") == 0
    assert capsys.readouterr().out == (
        "已在 cat/causes.yaml 末尾添加成因 C03 的模板。\n"
        "请填写必填字段：title、summary。\n"
        "可选字段写成了注释（行首是 #）：需要时去掉 # 再填写，不需要就删去。\n"
        "填好后在相关问题的 causes 中引用 C03，否则 kb validate --strict 会提示没有问题引用它。\n"
        "填完后运行 kb validate 检查；模板没填完时校验不会通过。\n")
    after = (mini / "causes.yaml").read_text(encoding="utf-8")
    assert after == before + (
        "\n"
        "  # 新成因 C03，由 kb new cause 生成。必填字段填好之前 kb validate 会报错；可选字段写成了注释，需要时去掉行首的 \"# \"。\n"
        "  # 成因编号：C 加两位数字。\n"
        "  - id: C03\n"
        "    # 必填：成因名称。不超过 24 个字。\n"
        "    title: \"\"\n"
        "    # 可选：人们对它的其他叫法，页面上以“又称”列出，搜索时与标题同等看待。例：[互踢皮球]\n"
        "    # aliases: []\n"
        "    # 必填：一两句话概括。\n"
        "    summary: \"\"\n"
        "    # 可选：较完整的说明：它如何起作用、如何识别。\n"
        "    # text: \"\"\n"
        "    # 可选：来源条目。每项写成 {source: S1, items: ['23']}，条目编号见 sources.yaml。\n"
        "    # sources: []\n"
        "    # 可选：来源文件以外所依据的公开文件（发文机关、名称、年份），页面上与来源条目分开显示。\n"
        "    # references: []\n")
    assert diagnostics(mini) == [
        "cat/causes.yaml:15:12: error[empty]: 'causes[2].title' 不能为空；请填写内容，或删去这个字段",
        "cat/causes.yaml:19:14: error[empty]: 'causes[2].summary' 不能为空；请填写内容，或删去这个字段",
    ]
    edit(mini / "causes.yaml", 'title: ""', "title: 新成因")
    edit(mini / "causes.yaml", 'summary: ""', "summary: 一句话概括。")
    assert diagnostics(mini) == [
        "cat/causes.yaml:13:9: warning[orphan]: 成因 'C03'（新成因）没有任何问题引用；请在相关问题的 causes 中引用它，或删去它"]


def test_new_countermeasure_needs_its_levels(mini, capsys):
    assert new("countermeasure") == 0
    assert "请填写必填字段：title、summary、levels。" in capsys.readouterr().out
    assert [d for d in diagnostics(mini) if "levels" in d] == [
        "cat/countermeasures.yaml:27:13: error[empty]: 'countermeasures[2].levels' 至少要有 1 项，现在有 0 项"]
    path = mini / "countermeasures.yaml"
    edit(path, 'title: ""', "title: 新措施")
    edit(path, 'summary: ""', "summary: 一句话概括。")
    edit(path, "levels: []", "levels: [individual]")
    edit(path, "# causes: []", "causes: [C01]")
    result = load_catalogue(mini)
    assert result.ok() and result.catalogue.measures["M03"].causes == ["C01"]


def test_new_term_takes_the_slug_given(mini, capsys):
    assert new("term", "bu-tui-bu-dong") == 0
    assert capsys.readouterr().out.startswith("已在 cat/glossary.yaml 末尾添加术语 bu-tui-bu-dong 的模板。\n"
                                              "请填写必填字段：term、definition。\n")
    path = mini / "glossary.yaml"
    assert [d.split(": error")[1] for d in diagnostics(mini)] == [
        "[empty]: 'terms[2].term' 不能为空；请填写内容，或删去这个字段",
        "[empty]: 'terms[2].definition' 不能为空；请填写内容，或删去这个字段"]
    edit(path, 'term: ""', "term: 不推不动")
    edit(path, 'definition: ""', "definition: 要靠上级催一步才动一步。")
    assert load_catalogue(mini).catalogue.terms["bu-tui-bu-dong"].term == "不推不动"


@pytest.mark.parametrize("kind, slug, message", [
    ("term", "zhong-geng-zu", "术语编号 'zhong-geng-zu' 已在 glossary.yaml 中；编号不能重复使用，请换一个"),
    ("term", "Zhong_Geng", "术语编号 'Zhong_Geng' 格式不对：应为小写拼音，用连字符分隔，如 zhong-geng-zu"),
    ("term", None, "请写出新术语的编号：小写拼音，用连字符分隔，如 kb new term zhong-geng-zu"),
    ("cause", "C09", "成因的编号会自动分配，不用写 'C09'；请直接运行 kb new cause"),
])
def test_refusals_leave_every_file_as_it_was(mini, capsys, kind, slug, message):
    before = {p: p.read_bytes() for p in mini.rglob("*")if p.is_file()}
    assert new(kind, slug) == 1
    assert capsys.readouterr() == ("", message + "\n")
    assert {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()} == before


def test_a_broken_list_file_is_not_touched(mini, capsys):
    path = mini / "causes.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: C03\n    title: '未闭合\n", encoding="utf-8")
    before = path.read_bytes()
    assert new("cause") == 1
    err = capsys.readouterr().err
    assert err.startswith("cat/causes.yaml 目前无法读取，不能自动添加条目；请先运行 kb validate 改正：\n"
                          "cat/causes.yaml:")
    assert path.read_bytes() == before


def test_windows_line_endings_are_kept(mini, capsys):
    path = mini / "causes.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert new("cause") == 0
    raw = path.read_bytes()
    assert b"\r\n  - id: C03\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_missing_catalogue(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert new("problem", catalogue="nowhere") == 1
    assert capsys.readouterr() == ("", "找不到目录文件夹 'nowhere'\n")
