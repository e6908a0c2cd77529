"""Relationship pictures in a real browser: the right links, a text alternative, they fit a phone,
and the download buttons give a real SVG and PNG. Screenshots go to tests/artifacts/."""
import json
import struct
from urllib.parse import urljoin, urlsplit

import pytest

from browser import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalogue(built_site):
    return json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))


def expected_links(catalogue, kind, rid):
    """Paths the picture of an entry must link to, from catalogue.json."""
    if kind == "problem":
        p = next(x for x in catalogue["problems"] if x["id"] == rid)
        related = set(p.get("related", [])) | {x["id"] for x in catalogue["problems"]
                                              if rid in x.get("related", []) and x.get("status", "active") == "active"}
        return ({f"/causes/{c}/" for c in p["causes"]} | {f"/measures/{m}/" for m in p["countermeasures"]}
                | {f"/problems/{r}/" for r in related})
    if kind == "cause":
        c = next(x for x in catalogue["causes"] if x["id"] == rid)
        return {f"/problems/{p}/" for p in c["problems"]} | {f"/measures/{m}/" for m in c["countermeasures"]}
    m = next(x for x in catalogue["countermeasures"] if x["id"] == rid)
    return {f"/causes/{c}/" for c in m["causes"]} | {f"/problems/{p}/" for p in m["problems"]}


ENTRIES = [("problem", "P001", "problems/P001/"), ("cause", "C01", "causes/C01/"), ("countermeasure", "M01", "measures/M01/")]


@pytest.mark.parametrize("kind,rid,path", ENTRIES)
@pytest.mark.parametrize("width", [375, 1366])
def test_picture_links_text_alternative_and_fit(site_in_browser, catalogue, kind, rid, path, width):
    base, browser = site_in_browser
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{base}/{path}", wait_until="networkidle")
    figure = page.locator("figure.kb-picture")
    svg = figure.locator("svg.kb-picture__svg:visible")
    assert figure.locator("svg.kb-picture__svg").count() == 1  # one drawing for every screen and print
    assert svg.count() == 1
    assert svg.get_attribute("role") == "group"  # a picture with links: role img would hide them (axe nested-interactive)
    label = svg.get_attribute("aria-label")
    assert label.startswith("关系图：") and rid in label
    desc_id = svg.get_attribute("aria-describedby")
    desc = page.locator(f"#{desc_id}").text_content()
    expected = expected_links(catalogue, kind, rid)
    assert expected and all(urlsplit(u).path.split("/")[-2] in desc for u in expected)
    # The visible drawing's boxes and the hidden list for screen readers link to the same pages.
    drawn = {urlsplit(urljoin(page.url, a.get_attribute("href"))).path
             for a in svg.locator("a.kb-picture__node").all()}
    listed = {urlsplit(urljoin(page.url, a.get_attribute("href"))).path
              for a in figure.locator(".kb-visually-hidden a").all()}
    assert listed == expected
    assert drawn - {f"/{path}"} <= expected
    more = svg.locator("a.kb-picture__node--more")
    assert drawn - {f"/{path}"} == expected or more.count() >= 1  # over ten neighbours: one box links to the list
    box = svg.bounding_box()
    assert box["width"] <= width and box["x"] >= 0 and box["x"] + box["width"] <= width
    if width == 375:
        # Labels stay readable: the phone drawing is not scaled below 90 % (about 12.6 px text).
        assert box["width"] >= 0.9 * float(svg.get_attribute("width"))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    ARTIFACTS.mkdir(exist_ok=True)
    figure.screenshot(path=str(ARTIFACTS / f"picture-{kind}-{width}.png"))
    # Following a box opens the right page.
    target = svg.locator("a.kb-picture__node").nth(0 if kind != "problem" else 1)
    href = urlsplit(urljoin(page.url, target.get_attribute("href"))).path
    target.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == href
    page.close()


def test_picture_downloads_are_a_real_svg_and_png(site_in_browser):
    base, browser = site_in_browser
    context = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/problems/P001/", wait_until="networkidle")
    with page.expect_download() as info:
        page.click("figure.kb-picture button[data-format=svg]")
    svg = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename == "关系图-P001.svg"
    assert svg.startswith('<?xml version="1.0"') and "<svg" in svg and "P001" in svg
    assert f'href="{base}/causes/' in svg  # links made absolute for use outside the site
    with page.expect_download() as info:
        page.click("figure.kb-picture button[data-format=png]")
    data = open(info.value.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    view = page.locator(".kb-picture svg").get_attribute("viewBox").split()
    assert (width, height) == (2 * int(view[2]), 2 * int(view[3]))
    (ARTIFACTS / "picture-download-P001.png").write_bytes(data)
    context.close()


def test_picture_prints_without_its_buttons(site_in_browser):
    base, browser = site_in_browser
    page = browser.new_page(viewport={"width": 375, "height": 900})
    page.goto(f"{base}/problems/P001/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator(".kb-picture svg").is_visible()
    assert not page.locator(".kb-picture__downloads").is_visible()
    page.close()


def test_overview_and_matrix_pages(site_in_browser):
    base, browser = site_in_browser
    page = browser.new_page(viewport={"width": 1366, "height": 1000})
    page.goto(f"{base}/overview/", wait_until="networkidle")
    svg = page.locator("svg.kb-overview__svg:visible")
    assert svg.count() == 1 and page.locator(".kb-overview__wide svg").is_visible()  # the printable drawing
    assert svg.get_attribute("role") == "group" and svg.get_attribute("aria-label")
    links = svg.locator("a")
    assert links.count() > 10
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview-1366.png"), full_page=True)
    href = urlsplit(urljoin(page.url, links.first.get_attribute("xlink:href") or links.first.get_attribute("href"))).path
    assert href.startswith("/areas/A") or href.startswith("/causes/C")
    assert page.request.get(f"{base}/downloads/overview.png").body()[:4] == b"\x89PNG"
    page.goto(f"{base}/matrix/", wait_until="networkidle")
    page.locator(".kb-weight-table summary").first.click()
    page.screenshot(path=str(ARTIFACTS / "matrix-weight-1366.png"), full_page=True)
    first = page.locator(".kb-weight-table details").first.locator("a").first
    assert first.is_visible()
    page.close()


# What the overview's labels must measure on a phone (CSS px); the printable drawing scaled to
# 375 px showed them at about 9.5 px.
READABLE_PX = 11


def _label_sizes(svg) -> list[float]:
    """Rendered font size (CSS px) of every node label: its font size in drawing units times the
    drawing's scale on the page."""
    return svg.evaluate("""svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll("g.node text")].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    }""")


def test_overview_is_readable_on_a_phone_and_prints_the_wide_drawing(site_in_browser):
    base, browser = site_in_browser
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{base}/overview/", wait_until="networkidle")
    svg = page.locator("svg.kb-overview__svg:visible")
    assert svg.count() == 1 and page.locator(".kb-overview__phone svg").is_visible()
    assert svg.get_attribute("role") == "group" and svg.get_attribute("aria-label")
    desc = page.locator(f"#{svg.get_attribute('aria-describedby')}")
    assert desc.count() == 1 and "个问题" in desc.text_content()
    sizes = _label_sizes(svg)
    assert len(sizes) > 10 and min(sizes) >= READABLE_PX, sizes
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
    # The phone drawing links to the same pages as the printable one.
    def targets(locator):
        return {urlsplit(urljoin(page.url, a.get_attribute("href"))).path for a in locator.locator("a").all()}
    assert targets(svg) == targets(page.locator(".kb-overview__wide svg")) and len(targets(svg)) > 10
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))  # the two drawings' ids do not clash
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview-375.png"), full_page=True)
    # The scaled-down printable drawing was what made the labels too small: keep it that way for print only.
    page.emulate_media(media="print")
    assert page.locator(".kb-overview__wide svg").is_visible()
    assert not page.locator(".kb-overview__phone svg").is_visible()
    page.emulate_media(media="screen")
    first = svg.locator("a").first
    href = urlsplit(urljoin(page.url, first.get_attribute("href"))).path
    first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == href and href.startswith(("/areas/A", "/causes/C"))
    page.close()
