"""The tabular downloads (CSV files and the XLSX workbook), read back as a user's software reads them."""
import csv
import io
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest

from conftest import MINI, ROOT, edit
from kb.exports.tables import csv_files, download_files, xlsx_bytes
from kb.core.pipeline import load_catalogue

BASE = "http://kb.test/"
PROBLEM_HEADER = ["序号", "编号", "问题", "概述", "具体表现", "原因", "整改措施", "治理领域",
                  "表现类型", "问题类别", "来源", "参考的公开文件", "网址"]
P001_ROW = [
    "1", "P001", "遇事推诿、互踢皮球", "对职责边界上的事互相推给对方，让群众来回跑。",
    "1. 群众来办事，被告知“不归我们管”。\n2. 跨部门的事没人牵头。\n3. 同一件事被转办三次以上。",
    "C01 责任意识淡薄\nC02 考核激励失灵", "M01 压实岗位责任", "为民服务；工作落实", "不想为",
    "不担当不作为", "S1 第1条", "", "http://kb.test/problems/P001/",
]


def _load(root):
    result = load_catalogue(root)
    assert result.catalogue is not None, result.report.format()
    return result.catalogue


@pytest.fixture(scope="module")
def cat():
    return _load(MINI)


@pytest.fixture(scope="module")
def csvs(cat):
    return csv_files(cat, BASE)


@pytest.fixture(scope="module")
def workbook(cat):
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(cat, BASE)))


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel on Windows would garble the Chinese"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_file_names(csvs):
    assert sorted(csvs) == ["causes.csv", "countermeasures.csv", "problems.csv", "terms.csv"]


def test_problems_csv_has_one_row_per_active_problem(cat, csvs):
    rows = read_csv(csvs["problems.csv"])
    assert rows[0] == PROBLEM_HEADER
    assert len(rows) - 1 == len(cat.active_problems) == 2
    assert rows[1] == P001_ROW
    assert rows[2][1:3] == ["P002", "能拖则拖"]
    assert rows[2][8] == "不想为；不敢为"
    assert rows[2][9] == "不担当不作为；形式主义"
    assert rows[2][10] == "S1 第2条"


def test_csv_rows_end_in_crlf(csvs):
    text = csvs["problems.csv"].decode("utf-8-sig")
    assert text.startswith("序号,编号,问题,") and text.endswith("\r\n")


def test_causes_csv(csvs):
    rows = read_csv(csvs["causes.csv"])
    assert rows[0] == ["序号", "编号", "成因", "概述", "说明", "对应整改措施", "涉及问题", "来源",
                       "参考的公开文件", "网址"]
    assert rows[1:] == [
        ["1", "C01", "责任意识淡薄", "不把分内事当回事。", "较长的说明。", "M01 压实岗位责任", "P001",
         "S1 c1", "", "http://kb.test/causes/C01/"],
        ["2", "C02", "考核激励失灵", "干多干少一个样。", "", "M02 改进考核评价", "P001；P002", "", "",
         "http://kb.test/causes/C02/"],
    ]


def test_countermeasures_csv_names_levels_in_chinese(csvs):
    rows = read_csv(csvs["countermeasures.csv"])
    assert rows[0] == ["序号", "编号", "整改措施", "概述", "说明", "作用层面", "针对成因", "涉及问题",
                       "来源", "参考的公开文件", "网址"]
    assert rows[1] == ["1", "M01", "压实岗位责任", "把责任落到具体的人。", "较长的说明。",
                       "组织层面；干部个人", "C01 责任意识淡薄", "P001", "S1 m1", "",
                       "http://kb.test/measures/M01/"]
    assert rows[2][5] == "领导班子"


def test_terms_csv_links_to_glossary_anchors(csvs):
    rows = read_csv(csvs["terms.csv"])
    assert rows[0] == ["序号", "编号", "术语", "其他写法", "释义", "参考的公开文件", "网址"]
    assert ["2", "ti-pi-qiu", "踢皮球", "互踢皮球", "把该办的事推给别人。", "",
            "http://kb.test/glossary/#ti-pi-qiu"] in rows


def test_urls_are_site_relative_without_base_url(cat):
    rows = read_csv(csv_files(cat)["problems.csv"])
    assert rows[1][-1] == "/problems/P001/"


def test_workbook_sheets_and_headers(workbook):
    assert workbook.sheetnames == ["问题清单", "成因", "整改措施", "术语"]
    assert [c.value for c in workbook["问题清单"][1]] == PROBLEM_HEADER
    assert [c.value for c in workbook["术语"][1]] == ["序号", "编号", "术语", "其他写法", "释义", "参考的公开文件",
                                                    "网址"]


def test_workbook_first_problem_row(workbook):
    ws = workbook["问题清单"]
    assert [c.value for c in ws[2]] == [1, *(value or None for value in P001_ROW[1:])]
    assert ws.max_row == 3


def test_symptoms_are_three_lines_in_one_wrapped_cell(workbook):
    cell = workbook["问题清单"]["E2"]
    assert cell.value.split("\n") == ["1. 群众来办事，被告知“不归我们管”。", "2. 跨部门的事没人牵头。",
                                      "3. 同一件事被转办三次以上。"]
    assert cell.alignment.wrap_text and cell.alignment.vertical == "top"


def test_every_sheet_has_a_bold_frozen_header_and_widths(workbook):
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.bold for c in ws[1]), ws.title
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(ws.column_dimensions[c.column_letter].width >= 6 for c in ws[1]), ws.title
    assert workbook["问题清单"].column_dimensions["E"].width == 50


def test_measures_sheet_levels_and_empty_cells(workbook):
    ws = workbook["整改措施"]
    assert [c.value for c in ws[3]] == [2, "M02", "改进考核评价", "让实绩说话。", None, "领导班子",
                                       "C02 考核激励失灵", "P002", None, None, "http://kb.test/measures/M02/"]


def test_url_cells_are_hyperlinks(workbook):
    assert workbook["问题清单"]["M2"].hyperlink.target == "http://kb.test/problems/P001/"


def test_same_catalogue_same_bytes(cat):
    data = xlsx_bytes(cat, BASE)
    assert data == xlsx_bytes(cat, BASE)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        # No wall-clock time anywhere: zip members and document properties carry fixed dates.
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode("utf-8")
    # Parsed, not matched as text: openpyxl writes namespaces differently when lxml is installed
    # (python-docx brings it in).
    props = {el.tag.rsplit("}", 1)[-1]: el.text for el in ElementTree.fromstring(core)}
    assert props["created"] == props["modified"] == "2026-01-02T00:00:00Z"
    assert props["title"] == "测试知识库"
    assert csv_files(cat, BASE) == csv_files(cat, BASE)


def test_retired_problems_are_left_out(mini):
    (mini / "problems" / "P003.yaml").write_text(
        "id: P003\ntitle: 旧条目\nsummary: 已并入 P001。\nstatus: retired\nreplaced_by: P001\n",
        encoding="utf-8")
    files = download_files(_load(mini), BASE)
    assert [row[1] for row in read_csv(files["problems.csv"])[1:]] == ["P001", "P002"]
    ws = openpyxl.load_workbook(io.BytesIO(files["catalogue.xlsx"]))["问题清单"]
    assert [ws.cell(r, 2).value for r in range(2, ws.max_row + 1)] == ["P001", "P002"]


def test_text_that_looks_like_a_formula_stays_text(mini):
    edit(mini / "problems" / "P002.yaml", "summary: 该办的事拖着不办。", "summary: '=1+1 该办的事拖着不办。'")
    files = download_files(_load(mini), BASE)
    # CSV: Excel would evaluate a cell starting with '=', so it gets a leading apostrophe.
    assert read_csv(files["problems.csv"])[2][3] == "'=1+1 该办的事拖着不办。"
    cell = openpyxl.load_workbook(io.BytesIO(files["catalogue.xlsx"]))["问题清单"]["D3"]
    assert (cell.value, cell.data_type) == ("=1+1 该办的事拖着不办。", "s")


def test_real_catalogue_row_counts():
    real = _load(ROOT / "catalogue")
    files = download_files(real)
    expected = {"problems.csv": len(real.active_problems), "causes.csv": len(real.causes),
                "countermeasures.csv": len(real.measures), "terms.csv": len(real.terms)}
    assert {name: len(read_csv(files[name])) - 1 for name in expected} == expected
    wb = openpyxl.load_workbook(io.BytesIO(files["catalogue.xlsx"]))
    assert [wb[s].max_row - 1 for s in ["问题清单", "成因", "整改措施", "术语"]] == list(expected.values())
    # Every problem row is complete: no empty required cell (表现类型, column I, may be empty).
    for row in wb["问题清单"].iter_rows(min_row=2, max_col=11, values_only=True):
        assert all(row[:8] + row[9:]), row
