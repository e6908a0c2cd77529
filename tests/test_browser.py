"""The built site in a real browser: no request leaves the site, search finds colloquial words."""
from urllib.parse import urlsplit

import pytest

import yaml

from browser import ARTIFACTS, chromium, serve
from conftest import ROOT


def problems():
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "catalogue/problems").glob("P*.yaml"))]

pytestmark = pytest.mark.browser

PAGES = ["", "problems/", "problems/P001/", "areas/", "areas/A01/", "handouts/A01/", "types/", "types/T1/",
         "causes/", "causes/C01/", "measures/", "measures/M01/", "sources/", "sources/S1/", "matrix/",
         "glossary/", "self-check/", "guide/", "maintain/", "about/"]


def test_every_page_type_loads_with_no_foreign_request_no_404_and_no_console_error(site_in_browser):
    base, browser = site_in_browser
    page = browser.new_page()
    requests, failures, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in PAGES:
        page.goto(f"{base}/{path}", wait_until="networkidle")
    origin = urlsplit(base).netloc
    foreign = [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin]
    assert foreign == []
    assert failures == []
    assert errors == []
    assert len(requests) >= len(PAGES)
    assert page.request.get(f"{base}/catalogue.json").json()["problems"][0]["id"] == "P001"
    page.close()


def test_search_finds_a_colloquial_term(site_in_browser):
    base, browser = site_in_browser
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{base}/", wait_until="networkidle")
    page.click("input.md-search__input")
    box = page.locator("input.md-search__input")
    box.fill("踢皮球")
    box.press("End")  # Material answers key events, not fill() alone
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-ti-pi-qiu.png"))
    top = [results.nth(i).locator("a").first.get_attribute("href") for i in range(min(3, results.count()))]
    expected = {f"/problems/{p['id']}/" for p in problems() if "踢皮球" in p.get("keywords", [])}
    assert expected and any(urlsplit(href).path in expected for href in top), top
    page.close()


SHOTS = {"home": "", "problem": "problems/P013/", "area": "areas/A02/", "matrix": "matrix/"}


@pytest.mark.parametrize("width", [375, 1366])
def test_screenshots_at_phone_and_desktop_width(site_in_browser, width):
    """Saved for a person to look at; asserts that nothing overflows sideways."""
    base, browser = site_in_browser
    page = browser.new_page(viewport={"width": width, "height": 800})
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in SHOTS.items():
        page.goto(f"{base}/{path}", wait_until="networkidle")
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=name != "matrix")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (name, width, overflow)
    page.close()
