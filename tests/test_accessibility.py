"""Readable for everyone (issue 16), in a real Chromium: axe-core on every page type in the normal and
the high-contrast mode, the reader switch by keyboard, phones (375 px) and 200 % text, the glossary
on touch screens, the problems filter with and without scripts. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from a11y import BLOCKING, audit, axe_source, count, describe, page_types
from browser import ARTIFACTS
from conftest import ROOT, SUMMARY_LINES

pytestmark = pytest.mark.browser

MODES = {"normal": {"kb-text-size": "0", "kb-contrast": "0"},
         "large": {"kb-text-size": "2", "kb-contrast": "0"},
         "contrast": {"kb-text-size": "0", "kb-contrast": "1"}}


def new_page(browser, base, width=1366, mode="normal", **context):
    """A page whose stored reader settings are those of the mode (as a reader's earlier choice)."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, **context)
    page = ctx.new_page()
    page.goto(f"{base}/", wait_until="networkidle")
    for key, value in MODES[mode].items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])
    page.reload(wait_until="networkidle")
    return page


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("mode", ["normal", "contrast"])
def test_axe_finds_no_serious_or_critical_violation_on_any_page_type(site_in_browser, built_site, mode):
    base, browser = site_in_browser
    page = new_page(browser, base, mode=mode)
    source = axe_source()
    paths = page_types(built_site)
    assert {"", "problems/", "problems/P001/", "matrix/", "handouts/A01/", "glossary/", "downloads/",
            "changelog/", "guide/", "sources/S1/"} <= set(paths)
    failures, totals = [], Counter()
    for path in paths:
        page.goto(f"{base}/{path}", wait_until="networkidle")
        assert ("kb-contrast" in page.evaluate("document.documentElement.className")) == (mode == "contrast")
        violations = audit(page, source)
        totals += count(violations)
        failures += describe(path, violations)
    SUMMARY_LINES.append(f"axe ({mode}, {len(paths)} pages): " + (", ".join(
        f"{rule}/{impact} {n}" for (rule, impact), n in sorted(totals.items())) or "no violations"))
    assert failures == [], "\n".join(failures)
    assert not [k for k in totals if k[1] in BLOCKING]
    page.context.close()


def test_reader_switch_works_by_keyboard_and_is_remembered(site_in_browser):
    base, browser = site_in_browser
    page = new_page(browser, base)
    page.goto(f"{base}/problems/P001/", wait_until="networkidle")
    switch = page.get_by_role("region", name="阅读设置")
    assert switch.is_visible()
    body_size = "parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)"
    normal = page.evaluate(body_size)
    # Tab from the top of the page reaches the buttons before the header; Enter and Space press them.
    focused = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
        if focused[-1] == "特大":
            break
    assert focused[-1] == "特大", focused
    page.keyboard.press("Enter")
    assert page.evaluate(body_size) >= 1.45 * normal
    assert page.get_by_role("button", name="特大").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="高对比度").focus()
    page.keyboard.press("Space")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert page.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reader-switch-large-contrast-1366.png"))
    # Remembered on the next page, applied before it is drawn.
    page.goto(f"{base}/matrix/", wait_until="networkidle")
    assert {"kb-text-2", "kb-contrast"} <= set(page.evaluate("document.documentElement.className").split())
    page.get_by_role("button", name="标准").click()
    page.get_by_role("button", name="高对比度").click()
    page.goto(f"{base}/problems/P001/", wait_until="networkidle")
    assert page.evaluate(body_size) == normal
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.context.close()


SHOTS = {"home": "", "problem": "problems/P001/", "problems": "problems/", "matrix": "matrix/",
         "handout": "handouts/A01/"}


@pytest.mark.parametrize("width", [375, 1366])
@pytest.mark.parametrize("mode", list(MODES))
def test_screenshots_in_every_mode_and_nothing_scrolls_sideways(site_in_browser, built_site, mode, width):
    """Normal, large-text and high-contrast screenshots at phone and desktop width (saved for a person
    to look at); on every page type the page as a whole never scrolls sideways."""
    base, browser = site_in_browser
    page = new_page(browser, base, width=width, mode=mode)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in SHOTS.items():
        page.goto(f"{base}/{path}", wait_until="networkidle")
        page.screenshot(path=str(ARTIFACTS / f"{mode}-{name}-{width}.png"))
    wide = [(path, overflow(page)) for path in (page_types(built_site) if width == 375 else SHOTS.values())
            if page.goto(f"{base}/{path}", wait_until="networkidle") and overflow(page) > 1]
    assert wide == []
    page.context.close()


def test_200_percent_text_needs_no_horizontal_scrolling(site_in_browser, built_site):
    """Browser zoom at 200 % on a 1366 px screen lays pages out at 683 CSS px; with the largest text
    setting on top, no page scrolls sideways."""
    base, browser = site_in_browser
    page = new_page(browser, base, width=683, mode="large")
    wide = []
    for path in page_types(built_site):
        page.goto(f"{base}/{path}", wait_until="networkidle")
        if overflow(page) > 1:
            wide.append((path, overflow(page)))
    assert wide == []
    page.context.close()


def test_every_table_can_be_read_to_its_last_column_on_a_phone(site_in_browser):
    base, browser = site_in_browser
    page = new_page(browser, base, width=375, is_mobile=True, has_touch=True)
    for path in ["matrix/", "problems/", "areas/", "types/", "causes/", "measures/", "sources/", "downloads/"]:
        page.goto(f"{base}/{path}", wait_until="networkidle")
        tables = page.locator("article table")
        assert tables.count() > 0, path
        for i in range(tables.count()):
            table = tables.nth(i)
            box = table.locator("xpath=ancestor::div[contains(@class, 'md-typeset__scrollwrap') or "
                                "contains(@class, 'kb-weight-wrap')][1]")
            wide = box.evaluate("b => b.scrollWidth > b.clientWidth + 1")
            if wide:
                # The box scrolls, says so, and can be scrolled by keyboard.
                assert box.evaluate("b => getComputedStyle(b).overflowX") in ("auto", "scroll"), path
                assert box.get_attribute("tabindex") == "0", path
                hint = box.locator("xpath=preceding-sibling::*[1]")
                assert "左右滑动" in hint.inner_text() and hint.is_visible(), path
                box.focus()
                for _ in range(60):
                    page.keyboard.press("ArrowRight")
                box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
            # The last column's header lies inside the visible part of its box.
            last = table.locator("thead th").last
            lb, bb = last.bounding_box(), box.bounding_box()
            assert lb["x"] >= bb["x"] - 1 and lb["x"] + lb["width"] <= bb["x"] + bb["width"] + 1, (path, lb, bb)
        assert overflow(page) <= 1, path
        if path == "matrix/":
            # The area column stays in view while the type columns scroll past it.
            first = page.locator("article table tbody th").first.bounding_box()
            assert first["x"] >= 0 and first["x"] + first["width"] <= 375
            page.screenshot(path=str(ARTIFACTS / "matrix-375-scrolled.png"))
    page.context.close()


def test_a_permalink_never_stands_alone_on_a_line(site_in_browser):
    base, browser = site_in_browser
    page = new_page(browser, base, width=375, mode="large")
    for path in ["problems/P001/", "problems/P066/", "matrix/", "handouts/A01/"]:
        page.goto(f"{base}/{path}", wait_until="networkidle")
        heads = page.evaluate("""() => [...document.querySelectorAll('article .headerlink')].map(a => {
            const span = a.parentElement;
            return {nowrap: span.classList.contains('kb-nowrap'), lines: span.getClientRects().length,
                    before: span.textContent.replace(a.textContent, '').trim().length};
        })""")
        assert heads, path
        assert all(h["nowrap"] and h["lines"] == 1 and h["before"] >= 1 for h in heads), (path, heads)


def test_glossary_definitions_open_on_tap(site_in_browser):
    base, browser = site_in_browser
    page = new_page(browser, base, width=375, is_mobile=True, has_touch=True)
    page.goto(f"{base}/problems/P001/", wait_until="networkidle")
    term = page.locator('article a[href*="glossary/#"]').first
    definition = term.get_attribute("data-kb-definition")
    assert definition
    url = page.url
    term.tap()
    tip = page.locator(".kb-abbr-tip").first
    assert tip.is_visible()
    assert definition in tip.inner_text()
    assert page.url == url and term.get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(ARTIFACTS / "glossary-tap-375.png"))
    term.tap()
    assert page.locator(".kb-abbr-tip").count() == 0
    page.context.close()


def _keyword_only_in_terms() -> tuple[str, str]:
    """A problem and one of its keywords that appears in no problem title (so only the terms match)."""
    problems = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "catalogue/problems").glob("P*.yaml"))]
    active = [p for p in problems if p.get("status", "active") == "active"]
    titles = " ".join(p["title"] for p in active)
    for p in active:
        for word in [*p.get("aliases", []), *p.get("keywords", [])]:
            if len(word) >= 3 and word not in titles and not re.search(r"[A-Za-z0-9]", word):
                return p["id"], word
    raise AssertionError("no keyword outside the titles")


def test_problems_filter_matches_keywords_and_is_hidden_without_scripts(site_in_browser):
    base, browser = site_in_browser
    pid, word = _keyword_only_in_terms()
    page = new_page(browser, base)
    page.goto(f"{base}/problems/", wait_until="networkidle")
    assert page.locator(".kb-filter-note").is_visible()
    box = page.get_by_role("searchbox")
    box.fill(word)
    visible = page.locator("article table tbody tr:not([hidden])")
    ids = [visible.nth(i).locator("td").first.inner_text() for i in range(visible.count())]
    assert pid in ids and len(ids) < 20, (word, ids)
    assert re.search(rf"显示 {len(ids)} / \d+", page.locator(".kb-filter-count").inner_text())
    page.context.close()

    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(f"{base}/problems/", wait_until="load")
    assert not page.locator(".kb-filter-note").is_visible()
    assert not page.locator(".kb-filter").is_visible()
    assert "筛选" not in page.locator("article").inner_text()
    assert not page.locator(".kb-reader").is_visible()  # the switch needs scripts too
    assert page.locator("article table tbody tr").count() > 50
    ctx.close()
