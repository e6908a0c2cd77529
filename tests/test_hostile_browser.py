"""Payloads in every field of every record type, in an old commit of a throw-away git history,
and in the serve error page: in a real browser no script runs and nothing renders as markup."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

from browser import ARTIFACTS, chromium, serve
from conftest import ROOT, kb, site_config
from kb.core.diagnostics import Report
from kb.core.graph import resolve
from kb.core.records import read_records
from kb.site.pages import generate
from test_escaping import injected_markup

pytestmark = pytest.mark.browser

# Ids, references and enumerations must stay valid for the record to be built at all.
KEEP = {"id", "areas", "types", "families", "causes", "countermeasures", "related", "source", "items", "ref", "kind",
        "status", "replaced_by", "levels", "version", "released"}
SHORT = "<svg onload=__xss=1>"  # titles hold at most 24 characters
LONG = ('??? note "x"\n<img src=x onerror="window.__xss=2">[链](javascript:window.__xss=3)'
        '{: onclick="window.__xss=4" }&lt;b&gt;\u2028<script>window.__xss=5</script> ~~~ ')


def poison(value, key=None):
    if isinstance(value, str):
        if key in KEEP:
            return value
        return SHORT if key in ("title", "term", "genre") else LONG + value
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    return value


def poison_catalogue(root):
    for path in root.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _no_markup_in_browser(base, paths, shot):
    with chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in paths:
            page.goto(f"{base}/{path}", wait_until="networkidle")
            page.mouse.move(200, 300)
            for link in [a for a in page.locator("article a").all()[:30] if a.is_visible()]:
                link.hover(timeout=10000, force=True)  # a link in a picture may lie under its neighbour
            assert page.evaluate("window.__xss") is None, path
            assert page.locator("article img, article script, article [onclick], article [onload]").count() == 0, path
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / shot), full_page=False)
        assert dialogs == []
        return page


def test_payloads_in_every_field_of_every_record_type(mini, tmp_path):
    poison_catalogue(mini)
    report = Report()
    records = read_records(mini, report)
    assert len(records.problems) == 2 and records.meta is not None  # the schema lets them through
    docs = tmp_path / "docs"
    for page in generate(resolve(records)):
        (docs / page.uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.uri).write_text(page.markdown, encoding="utf-8")
    shutil.copytree(ROOT / "docs/assets", docs / "assets")
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - kb\n", "").replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    (tmp_path / "mkdocs.yml").write_text(config.split("\nnav:")[0] + "\n", encoding="utf-8")
    site = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=tmp_path,
                         capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr
    pages = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html")
                   if "assets" not in p.parts and p.parent != site and "search" not in p.parts)
    assert len(pages) > 15
    for path in pages:
        html = (site / path / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        assert injected_markup(html) == [], path
        # ??? note "x" would be a <details> titled x; ~~~ would open a code block
        assert "<summary>x</summary>" not in article and "<pre" not in article.split('id="cite"')[0], path
    with serve(site) as base:
        page = _no_markup_in_browser(base, pages, "hostile-every-field.png")
        del page


def _git(repo, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_script_in_an_old_commit_never_reaches_the_site(mini, tmp_path):
    _git(mini.parent, "init", "-q", "-b", "main", ".")
    _git(mini.parent, "add", "cat")
    _git(mini.parent, "commit", "-qm", "clean")
    clean = {p: p.read_bytes() for p in mini.rglob("*.yaml")}
    poison_catalogue(mini)
    meta = mini / "meta.yaml"
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    data.update({"version": "9.9", "released": "<script>window.__xss=6</script>"})
    meta.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    p2 = mini / "problems/P002.yaml"
    p2.write_text(p2.read_text(encoding="utf-8") + "'<img src=x onerror=window.__xss=7>': 1\n", encoding="utf-8")
    _git(mini.parent, "commit", "-qam", "hostile, once")
    for path, raw in clean.items():
        path.write_bytes(raw)
    meta.write_text(meta.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "9.10"')
                    .replace("version: '1.0'", "version: '9.10'"), encoding="utf-8")
    _git(mini.parent, "commit", "-qam", "clean again")
    config = site_config(tmp_path, mini)
    site = tmp_path / "site"
    run = kb("build", "-f", str(config), "-d", str(site), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    html = (site / "changelog/index.html").read_text(encoding="utf-8")
    assert injected_markup(html) == []
    assert "&lt;script&gt;window.__xss=6&lt;/script&gt;" in html
    with serve(site) as base:
        _no_markup_in_browser(base, ["changelog/"], "hostile-changelog.png")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_error_page_shows_a_crafted_key_as_text(mini, tmp_path):
    key = "x\u2028````\u2029<script>window.__xss=8</script>\x85<img src=x onerror=window.__xss=9>\r````"
    p2 = mini / "problems/P002.yaml"
    p2.write_text(p2.read_text(encoding="utf-8") + yaml.safe_dump({key: 1}, allow_unicode=True), encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "-f", str(site_config(tmp_path, mini)),
                             "-a", f"127.0.0.1:{port}"], env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if "目录有错误" in urllib.request.urlopen(f"{base}/problems/", timeout=2).read().decode():
                    break
            except OSError:
                pass
            time.sleep(0.3)
        with chromium() as browser:
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in ("", "problems/", "problems/P002/"):
                page.goto(f"{base}/{path}", wait_until="load")
                text = page.locator("article").inner_text()
                assert "<script>window.__xss=8</script>" in text, path
                assert page.locator("article script, article img").count() == 0, path
                assert page.evaluate("window.__xss") is None, path
                assert page.locator("article .admonition.failure").is_visible(), path  # styled, not bare
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "hostile-serve-errors.png"))
            assert dialogs == []
    finally:
        proc.terminate()
        proc.wait(timeout=10)
