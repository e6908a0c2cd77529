"""Safe YAML loading that keeps a (line, column) for every key and value.

PyYAML's composer gives us a node tree with marks; we walk it ourselves instead of constructing
objects, so that we can reject duplicate keys, unknown tags and alias bombs, and remember where
every value came from. Positions are keyed by path tuples such as ("sources", 1, "items", 0),
which is also the shape of pydantic's error locations.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from kb.core.diagnostics import Report, dotted

MAX_FILE_BYTES = 8 * 1024 * 1024  # a glossary of 5,000 terms is about 1.5 MB
MAX_DEPTH = 20
MAX_SYNTAX_ERRORS = 5  # per file: after that, later ones are mostly echoes of the first

# Tags a catalogue file may carry: the YAML core schema, nothing that constructs objects.
SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}

STR_TAG = "tag:yaml.org,2002:str"

Path_ = tuple  # a path into the document: keys and list indexes

SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"

_C_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LeanResolverLoader(_C_LOADER):
    """The safe loader with its resolver cut to what the safe schema uses. PyYAML calls the
    resolver in Python for every node; without path or wildcard resolvers, which the safe
    schema has none of, a scalar needs one dict lookup (an eighth of parsing time)."""

    _implicit = _C_LOADER.yaml_implicit_resolvers

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._implicit.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


_SCHEMA_IS_PLAIN = not _C_LOADER.yaml_path_resolvers and None not in _C_LOADER.yaml_implicit_resolvers
FAST_LOADER = _LeanResolverLoader if _SCHEMA_IS_PLAIN else _C_LOADER


@dataclass(frozen=True)
class Unread:
    """A part of a file that could not be read because of a syntax error in it: a top-level key
    (path (key,), or (None,) when not even the key can be made out) or one item of a list under
    a top-level key (path (key, index); the data holds None in its place, so later items keep
    their index). Lines are 1-based and inclusive."""

    path: Path_
    first_line: int
    last_line: int
    col: int = 1  # where the part begins: its key, or its list item's "-"

    def covers(self, loc: Path_, missing: bool = False) -> bool:
        """Whether a finding at loc may be caused by this part being unread: anything inside it,
        and a required field reported missing where the part may have held it."""
        if self.path[-1] is None:
            return missing and tuple(loc[:-1]) == self.path[:-1]
        return tuple(loc[:len(self.path)]) == self.path


@dataclass
class Document:
    """One loaded YAML file: its data, and where each part of it stands in the file.

    Positions are only needed for messages, and most files have none, so they are found on
    first use by walking the file's node tree again (the text is kept for that)."""

    path: str
    data: Any = None
    text: str = ""
    # Every string value, in file order; set only when the file was parsed (not read from cache).
    strings: list[str] | None = field(default=None, repr=False)
    # Parts left unread after a syntax error (see _recover); then data and text are what was read.
    unread: list[Unread] = field(default_factory=list)
    _positions: dict[Path_, tuple[int, int]] | None = field(default=None, repr=False)
    _key_positions: dict[Path_, tuple[int, int]] | None = field(default=None, repr=False)

    def _index(self) -> None:
        self._positions, self._key_positions = {}, {}
        if self.text:
            _record_positions(_compose(self.text), (), self._positions, self._key_positions, set())

    def where(self, loc: Path_) -> tuple[int, int]:
        """The position of the value at loc, or of its nearest ancestor that has one."""
        if self._positions is None:
            self._index()
        loc = tuple(loc)
        while loc:
            if loc in self._positions:
                return self._positions[loc]
            loc = loc[:-1]
        return self._positions.get((), (1, 1))

    def where_key(self, loc: Path_) -> tuple[int, int]:
        """The position of the key that holds loc (falls back to the value's position)."""
        if self._key_positions is None:
            self._index()
        return self._key_positions.get(tuple(loc)) or self.where(loc)


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _record_positions(node, path: Path_, positions: dict, key_positions: dict, ancestors: set) -> None:
    """The same paths as _Walker.walk builds (first of duplicate keys, scalar keys only)."""
    positions[path] = _mark(node)
    if id(node) in ancestors:  # an alias cycle; the walker has reported it already
        return
    if isinstance(node, yaml.MappingNode):
        ancestors.add(id(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key_path = path + (key_node.value,)
            if key_path not in key_positions:
                key_positions[key_path] = _mark(key_node)
                _record_positions(value_node, key_path, positions, key_positions, ancestors)
        ancestors.discard(id(node))
    elif isinstance(node, yaml.SequenceNode):
        ancestors.add(id(node))
        for i, item in enumerate(node.value):
            _record_positions(item, path + (i,), positions, key_positions, ancestors)
        ancestors.discard(id(node))


def _compose(text: str):
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        # LibYAML is ~10× faster; the pure-Python parser words its errors better.
        return yaml.compose(text, Loader=yaml.SafeLoader)


class _Walker:
    def __init__(self, doc: Document, report: Report, max_nodes: int, anchors: bool = True) -> None:
        self.doc = doc
        self.anchors = anchors  # without anchors there are no aliases, so no cycles to look for
        self.report = report
        self.nodes = 0
        self.max_nodes = max_nodes
        self._constructor: yaml.constructor.SafeConstructor | None = None  # for dates, numbers …
        self.strings: list[str] = []
        self._lines: list[str] | None = None  # the file's lines, split on first need

    def error(self, node, code: str, message: str) -> None:
        self.report.error(self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1,
                          code, message)

    def walk(self, node, path: Path_, depth: int, seen: tuple = ()) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _Abort(node, "yaml-too-large",
                         f"文件展开后的节点数超过了文件本身的字符数（{self.max_nodes}），只有别名炸弹会这样；"
                         f"请删去锚点 & 和别名 *，直接写出内容")
        if depth > MAX_DEPTH:
            raise _Abort(node, "yaml-too-deep", f"嵌套超过 {MAX_DEPTH} 层；目录文件不需要这么深的结构")
        if self.anchors:
            if id(node) in seen:
                raise _Abort(node, "yaml-alias", "别名指向自身，形成了循环；请删去锚点 & 和别名 *")
            seen += (id(node),)
        if node.tag not in SAFE_TAGS:
            self.error(node, "yaml-tag", f"不允许的 YAML 标签 {node.tag!r}；目录文件只能写普通文本、数字、列表和映射")
            return None
        if node.tag == STR_TAG and isinstance(node, yaml.ScalarNode):
            self.strings.append(node.value)
            if not node.style and node.end_mark.line != node.start_mark.line:
                self._check_joined(node)
            return node.value  # most values: what the constructor would return, without the call
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.error(key_node, "yaml-key", "键必须是简单文本")
                    continue
                key = key_node.value
                if key in first_line:
                    self.error(key_node, "duplicate-key",
                               f"键 '{key}' 在同一映射中重复出现（第一次在第 {first_line[key]} 行）；"
                               f"YAML 只会保留最后一个，请合并或删去其中一个")
                    continue
                first_line[key] = key_node.start_mark.line + 1
                result[key] = self._child(value_node, path, key, depth, seen)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._child(item, path, i, depth, seen) for i, item in enumerate(node.value)]
        try:
            if self._constructor is None:
                self._constructor = yaml.constructor.SafeConstructor()
            return self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            # e.g. 2026-13-45 looks like a date to YAML but is none; quote it if it is text.
            self.error(node, "yaml-value", f"无法读取值 '{node.value}'：{exc}；如果它是文本，请加引号")
            return None

    def _child(self, node, path: Path_, step, depth: int, seen: tuple) -> Any:
        # A plain text below the depth limit is most of every file: take it here, without the
        # checks walk makes (a text cannot be its own ancestor) or building its path.
        if node.tag == STR_TAG and depth < MAX_DEPTH and type(node) is yaml.ScalarNode:
            self.nodes += 1
            if self.nodes > self.max_nodes:
                return self.walk(node, path + (step,), depth + 1, seen)  # raises the abort
            self.strings.append(node.value)
            if not node.style and node.end_mark.line != node.start_mark.line:
                self._check_joined(node)
            return node.value
        return self.walk(node, path + (step,), depth + 1, seen)

    def _check_joined(self, node) -> None:
        """A plain text over several lines whose later line starts with "- ": a list item
        indented too far, which YAML silently folds into the item before it."""
        if self._lines is None:
            self._lines = self.doc.text.split("\n")
        for n in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(self._lines))):
            line = self._lines[n]
            item = line.lstrip(" ")
            if item.startswith("- ") or item == "-":
                at = node.value.find(" " + item.strip()[:6])
                joined = node.value[max(0, at - 8):at + 12] if at >= 0 else item.strip()[:12]
                self.report.error(self.doc.path, n + 1, len(line) - len(item) + 1, "joined-item",
                                  f"这一行以“- ”开头，但比上一项多缩进了，YAML 把它并进了上一项"
                                  f"（成了“…{joined}…”）；如果它是新的一项，请让“-”与上一项的“-”左对齐")
                return


class _Abort(Exception):
    def __init__(self, node, code, message):
        super().__init__(message)
        self.node, self.code, self.message = node, code, message


def _decode(raw: bytes, path: str, report: Report) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        report.error(path, line, col, "encoding",
                     f"文件不是 UTF-8 编码（第 {exc.start} 字节处是 0x{raw[exc.start]:02x}）；"
                     f"请用 UTF-8 另存此文件")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_text(text: str, path: str, report: Report, recover: bool = False) -> Document | None:
    """Parse text as one YAML document; report problems and return None if it cannot be used.
    recover: after a syntax error, return what can still be read (Document.unread says what not)
    instead of None, so that the rest of the file is checked in the same run."""
    doc = Document(path, text=text)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        _syntax_errors(text, exc, path, report)
        recovered = _recover(text) if recover else None
        if recovered is None:
            return None
        doc.text, doc.unread = recovered
        node = _compose(doc.text)
        _report_unread(path, doc.unread, report)
    except yaml.reader.ReaderError as exc:
        before = text[:exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        report.error(path, line, col, "bad-character",
                     f"含有 YAML 不允许的控制字符 U+{ord(exc.character) if isinstance(exc.character, str) else exc.character:04X}；"
                     f"请删去它（常见于从网页或 Word 复制来的文字）")
        return None
    except yaml.YAMLError as exc:
        report.error(path, 1, 1, "yaml-syntax", f"YAML 语法错误：{exc}")
        return None
    if node is None:
        report.error(path, 1, 1, "empty-file", "文件是空的；请按模板填写内容，或删去此文件")
        return None
    # Without aliases a file cannot hold more nodes than characters; with them it can explode.
    walker = _Walker(doc, report, max_nodes=len(text) + 100, anchors="&" in text)
    try:
        doc.data = walker.walk(node, (), 0)
        doc.strings = walker.strings
    except _Abort as abort:
        walker.error(abort.node, abort.code, abort.message)
        return None
    return doc


# PyYAML's wording of the common mistakes → what a maintainer reads. Matched against the
# problem, then the context; the first match wins.
_SYNTAX_MESSAGES = [
    ("found character '\\t'", "用了制表符（Tab）缩进；请改用空格缩进"),
    ("found a tab character", "用了制表符（Tab）缩进；请改用空格缩进"),
    ("could not find expected ':'", "这一行缺少半角冒号“: ”：键和值之间要用半角冒号加空格；上一行的引号没有闭合时也会这样"),
    ("found unexpected end of stream", "引号没有闭合：直到文件结尾都没有找到配对的引号"),
    ("mapping values are not allowed here", "这里不能出现“: ”：多半是缩进不对（同一层的键要左对齐），"
                                           "或者值里含有“: ”，那就请给整个值加引号"),
    ("did not find expected key", "缩进不对：同一层的键要左对齐"),
    ("did not find expected '-' indicator", "列表项的缩进不对：同一列表的“-”要左对齐"),
    ("but found '<block sequence start>'", "列表项的缩进不对：同一列表的“-”要左对齐"),
    ("but found '<block mapping start>'", "缩进不对：同一层的键要左对齐"),
    ("expected ',' or ']'", "方括号列表没有闭合，或者列表项之间没有用半角逗号“,”分隔"),
    ("expected ',' or '}'", "花括号没有闭合，或者各项之间没有用半角逗号“,”分隔"),
    ("expected the node content", "这里缺少内容：例如列表里连着两个逗号，或者“-”后面什么也没写"),
    ("found undefined alias", "别名 * 指向不存在的锚点；以 * 开头的文本请加引号"),
    ("while scanning an alias", "以“*”开头的值会被当成别名；请给整个值加引号"),
    ("while scanning an anchor", "以“&”开头的值会被当成锚点；请给整个值加引号"),
    ("found unknown escape character", "双引号里的反斜杠“\\”后面跟了不认识的字符；要写反斜杠本身请写成“\\\\”，"
                                       "或者改用单引号"),
    ("that cannot start any token", "值不能以“{char}”开头；请给整个值加引号"),
]
# A key typed with a Chinese input method: "title：…" instead of "title: …".
_FULL_WIDTH_KEY = re.compile(r"^([ \t]*(?:-[ \t]+)?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*：", re.M)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem, context = exc.problem or "", exc.context or ""
    for wording, message in _SYNTAX_MESSAGES:
        if wording in problem or wording in context:
            char = re.search(r"found character '(.+?)'", problem)
            return "YAML 语法错误：" + message.replace("{char}", char.group(1) if char else "这个字符")
    return f"YAML 语法错误：{problem}" + (f"（{context}）" if context else "")


def _full_width_key(text: str, lines: set[int]) -> tuple[int, int, str] | None:
    """(line, column of the colon, key) of a key followed by a full-width colon on one of lines."""
    for m in _FULL_WIDTH_KEY.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if line in lines:
            return line, m.end() - (text.rfind("\n", 0, m.start()) + 1), m.group(2)
    return None


def _syntax_errors(text: str, exc: yaml.MarkedYAMLError, path: str, report: Report) -> None:
    """Report a syntax error, then look for the next one: the line at fault is blanked and the
    file parsed again, so that one mistake does not hide another (up to MAX_SYNTAX_ERRORS)."""
    lines = text.split("\n")
    for _ in range(MAX_SYNTAX_ERRORS):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # PyYAML notices a full-width colon on the line after it, or where the key began.
        suspects = {line, line - 1} | ({exc.context_mark.line + 1} if exc.context_mark else set())
        fault = _full_width_key(text, suspects)
        if fault:
            line, col, key = fault
            report.error(path, line, col, "full-width-punct",
                         f"键 '{key}' 后面是全角冒号“：”（中文输入法打出的）；YAML 只认半角冒号，"
                         f"请改成 '{key}: '")
        else:
            report.error(path, line, col, "yaml-syntax", _syntax_message(exc))
        if line > len(lines) or not lines[line - 1].strip():
            return  # the error is at the end of the file (or on nothing): nothing further to read
        # Blank from where the construct at fault began (an unclosed [ or quote) to the error.
        start = exc.context_mark.line + 1 if exc.context_mark and exc.context_mark.line + 1 <= line else line
        for n in range(start, line + 1):
            lines[n - 1] = ""
        text = "\n".join(lines)
        try:
            _compose(text)
            return
        except yaml.MarkedYAMLError as nxt:
            nxt_mark = nxt.problem_mark or nxt.context_mark
            if nxt_mark is None or nxt_mark.line + 1 <= line:
                return  # no further error, or the same one again: stop rather than guess
            exc = nxt
        except yaml.YAMLError:
            return


# A top-level key as its line begins (the colon may be the full-width one a Chinese input method types).
_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*[:：]")
_EMPTY_VALUE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*[ \t]*:[ \t]*(#.*)?$")
_ITEM = re.compile(r"( *)-( |$)")


def _parses(text: str) -> bool:
    try:
        return _compose(text) is not None
    except yaml.YAMLError:
        return False


def _significant(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _recover(text: str) -> tuple[str, list[Unread]] | None:
    """The readable parts of a file with a syntax error: (its text with the unreadable parts
    blanked, the parts left unread), or None when nothing can be told apart.

    A catalogue file is a mapping of top-level keys; a list file's one key holds a list of
    records. Each top-level key, and each item of a list under one, is parsed on its own; the
    ones that fail are blanked (an unread list item becomes a null item, so that the items after
    it keep their index). Lines are never added or removed, so every position stays the file's own."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line[:1] not in ("", " ", "\t", "#", "-")]
    if not starts or any(_significant(line) and line.strip() not in ("---",) for line in lines[:starts[0]]):
        return None
    unread: list[Unread] = []
    for s, e in zip(starts, starts[1:] + [len(lines)]):
        while e - 1 > s and not _significant(lines[e - 1]):
            e -= 1  # trailing blank lines and comments belong to no part
        if _parses("\n".join(lines[s:e])):
            continue
        key = _TOP_KEY.match(lines[s])
        name = key.group(1) if key else None
        if name and _EMPTY_VALUE.match(lines[s]) and _recover_items(lines, s, e, name, unread):
            continue
        unread.append(Unread((name,), s + 1, e))
        lines[s:e] = [""] * (e - s)
    readable = "\n".join(lines)
    if not unread or not any(map(_significant, lines)) or not _parses(readable):
        return None
    return readable, unread


def _recover_items(lines: list[str], s: int, e: int, key: str, unread: list[Unread]) -> bool:
    """Read the list under the top-level key on line s item by item, blanking the items that do
    not parse; False (and nothing changed) when the key holds no block list or blanking fails."""
    first = next((i for i in range(s + 1, e) if _significant(lines[i])), None)
    head = _ITEM.match(lines[first]) if first is not None else None
    if head is None:
        return False
    indent = head.group(1)
    items = [i for i in range(first, e) if _ITEM.match(lines[i]) and len(_ITEM.match(lines[i]).group(1)) == len(indent)]
    original = lines[s:e]
    found: list[Unread] = []
    for n, (a, b) in enumerate(zip(items, items[1:] + [e])):
        while b - 1 > a and not _significant(lines[b - 1]):
            b -= 1
        if _parses(lines[s] + "\n" + "\n".join(lines[a:b])):
            continue
        found.append(Unread((key, n), a + 1, b, len(indent) + 1))
        lines[a:b] = [indent + "- ~"] + [""] * (b - a - 1)
    if not found or not _parses("\n".join(lines[s:e])):
        lines[s:e] = original
        return False
    unread.extend(found)
    return True


def _report_unread(path: str, unread: list[Unread], report: Report) -> None:
    def span(u: Unread) -> str:
        lines = f"第 {u.first_line} 行" if u.first_line == u.last_line else f"第 {u.first_line}–{u.last_line} 行"
        return lines + (f"（{dotted(u.path)}）" if u.path[-1] is not None else "")
    spans = "、".join(map(span, unread))
    report.warning(path, unread[0].first_line, unread[0].col, "partly-read",
                   f"因为语法错误，这个文件只读出了一部分：{spans}无法读取，其余部分已照常检查；"
                   f"与无法读取部分有关的检查（必填字段、编号是否存在等）这次没有做。改正语法错误后请再检查一次")


_NOT_REGULAR = [(stat.S_ISDIR, "文件夹"), (stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"),
                (stat.S_ISBLK, "块设备"), (stat.S_ISSOCK, "套接字")]


def read_source(path: Path, report: Report, shown: str) -> tuple[bytes, str] | None:
    """A file's bytes and its text (BOM dropped, line ends made \\n), or None after reporting why not.

    Only a regular file is read, and it is judged before a byte is read: a symlink could point
    out of the repository (or at /dev/zero), a FIFO would block forever, a device never ends."""
    try:
        # O_NOFOLLOW: a symlink is refused, not followed; O_NONBLOCK: opening a FIFO returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            report.error(shown, 1, 1, "not-regular-file",
                         "是符号链接，不是普通文件；目录只读取目录文件夹里的普通文件，请用文件本身替换这个链接")
        else:
            report.error(shown, 1, 1, "unreadable", f"无法读取文件：{exc.strerror}")
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), "特殊文件")
            report.error(shown, 1, 1, "not-regular-file",
                         f"是{what}，不是普通文件；目录只读取普通的 YAML 文件，请删去它或换成普通文件")
            return None
        if info.st_size > MAX_FILE_BYTES:
            report.error(shown, 1, 1, "file-too-large",
                         f"文件有 {info.st_size} 字节，超过上限 {MAX_FILE_BYTES} 字节；请拆分内容")
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        report.error(shown, 1, 1, "unreadable", f"无法读取文件：{exc.strerror}")
        return None
    finally:
        os.close(fd)
    text = _decode(raw, shown, report)
    return None if text is None else (raw, text)


def parse_checked(text: str, shown: str, report: Report,
                  inspect: Callable[[Document, Report], None] | None) -> Document | None:
    doc = load_text(text, shown, report, recover=True)
    if doc is not None and inspect is not None:
        inspect(doc, report)
    return doc
