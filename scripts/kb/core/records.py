"""Read the catalogue folder into validated records, each remembering where it came from.

Each record is validated on its own, so one bad entry does not hide the others, and a pydantic
error becomes a diagnostic with the file, line and column of the field and a message in Chinese.
"""
from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from kb.core import schema
from kb.core.kinds import KIND_LABELS
from kb.core.batch_load import load_files
from kb.core.diagnostics import Report, dotted
from kb.core.loader import Document
from kb.core.parse_cache import ParseCache
from kb.core.textcheck import check_document

T = TypeVar("T", bound=BaseModel)


@dataclass
class Located(Generic[T]):
    """A validated record and the place in a file it was read from."""

    record: T
    doc: Document
    base: tuple = ()

    @property
    def path(self) -> str:
        return self.doc.path

    def where(self, *loc) -> tuple[int, int]:
        return self.doc.where(self.base + tuple(loc))

    def where_key(self, *loc) -> tuple[int, int]:
        return self.doc.where_key(self.base + tuple(loc))


@dataclass
class Records:
    """Everything read from the catalogue folder that passed schema validation."""

    meta: Located[schema.Meta] | None = None
    areas: list[Located[schema.Area]] = field(default_factory=list)
    types: list[Located[schema.ManifestationType]] = field(default_factory=list)
    families: list[Located[schema.Family]] = field(default_factory=list)
    causes: list[Located[schema.Cause]] = field(default_factory=list)
    countermeasures: list[Located[schema.Countermeasure]] = field(default_factory=list)
    sources: list[Located[schema.Source]] = field(default_factory=list)
    terms: list[Located[schema.Term]] = field(default_factory=list)
    problems: list[Located[schema.Problem | schema.RetiredProblem]] = field(default_factory=list)
    # kind → ids of entries that exist but failed schema validation
    broken_ids: dict[str, set[str]] = field(default_factory=dict)
    # kinds whose entries were read only in part (a syntax error left some unread, or the whole
    # file): any id of these kinds may exist unseen, and usage of entries may be unseen.
    partly_read: set[str] = field(default_factory=set)

    def mark_broken(self, kind: str, data: Any, rid: str | None = None) -> None:
        """rid: the id to count when data does not say (a problem file's name)."""
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            rid = data["id"]
        self.broken_ids.setdefault(kind, set())
        if rid:
            self.broken_ids[kind].add(rid)


# ---------------------------------------------------------------------------------------------
# pydantic errors → diagnostics

_TYPE_NAMES = {
    "string_type": "文本", "list_type": "列表", "model_type": "映射（键: 值）",
    "dict_type": "映射（键: 值）", "model_attributes_type": "映射（键: 值）",
    "date_type": "日期（YYYY-MM-DD）", "date_parsing": "日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "日期（YYYY-MM-DD）", "date_from_datetime_inexact": "日期（YYYY-MM-DD）",
    "int_type": "整数", "int_parsing": "整数", "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
}

# pattern → (what a reader calls the kind, the format in words), for messages about bad ids
_ID_KINDS = {pattern: (KIND_LABELS[kind], form) for kind, (pattern, form) in schema.ID_FORMATS.items()}


def describe(value: Any) -> str:
    """How a found value is named in a message."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "…"
        return f"文本 '{shown}'"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return type(value).__name__


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at loc inside model (for "did you mean")."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", ())
    for candidate in (annotation, *args):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        inner = getattr(candidate, "__args__", ())
        for arg in inner:
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def suggest(name: str, choices, cutoff: float = 0.6) -> str:
    """'；是否想写 'X' 或 'Y'？' for the nearest choices, or '' when none is near."""
    close = sorted(difflib.get_close_matches(name, list(choices), n=2, cutoff=cutoff))
    if close:
        return "；是否想写 " + " 或 ".join(f"'{c}'" for c in close) + "？"
    return ""


def report_validation_error(exc: ValidationError, model: type[BaseModel], doc: Document,
                            base: tuple, report: Report) -> None:
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        full = base + loc
        if any(part.covers(full, err["type"] == "missing") for part in doc.unread):
            continue  # about a part a syntax error left unread: it may be there, and right
        name = dotted(full) or "文件"
        kind = err["type"]
        found = err.get("input")
        ctx = err.get("ctx") or {}
        line, col = doc.where(full)
        if kind == "string_unicode":
            continue  # a lone surrogate: the text checks name it and its place (control-char)
        if kind == "missing":
            line, col = doc.where(full[:-1])
            code, msg = "missing-field", f"缺少必填字段 '{name}'"
            desc = _description(model, loc)
            if desc:
                msg += f"（{desc}）"
        elif kind == "extra_forbidden":
            line, col = doc.where_key(full)
            allowed = _field_names(model, loc[:-1])
            code = "unknown-field"
            msg = f"未知字段 '{name}'" + (suggest(str(loc[-1]), allowed)
                                         or f"；允许的字段：{', '.join(allowed)}")
        elif kind in _TYPE_NAMES and loc[-1:] == ("year",):
            code, msg = "wrong-type", f"'{name}' 应为四位数的年份，如 2018（不加引号），实际是{describe(found)}"
        elif kind in _TYPE_NAMES:
            code, msg = "wrong-type", f"'{name}' 应为{_TYPE_NAMES[kind]}，实际是{describe(found)}"
        elif kind == "string_too_short":
            code, msg = "empty", f"'{name}' 不能为空；请填写内容，或删去这个字段"
        elif kind == "too_short":
            n = len(found) if isinstance(found, list) else 0
            code = "empty" if n == 0 else "too-few"
            msg = f"'{name}' 至少要有 {ctx.get('min_length')} 项，现在有 {n} 项"
            if loc[-1:] == ("examples",):
                msg += "；请补写场景不同的示例情形（乡镇、县直部门、服务窗口、涉企部门……）"
        elif kind == "too_long":
            code = "too-many"
            msg = f"'{name}' 最多 {ctx.get('max_length')} 项，现在有 {ctx.get('actual_length')} 项"
        elif kind == "greater_than_equal" and loc[-1:] == ("year",):
            code = "bad-value"
            msg = f"'{name}' 的值 {describe(found)} 不是合理的年份；应为 {ctx.get('ge')} 年到今年之间的四位数"
        elif kind == "greater_than_equal":
            code = "bad-value"
            msg = f"'{name}' 的值 {describe(found)} 太小；应不小于 {ctx.get('ge')}"
        elif kind == "year_in_future":
            code = "bad-value"
            msg = f"'{name}' 的年份 {found} 晚于今年；请写文件实际发布的年份"
        elif kind == "string_too_long":
            code = "too-long"
            msg = f"'{name}' 太长：最多 {ctx.get('max_length')} 个字，现在有 {len(found)} 个字；请写得更简短"
        elif kind == "string_pattern_mismatch":
            label, form = _ID_KINDS.get(ctx.get("pattern"), ("", ctx.get("pattern")))
            code = "bad-id"
            msg = f"'{name}' 的值 '{found}' 不是有效的{label}编号；格式应为 {form}" + _typed_in_chinese(found)
        elif kind == "literal_error":
            expected = ctx.get("expected")
            if name == "status" and expected == "'active'":  # a retired problem has its own record shape
                expected += "（停用的问题写 status: retired 并加 replaced_by）"
            code, msg = "bad-value", f"'{name}' 的值（{describe(found)}）不在允许范围内；应为 {expected}"
        else:
            code, msg = "bad-value", f"'{name}'：{err['msg']}"
        report.error(doc.path, line, col, code, msg)


# Characters a Chinese input method types in place of the ASCII ones a YAML file needs.
_FULL_WIDTH_MARKS = {"，": ("全角逗号", ","), "：": ("全角冒号", ":"), "；": ("全角分号", ";"),
                     "（": ("全角括号", "("), "）": ("全角括号", ")"), "［": ("全角方括号", "["),
                     "］": ("全角方括号", "]"), "　": ("全角空格", " ")}


def _typed_in_chinese(value) -> str:
    """'；其中 '，' 是全角逗号……' naming the first full-width or non-ASCII digit in value."""
    if not isinstance(value, str):
        return ""
    for ch in value:
        if ch in _FULL_WIDTH_MARKS:
            what, ascii_ch = _FULL_WIDTH_MARKS[ch]
            hint = "；列表的各项之间要用半角逗号加空格 ', '" if ch == "，" else ""
            return f"。其中 '{ch}' 是{what}（中文输入法打出的），请改用半角 '{ascii_ch}'{hint}"
        if ch.isdigit() and not ch.isascii():
            what = "全角数字" if "\uff10" <= ch <= "\uff19" else "非半角数字"
            return f"。其中 '{ch}' 是{what}，请改用半角数字 '{unicodedata.digit(ch)}'"
    return ""


def _description(model: type[BaseModel], loc: tuple) -> str:
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return ""
        current = _inner_model(info.annotation)
    return (info.description or "").rstrip("。") if info else ""


def validate_record(model: type[T], data: Any, doc: Document, base: tuple,
                    report: Report) -> Located[T] | None:
    try:
        return Located(model.model_validate(data), doc, base)
    except ValidationError as exc:
        report_validation_error(exc, model, doc, base, report)
        return None


# ---------------------------------------------------------------------------------------------
# reading the folder

def _read_list_file(doc: Document, file_model: type[BaseModel], report: Report,
                    records: Records) -> list[Located]:
    """Validate a file of the shape {key: [records]} record by record."""
    (key, info), = file_model.model_fields.items()
    item_model = _inner_model(info.annotation)
    data = doc.data
    if any(part.path[:1] in ((key,), (None,)) for part in doc.unread):
        records.partly_read.add(key)  # some of its entries may be in the part left unread
    if not isinstance(data, dict):
        report.error(doc.path, *doc.where(()), "wrong-type",
                     f"文件顶层应为映射（{key}: 后接列表），实际是{describe(data)}")
        return []
    for extra in sorted(set(data) - {key}):
        report.error(doc.path, *doc.where_key((extra,)), "unknown-field",
                     f"未知字段 '{extra}'" + (suggest(extra, [key]) or f"；这个文件只有字段 '{key}'"))
    if key not in data:
        if key not in records.partly_read:  # else it may be the part a syntax error left unread
            report.error(doc.path, *doc.where(()), "missing-field", f"缺少必填字段 '{key}'")
        return []
    items = data[key]
    if not isinstance(items, list):
        report.error(doc.path, *doc.where((key,)), "wrong-type",
                     f"'{key}' 应为列表，实际是{describe(items)}")
        return []
    if not items:
        report.error(doc.path, *doc.where((key,)), "empty", f"'{key}' 至少要有 1 项，现在有 0 项")
    unread = {part.path for part in doc.unread}
    out = []
    for i, item in enumerate(items):
        if (key, i) in unread:
            continue  # left unread by a syntax error: a null stands in its place
        located = validate_record(item_model, item, doc, (key, i), report)
        if located:
            out.append(located)
        else:
            records.mark_broken(key, item)
    return out


def _read_problem(doc: Document, report: Report) -> Located | None:
    data = doc.data
    if not isinstance(data, dict):
        report.error(doc.path, *doc.where(()), "wrong-type",
                     f"问题文件顶层应为映射（id: …、title: … 等字段），实际是{describe(data)}")
        return None
    model = schema.RetiredProblem if data.get("status") == "retired" else schema.Problem
    return validate_record(model, data, doc, (), report)


def display_path(path: Path) -> str:
    """A path as a maintainer types it: relative to the working directory when possible."""
    try:
        # The parent is resolved, not the path: a symlink is shown by its own name.
        return str((path.absolute().parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_records(root: Path, report: Report, cache: ParseCache | None = None) -> Records:
    """Load and schema-validate every catalogue file under root."""
    records = Records()
    if not root.is_dir():
        report.error(str(root), 1, 1, "no-catalogue", f"找不到目录文件夹 '{root}'")
        return records
    singles = []  # (schema of the file, path, path as shown)
    for name, file_model in schema.SINGLE_FILES.items():
        path = root / name
        if os.path.lexists(path):  # a dangling symlink is refused by name, not reported missing
            singles.append((file_model, path, display_path(path)))
        else:
            report.error(display_path(path), 1, 1, "missing-file", f"缺少文件 {name}")
    _report_skipped(root, display_path(root), report)
    problem_dir = root / "problems"
    shown_dir = display_path(problem_dir)  # once: resolving every file's path costs more than parsing it
    problem_files = [(problem_dir / name, os.path.join(shown_dir, name))
                     for name in _yaml_files(problem_dir, shown_dir, report)]
    docs = load_files([(path, shown) for _, path, shown in singles] + problem_files,
                      report, cache, check_document)
    for file_model, _, _ in singles:
        doc = next(docs)
        if doc is not None:
            _read_single_file(doc, file_model, report, records)
        elif file_model is not schema.Meta:  # unreadable: none of its ids can be told missing
            records.partly_read.update(file_model.model_fields)
    for doc, (path, _) in zip(docs, problem_files):  # the problems, validated as they are parsed
        located = _read_problem(doc, report) if doc is not None else None
        if doc is not None and doc.unread:
            records.partly_read.add("problems")  # what it uses may be in the part left unread
        # A problem's id is also its file's name: an unreadable file's id still exists.
        stem = path.stem if re.fullmatch(schema.ID_FORMATS["problem"][0], path.stem) else None
        if located:
            records.problems.append(located)
        else:
            records.mark_broken("problems", doc.data if doc else None, stem)
    if cache is not None:
        cache.save()
    return records


def _yaml_files(folder: Path, shown: str, report: Report) -> list[str]:
    """Names of the YAML files in folder, sorted. Whatever their type: reading refuses anything
    but a regular file by name. Names that look meant to be read but would not be are reported."""
    if folder.is_symlink():
        report.error(shown, 1, 1, "not-regular-file",
                     "problems 是符号链接，不是文件夹；目录只读取目录文件夹里的文件，请换成真正的文件夹")
        return []
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries)
    except OSError:  # no such folder
        return []
    for name in names:
        if name.endswith(YAML_SUFFIXES) or name.startswith("."):
            continue
        hint = _skipped_hint(name)
        if hint:
            report.error(os.path.join(shown, name), 1, 1, "skipped-file", f"这个文件不会被读取：{hint}")
    return [name for name in names if name.endswith(YAML_SUFFIXES)]


YAML_SUFFIXES = (".yaml", ".yml")
# Files of the catalogue folder that are read elsewhere, or are not catalogue files at all.
_OTHER_FILES = {"schema.json"}


def _report_skipped(root: Path, shown: str, report: Report) -> None:
    """Files beside meta.yaml, areas.yaml … whose names look meant to be read but would not be."""
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return
    for name in names:
        if name in schema.SINGLE_FILES or name in _OTHER_FILES or name.startswith("."):
            continue
        hint = _skipped_hint(name, known=schema.SINGLE_FILES)
        if hint:
            report.error(os.path.join(shown, name), 1, 1, "skipped-file", f"这个文件不会被读取：{hint}")


def _skipped_hint(name: str, known=()) -> str:
    """Why a name that looks like a catalogue file would be skipped, and the fix ('' if not).
    known: the only names read in that folder (the top folder's list files); empty for problems/."""
    stem, ext = os.path.splitext(name.strip())
    if ext.lower() not in (*YAML_SUFFIXES, ".json"):
        return ""
    fixed = stem.strip() + ".yaml"
    if known and fixed.lower() in {k.lower() for k in known}:
        fixed = next(k for k in known if k.lower() == fixed.lower())
    if name != name.strip():
        return f"文件名首尾有空格；请改名为 '{fixed}'"
    if ext.lower() == ".json":
        return f"目录只读取 YAML 文件；请改写为 YAML 并改名为 '{fixed}'"
    if ext != ext.lower():
        return f"扩展名必须是小写的 .yaml；请改名为 '{fixed}'"
    if known and re.fullmatch(schema.ID_FORMATS["problem"][0], stem.strip()):
        return f"问题文件要放在 problems 文件夹里；请移到 problems/{fixed}"
    if known and fixed not in known:
        # A lower-case .yaml name that the catalogue does not know: a misspelt list file, most often.
        names = "、".join(known)
        return f"目录文件夹里只读取 {names}；新的问题放在 problems/ 里" + suggest(fixed, known, cutoff=0.5)
    return f"请改名为 '{fixed}'"


def _read_single_file(doc: Document, file_model: type[BaseModel], report: Report, records: Records) -> None:
    if file_model is schema.Meta:
        if isinstance(doc.data, dict):
            records.meta = validate_record(schema.Meta, doc.data, doc, (), report)
        else:
            report.error(doc.path, *doc.where(()), "wrong-type",
                         f"文件顶层应为映射（title: …、version: …、released: …），实际是{describe(doc.data)}")
    else:
        # The file's one field (areas, causes, …) is also the name of the Records list.
        (key,) = file_model.model_fields
        getattr(records, key).extend(_read_list_file(doc, file_model, report, records))
