"""`kb bundle`: the zipped site opened from disk (file://), search included, nothing from a network."""
import zipfile

import pytest

from browser import ARTIFACTS, chromium
from conftest import ROOT, kb

pytestmark = pytest.mark.browser


def test_bundle_works_from_disk_with_search(tmp_path):
    out = tmp_path / "bundle.zip"
    run = kb("bundle", "-o", str(out), cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "unzipped")
    assert "治理问题知识库/index.html" in names and "治理问题知识库/problems/P013.html" in names
    root = tmp_path / "unzipped" / "治理问题知识库"
    with chromium() as browser:
        page = browser.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((root / "index.html").as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        assert not [u for u in requests if "search/kb/" in u or "kb-search/worker" in u]
        page.click("input.md-search__input")
        # Text committed by an input method, as a reader of the bundle types it.
        cdp = page.context.new_cdp_session(page)
        cdp.send("Input.imeSetComposition", {"text": "tipiqiu", "selectionStart": 7, "selectionEnd": 7})
        cdp.send("Input.insertText", {"text": "踢皮球"})
        first = page.locator(".md-search-result__item > .md-search-result__link").first
        first.wait_for(timeout=15000)
        page.wait_for_timeout(300)
        assert "/problems/P013.html" in first.get_attribute("href")
        assert page.locator(".md-search-result__item .md-tag").first.inner_text() == "问题"
        first.click()
        page.wait_for_load_state("load")
        assert page.url.split("?")[0].endswith("/problems/P013.html")
        assert page.locator("h2#symptoms").is_visible()
        page.locator("a", has_text="C02").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/causes/C02.html")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "bundle-file-url.png"))
    assert [u for u in requests if not u.startswith("file:")] == []
    assert errors == []
