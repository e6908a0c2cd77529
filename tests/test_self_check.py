"""对照检视 (/self-check/) in a real browser, as a reader uses it: choose the scope, mark problems,
write instances, adjust causes and measures, set owners and deadlines; download the 检视问题清单
(DOCX), the 整改台账 (XLSX) and the JSON, and read them back with python-docx and openpyxl; load the
JSON again; merge three members' files; the same flow in the file:// bundle."""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import docx
import openpyxl
import pytest

from browser import ARTIFACTS, chromium, serve
from conftest import ROOT, kb
from kb.core.pipeline import load_catalogue
from kb.site.pages.self_check import self_check_data

pytestmark = pytest.mark.browser

LEDGER_COLUMNS = ["序号", "问题", "具体表现", "原因", "整改措施", "责任人", "完成时限", "完成情况"]
AREA = "A02"   # the scope the reader chooses: one area
NAME = "王某某，某区某局副局长"
FACT = "2026年3月，我把一件群众反映排水问题的来信批给科室后，没有再过问，两个月后群众再次来信。"
OWN_MEASURE = "本人批转的交办件，每周五对照台账逐件过问一次办理结果。"


@pytest.fixture(scope="module")
def data():
    return self_check_data(load_catalogue(ROOT / "catalogue").catalogue)


def in_scope(data, area=AREA):
    """The problems the page lists for one chosen area (primary area first, as the page does)."""
    return [pid for pid in data["order"] if area in data["problems"][pid]["areas"]]


def watch(page):
    """Every request the page makes, and every script error."""
    seen = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("dialog", lambda d: d.accept())
    return seen


def choose_scope(page, area_title: str, name: str, team: bool = False):
    page.get_by_label("班子（单位）" if team else "本人", exact=True).check()
    page.get_by_label("全部领域").press("Space")           # keyboard: clear every area …
    page.get_by_label(area_title, exact=True).press("Space")  # … and choose one
    box = page.locator(".kb-sc-subject ~ .kb-sc-field input")
    box.press_sequentially(name)


def mark(page, pid: str, status: str):
    radio = page.locator(f"#kb-sc-{pid}-{status}")
    radio.focus()
    page.keyboard.press("Space")
    assert radio.is_checked()


def card(page, pid):
    return page.locator(f"#kb-sc-{pid}")


def download(page, button_text: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_text).click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def page_state(page) -> dict:
    """What the reader sees in the form and the preview, in document order."""
    return page.evaluate("""() => ({
      controls: Array.from(document.querySelectorAll('#kb-self-check input:not([type=file]), #kb-self-check textarea'))
        .map(el => [el.type, (el.labels[0] || {}).textContent || '', el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value]),
      preview: document.querySelector('.kb-sc-preview').innerText
    })""")


def reader_flow(page, data, folder: Path) -> dict:
    """The individual reader's whole flow; returns the three downloaded files and what was chosen."""
    area_title = next(a["title"] for a in data["areas"] if a["id"] == AREA)
    choose_scope(page, area_title, NAME)
    ids = in_scope(data)
    assert page.locator(".kb-sc-problem").count() == len(ids)
    first, second, third = ids[:3]
    p1 = data["problems"][first]

    mark(page, first, "present")
    facts = card(page, first).get_by_role("textbox", name=re.compile("^具体表现"))
    facts.press_sequentially(FACT)
    dropped_cause = p1["causes"][0]
    card(page, first).get_by_role("checkbox", name=re.compile("^" + re.escape(data["causes"][dropped_cause]["title"]))).press("Space")
    if p1["actions"]:
        card(page, first).get_by_role("checkbox", name=re.compile("^做法 1(?!\\d)")).press("Space")
    card(page, first).get_by_role("textbox", name=re.compile("^自己的整改举措")).fill(OWN_MEASURE)
    card(page, first).get_by_role("textbox", name="责任人", exact=True).fill("王某某")
    card(page, first).get_by_role("textbox", name="完成时限", exact=True).fill("2027年3月底前")

    mark(page, second, "partial")                     # instances left empty: placeholders expected
    mark(page, third, "absent")
    for pid in ids[3:]:
        mark(page, pid, "na")
    page.wait_for_timeout(400)                        # the preview follows typing after a short pause

    preview = page.locator(".kb-sc-preview")
    assert FACT in preview.inner_text()
    assert preview.locator("mark.kb-sc-ph", has_text="本人在这方面的具体表现").count() == 1
    assert preview.locator(".kb-sc-ref").count() > 3
    assert page.locator(".kb-sc-progress").inner_text() == \
        f"范围内共 {len(ids)} 个问题，已对照 {len(ids)} 个，其中存在或部分存在 2 个。"

    files = {"docx": download(page, "下载检视问题清单（Word）", folder),
             "xlsx": download(page, "下载整改台账（Excel）", folder),
             "json": download(page, "保存进度（JSON 文件）", folder)}
    return {"files": files, "ids": ids, "dropped_cause": dropped_cause}


def heading_texts(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def check_docx(path: Path, data, ids, dropped_cause):
    first, second = ids[:2]
    document = docx.Document(str(path))
    assert heading_texts(document, "Heading 1") == ["一、存在问题", "二、原因分析", "三、整改措施"]
    items = heading_texts(document, "Heading 2")
    assert items[:2] == [data["problems"][first]["title"], data["problems"][second]["title"] + "（部分存在）"]
    # the items are numbered by Word (numbering restarts in each section)
    numbered = [p for p in document.paragraphs if p.style.name == "Heading 2" and p._p.pPr.numPr is not None]
    assert len(numbered) == len(items)
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"具体表现：{FACT}" in text
    assert "具体表现：【待填写：本人在这方面的具体表现——时间、事项、经过、造成的影响】" in text
    assert NAME in text and OWN_MEASURE in text
    assert "责任人：王某某；完成时限：2027年3月底前" in text
    assert "责任人：【待填写：责任人】；完成时限：【待填写：完成时限】" in text
    # catalogue sentences are marked 【参考】 and set in grey italics; placeholders are highlighted
    refs = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【参考】")]
    assert refs and all(r.italic for r in refs)
    assert any(data["problems"][first]["summary"] in r.text for r in refs)
    holes = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【待填写")]
    assert holes and all(r.font.highlight_color is not None for r in holes)
    # the cause the reader unchecked is gone unless the other problem brings it
    if dropped_cause not in data["problems"][second]["causes"]:
        assert data["causes"][dropped_cause]["title"] not in text
    # a 仿宋 body and a 黑体 heading font, on A4
    styles = document.styles.element.xml
    assert 'w:eastAsia="仿宋"' in styles and 'w:eastAsia="黑体"' in styles
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def check_xlsx(path: Path, data, ids):
    first, second = ids[:2]
    sheet = openpyxl.load_workbook(path).active
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "个人整改台账"
    assert rows[1] == LEDGER_COLUMNS
    body = rows[2:]
    assert len(body) == 2                                 # one row per problem marked present
    assert [r[0] for r in body] == ["1", "2"]
    assert body[0][1] == data["problems"][first]["title"] and body[0][2] == FACT
    assert body[0][5:8] == ["王某某", "2027年3月底前", ""]
    assert OWN_MEASURE in body[0][4]
    assert body[1][1] == data["problems"][second]["title"] + "（部分存在）"
    assert body[1][2] == "【待填写具体表现】"
    cause_titles = [data["causes"][c]["title"] for c in data["problems"][second]["causes"]]
    assert body[1][3] == "；".join(cause_titles)


def test_reader_flow_downloads_and_reads_back_docx_xlsx_json(built_site, data, tmp_path):
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        page = context.new_page()
        seen = watch(page)
        page.goto(f"{base}/self-check/")
        assert page.locator("nav").get_by_role("link", name="对照检视").count() >= 1
        assert "不会发送到任何地方" in page.locator(".kb-sc-privacy").inner_text()
        result = reader_flow(page, data, tmp_path)
        ids = result["ids"]
        check_docx(result["files"]["docx"], data, ids, result["dropped_cause"])
        check_xlsx(result["files"]["xlsx"], data, ids)
        saved = json.loads(result["files"]["json"].read_text(encoding="utf-8"))
        assert saved["format"] == "kb-self-check" and saved["marks"][ids[0]]["instances"] == FACT
        before = page_state(page)

        ARTIFACTS.mkdir(exist_ok=True)
        card(page, ids[0]).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "self-check-1366-form.png"))
        page.locator(".kb-sc-preview").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "self-check-1366-preview.png"))

        # printed on A4 from the page: the list and the ledger, not the form
        pdf = ARTIFACTS / "self-check-print.pdf"
        page.pdf(path=str(pdf), format="A4")
        printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        squeezed = re.sub(r"\s+", "", printed)
        assert "A4" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        for words in ("个人对照检视问题清单", "一、存在问题", "二、原因分析", "三、整改措施", re.sub(r"\s+", "", FACT), "整改台账"):
            assert words in squeezed, words
        assert "第二步" not in printed and "自查提示" not in printed and "下载检视问题清单" not in printed

        # the work survives a reload (local storage) …
        page.reload()
        page.wait_for_selector(".kb-sc-problem")
        page.wait_for_timeout(300)
        assert page_state(page) == before

        # … and the JSON loaded into a fresh browser gives the same page state
        fresh = browser.new_context(viewport={"width": 1366, "height": 900})
        other = fresh.new_page()
        watch(other)
        other.goto(f"{base}/self-check/")
        assert other.locator(".kb-sc-marked-present").count() == 0
        other.locator("input.kb-sc-file").first.set_input_files(str(result["files"]["json"]))
        other.wait_for_selector(f"#kb-sc-{ids[0]}.kb-sc-marked-present")
        other.wait_for_timeout(300)
        assert other.locator(".kb-sc-status").inner_text() == "已载入进度。"
        assert page_state(other) == before
        fresh.close()

        # 清除 empties the page and the browser's storage
        page.get_by_role("button", name="清除本页填写的全部内容").click()
        assert page.locator(".kb-sc-marked-present").count() == 0
        page.wait_for_timeout(300)
        assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kb-self-check'))") == []
        page.reload()
        page.wait_for_selector(".kb-sc-problem")
        assert page.locator(".kb-sc-marked-present").count() == 0
        assert page.locator("#kb-self-check input[type=text]").first.input_value() == ""

        origin = urlsplit(base).netloc
        foreign = [u for u in seen["requests"] if urlsplit(u).scheme not in ("blob", "data") and urlsplit(u).netloc != origin]
        assert foreign == []
        assert seen["errors"] == []
        context.close()


def test_usable_at_375px_and_keyboard_reaches_the_downloads(built_site, data, tmp_path):
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 375, "height": 740}, accept_downloads=True,
                                      is_mobile=True, has_touch=True, device_scale_factor=2)
        page = context.new_page()
        seen = watch(page)
        page.goto(f"{base}/self-check/")
        ids = in_scope(data)
        area_title = next(a["title"] for a in data["areas"] if a["id"] == AREA)
        choose_scope(page, area_title, "李某")
        mark(page, ids[0], "present")
        card(page, ids[0]).get_by_role("textbox", name=re.compile("^具体表现")).fill("一件具体的事。")
        # nothing is wider than the phone's screen, except the ledger, which scrolls in its own box
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 375
        ARTIFACTS.mkdir(exist_ok=True)
        card(page, ids[0]).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "self-check-375-form.png"))
        page.locator(".kb-sc-preview").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / "self-check-375-preview.png"))
        # keyboard only: Tab from the last text field reaches the Word button; Enter downloads
        page.get_by_role("textbox", name="完成时限", exact=True).focus()
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == "下载检视问题清单（Word）":
                break
        else:
            pytest.fail("Tab never reached the Word download button")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert "一件具体的事。" in "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        assert seen["errors"] == []
        context.close()


def member_file(browser, base, data, folder: Path, name: str, marks: dict) -> Path:
    """One team member goes through the page in their own browser and saves their JSON."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    watch(page)
    page.goto(base)
    area_title = next(a["title"] for a in data["areas"] if a["id"] == AREA)
    choose_scope(page, area_title, name)
    for pid, (status, fact) in marks.items():
        mark(page, pid, status)
        if fact:
            card(page, pid).get_by_role("textbox", name=re.compile("^具体表现")).fill(fact)
    path = download(page, "保存进度（JSON 文件）", folder)
    target = folder / f"{name}.json"
    path.rename(target)
    context.close()
    return target


def test_team_merge_of_three_members(built_site, data, tmp_path):
    ids = in_scope(data)
    a, b, c = ids[:3]
    with serve(built_site) as base, chromium() as browser:
        url = f"{base}/self-check/"
        files = [
            member_file(browser, url, data, tmp_path, "张三", {a: ("present", "张三的事例"), b: ("absent", "")}),
            member_file(browser, url, data, tmp_path, "李四", {a: ("partial", "李四的事例"), b: ("present", "")}),
            member_file(browser, url, data, tmp_path, "王五", {a: ("present", ""), c: ("na", "")}),
        ]
        context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        page = context.new_page()
        seen = watch(page)
        page.goto(url)
        page.locator("input.kb-sc-file").nth(1).set_input_files([str(f) for f in files])
        page.wait_for_selector(f"#kb-sc-{a}.kb-sc-marked-present")
        assert page.locator(".kb-sc-status").inner_text() == "已合并 3 名成员的文件，共 2 个问题被标记为存在或部分存在。"
        assert page.get_by_label("班子（单位）", exact=True).is_checked()
        assert card(page, a).locator(".kb-sc-members").inner_text() == "3 名成员标记了这个问题。"
        assert card(page, b).locator(".kb-sc-members").inner_text() == "1 名成员标记了这个问题。"
        card(page, a).get_by_role("textbox", name="责任人", exact=True).fill("班子主要负责同志")
        page.wait_for_timeout(400)
        docx_path = download(page, "下载检视问题清单（Word）", tmp_path)
        xlsx_path = download(page, "下载整改台账（Excel）", tmp_path)
        json_path = download(page, "保存进度（JSON 文件）", tmp_path)
        assert seen["errors"] == []
        context.close()

    document = docx.Document(str(docx_path))
    assert heading_texts(document, "Heading 1") == ["一、存在问题", "二、原因分析", "三、整改措施"]
    assert heading_texts(document, "Heading 2")[:2] == [
        data["problems"][a]["title"] + "（3 名成员查摆）", data["problems"][b]["title"] + "（1 名成员查摆）"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "班子（单位）对照检视问题清单"
    assert "（汇总 3 名成员的检视结果）" in text
    assert "具体表现：张三：张三的事例\n李四：李四的事例" in text
    assert "具体表现：【待填写：班子（单位）在这方面的具体表现" in text   # nobody wrote facts for b

    rows = [[v if v is not None else "" for v in r] for r in openpyxl.load_workbook(xlsx_path).active.iter_rows(values_only=True)]
    assert rows[0][0] == "班子（单位）整改台账" and rows[1] == LEDGER_COLUMNS
    assert [r[1] for r in rows[2:]] == [data["problems"][a]["title"] + "（3 名成员查摆）",
                                        data["problems"][b]["title"] + "（1 名成员查摆）"]
    assert rows[2][2] == "张三：张三的事例\n李四：李四的事例" and rows[2][5] == "班子主要负责同志"

    merged = json.loads(json_path.read_text(encoding="utf-8"))
    assert merged["subject"] == "team" and merged["members"] == 3
    assert merged["marks"][a]["members"] == 3 and merged["marks"][b]["members"] == 1
    assert merged["marks"][c]["status"] == "na"


def test_same_flow_in_the_file_bundle_with_no_request_outside_file(data, tmp_path):
    out = tmp_path / "bundle.zip"
    run = kb("bundle", "-o", str(out), cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path / "unzipped")
    root = tmp_path / "unzipped" / "治理问题知识库"
    assert (root / "self-check.html").exists()
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        page = context.new_page()
        seen = watch(page)
        page.goto((root / "index.html").as_uri())
        page.locator("a.md-tabs__link", has_text="对照检视").click()
        page.wait_for_selector(".kb-sc-problem")
        assert page.url.endswith("/self-check.html")
        result = reader_flow(page, data, tmp_path)
        check_docx(result["files"]["docx"], data, result["ids"], result["dropped_cause"])
        check_xlsx(result["files"]["xlsx"], data, result["ids"])
        # the problem link opens the bundle's own page
        href = card(page, result["ids"][0]).get_by_role("link", name="查看问题详情（在新标签页打开）").get_attribute("href")
        assert href == f"problems/{result['ids'][0]}.html" and (root / href).exists()
        before = page_state(page)
        page.reload()
        page.wait_for_selector(".kb-sc-problem")
        page.wait_for_timeout(300)
        assert page_state(page) == before
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "self-check-bundle.png"))
        context.close()
    # downloads are made in memory (blob: URLs of the page itself); nothing else leaves file://
    assert [u for u in seen["requests"] if not u.startswith(("file:", "blob:"))] == []
    assert seen["errors"] == []
