"""What trainers rely on, in a real browser: fixed anchors, visible permalinks, the cite block and
its copy button, clean A4 printing of a problem and of an area handout, retired pages."""
import os
import re
import subprocess
import sys

import pytest
import yaml

from browser import ARTIFACTS, chromium, serve
from conftest import ROOT, site_config

pytestmark = pytest.mark.browser


def problem(pid: str) -> dict:
    return yaml.safe_load((ROOT / f"catalogue/problems/{pid}.yaml").read_text(encoding="utf-8"))


def test_fixed_anchor_opens_its_section_in_view_with_a_visible_permalink(site_in_browser):
    base, browser = site_in_browser
    page = browser.new_page(viewport={"width": 1366, "height": 800})
    page.goto(f"{base}/problems/P013/#countermeasures", wait_until="networkidle")
    heading = page.locator("h2#countermeasures")
    box = heading.bounding_box()
    assert heading.inner_text().startswith("整改措施")
    assert 0 <= box["y"] <= 200, box  # at the top of the viewport, below the fixed header
    link = heading.locator("a.headerlink")
    assert link.get_attribute("href") == "#countermeasures"
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) > 0.2
    page.close()


def test_cite_block_copies_the_citation(site_in_browser):
    base, browser = site_in_browser
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base}/problems/P013/", wait_until="networkidle")
    cite = page.locator("h2#cite ~ .highlight").first
    expected = f"《{problem('P013')['title']}》（P013），治理问题知识库，版本"
    assert cite.inner_text().startswith(expected)
    assert "http://zhili.intranet/problems/P013/" in cite.inner_text()
    cite.hover()
    cite.locator("button.md-code__button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(expected) and copied.strip().endswith("http://zhili.intranet/problems/P013/")
    context.close()


def _pdf_text_and_pages(pdf_path) -> tuple[str, int, str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    size = re.search(r"Page size:\s+(.*)", info).group(1)
    return text, pages, size


def test_problem_page_prints_as_clean_a4(site_in_browser):
    base, browser = site_in_browser
    page = browser.new_page()
    page.goto(f"{base}/problems/P013/", wait_until="networkidle")
    page.wait_for_selector("article a[data-print-ref]", state="attached")  # kb.js has run
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "print-P013.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text, pages, size = _pdf_text_and_pages(pdf)
    squeezed = re.sub(r"\s+", "", text)
    p = problem("P013")
    assert "A4" in size and 1 <= pages <= 6
    assert p["title"] in squeezed
    for symptom in p["symptoms"]:
        assert re.sub(r"\s+", "", symptom)[:20] in squeezed
    # Links print their permanent address at the end of the page, not inline.
    assert "文中链接的网址（均以http://zhili.intranet/开头）" in squeezed
    assert "causes/C02/" in squeezed.split("文中链接的网址")[1]
    assert "http://zhili.intranet/causes/" not in squeezed
    for chrome in ("本节的永久链接", "筛选", "Made with"):
        assert chrome not in text
    assert "首页" not in text and "来源文件" not in text.split(p["title"])[0]  # no header, tabs or nav
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "print-P013")],
                   check=True)
    page.close()


def test_area_handout_prints_every_problem_of_the_area(site_in_browser, built_site):
    base, browser = site_in_browser
    page = browser.new_page()
    page.goto(f"{base}/areas/A02/", wait_until="networkidle")
    page.click("text=打印本领域讲义")
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("article a[data-print-ref]", state="attached")
    assert page.url.endswith("/handouts/A02/")
    pdf = ARTIFACTS / "handout-A02.pdf"
    page.pdf(path=str(pdf), format="A4")
    text, pages, _ = _pdf_text_and_pages(pdf)
    squeezed = re.sub(r"\s+", "", text)
    in_area = [problem(p.stem) for p in sorted((ROOT / "catalogue/problems").glob("P*.yaml"))
               if "A02" in problem(p.stem).get("areas", [])]  # retired problems have no areas
    assert in_area
    for p in in_area:
        assert re.sub(r"\s+", "", p["id"] + p["title"]) in squeezed
    assert pages >= len(in_area)  # each problem starts on a new page
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / "handout-A02")],
                   check=True)
    page.close()


def test_retired_problem_url_sends_the_reader_to_its_successor(site_in_browser, mini, tmp_path):
    (mini / "problems/P003.yaml").write_text(
        "id: P003\ntitle: 推来推去\nsummary: 与 P001 重复，已并入。\nstatus: retired\nreplaced_by: P001\n",
        encoding="utf-8")
    site = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site_config(tmp_path, mini)),
                          "-d", str(site)], capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr
    browser = site_in_browser[1]
    with serve(site) as base:
        page = browser.new_page()
        page.goto(f"{base}/problems/P003/", wait_until="networkidle")
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
        banner = page.locator(".admonition.warning")
        assert "此条目已停用" in banner.inner_text()
        banner.locator("a", has_text="P001 遇事推诿、互踢皮球").click()
        page.wait_for_load_state()
        assert page.url.endswith("/problems/P001/")
