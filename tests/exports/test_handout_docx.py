"""The editable area handouts (DOCX), read back with python-docx as Word or WPS would open them."""
import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from conftest import ROOT
from kb.core.pipeline import load_catalogue
from kb.exports.handout_docx import BODY_FONT, HEADING_FONT, handout_docx, handout_docx_files

BASE = "http://zhili.intranet/"


@pytest.fixture(scope="module")
def cat():
    result = load_catalogue(ROOT / "catalogue")
    assert result.catalogue is not None, result.report.format()
    return result.catalogue


def east_asia_font(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_each_area_has_a_handout_with_numbered_problems_in_order(cat):
    files = handout_docx_files(cat, BASE)
    assert sorted(files) == sorted(f"downloads/handout-{a}.docx" for a in cat.areas)
    area = cat.areas["A01"]
    doc = docx.Document(io.BytesIO(files["downloads/handout-A01.docx"]))
    order = cat.problems_by_area["A01"]

    titles = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert titles == [f"{area.title}：问题讲义"]
    problems = [p.text for p in doc.paragraphs if p.style.name == "Heading 1" and p.text != "目录"]
    assert problems == [f"{i}．{pid} {cat.problems[pid].title}" for i, pid in enumerate(order, 1)]

    # The contents list names every problem, in the same order, before the first problem.
    texts = [p.text for p in doc.paragraphs]
    contents = texts.index("目录")
    assert texts[contents + 1:contents + 1 + len(order)] == [f"{i}．{pid} {cat.problems[pid].title}"
                                                          for i, pid in enumerate(order, 1)]
    # Each problem starts a new page.
    starts = [p for p in doc.paragraphs if p.paragraph_format.page_break_before]
    assert [p.text for p in starts] == problems


def test_a_problem_has_every_section_with_its_own_text(cat):
    doc = docx.Document(io.BytesIO(handout_docx(cat, cat.areas["A01"], BASE)))
    p = cat.problems[cat.problems_by_area["A01"][0]]
    text = "\n".join(par.text for par in doc.paragraphs)
    sections = [par.text for par in doc.paragraphs if par.style.name == "Heading 2"]
    assert sections[:8] == ["概述", "具体表现", "典型情形", "成因", "整改措施", "如何区分", "来源", "引用本页"]
    assert " ".join(p.summary.split()) in text
    assert all(" ".join(s.split()) in text for s in p.symptoms)
    assert all(ex.title in text for ex in p.examples)
    assert all(cat.causes[c].title in text for c in p.causes)
    assert all(cat.measures[m].title in text for m in p.countermeasures)
    assert f"{BASE}problems/{p.id}/" in text
    bullets = [par for par in doc.paragraphs if par.style.name == "List Bullet"]
    assert len(bullets) >= len(p.symptoms)


def test_fonts_are_set_for_chinese_text_and_pages_are_a4_with_page_numbers(cat):
    data = handout_docx(cat, cat.areas["A02"], BASE)
    doc = docx.Document(io.BytesIO(data))
    assert east_asia_font(doc.styles["Normal"]) == BODY_FONT == "宋体"
    assert doc.styles["Normal"].font.name == BODY_FONT
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert east_asia_font(doc.styles[name]) == HEADING_FONT == "黑体", name
        assert doc.styles[name].font.color.rgb == docx.shared.RGBColor(0, 0, 0), name
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 'w:instr="PAGE"' in section.footer._element.xml
    # No theme fonts left that Word or WPS would replace by a Western default.
    styles_xml = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    for name in ("Normal", "Heading 1"):
        assert not re.search(r"eastAsiaTheme", doc.styles[name].element.xml), name
    assert "宋体" in styles_xml and "黑体" in styles_xml
    assert doc.core_properties.title == f"{cat.areas['A02'].title}：问题讲义"
    assert doc.core_properties.language == "zh-CN"


def test_the_site_links_the_word_handouts_from_downloads_area_and_handout_pages(built_site):
    downloads = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    for area in ["A01", "A05", "A09"]:
        path = built_site / "downloads" / f"handout-{area}.docx"
        assert docx.Document(str(path)).paragraphs[0].text.endswith("问题讲义")
        assert f'href="handout-{area}.docx"' in downloads or f'href="./handout-{area}.docx"' in downloads
        handout = (built_site / "handouts" / area / "index.html").read_text(encoding="utf-8")
        assert f'href="../../downloads/handout-{area}.docx"' in handout
        assert "data-kb-print" in handout
        page = (built_site / "areas" / area / "index.html").read_text(encoding="utf-8")
        assert f'href="../../downloads/handout-{area}.docx"' in page


def test_same_catalogue_same_bytes(cat):
    """A rebuild under `kb serve` must match a full build byte for byte."""
    assert handout_docx(cat, cat.areas["A03"], BASE) == handout_docx(cat, cat.areas["A03"], BASE)
