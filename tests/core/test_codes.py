"""The diagnostic code registry (kb/core/codes.py): every code is emitted by a real mistake, with a
located message; codes no other test reaches are exercised here, one small mistake each."""
import re
from pathlib import Path

import pytest
from conftest import ROOT, diagnostics, edit

from kb.core.codes import CODES
from kb.core.diagnostics import Report


def test_every_registered_code_is_asserted_by_some_test():
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py"))
    # in a whole expected line ("…: error[code]: …") or as the code a parametrized line is built with
    untested = [c for c in CODES if not re.search(rf"\[{re.escape(c)}\]|[\"']{re.escape(c)}[\"']", tests)]
    assert untested == []


def test_a_code_outside_the_registry_is_a_programming_error():
    with pytest.raises(ValueError, match="not in kb.core.codes"):
        Report().error("x.yaml", 1, 1, "no-such-code", "…")
    with pytest.raises(ValueError):
        Report().warning("x.yaml", 1, 1, "yaml-syntax", "a registered error used as a warning")


def test_bad_character(mini):
    edit(mini / "problems/P001.yaml", "跨部门的事没人牵头。", "跨部门的事没人\x07牵头。")
    assert ("cat/problems/P001.yaml:8:12: error[bad-character]: 含有 YAML 不允许的控制字符 U+0007；"
            "请删去它（常见于从网页或 Word 复制来的文字）") in diagnostics(mini)


def test_yaml_key(mini):
    edit(mini / "problems/P001.yaml", "analysis:", "[a, b]: 1\nanalysis:")
    assert diagnostics(mini) == ["cat/problems/P001.yaml:14:1: error[yaml-key]: 键必须是简单文本"]


def test_yaml_value(mini):
    edit(mini / "meta.yaml", "released: ", "released: 2026-13-45\nx_: ")
    assert ("cat/meta.yaml:3:11: error[yaml-value]: 无法读取值 '2026-13-45'：month must be in 1..12；"
            "如果它是文本，请加引号") in diagnostics(mini)


def test_yaml_alias(mini):
    edit(mini / "problems/P001.yaml", "keywords: [踢皮球, 推诿扯皮, 来回跑]", "keywords: &a [*a]")
    assert ("cat/problems/P001.yaml:21:11: error[yaml-alias]: 别名指向自身，形成了循环；请删去锚点 & 和别名 *"
            in diagnostics(mini))


def test_unreadable(mini, monkeypatch):
    # Tests run as root, whom file modes do not stop: the refusal comes from a patched os.open.
    import os
    target = str((mini / "problems/P002.yaml").resolve())
    real = os.open

    def refuse(path, *args, **kwargs):
        if os.path.realpath(path) == target:
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setenv("KB_NO_CACHE", "1")
    assert "cat/problems/P002.yaml:1:1: error[unreadable]: 无法读取文件：Permission denied" in diagnostics(mini)


def test_missing_file(mini):
    (mini / "causes.yaml").unlink()
    assert diagnostics(mini)[0] == "cat/causes.yaml:1:1: error[missing-file]: 缺少文件 causes.yaml"


def test_no_catalogue(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert diagnostics(Path("cat")) == ["cat:1:1: error[no-catalogue]: 找不到目录文件夹 'cat'"]


def test_bad_value(mini):
    edit(mini / "problems/P001.yaml", "id: P001\n", "id: P001\nstatus: deleted\n")
    assert diagnostics(mini) == ["cat/problems/P001.yaml:2:9: error[bad-value]: 'status' 的值（文本 'deleted'）"
                                 "不在允许范围内；应为 'active'（停用的问题写 status: retired 并加 replaced_by）"]


def test_duplicate_term(mini):
    edit(mini / "glossary.yaml", "    definition: 政策在中间环节受阻。", "    aliases: [互踢皮球]\n    definition: 政策在中间环节受阻。")
    assert diagnostics(mini) == ["cat/glossary.yaml:8:15: error[duplicate-term]: 术语 '互踢皮球' 已由 "
                                 "'ti-pi-qiu'（第 2 行）定义；请合并这两条"]


def test_duplicate_ref(mini):
    edit(mini / "problems/P001.yaml", "causes: [C01, C02]", "causes: [C01, C01, C02]")
    assert diagnostics(mini) == ["cat/problems/P001.yaml:13:15: warning[duplicate-ref]: causes[1]："
                                 "'C01' 在列表中出现了两次；请删去一个"]
