"""The kb command as a maintainer runs it: output, exit codes, atomic builds, never a traceback."""
import hashlib
import json
from pathlib import Path

from conftest import ROOT, edit, kb, site_config


def test_validate_clean_catalogue(mini):
    run = kb("validate", "--catalogue", "cat", cwd=mini.parent)
    assert (run.returncode, run.stdout) == (0, "目录校验通过：没有错误，没有警告。\n")


def test_validate_lists_every_problem_sorted_with_a_count(mini):
    edit(mini / "problems/P002.yaml", "areas: [A01]", "areas: [A09]")
    edit(mini / "problems/P001.yaml", "countermeasures: [M01]", "countermeasures: [M01, M1]")
    run = kb("validate", "--catalogue", "cat", cwd=mini.parent)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "cat/problems/P001.yaml:15:24: error[bad-id]: 'countermeasures[1]' 的值 'M1' 不是有效的整改措施编号；"
        "格式应为 M 加两位数字，如 M03",
        "cat/problems/P002.yaml:5:9: error[unknown-ref]: areas[0]：治理领域 'A09' 不存在；是否想写 'A01'（工作落实） 或 'A02'（为民服务）？",
        "共 2 个错误，0 个警告。",
    ]
    assert "Traceback" not in run.stderr


def test_validate_json_and_github_formats(mini):
    edit(mini / "problems/P002.yaml", "areas: [A01]", "areas: [A09]")
    run = kb("validate", "--catalogue", "cat", "--format", "json", cwd=mini.parent)
    data = json.loads(run.stdout)
    assert run.returncode == 1 and data["errors"] == 1 and data["warnings"] == 0
    assert data["diagnostics"][0] == {
        "path": "cat/problems/P002.yaml", "line": 5, "col": 9, "level": "error", "code": "unknown-ref",
        "message": "areas[0]：治理领域 'A09' 不存在；是否想写 'A01'（工作落实） 或 'A02'（为民服务）？"}
    run = kb("validate", "--catalogue", "cat", "--format", "github", cwd=mini.parent)
    assert run.stdout == ("::error file=cat/problems/P002.yaml,line=5,col=9,title=unknown-ref::"
                          "areas[0]：治理领域 'A09' 不存在；是否想写 'A01'（工作落实） 或 'A02'（为民服务）？\n")


def test_strict_turns_warnings_into_failure(mini):
    edit(mini / "causes.yaml", "summary: 不把分内事当回事。", "summary: '不把分内事当回事。 '")
    assert kb("validate", "--catalogue", "cat", cwd=mini.parent).returncode == 0
    run = kb("validate", "--catalogue", "cat", "--strict", cwd=mini.parent)
    assert run.returncode == 1
    assert "warning[whitespace]: causes[0].summary 开头或结尾有多余的空白；请删去" in run.stdout


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_build_leaves_the_previous_site_byte_for_byte(mini, tmp_path):
    config = site_config(tmp_path, mini)
    site = tmp_path / "out"
    run = kb("build", "-f", str(config), "-d", str(site), "--strict", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (site / "problems/P001/index.html").is_file()
    before = _tree_digest(site)

    edit(mini / "problems/P001.yaml", "countermeasures: [M01]", "countermeasures: [M99]")
    run = kb("build", "-f", str(config), "-d", str(site), "--strict", cwd=tmp_path)
    assert run.returncode == 1
    assert "error[unknown-ref]: countermeasures[0]：整改措施 'M99' 不存在" in run.stderr
    assert "Traceback" not in run.stderr
    assert _tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_a_file_read_in_part_is_reported_in_full_and_never_built(mini, tmp_path):
    # A syntax error in item 2 and a bad id in item 3 of the same file: one run names both, and
    # says the file was read in part; the build refuses to publish (the syntax error stays an error).
    edit(mini / "areas.yaml", "    title: 为民服务", "    title: [为民服务")
    (mini / "areas.yaml").write_text((mini / "areas.yaml").read_text(encoding="utf-8")
                                     + "  - id: A3\n    title: 基层治理\n    summary: 乡镇和村社区。\n", encoding="utf-8")
    run = kb("validate", "--catalogue", "cat", cwd=mini.parent)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stdout.splitlines() == [
        "cat/areas.yaml:7:3: warning[partly-read]: 因为语法错误，这个文件只读出了一部分：第 7–9 行（areas[1]）无法读取，"
        "其余部分已照常检查；与无法读取部分有关的检查（必填字段、编号是否存在等）这次没有做。改正语法错误后请再检查一次",
        "cat/areas.yaml:9:12: error[yaml-syntax]: YAML 语法错误：方括号列表没有闭合，或者列表项之间没有用半角逗号“,”分隔",
        "cat/areas.yaml:10:9: error[bad-id]: 'areas[2].id' 的值 'A3' 不是有效的治理领域编号；格式应为 A 加两位数字，如 A05",
        "共 2 个错误，1 个警告。",
    ]
    site = tmp_path / "out"
    run = kb("build", "-f", str(site_config(tmp_path, mini)), "-d", str(site), cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "error[yaml-syntax]" in run.stderr and "error[bad-id]" in run.stderr
    assert not (site / "index.html").exists()


def test_plain_mkdocs_build_on_a_bad_catalogue_fails_before_writing(mini, tmp_path):
    import os
    import subprocess
    import sys
    edit(mini / "areas.yaml", "id: A02", "id: A2")
    site = tmp_path / "plain"
    site.mkdir()
    (site / "keep.txt").write_text("旧站点", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(site_config(tmp_path, mini)),
                          "-d", str(site)], capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 1
    assert "error[bad-id]: 'areas[1].id' 的值 'A2' 不是有效的治理领域编号" in run.stderr
    assert "Traceback" not in run.stderr
    assert [p.name for p in site.iterdir()] == ["keep.txt"]


def test_render_writes_plain_markdown(mini, tmp_path):
    out = tmp_path / "md"
    run = kb("render", str(out), "--catalogue", "cat", "-f", str(ROOT / "mkdocs.yml"), cwd=mini.parent)
    assert run.returncode == 0, run.stderr
    assert (out / "docs/problems/P001.md").read_text(encoding="utf-8").startswith("---\ntitle: 遇事推诿、互踢皮球\n")
    assert "踢皮球" in (out / "jieba_user.txt").read_text(encoding="utf-8").split()


def test_render_without_a_site_configuration_says_so(mini, tmp_path):
    run = kb("render", str(tmp_path / "md"), "--catalogue", "cat", cwd=mini.parent)
    assert (run.returncode, run.stderr) == (1, "找不到站点配置 'mkdocs.yml'；请在项目根目录运行，或用 -f 指定配置文件\n")
    assert not (tmp_path / "md").exists()


def test_schema_json_is_current():
    run = kb("schema", "--check", cwd=ROOT)
    assert run.returncode == 0, run.stderr


def test_every_catalogue_file_points_editors_at_the_schema():
    for path in sorted((ROOT / "catalogue").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "../schema.json" if path.parent.name == "problems" else "schema.json"
        assert first.startswith(f"# yaml-language-server: $schema={prefix}#/$defs/"), path
