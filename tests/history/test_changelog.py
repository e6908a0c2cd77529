"""History from git: the date each entry last changed, and the 更新记录 page per released version."""
import os
import shutil
import subprocess

from conftest import MINI, edit
from kb.history.changelog import read_history
from kb.site.pages import generate
from kb.core.pipeline import load_catalogue


def git(repo, *args, date="2026-01-02T10:00:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_last_changed_dates_and_releases(tmp_path):
    repo = tmp_path / "repo"
    cat_dir = repo / "catalogue"
    shutil.copytree(MINI, cat_dir)
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v1", date="2026-01-02T10:00:00")
    edit(cat_dir / "problems/P002.yaml", "title: 能拖则拖", "title: 能拖就拖")
    git(repo, "commit", "-qam", "edit", date="2026-02-03T10:00:00")
    edit(cat_dir / "meta.yaml", 'version: "1.0"', 'version: "1.1"')
    (cat_dir / "problems/P003.yaml").write_text(
        "id: P003\ntitle: 推来推去\nsummary: 已并入 P001。\nstatus: retired\nreplaced_by: P001\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v1.1", date="2026-03-04T10:00:00")

    history = read_history(cat_dir)
    assert history.changed[("problem", "P001")] == "2026-01-02"
    assert history.changed[("problem", "P002")] == "2026-02-03"
    assert history.changed[("problem", "P003")] == "2026-03-04"
    assert history.changed[("cause", "C01")] == "2026-01-02"
    assert [r.version for r in history.releases] == ["1.1", "1.0"]

    cat = load_catalogue(cat_dir).catalogue
    pages = {p.uri: p for p in generate(cat, history=history)}
    assert "**最后修改** 2026-02-03" in pages["problems/P002.md"].body
    log = pages["changelog.md"].body
    v11, v10 = log.index("## 版本 1\\.1"), log.index("## 版本 1\\.0")
    assert v11 < v10
    newer = log[v11:v10]
    assert "**修改问题（1）**\n\n- [P002 能拖就拖](problems/P002.md)：标题" in newer
    assert "**新增问题（1）**\n\n- [P003 推来推去](problems/P003.md)" in newer
    assert "**新增问题（2）**" in log[v10:]


def test_outside_git_there_is_no_history(tmp_path):
    shutil.copytree(MINI, tmp_path / "cat")
    history = read_history(tmp_path / "cat")
    assert history.changed == {} and history.releases == []
    pages = {p.uri: p for p in generate(load_catalogue(tmp_path / "cat").catalogue, history=history)}
    assert "没有可读的版本历史" in pages["changelog.md"].body
    assert "最后修改" not in pages["problems/P001.md"].body


def test_values_from_old_commits_reach_the_page_escaped(tmp_path):
    """Script committed once and removed in the next commit must not reach 更新记录: history is
    untrusted input that current validation never sees."""
    repo = tmp_path / "repo"
    cat_dir = repo / "catalogue"
    shutil.copytree(MINI, cat_dir)
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v1")
    edit(cat_dir / "meta.yaml", 'version: "1.0"', 'version: "1.1"')
    meta = (cat_dir / "meta.yaml").read_text(encoding="utf-8")
    released = [line for line in meta.splitlines() if line.startswith("released:")][0]
    edit(cat_dir / "meta.yaml", released, 'released: "<script>window.__xss=1</script>"')
    p = cat_dir / "problems/P002.yaml"
    p.write_text(p.read_text(encoding="utf-8") + '"<img src=x onerror=alert(1)>": 1\n', encoding="utf-8")
    git(repo, "commit", "-qam", "hostile")
    edit(cat_dir / "meta.yaml", 'released: "<script>window.__xss=1</script>"', released)
    p.write_text(p.read_text(encoding="utf-8").replace('"<img src=x onerror=alert(1)>": 1\n', ""), encoding="utf-8")
    git(repo, "commit", "-qam", "clean again")

    result = load_catalogue(cat_dir)
    assert result.catalogue is not None, result.report.format()
    log = {p.uri: p for p in generate(result.catalogue, history=read_history(cat_dir))}["changelog.md"].body
    assert "<script" not in log and "<img" not in log
    assert "（&lt;script&gt;window\\.\\_\\_xss=1&lt;/script&gt;）" in log
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in log


def test_each_version_of_a_file_is_parsed_once_however_many_commits_hold_it(tmp_path, monkeypatch):
    from kb.bench.synthetic import write_history
    from kb.history import compare as cd
    cat_dir = tmp_path / "repo" / "catalogue"
    shutil.copytree(MINI, cat_dir)
    write_history(cat_dir, 12)
    parsed = []
    real_parse = cd.parse_blob
    monkeypatch.setattr(cd, "parse_blob", lambda raw, shown: parsed.append(shown) or real_parse(raw, shown))
    history = read_history(cat_dir)
    files = len([p for p in cat_dir.rglob("*.yaml")])
    # every file once, plus one per edit: 11 later commits × ≤5 problem edits (the mini has 3
    # problems, so at most 3 new versions each) and a new meta.yaml at each new version
    assert files <= len(parsed) <= files + 11 * 3 + 1
    assert [r.version for r in history.releases] == ["2.0", "1.0"]
    assert load_catalogue(cat_dir).catalogue is not None
    # The next build reads the parsed versions back from .cache/kb/history.pickle: none parsed.
    parsed.clear()
    again = read_history(cat_dir)
    assert parsed == []
    assert again.changed == history.changed
    assert [(r.version, r.commit, len(r.diff.changes)) for r in again.releases] == \
        [(r.version, r.commit, len(r.diff.changes)) for r in history.releases]
