"""recall@5 of the site's search, typed into the real search box, on two query sets:

- tests/search/queries.yaml: the project's 70 queries;
- tests/search/reader_queries.yaml: 161 queries written by a reader who had not seen the catalogue,
  frozen before any result was seen (its sha256 is checked below; never edit it).

A query is a hit when one of its expected pages is among the first five distinct result pages.
"""
import hashlib
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from browser import ARTIFACTS, chromium, serve
from conftest import SUMMARY_LINES

pytestmark = pytest.mark.browser

SETS = Path(__file__).parents[1] / "search"
READER_SHA256 = "8c221fc32b8e3c8bc46b0b0e5ab4ae11f67732e12c0b7b1a5276a99ab35e3e46"
# What each set reaches today (the issue asks 95% on each); a drop fails the test.
TARGETS = {"queries.yaml": 0.95, "reader_queries.yaml": 0.95}


def load(name: str) -> list[dict]:
    return yaml.safe_load((SETS / name).read_text(encoding="utf-8"))


def test_the_reader_set_is_the_frozen_one():
    assert hashlib.sha256((SETS / "reader_queries.yaml").read_bytes()).hexdigest() == READER_SHA256
    assert len(load("reader_queries.yaml")) == 161


def result_pages(page, query: str, k: int = 5) -> list[str]:
    """Type the query and return the first k result pages as a reader sees them (path#anchor)."""
    box = page.locator("input.md-search__input")
    box.fill(query)  # an input event, no key press: the search must start on input
    previous, stable = None, 0
    for _ in range(80):  # until the result list stops changing (at most 4 s)
        page.wait_for_timeout(50)
        meta = page.locator(".md-search-result__meta").inner_text()
        links = page.locator(".md-search-result__item > .md-search-result__link")
        current = (meta, tuple(links.nth(i).get_attribute("href") for i in range(min(k, links.count()))))
        stable = stable + 1 if current == previous and "键入" not in meta else 0
        previous = current
        if stable >= 3:
            break
    pages = []
    for href in previous[1] if previous else ():
        url = urlsplit(href)
        pages.append(url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else ""))
    return pages


@pytest.mark.parametrize("name", list(TARGETS))
def test_recall_at_5(built_site, name):
    queries = load(name)
    hits, misses, empty = defaultdict(int), defaultdict(list), []
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/", wait_until="networkidle")
        page.click("input.md-search__input")
        page.wait_for_selector("html[data-kb-search=ready]", state="attached", timeout=60000)
        for case in queries:
            found = result_pages(page, case["q"])
            if not found:
                empty.append(case["q"])
            if any(expected in found for expected in case["expect"]):
                hits[case["kind"]] += 1
            else:
                misses[case["kind"]].append(f"{case['q']} → {found}")
        ARTIFACTS.mkdir(exist_ok=True)
        result_pages(page, "幹部不敢擔當怎麼辦")
        page.screenshot(path=str(ARTIFACTS / f"search-recall-{name.split('.')[0]}.png"))
    kinds = sorted({c["kind"] for c in queries})
    lines = ["", f"search recall@5 on {name} ({len(queries)} queries):"]
    for kind in kinds:
        total = sum(1 for c in queries if c["kind"] == kind)
        lines.append(f"  {kind:<16} {hits[kind]}/{total} = {hits[kind] / total:.0%}")
    overall = sum(hits.values()) / len(queries)
    lines.append(f"  {'overall':<16} {sum(hits.values())}/{len(queries)} = {overall:.1%}; empty lists: {len(empty)}")
    for kind in kinds:
        lines += [f"  miss [{kind}] {m}" for m in misses[kind]]
    SUMMARY_LINES.extend(lines)
    assert empty == []
    assert overall >= TARGETS[name], "\n".join(lines)
