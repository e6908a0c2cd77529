"""A plain-text document with numbered items → a draft source entry and problem skeletons.

Chinese official documents number their parts in a fixed way: 一、二、 for sections, （一）（二）
for sub-sections, 1. 2. or 1、2、 for items (digits sometimes full-width). parse_document() finds
those numbers; draft() turns the result into files a maintainer completes by hand. The drafts
never carry the document's wording as catalogue text: every title is a placeholder and the
original words stand only in YAML comments, because catalogue prose must be our own.
"""
from __future__ import annotations

import json
import re
import typing
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from kb.core import ids, schema
from kb.core.errors import KbError

PLACEHOLDER = "待填写"
UNKNOWN_GENRE = "待定"
SOURCE_SUMMARY = "待填写：用自己的话写一两句，说明这份文件由谁、在什么背景下制定，列了哪些内容。"

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九"
_CN_NUMBER = rf"(?:[{_CN}]?十[{_CN}]?|[{_CN}])"
_SECTION = re.compile(rf"^({_CN_NUMBER})[、．.]\s*(.*)$")
_SUBSECTION = re.compile(rf"^[（(]({_CN_NUMBER})[）)][、．.]?\s*(.*)$")
# The look-ahead keeps 1.5倍 or 2.3万元 at a line start from reading as item 1 or 2.
_ITEM = re.compile(r"^([0-9０-９]{1,6})[.．、](?![0-9０-９])\s*(.*)$")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# A line ending like this closes its paragraph; any other ending means the next line goes on.
_SENTENCE_END = ("。", "！", "？", "!", "?", "。”", "！”", "？”", "…")

# Words in a heading that say what the items under it are; the first match wins, so 保障措施
# is a safeguard, not a countermeasure.
_KIND_CUES: list[tuple[str, tuple[str, ...]]] = [
    ("cause", ("原因", "成因")),
    ("safeguard", ("保障", "组织领导")),
    ("countermeasure", ("整改措施", "措施", "对策")),
    ("principle", ("总体要求", "指导思想", "基本原则", "工作原则", "工作目标")),
]

# Words in the title → the genre, in the names sources.yaml already uses.
_GENRE_CUES: list[tuple[str, str]] = [
    ("检视", "检视问题清单"),
    ("清单", "问题清单"),
    ("方案", "实施方案"),
    ("提纲", "发言提纲"),
]


class DraftError(KbError):
    """Why no draft can be made, in words a maintainer reads."""


@dataclass
class NumberedPart:
    """One numbered part of the document: a section, a sub-section or an item."""

    level: str          # "section", "subsection" or "item"
    number: int         # the number as written (一 → 1, （三）→ 3, ７ → 7)
    text: str           # the heading, or the item's whole text (wrapped lines joined)
    line: int           # 1-based line where it starts
    section: int | None = None      # the written number of the enclosing section
    subsection: int | None = None   # and of the enclosing sub-section
    ref: str = ""
    kind: str = ""

    @property
    def is_heading(self) -> bool:
        return self.level != "item"


@dataclass
class NumberedText:
    """What parse_document() found: the first line as title, and the numbered parts in order."""

    title: str
    entries: list[NumberedPart]

    @property
    def sections(self) -> list[NumberedPart]:
        """Section and sub-section headings, in document order."""
        return [e for e in self.entries if e.is_heading]

    @property
    def items(self) -> list[NumberedPart]:
        """Numbered items, in document order."""
        return [e for e in self.entries if not e.is_heading]

    @property
    def problems(self) -> list[NumberedPart]:
        return [e for e in self.items if e.kind == "problem"]

    @property
    def genre(self) -> str:
        return next((genre for cue, genre in _GENRE_CUES if cue in self.title), UNKNOWN_GENRE)


# ---------------------------------------------------------------------------------------------
# parsing

def parse_document(text: str) -> NumberedText:
    """Find the title and the numbered sections, sub-sections and items of a document."""
    lines = [_clean(line) for line in text.splitlines()]
    title = ""
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and _numbered(lines[first], 0, 0, 0) is None:
        title = lines[first]
        lines[first] = ""
    entries: list[NumberedPart] = []
    section = subsection = None
    open_item: NumberedPart | None = None   # the item that a wrapped line would continue
    for index, line in enumerate(lines):
        if not line:
            open_item = None
            continue
        entry = _numbered(line, index + 1, section, subsection)
        if entry is None:
            if open_item is not None and not open_item.text.endswith(_SENTENCE_END):
                open_item.text += line
            else:
                open_item = None   # loose text between numbered parts: not part of any item
            continue
        if entry.level == "section":
            section, subsection = entry.number, None
            entry.section = section
        elif entry.level == "subsection":
            subsection = entry.number
            entry.subsection = subsection
        entries.append(entry)
        open_item = entry if entry.level == "item" else None
    _assign_refs(entries)
    _assign_kinds(entries)
    return NumberedText(title, entries)


def _clean(line: str) -> str:
    # Control characters (and a stray BOM) cannot go into YAML, even into a comment.
    kept = "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cf"))
    return kept.strip()


def _numbered(line: str, line_no: int, section, subsection) -> NumberedPart | None:
    if match := _SUBSECTION.match(line):
        return NumberedPart("subsection", _chinese_number(match[1]), match[2].strip(), line_no, section)
    if match := _SECTION.match(line):
        return NumberedPart("section", _chinese_number(match[1]), match[2].strip(), line_no)
    if match := _ITEM.match(line):
        number = int(match[1].translate(_FULL_WIDTH_DIGITS))
        return NumberedPart("item", number, match[2].strip(), line_no, section, subsection)
    return None


def _chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CN_DIGITS[text]
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _assign_refs(entries: list[NumberedPart]) -> None:
    """Refs follow the numbers as written, so a maintainer finds item '7' by its 7.

    Many documents start counting again in every section; then an item's ref is qualified by
    the numbers of its headings ('2.3', '1.2.3'). Only if even that repeats do refs fall back
    to counting in document order.
    """
    headings = [e for e in entries if e.is_heading]
    for e in headings:
        if e.level == "section":
            e.ref = f"sec{e.number}"
        else:
            e.ref = f"sec{e.section}.{e.number}" if e.section is not None else f"sec{e.number}"
    if not _unique(headings):
        _count_headings(headings)
    items = [e for e in entries if not e.is_heading]
    for e in items:
        e.ref = str(e.number)
    if not _unique(items):
        for e in items:
            path = [n for n in (e.section, e.subsection) if n is not None]
            e.ref = ".".join(str(n) for n in [*path, e.number])
    if not _unique(items):
        for position, e in enumerate(items, 1):
            e.ref = str(position)


def _count_headings(headings: list[NumberedPart]) -> None:
    sections = subsections = 0
    for e in headings:
        if e.level == "section":
            sections, subsections = sections + 1, 0
            e.ref = f"sec{sections}"
        else:
            subsections += 1
            e.ref = f"sec{sections}.{subsections}" if sections else f"sec{subsections}"


def _unique(entries: list[NumberedPart]) -> bool:
    refs = [e.ref for e in entries]
    return len(refs) == len(set(refs))


def _assign_kinds(entries: list[NumberedPart]) -> None:
    """A heading's words decide the kind of what stands under it.

    A section's cue covers its sub-sections (a measure about 保障经费 under 整改措施 is still a
    countermeasure); a sub-section's own cue counts only under a section without one.
    """
    section_kind = subsection_kind = None
    for e in entries:
        if e.level == "section":
            section_kind, subsection_kind = _cued_kind(e.text), None
            e.kind = section_kind or "area"
        elif e.level == "subsection":
            subsection_kind = section_kind or _cued_kind(e.text)
            e.kind = subsection_kind or "area"
        else:
            e.kind = subsection_kind or section_kind or "problem"


def _cued_kind(heading: str) -> str | None:
    return next((kind for kind, cues in _KIND_CUES if any(c in heading for c in cues)), None)


# ---------------------------------------------------------------------------------------------
# free ids

def _check_catalogue(catalogue_dir: Path) -> None:
    if not catalogue_dir.is_dir():
        raise DraftError(f"找不到目录文件夹 '{catalogue_dir}'；请用 --catalogue 指定")
    if not (catalogue_dir / "sources.yaml").is_file():
        raise DraftError(f"'{catalogue_dir}' 中没有 sources.yaml；--catalogue 应指向目录文件夹")


def next_source_id(catalogue_dir: Path) -> str:
    """The next source id by kb new's rule: never one in sources.yaml or ever published."""
    _check_catalogue(catalogue_dir)
    path = catalogue_dir / "sources.yaml"
    try:
        yaml.safe_load(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        # like kb new: a list file that does not parse may hide ids a text scan misses
        raise DraftError(f"无法读取 '{path}'，因此不知道下一个空闲的来源编号；"
                         f"请先运行 kb validate 修好它") from None
    return ids.free_id(catalogue_dir, "S", 1, "sources", "sources.yaml")


def next_problem_number(catalogue_dir: Path) -> int:
    """The number of the next problem id by kb new's rule (retired, broken and published ids count)."""
    return ids.number(ids.free_id(catalogue_dir, "P", 3, "problems"), "P")


# ---------------------------------------------------------------------------------------------
# drafting

def draft(doc: NumberedText, catalogue_dir: Path, origin: str = "") -> list[tuple[str, str]]:
    """The draft files, as (path relative to the draft folder, text): the source entry first,
    then one problem skeleton per item that looks like a problem."""
    catalogue_dir = Path(catalogue_dir)
    source_id = next_source_id(catalogue_dir)
    first = next_problem_number(catalogue_dir)
    files = [(f"sources-{source_id}.yaml", source_text(doc, source_id, origin))]
    for offset, entry in enumerate(doc.problems):
        problem_id = f"P{first + offset:03d}"
        files.append((f"problems/{problem_id}.yaml",
                      problem_text(entry, problem_id, source_id, origin)))
    return files


def source_text(doc: NumberedText, source_id: str, origin: str = "") -> str:
    """A sources.yaml holding one source: the new entry, ready to be appended to the real one."""
    if not doc.title:
        title, note = PLACEHOLDER, "原文没有标题行"
    elif len(doc.title) > schema.TITLE_MAX:
        title, note = doc.title, f"取自原文首行；超过 {schema.TITLE_MAX} 字，请改成短标题"
    else:
        title, note = doc.title, "取自原文首行"
    lines = [
        f"# 来源文件 {source_id} 的草稿，由 kb import 根据 {_file_name(origin)} 生成。",
        f"# 用法：把下面从“  - id: {source_id}”起的整段追加到 catalogue/sources.yaml 的末尾。",
        f"# 追加之前：给每个条目起一个自己的短标题（title，不超过 {schema.TITLE_MAX} 字，不要照抄原文），",
        "# 用自己的话写好 summary，核对 genre 和每个条目的 kind（area 领域、problem 问题、",
        "# cause 成因、countermeasure 措施、safeguard 保障、principle 原则）。",
        "sources:",
        f"  - id: {source_id}",
        f"    title: {_quoted(title)}  # {note}",
        f"    genre: {_quoted(doc.genre)}" + ("  # 没能从标题判断类别，请填写" if doc.genre == UNKNOWN_GENRE else ""),
        f"    summary: {_quoted(SOURCE_SUMMARY)}",
        "    items:",
    ]
    for e in doc.entries:
        lines += [f"      - ref: {_quoted(e.ref)}",
                  f"        kind: {e.kind}",
                  f"        title: {PLACEHOLDER}  # 原文{'' if e.is_heading else '开头'}：{_first_words(e)}"]
    return "\n".join(lines) + "\n"


# How a field the maintainer fills in looks, where a bare 'name:' would not show its shape.
_FIELD_SHAPES = {
    "symptoms": ["symptoms:", "  - ", "  - ", "  - "],
    "self_check": ["self_check:", "  - ", "  - "],
    "examples": ["examples:", "  - title: ", "    text: "],
    "actions": ["actions:", "  - "],
}
_LIVE_FIELDS = {"id", "title", "sources", "status"}


def problem_text(entry: NumberedPart, problem_id: str, source_id: str, origin: str = "") -> str:
    """A problem file with id, placeholder title, source ref and status filled in, and every
    other field of schema.Problem as a commented template under its description."""
    lines = [
        "# yaml-language-server: $schema=../schema.json#/$defs/Problem",
        f"# 问题草稿：由 kb import 根据来源文件 {source_id}（{_file_name(origin)}）的条目 "
        f"'{entry.ref}' 生成。",
        "# 原文如下，仅供理解：目录中的文字必须用自己的话写，不得照抄原文。",
        *(f"#   {chunk}" for chunk in _chunks(entry.text or "（空）", 40)),
        "# 填写方法：改好 title；去掉字段前的“# ”逐项填写，可选字段用不上就删去；",
        "# 填好后把本文件移入 catalogue/problems/，再运行 kb validate。",
    ]
    for name, info in schema.Problem.model_fields.items():
        lines += ["", f"# {info.description}"]
        if name in _LIVE_FIELDS:
            lines.append(_live_field(name, entry, problem_id, source_id))
            continue
        shape = _FIELD_SHAPES.get(name) or [f"{name}: []" if typing.get_origin(info.annotation) is list
                                            else f"{name}: "]
        lines += [f"# {part}".rstrip() for part in shape]
    return "\n".join(lines) + "\n"


def _live_field(name: str, entry: NumberedPart, problem_id: str, source_id: str) -> str:
    return {
        "id": f"id: {problem_id}",
        "title": f"title: {PLACEHOLDER}  # 原文开头：{_first_words(entry)}",
        "sources": f"sources:\n  - {{source: {source_id}, items: [{_quoted(entry.ref)}]}}",
        "status": "status: active",
    }[name]


def _first_words(entry: NumberedPart, limit: int = 20) -> str:
    """The first clause of an item (a heading whole), to recognise it by in a comment."""
    text = entry.text if entry.is_heading else re.split(r"[，。；：,;:]", entry.text)[0]
    return (text[:limit] + "…" if len(text) > limit else text) or "（空）"


def _chunks(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def _file_name(origin: str) -> str:
    # A file name may hold any character, a line break included: always quoted, escapes and all,
    # so that it cannot end the comment it stands in.
    return json.dumps(origin, ensure_ascii=False) if origin else "导入的文本"


def _quoted(text: str) -> str:
    """text as a YAML scalar: plain where YAML reads it back unchanged, else single-quoted."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return "'" + text.replace("'", "''") + "'"
