"""Checks on every text field: plain text (never markup or script), simplified Chinese, full-width punctuation."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import BaseModel

from kb.core.chinese import FULL_WIDTH, half_width_marks, traditional_characters, traditional_chars
from kb.core.diagnostics import ERROR, WARNING, Report, dotted
from kb.core.loader import Document

RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]|&#?\w+;")
EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.I)
UNSAFE_URL = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.I)
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)", re.M)
MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)", re.M)
# Characters no catalogue text needs and that break or disguise it later. Control characters
# (C0 and C1 but tab and newline; YAML lets "\x01" escapes through) and lone surrogates (from
# "\ud800") cannot be written to a page or a file; bidi overrides reorder what a reviewer sees.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Invisible but sometimes legitimate (a zero-width joiner inside a pasted name): a warning.
ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")
_SPECIAL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff"


def _named(m: re.Match) -> str:
    return f"U+{ord(m.group()):04X}（第 {m.start() + 1} 个字符）"


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


@lru_cache(maxsize=1)
def _screen() -> re.Pattern:
    """Finds any character some check below needs (<, &, :, #, `, ~, half-width marks,
    traditional characters), so that the many texts without one skip the checks. Any character
    outside the BMP also matches: re tests a class of BMP characters in one table lookup, but
    one holding other characters member by member, 70 times slower."""
    chars = set("<&:#`~" + "".join(FULL_WIDTH)) | traditional_characters()
    bmp = "".join(sorted(c for c in chars if ord(c) < 0x10000))
    return re.compile(f"[{re.escape(bmp)}{_SPECIAL}\U00010000-\U0010FFFF]")


def _edge_space(text: str) -> bool:
    """White space at the start or end; a block scalar (|) ends in one newline by design."""
    body = text[:-1] if text.endswith("\n") else text
    return body[:1].isspace() or body[-1:].isspace()


def findings(text: str) -> list[tuple[str, str, str]]:
    """(level, code, message after the field's name) for everything wrong with one text."""
    if not _screen().search(text) and not _edge_space(text):
        return []
    found = []
    for pattern, (level, code, what) in ((CONTROL, (ERROR, "control-char", "控制字符或无效字符")),
                                         (BIDI, (ERROR, "bidi-control", "改变文字方向的控制字符")),
                                         (ZERO_WIDTH, (WARNING, "zero-width", "看不见的零宽字符"))):
        m = pattern.search(text)
        if m:
            found.append((level, code, f" 含有{what} {_named(m)}；它在页面上看不见，却会破坏或伪装文本，"
                                       f"请删去（常见于从网页、PDF 或聊天软件复制的文字）"))
    if RAW_HTML.search(text):
        found.append((ERROR, "raw-html", " 含有 HTML 标记或实体；目录只收纯文本，请删去尖括号中的标记"
                                           "（需要尖括号时请用全角 〈 〉）"))
    elif EVENT_HANDLER.search(text) and "<" in text:
        found.append((ERROR, "raw-html", " 含有事件处理属性；请删去"))
    if UNSAFE_URL.search(text):
        found.append((ERROR, "unsafe-url", " 含有 javascript:、vbscript: 或 data: 链接；目录文本不能带这类链接，请删去"))
    if MD_HEADING.search(text) or MD_FENCE.search(text):
        found.append((ERROR, "markdown-block", " 含有 Markdown 标题（#）或代码块（```）；字段里只能写正文，请删去这些符号"))
    if _edge_space(text):
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


def _data_strings(value, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string value inside parsed YAML, with its path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _data_strings(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _data_strings(item, loc + (i,))


def check_document(doc: Document, report: Report) -> None:
    """Every text of one parsed file. It depends on the file's bytes alone, so a file that
    passed once is not checked again while it is unchanged (see parse_cache)."""
    texts = doc.strings if doc.strings is not None else [text for _, text in _data_strings(doc.data)]
    if not _screen().search("\n".join(texts)) and not any(map(_edge_space, texts)):
        return  # most files: one regex pass over all their text finds nothing to check
    for loc, text in _data_strings(doc.data):
        found = findings(text)
        if not found:
            continue  # the common case: no position or field name needed
        line, col = doc.where(loc)
        name = dotted(loc)
        for level, code, message in found:
            report.add(doc.path, line, col, level, code, f"{name}{message}")
