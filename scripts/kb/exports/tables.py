"""Tables for officials and data users: the catalogue as CSV files and as one XLSX workbook.

Each table (问题清单, 成因, 整改措施, 术语) is built once as plain rows; the CSV file and the
workbook sheet are two renderings of the same rows, so they always agree. Conventions inside a
cell: several entries go on separate lines (具体表现 numbered, 原因 as 'C02 责任意识淡化'); short
lists on one line are separated by '；' (titles themselves may contain '、').
"""
from __future__ import annotations

import csv
import datetime
import io
import zipfile
from copy import copy
from dataclasses import dataclass

from kb.core import schema
from kb.core.graph import Catalogue
from kb.core.kinds import LEVEL_LABELS
from kb.core.urls import GLOSSARY_URI, page_url, uri
from kb.core.citations import HEADING_ONLY_NOTE, reference_line

XLSX_NAME = "catalogue.xlsx"
DOWNLOAD_NAMES = ["problems.csv", "causes.csv", "countermeasures.csv", "terms.csv", XLSX_NAME]
LIST_SEP = "；"
# Excel runs a CSV cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Fixed time for every member of the XLSX zip (the earliest a zip can hold).
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # Excel column width in Latin characters; a Chinese character needs about 2


@dataclass
class Table:
    """One table: a CSV file and a sheet of the workbook."""

    sheet: str
    filename: str
    columns: list[Column]
    rows: list[list[int | str]]  # 序号 (int) first, then text; '' for an empty cell


# --- cell formats -------------------------------------------------------------------------

def _url(base_url: str, page_uri: str, anchor: str = "") -> str:
    """The published URL of a page, as catalogue.json gives it (absolute when base_url is set)."""
    return page_url(base_url, page_uri, anchor)


def _numbered(texts: list[str]) -> str:
    return "\n".join(f"{n}. {text}" for n, text in enumerate(texts, 1))


def _entries(records: dict, ids: list[str]) -> str:
    """'C02 责任意识淡化' lines for the given ids."""
    return "\n".join(f"{rid} {records[rid].title}" for rid in ids)


def _titles(records: dict, ids: list[str]) -> str:
    return LIST_SEP.join(records[rid].title for rid in ids)


def _source_refs(cat: Catalogue, refs: list[schema.SourceRef]) -> str:
    """'S1 第32条；S4 p3': numbered articles read as 第N条, other item refs as they are; an item
    whose body text the source lacks says so, as on the page."""
    return LIST_SEP.join((f"{ref.source} 第{item}条" if item.isdigit() else f"{ref.source} {item}")
                         + (HEADING_ONLY_NOTE if cat.heading_only(ref.source, item) else "")
                         for ref in refs for item in ref.items)


def _references(refs: list[schema.Reference]) -> str:
    """Public documents beyond the sources, one per line: '中共中央办公厅《…》（2018年）：note'."""
    return "\n".join(reference_line(r) for r in refs)


# --- the tables ---------------------------------------------------------------------------

def problem_table(cat: Catalogue, base_url: str = "") -> Table:
    columns = [Column("序号", 6), Column("编号", 8), Column("问题", 20), Column("概述", 40),
               Column("具体表现", 50), Column("原因", 24), Column("整改措施", 24),
               Column("治理领域", 16), Column("表现类型", 10), Column("问题类别", 14), Column("来源", 22),
               Column("参考的公开文件", 30), Column("网址", 34)]
    rows = [[n, p.id, p.title, p.summary, _numbered(p.symptoms),
             _entries(cat.causes, p.causes), _entries(cat.measures, p.countermeasures),
             _titles(cat.areas, p.areas), _titles(cat.types, p.types), _titles(cat.families, p.families),
             _source_refs(cat, p.sources), _references(p.references), _url(base_url, uri("problem", p.id))]
            for n, p in enumerate(cat.active_problems, 1)]
    return Table("问题清单", "problems.csv", columns, rows)


def cause_table(cat: Catalogue, base_url: str = "") -> Table:
    columns = [Column("序号", 6), Column("编号", 8), Column("成因", 20), Column("概述", 40),
               Column("说明", 60), Column("对应整改措施", 24), Column("涉及问题", 24),
               Column("来源", 22), Column("参考的公开文件", 30), Column("网址", 34)]
    rows = [[n, c.id, c.title, c.summary, c.text or "",
             _entries(cat.measures, cat.measures_by_cause.get(c.id, [])),
             LIST_SEP.join(cat.problems_by_cause.get(c.id, [])),
             _source_refs(cat, c.sources), _references(c.references), _url(base_url, uri("cause", c.id))]
            for n, c in enumerate(cat.causes.values(), 1)]
    return Table("成因", "causes.csv", columns, rows)


def measure_table(cat: Catalogue, base_url: str = "") -> Table:
    columns = [Column("序号", 6), Column("编号", 8), Column("整改措施", 20), Column("概述", 40),
               Column("说明", 60), Column("作用层面", 14), Column("针对成因", 24),
               Column("涉及问题", 24), Column("来源", 22), Column("参考的公开文件", 30), Column("网址", 34)]
    rows = [[n, m.id, m.title, m.summary, m.text or "",
             LIST_SEP.join(LEVEL_LABELS[level] for level in m.levels),
             _entries(cat.causes, m.causes),
             LIST_SEP.join(cat.problems_by_measure.get(m.id, [])),
             _source_refs(cat, m.sources), _references(m.references),
             _url(base_url, uri("countermeasure", m.id))]
            for n, m in enumerate(cat.measures.values(), 1)]
    return Table("整改措施", "countermeasures.csv", columns, rows)


def term_table(cat: Catalogue, base_url: str = "") -> Table:
    columns = [Column("序号", 6), Column("编号", 16), Column("术语", 14), Column("其他写法", 20),
               Column("释义", 60), Column("参考的公开文件", 30), Column("网址", 40)]
    rows = [[n, t.id, t.term, LIST_SEP.join(t.aliases), t.definition, _references(t.references),
             _url(base_url, GLOSSARY_URI, t.id)]
            for n, t in enumerate(cat.terms.values(), 1)]
    return Table("术语", "terms.csv", columns, rows)


def tables(cat: Catalogue, base_url: str = "") -> list[Table]:
    """Every table, in the order of the workbook's sheets."""
    return [problem_table(cat, base_url), cause_table(cat, base_url),
            measure_table(cat, base_url), term_table(cat, base_url)]


# --- CSV ----------------------------------------------------------------------------------

def _csv_cell(value: int | str) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a BOM (Excel on Windows then reads the Chinese correctly), CRLF rows."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def csv_files(cat: Catalogue, base_url: str = "") -> dict[str, bytes]:
    """problems.csv, causes.csv, countermeasures.csv, terms.csv → their bytes."""
    return {t.filename: csv_bytes(t) for t in tables(cat, base_url)}


# --- XLSX ---------------------------------------------------------------------------------

def _fixed_time_zip(data: bytes) -> bytes:
    """The same zip with every member stamped with one fixed time (openpyxl stamps the current
    time, through more than one code path), so the same catalogue gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, src.read(info))
    return out.getvalue()


def _style_of(ws, alignment, font=None):
    """The style index array a cell gets from this alignment (and font)."""
    from openpyxl.cell import Cell
    probe = Cell(ws)
    probe.alignment = alignment
    if font is not None:
        probe.font = font
    return probe._style


def _fill_sheet(ws, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    body_align = Alignment(vertical="top", wrap_text=True)
    link_font = Font(color="0563C1", underline="single")
    url_col = next((i for i, c in enumerate(table.columns) if c.header == "网址"), None)

    for col, column in enumerate(table.columns, 1):
        cell = ws.cell(row=1, column=col, value=column.header)
        cell.font, cell.fill, cell.alignment = head_font, head_fill, head_align
        ws.column_dimensions[get_column_letter(col)].width = column.width
    # Setting a style hashes it into the workbook's style table, which at thousands of rows costs
    # more than everything else; each style is set once here and its index array copied.
    body_style = _style_of(ws, body_align)
    link_style = _style_of(ws, body_align, link_font)
    for r, row in enumerate(table.rows, 2):
        for col, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=col, value=value if value != "" else None)
            cell._style = copy(body_style)
            if isinstance(value, str) and value:
                cell.data_type = "s"  # text, never a formula, even if it starts with '='
                if col - 1 == url_col and value.startswith(("http://", "https://")):
                    cell.hyperlink = value
                    cell._style = copy(link_style)

    last = f"{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}"
    # Printing: landscape A4, as wide as the page, header row repeated on every page.
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def xlsx_bytes(cat: Catalogue, base_url: str = "") -> bytes:
    """One workbook: sheets 问题清单, 成因, 整改措施, 术语. Same catalogue → same bytes."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    wb.remove(wb.active)
    for table in tables(cat, base_url):
        _fill_sheet(wb.create_sheet(table.sheet), table)
    released = datetime.datetime.combine(cat.meta.released, datetime.time())
    props = wb.properties
    props.title, props.subject = cat.meta.title, f"版本 {cat.meta.version}"
    props.creator = props.lastModifiedBy = cat.meta.title
    props.created = props.modified = released
    out = io.BytesIO()
    # Not wb.save(): it stamps the current time into the document properties.
    # Stored, not deflated: _fixed_time_zip compresses every member once anyway.
    ExcelWriter(wb, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True)).save()
    return _fixed_time_zip(out.getvalue())


def download_files(cat: Catalogue, base_url: str = "") -> dict[str, bytes]:
    """Every tabular download by file name: the four CSV files and catalogue.xlsx."""
    return {**csv_files(cat, base_url), XLSX_NAME: xlsx_bytes(cat, base_url)}
