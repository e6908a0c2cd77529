"""The search box as a reader uses it, in a real Chromium: typed, pasted and input-method text,
results that say what they are, narrowing, the fallback for Han text, and lazy loading."""
from urllib.parse import urlsplit

import pytest
import yaml

from browser import ARTIFACTS
from conftest import ROOT

pytestmark = pytest.mark.browser

SEARCH_FILES = ("kb-search/worker.js", "search/kb/", "minisearch", "search_index", "workers/search.")


def search_requests(requests: list[str]) -> list[str]:
    return [u for u in requests if any(name in u for name in SEARCH_FILES)]


def results(page, timeout: int = 15000) -> list[dict]:
    """The result list as a reader reads it: title, the small tags (kind, id, area), the text."""
    page.locator(".md-search-result__item").first.wait_for(timeout=timeout)
    page.wait_for_timeout(300)  # let a later answer replace an earlier one
    out = []
    for item in page.locator(".md-search-result__item").all()[:10]:
        link = item.locator("a.md-search-result__link").first
        out.append({"href": urlsplit(link.get_attribute("href")).path,
                    "title": link.locator("h1, h2").first.inner_text(),
                    "tags": [t.inner_text() for t in link.locator(".md-tag").all()],
                    "text": link.inner_text()})
    return out


@pytest.fixture
def problem_page(site_in_browser):
    base, browser = site_in_browser
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/problems/P013/", wait_until="networkidle")
    page.wait_for_timeout(500)
    yield page, requests
    page.close()


def test_a_cold_problem_page_fetches_no_search_file_until_the_box_is_used(problem_page):
    page, requests = problem_page
    assert search_requests(requests) == []
    page.click("input.md-search__input")
    page.keyboard.type("踢皮球")
    found = results(page)
    assert found[0]["href"].endswith("/problems/P013/")
    loaded = search_requests(requests)
    assert any("search/kb/base.js" in u for u in loaded) and not any("workers/search." in u for u in loaded)
    # Only the files this query needs: its characters' words, its terms' postings, its results.
    index_files = [u for u in loaded if "/search/kb/" in u]
    assert 3 < len(index_files) < 40, index_files


def test_results_show_kind_id_and_area_and_no_missing_line(problem_page):
    page, _ = problem_page
    page.click("input.md-search__input")
    page.keyboard.type("踢皮球")
    first = results(page)[0]
    assert first["tags"][:3] == ["问题", "P013", "工作推进落实"], first
    assert "匹配：踢皮球" in first["text"]
    assert "缺少" not in page.locator(".md-search-result").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-result-look.png"))


def test_pasted_text_starts_a_search_without_a_key_press(problem_page):
    page, _ = problem_page
    page.click("input.md-search__input")
    # What a mouse paste does: text inserted and an input event, no keyboard event at all.
    page.locator("input.md-search__input").evaluate(
        """(box, text) => { box.setRangeText(text, 0, box.value.length, "end");
             box.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", data: text, bubbles: true})); }""",
        "中梗阻")
    assert results(page)[0]["href"].endswith("/problems/P027/")


def test_text_committed_by_an_input_method_starts_a_search(problem_page):
    page, _ = problem_page
    page.click("input.md-search__input")
    cdp = page.context.new_cdp_session(page)
    events = page.evaluate_handle("""() => { const seen = [];
        for (const type of ["compositionstart", "compositionend", "keyup"])
          document.addEventListener(type, () => seen.push(type), true);
        return seen; }""")
    # The input method composes pinyin, then commits the Chinese text.
    cdp.send("Input.imeSetComposition", {"text": "tuiweichepi", "selectionStart": 11, "selectionEnd": 11})
    cdp.send("Input.insertText", {"text": "推诿扯皮"})
    seen = events.json_value()
    assert "compositionstart" in seen and "compositionend" in seen
    assert page.locator("input.md-search__input").input_value() == "推诿扯皮"
    assert results(page)[0]["href"].endswith("/problems/P013/")


def test_traditional_characters_and_misspellings_find_the_entry(problem_page):
    page, _ = problem_page
    page.click("input.md-search__input")
    box = page.locator("input.md-search__input")
    for query, expected in (("推諉扯皮", "/problems/P013/"), ("推委扯皮", "/problems/P013/"),
                            ("中埂阻", "/problems/P027/"), ("p027", "/problems/P027/")):
        box.fill(query)
        assert results(page)[0]["href"].endswith(expected), query


def test_han_text_never_gets_an_empty_list(problem_page):
    page, _ = problem_page
    page.click("input.md-search__input")
    box = page.locator("input.md-search__input")
    box.fill("挂空挡")  # no word of it is in the catalogue: single characters, and it says so
    found = results(page)
    assert found and "只匹配到单字" in found[0]["text"]
    box.fill("龘")  # a character the catalogue never uses: the ways in are offered
    found = results(page)
    assert [r["href"].rstrip("/").rsplit("/", 1)[-1] for r in found] == ["areas", "types", "matrix"]
    assert "没有找到" in found[0]["text"]


def test_results_can_be_narrowed_by_area_type_and_family(problem_page):
    page, _ = problem_page
    page.click("input.md-search__input")
    page.keyboard.type("推诿")
    before = results(page)
    assert len(before) > 3
    total = lambda: int(page.locator(".md-search-result__meta").inner_text().split()[0])  # noqa: E731
    everything = total()
    page.select_option("select[name=kb-area]", "A05")  # 民生服务与群众工作
    page.wait_for_timeout(500)
    after = results(page)
    assert after and total() < everything
    assert all(r["tags"][0] in ("问题", "治理领域") for r in after)
    page.select_option("select[name=kb-area]", "")
    page.select_option("select[name=kb-type]", "T2")
    page.wait_for_timeout(500)
    assert all(r["tags"][0] in ("问题", "表现类型") for r in results(page)) and total() < everything
    page.select_option("select[name=kb-type]", "")
    family = yaml.safe_load((ROOT / "catalogue/problems/P013.yaml").read_text(encoding="utf-8"))["families"][0]
    page.select_option("select[name=kb-family]", family)
    page.wait_for_timeout(500)
    narrowed = results(page)
    assert any(r["href"].endswith("/problems/P013/") for r in narrowed)
    assert all(r["tags"][0] == "问题" for r in narrowed) and total() < everything


def test_the_box_suggests_the_best_title_that_continues_the_typed_word(problem_page):
    page, _ = problem_page
    page.click("input.md-search__input")
    page.keyboard.type("推诿")
    results(page)
    suggest = page.locator(".md-search__suggest")
    page.wait_for_function("document.querySelector('.md-search__suggest').textContent.length > 2", timeout=5000)
    assert suggest.text_content().startswith("推诿") and len(suggest.text_content()) > 2
    page.keyboard.press("ArrowRight")  # the theme's way to take the suggestion
    assert page.locator("input.md-search__input").input_value() == suggest.text_content()


def test_a_glossary_result_shows_the_definition(problem_page):
    page, _ = problem_page
    page.click("input.md-search__input")
    page.keyboard.type("什么是容错纠错")
    results(page)
    definition = page.locator(".md-search-result__item .kb-search-definition").first
    assert len(definition.inner_text()) > 10 and definition.is_visible()
