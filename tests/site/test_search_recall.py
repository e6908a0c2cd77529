"""recall@5 of the site's search on the project's query set, typed into the real search box."""
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from browser import ARTIFACTS, chromium, serve
from conftest import SUMMARY_LINES

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parents[1] / "search/queries.yaml").read_text(encoding="utf-8"))
TARGET = 0.95


def top_pages(page, query: str, k: int = 5) -> list[str]:
    """Type the query as a reader does and return the paths of the first k result pages."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("Backspace")
    box.fill(query)
    box.press("End")  # Material reacts to key events
    previous, stable = None, 0
    for _ in range(60):  # until the result list stops changing (at most 3 s)
        page.wait_for_timeout(50)
        meta = page.locator(".md-search-result__meta").inner_text()
        links = page.locator(".md-search-result__item > .md-search-result__link")
        current = (meta, tuple(links.nth(i).get_attribute("href") for i in range(min(k, links.count()))))
        stable = stable + 1 if current == previous and "键入" not in meta else 0
        previous = current
        if stable >= 4:
            break
    return [urlsplit(href).path.lstrip("/") for href in previous[1]] if previous else []


def test_recall_at_5(built_site):
    hits, misses = defaultdict(int), defaultdict(list)
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/", wait_until="networkidle")
        page.click("input.md-search__input")
        for case in QUERIES:
            found = top_pages(page, case["q"])
            if any(expected in found for expected in case["expect"]):
                hits[case["kind"]] += 1
            else:
                misses[case["kind"]].append(f"{case['q']} → {found}")
        ARTIFACTS.mkdir(exist_ok=True)
        top_pages(page, "皮球")
        page.screenshot(path=str(ARTIFACTS / "search-fragment.png"))
    kinds = sorted({c["kind"] for c in QUERIES})
    lines = ["", f"search recall@5 on {len(QUERIES)} queries:"]
    for kind in kinds:
        total = sum(1 for c in QUERIES if c["kind"] == kind)
        lines.append(f"  {kind:<12} {hits[kind]}/{total} = {hits[kind] / total:.0%}")
    overall = sum(hits.values()) / len(QUERIES)
    lines.append(f"  {'overall':<12} {sum(hits.values())}/{len(QUERIES)} = {overall:.1%}")
    for kind in kinds:
        lines += [f"  miss [{kind}] {m}" for m in misses[kind]]
    SUMMARY_LINES.extend(lines)
    assert len(QUERIES) >= 60
    assert overall >= TARGET, "\n".join(lines)


def test_a_fragment_finds_the_whole_keyword(built_site):
    """The index holds each keyword whole; the search worker finds fragments of it (皮球 in 踢皮球,
    see worker_patch.py). Every fragment query must find its page, and the result must count the
    fragment as found: its link asks the page to highlight 皮球."""
    fragments = [case for case in QUERIES if case["kind"] == "fragment"]
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/", wait_until="networkidle")
        page.click("input.md-search__input")
        missed = []
        for case in fragments:
            found = top_pages(page, case["q"])
            if not any(expected in found for expected in case["expect"]):
                missed.append(f"{case['q']} → {found}")
        assert missed == []
        top_pages(page, "皮球")
        href = page.locator('.md-search-result__link[href*="problems/P013/"]').first.get_attribute("href")
    assert parse_qs(urlsplit(href).query)["h"] == ["皮球"]
