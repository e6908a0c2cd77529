"""Editable area handouts: each governance area's problems as a Word document (DOCX), for trainers
who adapt the handout before printing it. Same content and order as the handout page
(kb.site.pages.handout), as plain text: headings, numbered problems, lists, sources, citation.

Fonts: 宋体 for the text and 黑体 for headings, set for East Asian text (w:eastAsia) as well as
Latin text, so that Word and WPS show them without substituting a Western font.
"""
from __future__ import annotations

import datetime
import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from kb.core import schema
from kb.core.graph import Catalogue
from kb.exports.tables import _fixed_time_zip
from kb.site.pages.handout import HANDOUT_DOCX_URI
from kb.site.pages.markup import page_url, uri

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
BLACK = RGBColor(0, 0, 0)
_BLANK_LINES = re.compile(r"\n\s*\n")


def _set_font(style_or_run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    font = style_or_run.font
    font.name = name
    font.color.rgb = BLACK
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    _set_font(normal, BODY_FONT, 12)
    normal.paragraph_format.line_spacing = 1.4
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 14), ("Heading 3", 12)):
        style = doc.styles[name]
        _set_font(style, HEADING_FONT, size, bold=True)
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Number"):
        _set_font(doc.styles[name], BODY_FONT, 12)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)
    # Page number in the footer, centred: a PAGE field Word and WPS fill in.
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def _paragraphs(doc, text: str, style: str | None = None) -> None:
    for part in _BLANK_LINES.split(text.strip()):
        if part.strip():
            doc.add_paragraph(" ".join(line.strip() for line in part.splitlines()), style=style)


def _labelled(doc, label: str, text: str, style: str = "List Bullet") -> None:
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(label).bold = True
    paragraph.add_run(text)


def _problem(doc, cat: Catalogue, number: int, p: schema.Problem, base_url: str) -> None:
    doc.add_heading(f"{number}．{p.id} {p.title}", level=1)
    areas = "、".join(cat.areas[a].title for a in p.areas)
    types = "、".join(cat.types[t].title for t in p.types)
    _labelled(doc, "治理领域：", f"{areas}　　表现类型：{types}", style=None)
    doc.add_heading("概述", level=2)
    _paragraphs(doc, p.summary)
    doc.add_heading("具体表现", level=2)
    for symptom in p.symptoms:
        _paragraphs(doc, symptom, style="List Bullet")
    doc.add_heading("典型情形", level=2)
    for i, example in enumerate(p.examples, 1):
        doc.add_heading(f"情形{i}：{example.title}", level=3)
        _paragraphs(doc, example.text)
    doc.add_heading("成因", level=2)
    for cid in p.causes:
        _labelled(doc, f"{cat.causes[cid].title}：", " ".join(cat.causes[cid].summary.split()))
    if p.analysis:
        doc.add_heading("成因分析", level=3)
        _paragraphs(doc, p.analysis)
    doc.add_heading("整改措施", level=2)
    for mid in p.countermeasures:
        _labelled(doc, f"{cat.measures[mid].title}：", " ".join(cat.measures[mid].summary.split()))
    if p.actions:
        doc.add_heading("具体做法", level=3)
        for i, action in enumerate(p.actions, 1):
            _labelled(doc, f"（{i}）", " ".join(action.split()), style=None)
    if p.distinguish:
        doc.add_heading("如何区分", level=2)
        _paragraphs(doc, p.distinguish)
    doc.add_heading("来源", level=2)
    for ref in p.sources:
        source = cat.sources[ref.source]
        titles = {item.ref: item.title for item in source.items}
        for item in ref.items:
            label = f"{source.id} 第 {item} 条" if item.isdigit() else f"{source.id} {item}"
            doc.add_paragraph(f"{label}（{source.title}）：{titles.get(item, '')}", style="List Bullet")
    doc.add_heading("引用本页", level=2)
    meta = cat.meta
    doc.add_paragraph(f"《{p.title}》（{p.id}），{meta.title}，版本 {meta.version}"
                      f"（{meta.released.isoformat()}）。{page_url(base_url, uri('problem', p.id))}")


def handout_docx(cat: Catalogue, area, base_url: str) -> bytes:
    """One area's handout as DOCX bytes."""
    doc = Document()
    _styles(doc)
    _page_setup(doc)
    meta = cat.meta
    title = f"{area.title}：问题讲义"
    props = doc.core_properties
    props.title, props.language, props.author = title, "zh-CN", meta.title
    # The catalogue's release date, not the build time: the same catalogue gives the same file.
    props.created = props.modified = datetime.datetime.combine(meta.released, datetime.time(), datetime.timezone.utc)
    problem_ids = cat.problems_by_area.get(area.id, [])
    doc.add_heading(title, level=0)
    doc.add_paragraph(f"{meta.title} · 治理领域 {area.id} · 问题数 {len(problem_ids)} · "
                      f"目录版本 {meta.version}（{meta.released.isoformat()}）")
    _paragraphs(doc, area.summary)
    doc.add_heading("目录", level=1)
    for i, pid in enumerate(problem_ids, 1):
        doc.add_paragraph(f"{i}．{pid} {cat.problems[pid].title}")
    for i, pid in enumerate(problem_ids, 1):
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)  # each problem on a new page
        _problem(doc, cat, i, cat.problems[pid], base_url)
    out = io.BytesIO()
    doc.save(out)
    return _fixed_time_zip(out.getvalue())  # the same catalogue gives the same bytes


def handout_docx_files(cat: Catalogue, base_url: str) -> dict[str, bytes]:
    """{path under the site root: DOCX bytes} for every area."""
    return {HANDOUT_DOCX_URI.format(area.id): handout_docx(cat, area, base_url) for area in cat.areas.values()}
