"""版本对比 pages, entry histories and releases.json, built for real from a throw-away git history
in which one release adds, changes and retires a problem; every value from history is escaped."""
import json
import os
import shutil
import subprocess
import sys

import jsonschema
import pytest

from conftest import MINI, edit, site_config
from htmltext import visible_text as text_of

HOSTILE = '<img src=x onerror="alert(1)">'


def git(repo, *args, date):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("releases")
    repo = tmp / "repo"
    cat = repo / "catalogue"
    shutil.copytree(MINI, cat)
    p002 = (cat / "problems/P002.yaml").read_text(encoding="utf-8")
    (cat / "problems/P003.yaml").write_text(p002.replace("id: P002", "id: P003").replace("title: 能拖则拖", "title: 推来推去"),
                                           encoding="utf-8")
    # Release 1.0 carries markup in a summary: history is read as it was, so it must be escaped.
    edit(cat / "problems/P002.yaml", "summary: 该办的事拖着不办。", f"summary: '该办的事拖着不办。{HOSTILE}'")
    git(tmp, "init", "-q", "-b", "main", str(repo), date="2026-01-02T10:00:00")
    git(repo, "add", "-A", date="2026-01-02T10:00:00")
    git(repo, "commit", "-qm", "1.0", date="2026-01-02T10:00:00")
    # Release 1.1: P002 changed, P003 retired into P002, P004 added.
    edit(cat / "problems/P002.yaml", f"summary: '该办的事拖着不办。{HOSTILE}'", "summary: 该办的事一拖再拖、迟迟不办。")
    edit(cat / "problems/P002.yaml", "title: 能拖则拖", "title: 能拖就拖")
    (cat / "problems/P003.yaml").write_text(
        "id: P003\ntitle: 推来推去\nsummary: 已并入 P002。\nstatus: retired\nreplaced_by: P002\n", encoding="utf-8")
    (cat / "problems/P004.yaml").write_text(p002.replace("id: P002", "id: P004").replace("title: 能拖则拖", "title: 慢慢再办"),
                                           encoding="utf-8")
    edit(cat / "meta.yaml", 'version: "1.0"', 'version: "1.1"')
    edit(cat / "meta.yaml", "released: 2026-01-02", "released: 2026-03-04")
    git(repo, "add", "-A", date="2026-03-04T10:00:00")
    git(repo, "commit", "-qm", "1.1", date="2026-03-04T10:00:00")
    site = tmp / "site"
    config = site_config(tmp, cat)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return site


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_release_page_lists_added_changed_and_retired_with_old_and_new_side_by_side(built):
    html = read(built, "releases/v1-1/index.html")
    text = text_of(html)
    assert "新增的问题（1）" in text and "修改的问题（1）" in text and "停用的问题（1）" in text
    assert 'href="../../problems/P004/"' in html and "P004 慢慢再办" in text
    changed = html[html.index('id="problems-p002"'):html.index('id="retired-problems"')]
    assert "<del>" in changed and "<ins>" in changed
    row = changed[changed.index("<code>summary</code>"):]
    old, new = row.split('class="kb-diff__old">')[1].split("</td>")[0], row.split('class="kb-diff__new">')[1].split("</td>")[0]
    # The payload is text a reader sees, never an element (however the sanitizer spells the quotes).
    assert HOSTILE in text_of(old) and "&lt;img" in old and "<img" not in changed
    assert "一拖再拖" in text_of(new) and "能拖则拖" in text_of(changed) and "能拖就拖" in text_of(changed)
    retired = text_of(html[html.index('id="problems-p003"'):])
    assert "由 P002 接替" in retired
    first = text_of(read(built, "releases/v1-0/index.html"))
    assert "新增的问题（3）" in first and "空目录（首个版本）" in first


def test_entry_page_shows_its_history_linking_to_the_comparison(built):
    html = read(built, "problems/P002/index.html")
    section = html[html.index('id="history"'):]
    section = section[:section.index("</ul>")]
    assert "版本 1.1（2026-03-04）修改：标题、概述" in text_of(section)
    assert "版本 1.0（2026-01-02）新增" in text_of(section)
    assert 'href="../../releases/v1-1/#problems-p002"' in section
    assert 'href="../../releases/v1-0/#problems-p002"' in section
    tomb = read(built, "problems/P003/index.html")
    assert "版本 1.1（2026-03-04）停用" in text_of(tomb)
    changelog = read(built, "changelog/index.html")
    assert 'href="../releases/v1-1/"' in changelog


def test_releases_json_validates_against_its_schema_and_matches_the_history(built):
    data = json.loads(read(built, "releases.json"))
    schema = json.loads(read(built, "downloads/releases.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert [r["version"] for r in data["releases"]] == ["1.1", "1.0"]
    latest = data["releases"][0]
    assert latest["previous"] == "1.0" and latest["released"] == "2026-03-04"
    by_id = {c["id"]: c for c in latest["changes"] if c["section"] == "problems"}
    assert by_id["P004"]["change"] == "added"
    assert by_id["P003"]["change"] == "retired" and by_id["P003"]["replaced_by"] == "P002"
    fields = {f["field"]: f for f in by_id["P002"]["fields"]}
    assert fields["title"] == {"field": "title", "old": "能拖则拖", "new": "能拖就拖"}
    assert HOSTILE in fields["summary"]["old"]  # JSON keeps the text as it was; pages escape it
    assert by_id["P002"]["comparison"].endswith("/releases/v1-1/#problems-p002")
    broken = {**data, "releases": [{**latest, "changes": [{**by_id["P002"], "change": "renamed"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)
