"""Characters that pass the parser and break or disguise text later get a located finding."""
import pytest

from conftest import diagnostics, edit
from kb.core.checks import _item_anchor
from kb.site.pages.markup import item_anchor

TAIL = "；它在页面上看不见，却会破坏或伪装文本，请删去（常见于从网页、PDF 或聊天软件复制的文字）"


@pytest.mark.parametrize("escape, level, code, what, shown", [
    ("\\x01", "error", "control-char", "控制字符或无效字符", "U+0001"),
    ("\\e", "error", "control-char", "控制字符或无效字符", "U+001B"),
    ("\\x85", "error", "control-char", "控制字符或无效字符", "U+0085"),
    ("\\x9b", "error", "control-char", "控制字符或无效字符", "U+009B"),
    ("\\ud800", "error", "control-char", "控制字符或无效字符", "U+D800"),
    ("\\u202e", "error", "bidi-control", "改变文字方向的控制字符", "U+202E"),
    ("\\u2067", "error", "bidi-control", "改变文字方向的控制字符", "U+2067"),
    ("\\u200b", "warning", "zero-width", "看不见的零宽字符", "U+200B"),
    ("\\ufeff", "warning", "zero-width", "看不见的零宽字符", "U+FEFF"),
])
def test_invisible_characters_are_located(mini, escape, level, code, what, shown):
    edit(mini / "problems/P002.yaml", "title: 能拖则拖", f'title: "能拖{escape}则拖"')
    assert diagnostics(mini) == [
        f"cat/problems/P002.yaml:2:8: {level}[{code}]: title 含有{what} {shown}（第 3 个字符）{TAIL}"]


@pytest.mark.parametrize("rid, what", [("P００２", "全角数字"), ("P٠٠٢", "非半角数字"), ("P๐๐๒", "非半角数字")])
def test_ids_with_non_ascii_digits_are_refused(mini, rid, what):
    edit(mini / "problems/P002.yaml", "id: P002", f"id: {rid}")
    assert (f"cat/problems/P002.yaml:1:5: error[bad-id]: 'id' 的值 '{rid}' 不是有效的问题编号；"
            f"格式应为 P 加至少 3 位数字，如 P012。其中 '{rid[1]}' 是{what}，请改用半角数字 '0'") in diagnostics(mini)


def test_item_refs_with_the_same_anchor_name_both(mini):
    edit(mini / "sources.yaml", "- {ref: t1, kind: type, title: 不想干}", "- {ref: 't.1', kind: type, title: 不想干}")
    edit(mini / "sources.yaml", "- {ref: c1, kind: cause, title: 责任心不强}", "- {ref: 't-1', kind: cause, title: 责任心不强}")
    lines = [line for line in diagnostics(mini) if "duplicate-anchor" in line]
    assert lines == [("cat/sources.yaml:11:15: error[duplicate-anchor]: S1 的条目编号 't-1' 和 't.1'（第 10 行）在来源页上是"
            "同一个锚点 #item-t-1，链接会指错条目；请改用字母或数字不同的编号")]


def test_the_anchor_rule_is_the_source_pages_rule():
    for ref in ["sec1", "f5.5", "第一条", "a--b", "T-1", "1"]:
        assert _item_anchor(ref) == item_anchor(ref)
