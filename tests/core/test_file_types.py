"""Only regular files inside the catalogue folder are read, judged before a byte is read; files
that look meant to be read but would be skipped are reported."""
import os
import threading

import pytest

from conftest import diagnostics, kb
from kb.core.pipeline import load_catalogue

SYMLINK = ("error[not-regular-file]: 是符号链接，不是普通文件；目录只读取目录文件夹里的普通文件，"
           "请用文件本身替换这个链接")


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "../meta.yaml", "/nonexistent"])
def test_a_symlinked_problem_file_is_refused_by_name(mini, target):
    os.symlink(target, mini / "problems/P009.yaml")
    assert f"cat/problems/P009.yaml:1:1: {SYMLINK}" in diagnostics(mini)


def test_a_symlinked_single_file_is_refused_not_followed(mini):
    (mini / "glossary.yaml").unlink()
    os.symlink("/etc/passwd", mini / "glossary.yaml")
    lines = diagnostics(mini)
    assert lines == [f"cat/glossary.yaml:1:1: {SYMLINK}"]
    assert not any("root:" in line for line in lines)


def test_a_fifo_is_refused_without_waiting_for_a_writer(mini):
    os.mkfifo(mini / "problems/P009.yaml")
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("lines", diagnostics(mini)), daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "validation hung on a FIFO"
    assert ("cat/problems/P009.yaml:1:1: error[not-regular-file]: 是命名管道（FIFO），不是普通文件；"
            "目录只读取普通的 YAML 文件，请删去它或换成普通文件") in result["lines"]


def test_a_symlinked_problems_folder_is_refused(mini, tmp_path):
    os.rename(mini / "problems", tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", mini / "problems")
    assert ("cat/problems:1:1: error[not-regular-file]: problems 是符号链接，不是文件夹；"
            "目录只读取目录文件夹里的文件，请换成真正的文件夹") in diagnostics(mini)


@pytest.mark.parametrize("name, hint", [
    ("P009.YAML", "扩展名必须是小写的 .yaml；请改名为 'P009.yaml'"),
    ("P009.Yml", "扩展名必须是小写的 .yaml；请改名为 'P009.yaml'"),
    ("P009.json", "目录只读取 YAML 文件；请改写为 YAML 并改名为 'P009.yaml'"),
    ("P009.yaml ", "文件名首尾有空格；请改名为 'P009.yaml'"),
])
def test_files_that_would_be_skipped_are_reported(mini, name, hint):
    (mini / "problems" / name).write_text("id: P009\n", encoding="utf-8")
    assert diagnostics(mini) == [f"cat/problems/{name}:1:1: error[skipped-file]: 这个文件不会被读取：{hint}"]


def test_bad_bytes_in_published_urls_give_a_located_error(mini):
    (mini / "published-urls.txt").write_bytes(b"/problems/P001/\n/problems/\xff\xfe/\n")
    assert diagnostics(mini) == [
        "cat/published-urls.txt:2:11: error[encoding]: 文件不是 UTF-8 编码（第 26 字节处是 0xff）；请用 UTF-8 另存此文件"]


def test_bad_bytes_in_schema_json_give_a_located_error(mini):
    (mini / "schema.json").write_bytes(b'{\n  "a": "\xff"\n}\n')
    run = kb("schema", "--check", "--catalogue", str(mini))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert f"{mini / 'schema.json'}:2:9: error[encoding]: 文件不是 UTF-8 编码（第 10 字节处是 0xff）" in run.stderr


def test_a_skipped_name_beside_the_single_files_is_reported(mini):
    (mini / "areas.YAML").write_text("areas: []\n", encoding="utf-8")
    assert diagnostics(mini) == [
        "cat/areas.YAML:1:1: error[skipped-file]: 这个文件不会被读取：扩展名必须是小写的 .yaml；请改名为 'areas.yaml'"]


@pytest.mark.parametrize("name, hint", [
    ("Areas.yaml", "请改名为 'areas.yaml'"),
    ("cause.yaml", "目录文件夹里只读取 meta.yaml、areas.yaml、types.yaml、families.yaml、causes.yaml、"
                   "countermeasures.yaml、sources.yaml、glossary.yaml；新的问题放在 problems/ 里；"
                   "是否想写 'areas.yaml' 或 'causes.yaml'？"),
    ("P009.yaml", "问题文件要放在 problems 文件夹里；请移到 problems/P009.yaml"),
])
def test_an_unknown_yaml_name_beside_the_single_files_is_named_with_the_fix(mini, name, hint):
    (mini / name).write_text("causes: []\n", encoding="utf-8")
    assert diagnostics(mini) == [f"cat/{name}:1:1: error[skipped-file]: 这个文件不会被读取：{hint}"]
