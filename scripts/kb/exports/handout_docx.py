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
import zipfile
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from kb.core import schema
from kb.core.graph import Catalogue
from kb.exports.tables import _ZIP_TIME
from kb.core.urls import HANDOUT_DOCX_URI, page_url, uri

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


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class _Body:
    """Paragraphs as WordprocessingML, put into the package made by python-docx. Adding them
    one by one through python-docx costs about 5 ms a paragraph (style look-ups, child ordering),
    a minute for a thousand problems; a problem's paragraphs are also written once and reused in
    every area it belongs to."""

    def __init__(self, style_ids: dict[str, str]) -> None:
        self.ids = style_ids
        self.parts: list[str] = []

    @staticmethod
    def _run(text: str, bold: bool = False) -> str:
        text = escape(_NOT_XML.sub("", " ".join(text.split())))
        return f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'

    def add(self, text: str, style: str | None = None, label: str = "", page_break: bool = False) -> None:
        props = (f'<w:pStyle w:val="{self.ids[style]}"/>' if style else "") + ("<w:pageBreakBefore/>" if page_break else "")
        runs = (self._run(label, bold=True) if label else "") + (self._run(text) if text else "")
        self.parts.append(f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>")

    def heading(self, text: str, level: int, page_break: bool = False) -> None:
        self.add(text, "Title" if level == 0 else f"Heading {level}", page_break=page_break)

    def paragraphs(self, text: str, style: str | None = None) -> None:
        for part in _BLANK_LINES.split(text.strip()):
            if part.strip():
                self.add(part, style)

    def xml(self) -> str:
        return "".join(self.parts)


def _problem(out: _Body, cat: Catalogue, p: schema.Problem, base_url: str) -> None:
    """A problem's sections after its heading (the heading carries its number in the handout)."""
    areas = "、".join(cat.areas[a].title for a in p.areas)
    types = "、".join(cat.types[t].title for t in p.types)
    out.add(f"{areas}　　表现类型：{types}", label="治理领域：")
    out.heading("概述", 2)
    out.paragraphs(p.summary)
    out.heading("具体表现", 2)
    for symptom in p.symptoms:
        out.paragraphs(symptom, "List Bullet")
    out.heading("典型情形", 2)
    for i, example in enumerate(p.examples, 1):
        out.heading(f"情形{i}：{example.title}", 3)
        out.paragraphs(example.text)
    out.heading("成因", 2)
    for cid in p.causes:
        out.add(cat.causes[cid].summary, "List Bullet", label=f"{cat.causes[cid].title}：")
    if p.analysis:
        out.heading("成因分析", 3)
        out.paragraphs(p.analysis)
    out.heading("整改措施", 2)
    for mid in p.countermeasures:
        out.add(cat.measures[mid].summary, "List Bullet", label=f"{cat.measures[mid].title}：")
    if p.actions:
        out.heading("具体做法", 3)
        for i, action in enumerate(p.actions, 1):
            out.add(action, label=f"（{i}）")
    if p.distinguish:
        out.heading("如何区分", 2)
        out.paragraphs(p.distinguish)
    out.heading("来源", 2)
    for ref in p.sources:
        source = cat.sources[ref.source]
        titles = {item.ref: item.title for item in source.items}
        for item in ref.items:
            label = f"{source.id} 第 {item} 条" if item.isdigit() else f"{source.id} {item}"
            out.add(f"{label}（{source.title}）：{titles.get(item, '')}", "List Bullet")
    out.heading("引用本页", 2)
    meta = cat.meta
    out.add(f"《{p.title}》（{p.id}），{meta.title}，版本 {meta.version}"
            f"（{meta.released.isoformat()}）。{page_url(base_url, uri('problem', p.id))}")


_BODY_TOKEN = "KB-HANDOUT-BODY"
_TITLE_TOKEN = "KB-HANDOUT-TITLE"


class _Skeleton:
    """One DOCX made by python-docx (styles, fonts, A4 page, footer page number, properties) with
    placeholders for the body and the title; each area's handout is that package with its own
    document.xml and title. Opening and saving a python-docx document per area would cost ~70 ms
    an area (hundreds of areas in large catalogues)."""

    def __init__(self, meta) -> None:
        document = Document()
        _styles(document)
        _page_setup(document)
        self.ids = {name: document.styles[name].style_id
                    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet")}
        props = document.core_properties
        props.title, props.language, props.author = _TITLE_TOKEN, "zh-CN", meta.title
        # The catalogue's release date, not the build time: the same catalogue gives the same file.
        props.created = props.modified = datetime.datetime.combine(meta.released, datetime.time(),
                                                                   datetime.timezone.utc)
        document.add_paragraph(_BODY_TOKEN)
        buffer = io.BytesIO()
        document.save(buffer)
        with zipfile.ZipFile(buffer) as z:
            self.members = [(info.filename, z.read(info)) for info in z.infolist()]
        body = dict(self.members)["word/document.xml"].decode("utf-8")
        placeholder = re.search(r"<w:p>(?:(?!<w:p>).)*?" + _BODY_TOKEN + r".*?</w:p>", body, re.S)
        self.document_xml = body[:placeholder.start()] + "{body}" + body[placeholder.end():]

    def package(self, title: str, body_xml: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.members:
                if name == "word/document.xml":
                    data = self.document_xml.replace("{body}", body_xml, 1).encode("utf-8")
                elif name == "docProps/core.xml":
                    data = data.replace(_TITLE_TOKEN.encode(), escape(title).encode("utf-8"))
                member = zipfile.ZipInfo(name, date_time=_ZIP_TIME)  # fixed: same catalogue, same bytes
                member.compress_type = zipfile.ZIP_DEFLATED
                member.external_attr = 0o600 << 16
                z.writestr(member, data, compresslevel=1)  # the fastest level: most of it is the same styles every time
        return out.getvalue()


def handout_docx(cat: Catalogue, area, base_url: str, skeleton: _Skeleton | None = None,
                 cache: dict[str, str] | None = None) -> bytes:
    """One area's handout as DOCX bytes. skeleton and cache (each problem's paragraphs) can be
    shared between the areas of one build."""
    skeleton = skeleton or _Skeleton(cat.meta)
    cache = {} if cache is None else cache
    meta = cat.meta
    title = f"{area.title}：问题讲义"
    problem_ids = cat.problems_by_area.get(area.id, [])
    out = _Body(skeleton.ids)
    out.heading(title, 0)
    out.add(f"{meta.title} · 治理领域 {area.id} · 问题数 {len(problem_ids)} · "
            f"目录版本 {meta.version}（{meta.released.isoformat()}）")
    out.paragraphs(area.summary)
    out.heading("目录", 1)
    for i, pid in enumerate(problem_ids, 1):
        out.add(f"{i}．{pid} {cat.problems[pid].title}")
    for i, pid in enumerate(problem_ids, 1):
        p = cat.problems[pid]
        out.heading(f"{i}．{p.id} {p.title}", 1, page_break=True)  # each problem starts a new page
        if pid not in cache:
            part = _Body(skeleton.ids)
            _problem(part, cat, p, base_url)
            cache[pid] = part.xml()
        out.parts.append(cache[pid])
    return skeleton.package(title, out.xml())


def handout_docx_files(cat: Catalogue, base_url: str) -> dict[str, bytes]:
    """{path under the site root: DOCX bytes} for every area."""
    skeleton, cache = _Skeleton(cat.meta), {}
    return {HANDOUT_DOCX_URI.format(area.id): handout_docx(cat, area, base_url, skeleton, cache)
            for area in cat.areas.values()}
