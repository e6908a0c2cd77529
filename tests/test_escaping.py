"""Even with validation bypassed, catalogue text is text: escaped in pages and the search index,
and no script from it runs in a real browser."""
import json
from html.parser import HTMLParser
import os
import re
import shutil
import subprocess
import sys

import pytest

from browser import ARTIFACTS, chromium, serve
from conftest import ROOT, edit
from kb.core.diagnostics import Report
from kb.core.graph import resolve
from kb.site.pages import generate
from kb.site.search.index_file import index_data, index_files
from kb.core.records import read_records

pytestmark = pytest.mark.browser

PAYLOADS = {
    "title": "<script>__xss=1</script>",
    "summary": "<img src=x onerror=\"window.__xss='img'\">摘要",
    "symptom": "[点我](javascript:window.__xss='link') 与 {: onclick=\"window.__xss='attr'\" }",
    "example": "<svg onload=\"window.__xss='svg'\"></svg>\n## 注入的标题\n```\n代码\n```",
    "keyword": "\" onmouseover=\"window.__xss='quote'",
    "term": "<b onmouseover=\"window.__xss='term'\">悬停</b>\"><script>window.__xss='tip'</script>",
}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append((tag, name, value))
        # The site's own drawings are SVG (关系图, 全局关系图); an injected one carries no such class.
        ours = tag == "svg" and dict(attrs).get("class") in ("kb-picture__svg", "kb-overview__svg")
        if tag in ("img", "svg", "b") and not ours or (tag == "script" and "__xss" in self.get_starttag_text()):
            self.found.append((tag, "", ""))

    def handle_data(self, data):
        if "__xss" in data and self.lasttag == "script":
            self.found.append(("script", "", data))


def injected_markup(html: str) -> list:
    """Elements or attributes in the page's article that could only have come from the payloads;
    plus any script anywhere that mentions the payload's marker."""
    article = html[html.index("<article"):html.index("</article>")]
    parser = _Tags()
    parser.feed(article)
    scripts = [s for s in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S) if "__xss" in s]
    return parser.found + scripts


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


TEXT_CHECK_CODES = {"raw-html", "markdown-block", "unsafe-url"}


def _payload_catalogue(mini):
    p = mini / "problems/P001.yaml"
    edit(p, "title: 遇事推诿、互踢皮球", f"title: {q(PAYLOADS['title'])}")
    edit(p, "summary: 对职责边界上的事互相推给对方，让群众来回跑。", f"summary: {q(PAYLOADS['summary'])}")
    edit(p, "  - 跨部门的事没人牵头。", f"  - {q(PAYLOADS['symptom'])}")
    edit(p, "text: 某区两个科室都认为来信不归自己管，来信在两个科室之间转了一个月，最后出现了踢皮球的局面。}",
         f"text: {q(PAYLOADS['example'] + '来信转了一个月，最后出现了踢皮球的局面。')}}}")
    edit(p, "keywords: [踢皮球, 推诿扯皮, 来回跑]", f"keywords: [踢皮球, {q(PAYLOADS['keyword'])}]")
    edit(mini / "glossary.yaml", "definition: 把该办的事推给别人。", f"definition: {q(PAYLOADS['term'])}")


def test_payloads_stay_text_in_pages_search_and_browser(mini, tmp_path):
    _payload_catalogue(mini)
    report = Report()
    records = read_records(mini, report)
    # The text checks object, but the schema lets the records through: the pages must stay safe
    # even if a payload slipped past the checks.
    assert {d.code for d in report.errors} <= TEXT_CHECK_CODES and len(records.problems) == 2
    docs = tmp_path / "docs"
    for page in generate(resolve(records)):
        (docs / page.uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.uri).write_text(page.markdown, encoding="utf-8")
    shutil.copytree(ROOT / "docs/assets", docs / "assets")
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - kb\n", "").replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.split("\nnav:")[0] + "\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=tmp_path,
                         capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr

    for path in ("problems/P001", "glossary", "problems", "matrix", "sources/S1", "types/T1"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert injected_markup(html) == [], path
        assert "注入的标题</h" not in html and "<pre><code>代码" not in html
    # The kb plugin is not in this build: the search index is written as the plugin writes it.
    for uri, text in index_files(index_data(resolve(records))).items():
        (site / uri).parent.mkdir(parents=True, exist_ok=True)
        (site / uri).write_text(text, encoding="utf-8")

    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("problems/P001/", "glossary/", "problems/", "matrix/", "sources/S1/"):
            page.goto(f"{base}/{path}", wait_until="networkidle")
            page.mouse.move(200, 300)
            # Links only screen readers meet (a picture's text alternative) cannot be hovered.
            for link in [a for a in page.locator("article a").all()[:40]
                         if a.is_visible() and not a.evaluate("e => !!e.closest('.kb-visually-hidden')")]:
                link.hover(timeout=10000)
            assert page.evaluate("window.__xss") is None, path
        page.goto(f"{base}/problems/P001/", wait_until="networkidle")
        text = page.locator("article").inner_text()
        assert PAYLOADS["title"] in text and "<img src=x onerror=" in text
        box = page.locator("input.md-search__input")
        page.click("input.md-search__input")
        box.fill("摘要")  # the summary section, payload and all, is rendered as a search result
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(timeout=30000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "escaping-search.png"))
        assert page.evaluate("window.__xss") is None
        assert dialogs == []
