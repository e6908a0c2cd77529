"""kb import: a numbered plain-text document → a draft source entry and problem skeletons."""
import argparse
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from kb.core import schema
from kb.cli import main as kb_main
from kb.cli import parser as kb_parser
from kb.tools.import_cli import cmd_import
from kb.tools.importer import NumberedText, draft, parse_document

SAMPLE = ROOT / "tests" / "fixtures" / "import" / "sample.txt"
TITLE = "某县农业农村局领导班子作风问题检视清单"

# (ref, kind, text) for every numbered part of sample.txt, in document order.
EXPECTED = [
    ("sec1", "area", "存在的主要问题"),
    ("sec1.1", "area", "服务基层方面"),
    ("1", "problem", "下乡调研多在交通方便的示范村停留，偏远村组很少到达，对种养大户反映的实际困难掌握不全。"),
    ("2", "problem", "涉农补贴申报材料的要求反复变化，农户往返多次才能办结，窗口人员对政策的解释前后不一。"),
    ("3", "problem", "对村里报来的灌溉设施维修申请，转给乡镇后不再过问，几个月后才发现仍未动工。"),
    ("sec1.2", "area", "工作落实方面"),
    ("4", "problem", "部署工作习惯于转发文件、开会强调，对落实情况缺少跟踪，年底才集中补写材料。"),
    ("5", "problem", "面对土地流转纠纷等棘手问题，担心处理不好引来信访，倾向于等上级表态后再动。"),
    ("6", "problem", "制定产业扶持政策时照搬外县做法，没有结合本县山区多、地块散的实际。"),
    ("sec1.3", "area", "能力作风方面"),
    ("7", "problem", "对农村电商、冷链物流等新业态了解不多，指导基层时讲不出具体办法。"),
    ("sec2", "cause", "问题产生的原因"),
    ("8", "cause", "宗旨意识有所淡化，对群众急难愁盼的事情感受不深。"),
    ("9", "cause", "考核评价偏重材料和台账，对实际成效衡量不够。"),
    ("sec3", "countermeasure", "整改措施"),
    ("10", "countermeasure", "建立班子成员联系偏远村组制度，每季度至少蹲点一次，问题清单逐条销号。"),
    ("11", "countermeasure", "统一涉农补贴申报材料目录并在网上公开，实行一次告知、限时办结。"),
    ("12", "countermeasure", "每半年组织一次新业态专题培训，邀请企业和基层一线人员授课。"),
    ("sec4", "safeguard", "组织保障"),
    ("13", "safeguard", "局主要负责同志是整改第一责任人，局办公室每月通报整改进展。"),
]
PROBLEM_REFS = ["1", "2", "3", "4", "5", "6", "7"]


@pytest.fixture
def sample() -> NumberedText:
    return parse_document(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def catalogue(tmp_path) -> Path:
    """A catalogue folder with S1–S5, problems P001 and P002, and P003 retired."""
    cat = tmp_path / "cat"
    (cat / "problems").mkdir(parents=True)
    sources = [{"id": f"S{n}", "title": f"文件{n}", "genre": "问题清单", "summary": "测试。",
                "items": [{"ref": "1", "kind": "problem", "title": "某条"}]} for n in range(1, 6)]
    (cat / "sources.yaml").write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True),
                                      encoding="utf-8")
    for pid in ("P001", "P002"):
        (cat / "problems" / f"{pid}.yaml").write_text(f"id: {pid}\ntitle: 某问题\n", encoding="utf-8")
    (cat / "problems" / "P003.yaml").write_text(
        "id: P003\ntitle: 旧问题\nsummary: 并入 P002。\nstatus: retired\nreplaced_by: P002\n", encoding="utf-8")
    return cat


def run(tmp_path, monkeypatch, file, catalogue, out=None):
    monkeypatch.chdir(tmp_path)
    return kb_main(["import", str(file), "--catalogue", str(catalogue), *(["--out", str(out)] if out else [])])


# ---------------------------------------------------------------------------------------------
# parsing

def test_sample_title_genre_and_every_numbered_part(sample):
    assert sample.title == TITLE
    assert sample.genre == "检视问题清单"
    assert [(e.ref, e.kind, e.text) for e in sample.entries] == EXPECTED


def test_sections_items_and_problems_are_split_in_order(sample):
    assert [e.ref for e in sample.sections] == ["sec1", "sec1.1", "sec1.2", "sec1.3", "sec2", "sec3", "sec4"]
    assert [e.ref for e in sample.items] == [str(n) for n in range(1, 14)]
    assert [e.ref for e in sample.problems] == PROBLEM_REFS


def test_wrapped_line_joins_its_item_but_closing_paragraph_does_not():
    doc = parse_document("清单\n1. 转给乡镇后，\n几个月没有动静。\n2. 会多。\n本清单由办公室督办。\n")
    assert [e.text for e in doc.items] == ["转给乡镇后，几个月没有动静。", "会多。"]


def test_numbering_that_restarts_per_section_is_qualified_by_the_section_and_cues_nest():
    doc = parse_document("方案\n一、问题\n1. 甲。\n2. 乙。\n二、措施\n1. 丙。\n（一）经费保障\n1. 丁。\n三、问题\n（一）原因\n1. 戊。\n")
    assert [(e.ref, e.kind) for e in doc.entries] == [
        ("sec1", "area"), ("1.1", "problem"), ("1.2", "problem"),
        ("sec2", "countermeasure"), ("2.1", "countermeasure"),
        ("sec2.1", "countermeasure"), ("2.1.1", "countermeasure"),
        ("sec3", "area"), ("sec3.1", "cause"), ("3.1.1", "cause")]


def test_numbers_inside_text_are_not_items_and_a_document_may_lack_a_title():
    doc = parse_document("一、总体要求\n1.5倍的增幅不是条目。\n十二、保障措施\n3、落实。\n")
    assert doc.title == ""
    assert [(e.ref, e.kind, e.text) for e in doc.entries] == [
        ("sec1", "principle", "总体要求"), ("sec12", "safeguard", "保障措施"), ("3", "safeguard", "落实。")]


# ---------------------------------------------------------------------------------------------
# drafting

def test_source_draft_is_yaml_with_the_next_source_id_and_items_in_order(sample, catalogue):
    files = dict(draft(sample, catalogue, origin="sample.txt"))
    entry, = yaml.safe_load(files["sources-S6.yaml"])["sources"]
    assert entry["id"] == "S6"
    assert entry["title"] == TITLE
    assert entry["genre"] == "检视问题清单"
    assert entry["summary"].startswith("待填写：")
    assert [(i["ref"], i["kind"]) for i in entry["items"]] == [(ref, kind) for ref, kind, _ in EXPECTED]
    # Titles are placeholders: the source's wording stays in comments only.
    assert {i["title"] for i in entry["items"]} == {"待填写"}
    assert "        title: 待填写  # 原文开头：下乡调研多在交通方便的示范村停留\n" in files["sources-S6.yaml"]
    # Once the placeholders are there, the entry is one the schema accepts.
    schema.Source.model_validate(entry)


def test_problem_skeletons_take_the_ids_after_the_highest_one_retired_included(sample, catalogue):
    paths = [path for path, _ in draft(sample, catalogue)]
    assert paths == ["sources-S6.yaml"] + [f"problems/P{n:03d}.yaml" for n in range(4, 11)]


def test_each_skeleton_parses_and_carries_its_source_ref(sample, catalogue):
    skeletons = [(p, t) for p, t in draft(sample, catalogue) if p.startswith("problems/")]
    for (path, text), ref in zip(skeletons, PROBLEM_REFS):
        assert yaml.safe_load(text) == {"id": Path(path).stem, "title": "待填写",
                                        "sources": [{"source": "S6", "items": [ref]}], "status": "active"}


def test_skeleton_keeps_the_item_text_in_comments_and_templates_every_field(sample, catalogue):
    _, text = draft(sample, catalogue)[3]   # item 3, the one wrapped over two lines
    comments = "".join(line[1:].strip() for line in text.splitlines() if line.startswith("#"))
    assert "对村里报来的灌溉设施维修申请，转给乡镇后不再过问，几个月后才发现仍未动工。" in comments
    assert "title: 待填写  # 原文开头：对村里报来的灌溉设施维修申请\n" in text
    for name in schema.Problem.model_fields:
        assert re.search(rf"^(# )?{name}:", text, re.M), f"field {name} missing from the skeleton"
    assert "# symptoms:\n#   -\n#   -\n#   -\n" in text


def test_ids_count_file_names_too_so_a_broken_file_keeps_its_number(sample, catalogue):
    (catalogue / "problems" / "P009.yaml").write_text("id: [未闭合\n", encoding="utf-8")
    paths = [path for path, _ in draft(sample, catalogue)]
    assert paths[1] == "problems/P010.yaml"


# ---------------------------------------------------------------------------------------------
# the command

def test_command_writes_drafts_next_to_the_catalogue_and_says_what_it_wrote(tmp_path, monkeypatch,
                                                                           catalogue, capsys):
    assert run(tmp_path, monkeypatch, SAMPLE, "cat") == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out.splitlines() == [
        f"已读取 '{SAMPLE}'：7 个部分或小节，13 个条目，其中 7 个看起来是问题。",
        "已写入 import-draft/sources-S6.yaml：来源文件草稿，共 20 个条目",
        *[f"已写入 import-draft/problems/P{n + 3:03d}.yaml：问题草稿，对应条目 '{n}'" for n in range(1, 8)],
        "下一步：用自己的话填好草稿（不要照抄原文），把来源条目追加到 sources.yaml，"
        "把问题文件移入 problems/，再运行 kb validate。",
    ]
    draft_dir = tmp_path / "import-draft"
    assert sorted(p.relative_to(draft_dir).as_posix() for p in draft_dir.rglob("*.yaml")) == \
        ["problems/P004.yaml", "problems/P005.yaml", "problems/P006.yaml", "problems/P007.yaml",
         "problems/P008.yaml", "problems/P009.yaml", "problems/P010.yaml", "sources-S6.yaml"]
    # The catalogue itself is untouched.
    assert sorted(p.name for p in (catalogue / "problems").iterdir()) == ["P001.yaml", "P002.yaml", "P003.yaml"]


def test_command_writes_into_the_out_folder(tmp_path, monkeypatch, catalogue, capsys):
    assert run(tmp_path, monkeypatch, SAMPLE, "cat", out="drafts/s6") == 0
    assert (tmp_path / "drafts/s6/problems/P004.yaml").is_file()
    assert "已写入 drafts/s6/sources-S6.yaml：来源文件草稿，共 20 个条目" in capsys.readouterr().out


def test_command_never_overwrites_an_earlier_draft(tmp_path, monkeypatch, catalogue, capsys):
    assert run(tmp_path, monkeypatch, SAMPLE, "cat") == 0
    capsys.readouterr()
    earlier = (tmp_path / "import-draft/problems/P004.yaml").read_text(encoding="utf-8")
    assert run(tmp_path, monkeypatch, SAMPLE, "cat") == 1
    assert capsys.readouterr().err == (
        "'import-draft/sources-S6.yaml' 已经存在，kb import 不覆盖已有文件；"
        "请先处理上次的草稿（填好移入目录，或删去），或用 --out 指定另一个文件夹\n")
    assert (tmp_path / "import-draft/problems/P004.yaml").read_text(encoding="utf-8") == earlier


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make_file, message", [
    (lambda d: d / "缺失.txt", "找不到文件 '{file}'"),
    (lambda d: write(d / "gbk.txt", "清单\n1. 问题。\n".encode("gbk")),
     "'{file}' 不是 UTF-8 编码（第 0 字节处是 0xc7）；请把它另存为 UTF-8 编码的纯文本后再导入"),
    (lambda d: write(d / "plain.txt", "只有一段话，没有任何编号。\n".encode()),
     "'{file}' 中没有找到编号条目；kb import 只认行首的编号：一、二、（部分），（一）（二）（小节），1. 或 1、（条目）"),
    (lambda d: write(d / "empty.txt", b""),
     "'{file}' 中没有找到编号条目；kb import 只认行首的编号：一、二、（部分），（一）（二）（小节），1. 或 1、（条目）"),
    (lambda d: d, "'{file}' 不是文件"),
])
def test_bad_input_exits_1_with_a_chinese_message(tmp_path, monkeypatch, catalogue, capsys,
                                                   make_file, message):
    file = make_file(tmp_path)
    assert run(tmp_path, monkeypatch, file, "cat") == 1
    out = capsys.readouterr()
    assert (out.out, out.err) == ("", message.format(file=file) + "\n")
    assert not (tmp_path / "import-draft").exists()


@pytest.mark.parametrize("catalogue_arg, out_arg, message", [
    ("nowhere", None, "找不到目录文件夹 'nowhere'；请用 --catalogue 指定"),
    ("cat/problems", None, "'cat/problems' 中没有 sources.yaml；--catalogue 应指向目录文件夹"),
    ("cat", "cat/drafts", "草稿文件夹 'cat/drafts' 在目录文件夹 'cat' 里面；草稿填好之前不能放进目录，请用 --out 换一个文件夹"),
])
def test_bad_catalogue_or_out_folder_exits_1(tmp_path, monkeypatch, catalogue, capsys,
                                             catalogue_arg, out_arg, message):
    assert run(tmp_path, monkeypatch, SAMPLE, catalogue_arg, out=out_arg) == 1
    assert capsys.readouterr().err == message + "\n"


def test_unreadable_sources_yaml_is_reported_not_guessed(tmp_path, monkeypatch, catalogue, capsys):
    (catalogue / "sources.yaml").write_text("sources: [\n", encoding="utf-8")
    assert run(tmp_path, monkeypatch, SAMPLE, "cat") == 1
    assert capsys.readouterr().err == (
        f"无法读取 '{Path('cat/sources.yaml')}'，因此不知道下一个空闲的来源编号；请先运行 kb validate 修好它\n")


def test_subcommand_registers_with_its_defaults():
    args = kb_parser().parse_args(["import", "doc.txt"])
    assert (args.file, args.catalogue, args.out, args.func) == ("doc.txt", "catalogue", None, cmd_import)


# ---------------------------------------------------------------------------------------------
# hostile and careless input

def test_every_numbered_item_is_read_past_999():
    text = "某单位问题清单\n" + "\n".join(f"{n}. 第{n}条问题表述。" for n in range(1, 1203))
    doc = parse_document(text)
    assert [e.number for e in doc.items][-3:] == [1200, 1201, 1202]
    assert len(doc.items) == 1202


def test_ids_are_never_ones_ever_published(catalogue):
    from kb.tools.importer import next_problem_number, next_source_id
    from kb.tools.new_entry import KINDS, next_id, used_ids
    (catalogue / "published-urls.txt").write_text(
        "/problems/P007/\n/sources/S9/#item-1\n", encoding="utf-8")
    assert next_source_id(catalogue) == "S10"
    assert next_problem_number(catalogue) == 8
    # the same rule as kb new
    assert next_id(used_ids(catalogue, KINDS["problem"]), KINDS["problem"]) == "P008"


def test_a_file_name_never_reaches_yaml_unquoted(tmp_path, monkeypatch, catalogue):
    hostile = tmp_path / "清单\nid: P999\n# .txt"
    hostile.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(tmp_path, monkeypatch, hostile, "cat") == 0
    for path in (tmp_path / "import-draft").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "\nid: P999" not in text
        data = yaml.safe_load(text)
        assert "P999" not in str(data)
    source = (tmp_path / "import-draft/sources-S6.yaml").read_text(encoding="utf-8")
    assert '根据 "清单\\nid: P999\\n# .txt" 生成' in source
