"""kb diff: entries added, changed, retired and removed between two git revisions, as Markdown."""
import shutil
import subprocess
from argparse import Namespace
from pathlib import Path

import pytest
from conftest import MINI, edit

from kb.cli import main as kb_main
from kb.history.compare import (ADDED, CHANGED, REMOVED, RETIRED, FieldChange, compare,
                               describe_change, snapshot)


def git(repo: Path, *args: str) -> str:
    run = subprocess.run(["git", "-c", "user.name=测试", "-c", "user.email=test@example.org",
                          "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                         cwd=repo, capture_output=True, text=True, check=True)
    return run.stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository whose catalogue/ holds the mini catalogue plus P003, committed and tagged v1."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    cat = root / "catalogue"
    shutil.copytree(MINI, cat)
    p002 = (cat / "problems/P002.yaml").read_text(encoding="utf-8")
    (cat / "problems/P003.yaml").write_text(
        p002.replace("id: P002", "id: P003").replace("title: 能拖则拖", "title: 拖延应付"), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "目录第一版")
    git(root, "tag", "v1")
    monkeypatch.chdir(root)
    return root


def second_version(root: Path) -> None:
    """Add a problem, change a title and a symptom, retire one, delete one, and more; commit as v2."""
    cat = root / "catalogue"
    p002 = (cat / "problems/P002.yaml").read_text(encoding="utf-8")
    (cat / "problems/P004.yaml").write_text(
        p002.replace("id: P002", "id: P004").replace("title: 能拖则拖", "title: 等靠要"), encoding="utf-8")
    p001 = cat / "problems/P001.yaml"
    edit(p001, "title: 遇事推诿、互踢皮球", "title: 推诿扯皮、来回踢球")
    edit(p001, "  - 跨部门的事没人牵头。", "  - 跨部门的事没有人愿意牵头。")
    edit(p001, "最后出现了踢皮球的局面。", "最后由区信访办协调才有了着落。")
    edit(p001, "analysis: 责任不清加上考核不到位。",
         "analysis: 职责边界不清，谁牵头没有规定；考核只看本部门的事，不看群众的事有没有办成，推出去反而省事。")
    (cat / "problems/P002.yaml").write_text(
        "id: P002\ntitle: 能拖则拖\nsummary: 与 P001 重复，已并入。\nstatus: retired\nreplaced_by: P001\n",
        encoding="utf-8")
    (cat / "problems/P003.yaml").unlink()
    edit(cat / "causes.yaml", "summary: 干多干少一个样。", "summary: 干多干少一个样，干好干坏一个样。")
    edit(cat / "glossary.yaml", "  - id: zhong-geng-zu\n    term: 中梗阻\n    definition: 政策在中间环节受阻。\n", "")
    edit(cat / "meta.yaml", 'version: "1.0"', 'version: "1.1"')
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "目录第二版")
    git(root, "tag", "v2")


def diff(old, new=None, catalogue="catalogue"):
    return kb_main(["diff", "--catalogue", str(catalogue), "--", old, *([new] if new is not None else [])])


def short(root: Path, ref: str) -> str:
    return git(root, "rev-parse", "--short", ref)


def test_diff_between_two_revisions(repo, capsys):
    second_version(repo)
    assert diff("v1", "v2") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == f"""\
## 目录变更：`v1`（`{short(repo, "v1")}`） → `v2`（`{short(repo, "v2")}`）

共 7 个条目有变化：新增 1 个、修改 3 个、停用 1 个、删除 2 个。

> ⚠️ **有 2 个条目被删除。** 编号永久有效，已发布的网址不能失效：要停用问题，请保留文件，\
把 `status` 改为 `retired` 并写上 `replaced_by`；其他条目请恢复。

### 问题

**新增**

- `P004` 等靠要

**修改**

- `P001` 推诿扯皮、来回踢球
  - `title`：`遇事推诿、互踢皮球` → `推诿扯皮、来回踢球`
  - `symptoms`：已修改（`跨部门的事没人牵头。` → `跨部门的事没有人愿意牵头。`）
  - `examples`：已修改（第 1 项改动）
  - `analysis`：已修改

**停用**

- `P002` 能拖则拖：由 `P001` 接替

**删除 ⚠️**

- `P003` 拖延应付：文件 `catalogue/problems/P003.yaml` 已删除

### 成因

**修改**

- `C02` 考核激励失灵
  - `summary`：`干多干少一个样。` → `干多干少一个样，干好干坏一个样。`

### 术语

**删除 ⚠️**

- `zhong-geng-zu` 中梗阻：已从 `catalogue/glossary.yaml` 删去

### 目录信息

**修改**

- `meta.yaml` 测试知识库
  - `version`：`1.0` → `1.1`
"""


def test_diff_against_the_working_tree_by_default(repo, capsys):
    assert diff("HEAD") == 0
    assert capsys.readouterr().out == f"## 目录变更：`HEAD`（`{short(repo, 'HEAD')}`） → 工作区\n\n目录条目没有变化。\n"
    cat = repo / "catalogue"
    # Not yet added to git: still part of the working tree.
    (cat / "problems/P005.yaml").write_text(
        (cat / "problems/P002.yaml").read_text(encoding="utf-8").replace("id: P002", "id: P005"), encoding="utf-8")
    edit(cat / "areas.yaml", "title: 为民服务", "title: 服务群众")
    edit(cat / "problems/P002.yaml", "keywords: [拖延]", "keywords: [拖延, 慢作为]")
    edit(cat / "problems/P001.yaml", "distinguish: 按规定移交并告知群众去向，不是推诿。\n", "")
    assert diff("main", catalogue=str(cat)) == 0
    assert capsys.readouterr().out == f"""\
## 目录变更：`main`（`{short(repo, 'main')}`） → 工作区

共 4 个条目有变化：新增 1 个、修改 3 个。

### 问题

**新增**

- `P005` 能拖则拖

**修改**

- `P001` 遇事推诿、互踢皮球
  - `distinguish`：`按规定移交并告知群众去向，不是推诿。` → （无）
- `P002` 能拖则拖
  - `keywords`：`[拖延]` → `[拖延, 慢作为]`

### 治理领域

**修改**

- `A02` 服务群众
  - `title`：`为民服务` → `服务群众`
"""


@pytest.mark.parametrize("old, new, message", [
    ("no-such-branch", None, "找不到 git 版本 'no-such-branch'；请写分支名、标签或提交编号，如 main、HEAD~1、a1b2c3d"),
    ("v1", "v9", "找不到 git 版本 'v9'；请写分支名、标签或提交编号，如 main、HEAD~1、a1b2c3d"),
    ("--output=x", None, "'--output=x' 不是有效的 git 版本；请写分支名、标签或提交编号，如 main、HEAD~1、a1b2c3d"),
])
def test_bad_refs_are_named_in_chinese(repo, capsys, old, new, message):
    assert diff(old, new) == 1
    assert capsys.readouterr() == ("", message + "\n")


def test_parser_defaults_and_no_traceback_in_a_real_process(repo):
    import argparse
    import sys

    from kb.cli import parser
    args = parser().parse_args(["diff", "HEAD~5"])
    assert args.new_ref is None and args.catalogue == "catalogue"
    run = subprocess.run([sys.executable, "-m", "kb", "diff", "HEAD~5"],
                         cwd=repo, capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == "找不到 git 版本 'HEAD~5'；请写分支名、标签或提交编号，如 main、HEAD~1、a1b2c3d\n"


def test_outside_a_git_repository(tmp_path, monkeypatch, capsys):
    shutil.copytree(MINI, tmp_path / "cat")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert diff("HEAD", catalogue="cat") == 1
    assert capsys.readouterr() == ("", "'cat' 不在 git 仓库中；kb diff 比较的是 git 版本，请在仓库里运行\n")


# ---------------------------------------------------------------------------------------------
# the comparison on its own: plain data in, plain data out

def files(**named: str) -> dict[str, bytes]:
    return {name.replace("__", "/").replace("_yaml", ".yaml"): text.encode("utf-8") for name, text in named.items()}


def test_compare_returns_entries_and_fields():
    old = snapshot(files(causes_yaml="causes:\n  - {id: C01, title: 甲, summary: 一。}\n"
                                     "  - {id: C02, title: 乙, summary: 二。}\n",
                         problems__P001_yaml="id: P001\ntitle: 问题\nstatus: active\nsources: [{source: S1, items: [23]}]\n"),
                   "catalogue")
    new = snapshot(files(causes_yaml="causes:\n  - {id: C01, title: 甲, summary: 一。, text: 补充。}\n",
                         problems__P001_yaml="id: P001\ntitle: 问题\nstatus: retired\nreplaced_by: P009\n"
                                             "sources: [{source: S1, items: ['23']}]\n"),
                   "catalogue")
    result = compare(old, new)
    assert [(c.section, c.id, c.change) for c in result.changes] == [
        ("problems", "P001", RETIRED), ("causes", "C01", CHANGED), ("causes", "C02", REMOVED)]
    assert result.changes[0].replaced_by == "P009"
    # 23 and '23' are the same item ref: only status and replaced_by differ.
    assert [f.field for f in result.changes[0].fields] == ["status", "replaced_by"]
    assert result.changes[1].fields == [FieldChange("text", None, "补充。")]
    assert result.changes[2].path == "catalogue/causes.yaml"
    assert result.notes == []


def test_an_unreadable_file_is_noted_not_reported_as_removals():
    old = snapshot(files(causes_yaml="causes:\n  - {id: C01, title: 甲, summary: 一。}\n"), "catalogue")
    new = snapshot(files(causes_yaml="causes:\n  - {id: C01, title: '甲\n"), "catalogue")
    result = compare(old, new)
    assert result.changes == []
    assert result.notes == ["新版本中的 `causes.yaml` 无法读取（YAML 语法错误：引号没有闭合：直到文件结尾都没有找到配对的引号），"
                            "其中的条目没有比较"]


def test_an_added_entry_is_added_whatever_its_status():
    new = snapshot(files(problems__P001_yaml="id: P001\ntitle: 问题\n"), "")
    change, = compare(snapshot({}, ""), new).changes
    assert (change.change, change.path) == (ADDED, "problems/P001.yaml")


@pytest.mark.parametrize("old, new, shown", [
    ("短", "也短", "`短` → `也短`"),
    (None, "新加的短句。", "（无） → `新加的短句。`"),
    ("旧的短句。", None, "`旧的短句。` → （无）"),
    ("长" * 41, "长" * 42, "已修改"),
    (None, "长" * 41, "已添加"),
    ("长" * 41, None, "已删去"),
    ([f"第{i}条" + "长" * 40 for i in range(5)], [f"第{i}条" + "长" * 40 for i in range(1, 7)],
     "已修改（新增第 5–6 项，删去原第 1 项）"),
    # More than six short items: by position, not by value.
    (["短句一。", "短句二。"] * 4, ["短句一。", "短句三。"] * 4, "已修改（第 2、4、6、8 项改动）"),
    (["a", "b"], ["b", "a"], "`[a, b]` → `[b, a]`"),
    ([{"title": "甲", "text": "长" * 40}], [{"title": "乙", "text": "长" * 40}], "已修改（第 1 项改动）"),
    ("a`b", "c", "``` a`b ``` → `c`".replace("```", "``")),
])
def test_how_a_field_change_is_shown(old, new, shown):
    assert describe_change(FieldChange("f", old, new)) == shown


def test_titles_are_escaped():
    new = snapshot(files(problems__P001_yaml="id: P001\ntitle: <b>粗</b> *星* [链](x)\n"), "")
    from kb.history.compare import render
    out = render(compare(snapshot({}, ""), new), "`a`", "工作区")
    assert "- `P001` \\<b\\>粗\\</b\\> \\*星\\* \\[链\\](x)\n" in out


def test_a_value_never_breaks_out_of_its_code_span():
    import html as _html
    import re as _re

    import markdown as _markdown

    from kb.history.compare import code
    for value in ["a``b", "```", "`x`", "``<img src=x onerror=alert(1)>``", "a`b``c```d", "<b>x</b>", "` "]:
        rendered = _markdown.markdown(f"值 {code(value)} 后文")
        spans = _re.findall(r"<code>(.*?)</code>", rendered)
        assert len(spans) == 1 and "<img" not in rendered and "<b>" not in rendered, (value, rendered)
        assert _html.unescape(spans[0]).strip() == value.strip(), (value, rendered)


def test_the_working_tree_is_read_without_following_symlinks(tmp_path):
    import os

    from kb.history.compare import files_on_disk
    cat = tmp_path / "catalogue"
    (cat / "problems").mkdir(parents=True)
    (cat / "meta.yaml").write_text("title: x\n", encoding="utf-8")
    os.symlink("/etc/passwd", cat / "areas.yaml")
    os.symlink("/dev/zero", cat / "problems/P001.yaml")
    os.mkfifo(cat / "problems/P002.yaml")
    assert files_on_disk(cat) == {"meta.yaml": b"title: x\n"}
