"""Print (issue 16): area handouts and the matrix printed by Chromium to PDF and read back with
poppler (pdfinfo, pdftotext); page images (pdftoppm) go to tests/artifacts/ for a person to look at."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from browser import ARTIFACTS
from conftest import SUMMARY_LINES

pytestmark = pytest.mark.browser

SITE_ROOT = "http://zhili.intranet/"   # site_url in mkdocs.yml: permanent addresses start with it
PROBLEM_HEAD = re.compile(r"^\s*(P\d{3})\s", re.M)


def print_pdf(page, url: str, path: Path) -> Path:
    page.goto(url, wait_until="networkidle")
    page.pdf(path=str(path), prefer_css_page_size=True)
    return path


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups()
    return float(w), float(h)


def text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_number(i: int, n: int) -> re.Pattern:
    """The footer '第 i 页 / 共 n 页' (pdftotext may drop the spaces of small print)."""
    return re.compile(rf"第\s*{i}\s*页\s*/\s*共\s*{n}\s*页")


def snapshot(pdf: Path, first: int, last: int, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", str(first), "-l", str(last), str(pdf),
                    str(ARTIFACTS / name)], check=True)


@pytest.fixture(scope="module")
def printer(site_in_browser, tmp_path_factory):
    base, browser = site_in_browser
    page = browser.new_page()
    yield base, page, tmp_path_factory.mktemp("pdf")
    page.close()


def handout_order(built_site: Path, area: str) -> list[str]:
    html = (built_site / "handouts" / area / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<section class="kb-handout-problem">\s*<h2 id="(P\d{3})"', html)


@pytest.mark.parametrize("area", ["A01", "A05", "A09"])
def test_handout_prints_contents_page_numbers_and_a_page_or_two_per_problem(printer, built_site, area):
    base, page, folder = printer
    pdf = print_pdf(page, f"{base}/handouts/{area}/", folder / f"handout-{area}.pdf")
    n = pages(pdf)
    order = handout_order(built_site, area)
    assert order, "the handout has no problems"
    assert page_size(pdf) == pytest.approx((595, 842), abs=1)  # A4 portrait

    # Page 1: title and contents list, every problem in order; every page numbered in its footer.
    first = text(pdf, 1)
    assert "问题讲义" in first and "目录" in first
    assert [m for m in re.findall(r"P\d{3}", first) if m in order] == order
    for i in range(1, n + 1):
        assert page_number(i, n).search(text(pdf, i)), i

    # Each problem starts a page, in the handout's order, and takes one page or two.
    starts = []
    for i in range(2, n + 1):
        m = PROBLEM_HEAD.match(text(pdf, i))
        if m:
            starts.append((m.group(1), i))
    assert [pid for pid, _ in starts] == order
    spans = [(starts[k + 1][1] if k + 1 < len(starts) else n + 1) - p for k, (_, p) in enumerate(starts)]
    assert max(spans) <= 2, dict(zip(order, spans))
    one = sum(1 for s in spans if s == 1)
    SUMMARY_LINES.append(f"handout {area}: {n} A4 pages for {len(order)} problems, {one} on one page")
    assert one * 2 > len(order), dict(zip(order, spans))  # usually one page

    # No address in the body text: a problem's addresses come only after its 引用本页 (the citation's
    # permalink, then the numbered list of its links' addresses, without the site root).
    body = text(pdf)
    chunks = re.split(r"^\s*P\d{3}\s", body, flags=re.M)[1:]
    assert len(chunks) == len(order)  # the contents list numbers its lines, so only page heads split
    for pid, chunk in zip(order, chunks):
        main, _, end = chunk.partition("引用本页")
        assert end, pid
        assert "http" not in main and "zhili.intranet" not in main, (pid, [l for l in main.splitlines() if "http" in l])
        assert "来源" in main and "文中链接的网址（均以 " + SITE_ROOT + " 开头）" in end, pid
        assert re.search(r"\[1\] (causes|measures|sources)/", end), pid
    snapshot(pdf, 1, 3, f"print-handout-{area}")


def test_handout_prints_black_text_and_links(printer):
    base, page, _ = printer
    page.goto(f"{base}/handouts/A01/", wait_until="networkidle")
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [...document.querySelectorAll('article p, article li, article a, article h2')]
        .slice(0, 400).map(e => getComputedStyle(e).color)""")
    page.emulate_media(media="null")
    assert set(colours) == {"rgb(0, 0, 0)"}


def test_high_contrast_mode_still_prints_black_on_white(printer, tmp_path):
    base, page, folder = printer
    page.goto(f"{base}/", wait_until="networkidle")
    page.evaluate("localStorage.setItem('kb-contrast', '1')")
    try:
        page.goto(f"{base}/problems/P001/", wait_until="networkidle")
        page.emulate_media(media="print")
        body = page.evaluate("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('article p')).color]")
        page.emulate_media(media="null")
        assert body == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
        pdf = print_pdf(page, f"{base}/problems/P001/", folder / "problem-contrast.pdf")
        assert "文中链接的网址" in text(pdf)
        snapshot(pdf, 1, 1, "print-problem-P001-contrast-mode")
    finally:
        page.evaluate("localStorage.removeItem('kb-contrast')")


def test_matrix_prints_on_one_landscape_page(printer):
    # The areas × types matrix fills one landscape sheet; the causes × areas table follows on a second.
    base, page, folder = printer
    pdf = print_pdf(page, f"{base}/matrix/", folder / "matrix.pdf")
    w, h = page_size(pdf)
    body = text(pdf)
    SUMMARY_LINES.append(f"matrix: {pages(pdf)} landscape page(s)")
    assert pages(pdf) == 2
    assert w > h  # landscape
    assert page_number(1, 2).search(text(pdf, 1)) and page_number(2, 2).search(text(pdf, 2))
    assert "http" not in body
    assert "成因 × 治理领域" not in text(pdf, 1) and "成因 × 治理领域" in text(pdf, 2)
    # Every problem of the areas × types matrix is on the first page.
    # text_content: on screen the cells' problem lists are closed <details>, which inner_text skips
    html_ids = set(re.findall(r"P\d{3}", page.locator("article table").first.text_content()))
    assert html_ids and html_ids <= set(re.findall(r"P\d{3}", text(pdf, 1)))
    snapshot(pdf, 1, 1, "print-matrix")
