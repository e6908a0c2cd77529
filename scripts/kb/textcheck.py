"""Checks on every text field: plain text (never markup or script), simplified Chinese, full-width punctuation."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from .chinese import FULL_WIDTH, half_width_marks, traditional_chars
from .diagnostics import ERROR, WARNING, Report
from .records import Located, Records, dotted

RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]|&#?\w+;")
EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.I)
UNSAFE_URL = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.I)
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)", re.M)
MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)", re.M)


def strings(value, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string inside a record, with its path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings(getattr(value, name), loc + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from strings(item, loc + (i,))


def findings(text: str) -> list[tuple[str, str, str]]:
    """(level, code, message after the field's name) for everything wrong with one text."""
    found = []
    if RAW_HTML.search(text):
        found.append((ERROR, "raw-html", " 含有 HTML 标记或实体；目录只收纯文本，请删去尖括号中的标记"
                                           "（需要尖括号时请用全角 〈 〉）"))
    elif EVENT_HANDLER.search(text) and "<" in text:
        found.append((ERROR, "raw-html", " 含有事件处理属性；请删去"))
    if UNSAFE_URL.search(text):
        found.append((ERROR, "unsafe-url", " 含有 javascript:、vbscript: 或 data: 链接；目录文本不能带这类链接，请删去"))
    if MD_HEADING.search(text) or MD_FENCE.search(text):
        found.append((ERROR, "markdown-block", " 含有 Markdown 标题（#）或代码块（```）；字段里只能写正文，请删去这些符号"))
    # A block scalar (|) ends in one newline by design; anything more is stray white space.
    body = text[:-1] if text.endswith("\n") else text
    if body != body.strip():
        found.append((WARNING, "whitespace", " 开头或结尾有多余的空白；请删去"))
    pairs = traditional_chars(text)
    if pairs:
        found.append((WARNING, "traditional",
                      " 含有繁体字：" + "、".join(f"{t}→{s}" for t, s in pairs) + "；请改用简体字"))
    marks = half_width_marks(text)
    if marks:
        found.append((WARNING, "halfwidth-punct",
                      " 在中文之间用了半角标点 " + " ".join(f"'{m}'" for m in marks)
                      + "；请改用全角 " + " ".join(f"'{FULL_WIDTH[m]}'" for m in marks)))
    return found


def check_text(report: Report, entry: Located) -> None:
    for loc, text in strings(entry.record):
        found = findings(text)
        if not found:
            continue  # the common case: no position or field name needed
        line, col = entry.where(*loc)
        name = dotted(entry.base + loc)
        for level, code, message in found:
            report.add(entry.path, line, col, level, code, f"{name}{message}")


def check_all(records: Records, report: Report) -> None:
    groups = [records.areas, records.types, records.causes, records.countermeasures,
              records.sources, records.terms, records.problems]
    for group in groups:
        for entry in group:
            check_text(report, entry)
    if records.meta:
        check_text(report, records.meta)
