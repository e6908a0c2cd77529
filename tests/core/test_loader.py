"""The YAML loader: positions of keys and values, and what it refuses."""
from kb.core.diagnostics import Report
from kb.core.batch_load import load_file
from kb.core.loader import load_text


def load(text: str):
    report = Report()
    doc = load_text(text, "f.yaml", report)
    return doc, [d.text() for d in report.sorted()]


def test_positions_of_values_and_keys():
    doc, errors = load("id: P001\nsources:\n  - source: S1\n    items: ['23', f4.3]\n")
    assert errors == []
    assert doc.data == {"id": "P001", "sources": [{"source": "S1", "items": ["23", "f4.3"]}]}
    assert doc.where(("id",)) == (1, 5)
    assert doc.where(("sources", 0, "items", 1)) == (4, 19)
    assert doc.where_key(("sources", 0, "items")) == (4, 5)
    # A path that does not exist falls back to its nearest ancestor.
    assert doc.where(("sources", 0, "items", 7)) == (4, 12)


def test_scalars_are_typed_like_yaml_core():
    doc, _ = load("n: 23\nb: true\nd: 2026-01-02\ns: '23'\n")
    assert doc.data["n"] == 23 and doc.data["b"] is True and doc.data["s"] == "23"
    assert doc.data["d"].isoformat() == "2026-01-02"


def test_lean_resolver_tags_every_scalar_as_pyyaml_does():
    # The loader's own resolver must agree with PyYAML's safe loader on every implicit type.
    import yaml
    from kb.core.loader import FAST_LOADER
    scalars = ["", "~", "null", "Null", "true", "False", "yes", "no", "on", "Off", "y", "n", "23",
               "-7", "+3", "0o17", "0x1F", "1_000", "3.5", ".5", "-.inf", ".NaN", "1e3", "2026-01-02",
               "2026-01-02 10:00:00", "<<", "=", "P001", "治理", "'23'", '"true"', "|\n  多行\n"]
    text = "".join(f"k{i}: {s}\n" for i, s in enumerate(scalars)) + "l: [1, a, {b: 2}]\n"

    def tags(loader):
        node = yaml.compose(text, Loader=loader)
        return [(k.tag, v.tag) for k, v in node.value] + [item.tag for item in node.value[-1][1].value]

    assert FAST_LOADER is not yaml.SafeLoader
    assert tags(FAST_LOADER) == tags(yaml.SafeLoader)


def test_duplicate_key_is_reported_at_the_second_key():
    _, errors = load("id: P001\ntitle: 甲\ntitle: 乙\n")
    assert errors == ["f.yaml:3:1: error[duplicate-key]: 键 'title' 在同一映射中重复出现（第一次在第 2 行）；"
                      "YAML 只会保留最后一个，请合并或删去其中一个"]


def test_tab_indentation():
    _, errors = load("id: P001\nsymptoms:\n\t- 甲\n")
    assert errors == ["f.yaml:3:1: error[yaml-syntax]: YAML 语法错误：用了制表符（Tab）缩进；请改用空格缩进"]


def test_unclosed_quote():
    _, errors = load('id: P001\ntitle: "未闭合\n')
    assert errors == ["f.yaml:3:1: error[yaml-syntax]: YAML 语法错误：引号没有闭合：直到文件结尾都没有找到配对的引号"]


def test_python_object_tag_is_refused():
    _, errors = load("id: !!python/object/apply:os.system ['echo hi']\n")
    assert errors == ["f.yaml:1:5: error[yaml-tag]: 不允许的 YAML 标签 'tag:yaml.org,2002:python/object/apply:os.system'；"
                      "目录文件只能写普通文本、数字、列表和映射"]


def test_alias_bomb_is_stopped():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    doc, errors = load(bomb)
    assert doc is None
    assert errors == [f"f.yaml:1:4: error[yaml-too-large]: 文件展开后的节点数超过了文件本身的字符数（{len(bomb) + 100}），"
                      "只有别名炸弹会这样；请删去锚点 & 和别名 *，直接写出内容"]


def test_empty_file():
    doc, errors = load("# 只有注释\n")
    assert doc is None
    assert errors == ["f.yaml:1:1: error[empty-file]: 文件是空的；请按模板填写内容，或删去此文件"]


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes("\ufeffid: P001\r\ntitle: 甲\r\n".encode("utf-8"))
    report = Report()
    doc = load_file(path, report, "f.yaml")
    assert report.items == []
    assert doc.data == {"id": "P001", "title": "甲"}
    assert doc.where(("title",)) == (2, 8)


def test_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes("id: P001\ntitle: 推诿\n".encode("gbk"))
    report = Report()
    assert load_file(path, report, "f.yaml") is None
    assert [d.text() for d in report.items] == [
        "f.yaml:2:8: error[encoding]: 文件不是 UTF-8 编码（第 16 字节处是 0xcd）；请用 UTF-8 另存此文件"]


def test_bad_indentation():
    _, errors = load("id: P001\ntitle: 甲\n  summary: 乙\n")
    assert errors == ["f.yaml:3:10: error[yaml-syntax]: YAML 语法错误：这里不能出现“: ”：多半是缩进不对（同一层的键要左对齐），"
                      "或者值里含有“: ”，那就请给整个值加引号"]


def test_absurd_nesting_depth():
    doc, errors = load("a: " + "[" * 30 + "]" * 30 + "\n")
    assert doc is None
    assert errors == ["f.yaml:1:24: error[yaml-too-deep]: 嵌套超过 20 层；目录文件不需要这么深的结构"]


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("summary: " + "很长" * 1_500_000 + "\n", encoding="utf-8")
    report = Report()
    assert load_file(path, report, "f.yaml") is None
    assert [d.text() for d in report.items] == [
        f"f.yaml:1:1: error[file-too-large]: 文件有 {path.stat().st_size} 字节，超过上限 8388608 字节；请拆分内容"]


# ---------------------------------------------------------------------------------------------
# everyday mistakes

def test_a_full_width_colon_after_a_key_is_named_where_it_is():
    _, errors = load("id: P001\ntitle：遇事推诿\nsummary: 乙\n")
    assert errors == ["f.yaml:2:6: error[full-width-punct]: 键 'title' 后面是全角冒号“：”（中文输入法打出的）；"
                      "YAML 只认半角冒号，请改成 'title: '"]


def test_one_syntax_error_does_not_hide_the_next():
    _, errors = load('id: P001\ntitle: "甲\\q"\nsummary: 乙\nsymptoms:\n  - 丙\n  - @丁\nkeywords: [甲, 乙\n')
    assert errors == [
        "f.yaml:2:11: error[yaml-syntax]: YAML 语法错误：双引号里的反斜杠“\\”后面跟了不认识的字符；"
        "要写反斜杠本身请写成“\\\\”，或者改用单引号",
        "f.yaml:6:5: error[yaml-syntax]: YAML 语法错误：值不能以“@”开头；请给整个值加引号",
        "f.yaml:8:1: error[yaml-syntax]: YAML 语法错误：方括号列表没有闭合，或者列表项之间没有用半角逗号“,”分隔"]


def test_a_list_item_indented_too_far_is_not_silently_joined():
    _, errors = load("symptoms:\n  - 群众来电被告知重新拨打。\n    - 为了满意率不让填差评。\n  - 第三条。\n")
    assert errors == ["f.yaml:3:5: error[joined-item]: 这一行以“- ”开头，但比上一项多缩进了，YAML 把它并进了上一项"
                      "（成了“…被告知重新拨打。 - 为了满意率不让填差…”）；如果它是新的一项，请让“-”与上一项的“-”左对齐"]


def test_a_dash_inside_a_wrapped_sentence_is_fine():
    doc, errors = load("summary: 第一句写得很长，\n  换行后继续 - 这不是列表项。\n")
    assert errors == [] and doc.data == {"summary": "第一句写得很长， 换行后继续 - 这不是列表项。"}


def test_a_full_width_colon_after_spaces_is_located_at_the_colon():
    _, errors = load("id: P001\ntitle  ：遇事推诿\nsummary: 乙\n")
    assert errors == ["f.yaml:2:8: error[full-width-punct]: 键 'title' 后面是全角冒号“：”（中文输入法打出的）；"
                      "YAML 只认半角冒号，请改成 'title: '"]


# ---------------------------------------------------------------------------------------------
# a file read in part: after a syntax error, the parts that parse on their own are still read

def test_a_list_item_with_a_syntax_error_leaves_the_other_items_readable():
    from kb.core.loader import Unread
    text = ("terms:\n  - id: a\n    term: 甲\n  - id: b\n    term: \"乙\n    definition: 丙\n"
            "  - id: c\n    term: 丁\n")
    report = Report()
    doc = load_text(text, "f.yaml", report, recover=True)
    assert [d.code for d in report.sorted()] == ["partly-read", "yaml-syntax"]
    assert report.sorted()[0].text() == (
        "f.yaml:4:3: warning[partly-read]: 因为语法错误，这个文件只读出了一部分：第 4–6 行（terms[1]）无法读取，"
        "其余部分已照常检查；与无法读取部分有关的检查（必填字段、编号是否存在等）这次没有做。改正语法错误后请再检查一次")
    # The unread item is a null in its place: the items after it keep their index and their lines.
    assert doc.data == {"terms": [{"id": "a", "term": "甲"}, None, {"id": "c", "term": "丁"}]}
    assert doc.unread == [Unread(("terms", 1), 4, 6, 3)]
    assert doc.where(("terms", 2, "term")) == (8, 11)


def test_a_top_level_key_with_a_syntax_error_is_left_out():
    report = Report()
    doc = load_text("id: P001\ntitle: [甲\nsummary: 乙\n", "f.yaml", report, recover=True)
    assert doc.data == {"id": "P001", "summary": "乙"}
    assert [u.path for u in doc.unread] == [("title",)]
    assert doc.where(("summary",)) == (3, 10)


def test_without_recover_or_with_nothing_to_tell_apart_a_broken_file_is_none():
    assert load_text("id: P001\ntitle: [甲\n", "f.yaml", Report()) is None
    # The only key is broken: nothing is left to read.
    assert load_text("terms：\n  - id: a\n", "f.yaml", Report(), recover=True) is None
    # Text before the first key that is not a comment: the file's shape is unknown.
    assert load_text("  x: [\nterms:\n  - id: a\n", "f.yaml", Report(), recover=True) is None
