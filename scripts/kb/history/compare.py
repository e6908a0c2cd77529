"""`kb diff`: what changed in the catalogue between two git revisions, entry by entry.

Reading and comparing return plain data (Snapshot, Diff); render() turns a Diff into Markdown for
a pull-request review comment. Git is only read: ls-tree and cat-file at a revision, rev-parse to
name it. Files are parsed with the catalogue's own safe loader (PyYAML's safe composer with the
same size and alias limits as kb validate), so a hostile file in a pull request cannot blow up.
"""
from __future__ import annotations

import datetime
import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kb.core import schema
from kb.core.diagnostics import Report
from kb.core.graph import id_order
from kb.core.loader import MAX_FILE_BYTES, load_text
from kb.core.kinds import KINDS
# Reading the catalogue at a revision or on disk lives in kb.history.git; these names stay part of
# this module's interface (the changelog and kb diff's tests use them through it).
from kb.history.git import (DiffError, blobs_at, files_at, files_on_disk, locate,  # noqa: F401
                            read_blobs, resolve_ref)

WORKTREE = None  # new_ref meaning "the files on disk"


@dataclass(frozen=True)
class Section:
    """One kind of entry, as the diff groups them."""

    key: str                # the list's name in its file; 'problems' and 'meta' for the others
    label: str
    file: str | None        # the file holding the list; None for problems (one file each)
    fields: tuple[str, ...]  # field order, from schema.py


def _fields(*models) -> tuple[str, ...]:
    names: list[str] = []
    for model in models:
        names += [n for n in model.model_fields if n not in names]
    return tuple(names)


LABELS = {**{kind.key: kind.label for kind in KINDS.values()}, "meta": "目录信息"}


def _sections() -> list[Section]:
    out = [Section("problems", LABELS["problems"], None, _fields(schema.Problem, schema.RetiredProblem))]
    for name, model in schema.SINGLE_FILES.items():
        if model is schema.Meta:
            continue
        (key, info), = model.model_fields.items()
        item = info.annotation.__args__[0]
        out.append(Section(key, LABELS[key], name, _fields(item)))
    out.append(Section("meta", LABELS["meta"], "meta.yaml", _fields(schema.Meta)))
    return out


SECTIONS = _sections()


# ---------------------------------------------------------------------------------------------
# parsing into entries

@dataclass
class SnapshotEntry:
    id: str
    data: dict
    path: str  # the file, relative to the repository


@dataclass
class Snapshot:
    """The catalogue at one revision: section key → id → entry."""

    entries: dict[str, dict[str, SnapshotEntry]] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # file (catalogue-relative) → why
    notes: list[str] = field(default_factory=list)


def _plain(value: Any, key: str | None = None) -> Any:
    """Data as it compares: dates as text, item refs as text (23 and '23' are one ref)."""
    if isinstance(value, dict):
        return {k: _plain(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, key) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if key in ("items", "ref") and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _parse(raw: bytes, shown: str) -> tuple[Any, str | None]:
    """(data, None) or (None, why it cannot be read)."""
    if len(raw) > MAX_FILE_BYTES:
        return None, f"文件超过 {MAX_FILE_BYTES} 字节"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "不是 UTF-8 编码"
    report = Report()
    doc = load_text(text.replace("\r\n", "\n").replace("\r", "\n"), shown, report)
    if doc is None:
        return None, report.sorted()[0].message if report.items else "无法读取"
    return _plain(doc.data), None


def snapshot(files: dict[str, bytes], rel: str) -> Snapshot:
    """Entries of every section from the catalogue files (catalogue-relative name → content)."""
    prefix = f"{rel}/" if rel else ""
    return snapshot_parsed({name: _parse(raw, prefix + name) for name, raw in files.items()}, rel)


def parse_blob(raw: bytes, shown: str) -> tuple[Any, str | None]:
    """A file's data as snapshots hold it, or (None, why it cannot be read)."""
    return _parse(raw, shown)


def snapshot_parsed(parsed: dict[str, tuple[Any, str | None]], rel: str) -> Snapshot:
    """A snapshot from files already parsed (catalogue-relative name → (data, why not)). The
    data is not copied: snapshots of commits that share a file share its data."""
    snap = Snapshot(entries={s.key: {} for s in SECTIONS})
    prefix = f"{rel}/" if rel else ""

    def add(section: str, rid: str, data: dict, shown: str) -> None:
        if rid in snap.entries[section]:
            first = snap.entries[section][rid].path
            snap.notes.append(f"{LABELS[section]}编号 `{rid}` 重复（`{first}` 和 `{shown}`），只比较了第一个")
            return
        snap.entries[section][rid] = SnapshotEntry(rid, data, shown)

    for name, (data, why) in sorted(parsed.items()):
        shown = prefix + name
        if why:
            snap.unreadable[name] = why
            continue
        if name.startswith("problems/"):
            if not isinstance(data, dict):
                snap.unreadable[name] = "顶层不是映射"
                continue
            rid = data.get("id")
            add("problems", rid if isinstance(rid, str) else PurePosixPath(name).stem, data, shown)
            continue
        section = next(s for s in SECTIONS if s.file == name and s.key != "problems")
        if section.key == "meta":
            if isinstance(data, dict):
                add("meta", "meta.yaml", data, shown)
            else:
                snap.unreadable[name] = "顶层不是映射"
            continue
        items = data.get(section.key) if isinstance(data, dict) else None
        if not isinstance(items, list):
            snap.unreadable[name] = f"顶层应为 {section.key}: 后接列表"
            continue
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                add(section.key, item["id"], item, shown)
            else:
                snap.notes.append(f"`{shown}` 中 {section.key}[{i}] 没有编号，没有比较")
    return snap


# ---------------------------------------------------------------------------------------------
# comparing

ADDED, CHANGED, RETIRED, REMOVED = "added", "changed", "retired", "removed"


@dataclass
class FieldChange:
    field: str
    old: Any  # None: the field is absent
    new: Any


@dataclass
class EntryChange:
    section: str
    id: str
    change: str           # ADDED, CHANGED, RETIRED or REMOVED
    title: str
    path: str             # the entry's file (the old one when removed)
    fields: list[FieldChange] = field(default_factory=list)
    replaced_by: str | None = None


@dataclass
class Diff:
    changes: list[EntryChange]
    notes: list[str]

    def count(self, change: str) -> int:
        return sum(c.change == change for c in self.changes)


def _title(data: dict) -> str:
    value = data.get("title", data.get("term", ""))
    return str(value) if value is not None else ""


def field_changes(section: Section, old: dict, new: dict) -> list[FieldChange]:
    """Fields whose value differs, in schema order, then any unknown fields by name."""
    extra = sorted((set(old) | set(new)) - set(section.fields))
    return [FieldChange(name, old.get(name), new.get(name))
            for name in (*section.fields, *extra)
            if name != "id" and old.get(name) != new.get(name)]


def compare(old: Snapshot, new: Snapshot) -> Diff:
    """Every entry added, changed, retired or removed between two snapshots."""
    changes: list[EntryChange] = []
    notes = [*old.notes, *new.notes]
    for label, snap in (("旧版本", old), ("新版本", new)):
        for name, why in sorted(snap.unreadable.items()):
            notes.append(f"{label}中的 `{name}` 无法读取（{why}），其中的条目没有比较")
    skipped = set(old.unreadable) | set(new.unreadable)
    skipped_problems = {PurePosixPath(n).stem for n in skipped if n.startswith("problems/")}
    for section in SECTIONS:
        if section.file in skipped:
            continue
        before, after = old.entries.get(section.key, {}), new.entries.get(section.key, {})
        for rid in sorted(set(before) | set(after), key=id_order):
            if section.key == "problems" and rid in skipped_problems:
                continue
            a, b = before.get(rid), after.get(rid)
            if a is None:
                changes.append(EntryChange(section.key, rid, ADDED, _title(b.data), b.path))
            elif b is None:
                changes.append(EntryChange(section.key, rid, REMOVED, _title(a.data), a.path))
            elif a.data.get("status") != "retired" and b.data.get("status") == "retired":
                changes.append(EntryChange(section.key, rid, RETIRED, _title(b.data), b.path,
                                           field_changes(section, a.data, b.data),
                                           replaced_by=b.data.get("replaced_by")))
            else:
                fields = field_changes(section, a.data, b.data)
                if fields:
                    changes.append(EntryChange(section.key, rid, CHANGED, _title(b.data), b.path, fields))
    return Diff(changes, notes)


def diff_refs(catalogue: Path, old_ref: str, new_ref: str | None) -> tuple[Diff, str, str]:
    """The diff between two revisions (new_ref None: the working tree) and their labels."""
    repo, rel = locate(catalogue)
    old_commit, old_short = resolve_ref(repo, old_ref)
    old = snapshot(files_at(repo, rel, old_commit), rel)
    if new_ref is WORKTREE:
        new, new_label = snapshot(files_on_disk(Path(catalogue)), rel), "工作区"
    else:
        new_commit, new_short = resolve_ref(repo, new_ref)
        new, new_label = snapshot(files_at(repo, rel, new_commit), rel), ref_label(new_ref, new_short)
    return compare(old, new), ref_label(old_ref, old_short), new_label


def ref_label(ref: str, short: str) -> str:
    return f"`{short}`" if short.startswith(ref) or ref.startswith(short) else f"`{ref}`（`{short}`）"


# ---------------------------------------------------------------------------------------------
# Markdown

SHORT = 40  # a value longer than this (as written inline) is summarised, not quoted
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!&])")


def escape(text: str) -> str:
    """Catalogue text as literal Markdown: no markup, no HTML, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def code(text: str) -> str:
    """A value as a code span that no value can close early: the fence is one backtick longer
    than the longest run inside, and padded where the value touches a backtick."""
    text = " ".join(text.split()) or " "
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def inline(value: Any) -> str:
    """A value written the way it is in YAML flow style."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {inline(v)}" for k, v in value.items()) + "}"
    return str(value)


def _short(value: Any) -> bool:
    text = inline(value)
    return len(text) <= SHORT and "\n" not in text


def _ranges(numbers: list[int]) -> str:
    """[2, 3, 4, 7] → '2–4、7'."""
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return "、".join(out)


def list_summary(old: list, new: list) -> str:
    """Which items of a list changed: short items by value, long ones by position."""
    def key(v):
        return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)

    def by_value(values: list) -> bool:
        return len(values) <= 6 and all(not isinstance(v, (list, dict)) and _short(v) for v in values)

    changed, added, removed = [], [], []  # (position, old value, new value)
    matcher = difflib.SequenceMatcher(None, [key(v) for v in old], [key(v) for v in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        k = min(i2 - i1, j2 - j1) if op == "replace" else 0
        changed += [(j1 + n + 1, old[i1 + n], new[j1 + n]) for n in range(k)]
        if op in ("replace", "insert"):
            added += [(j + 1, None, new[j]) for j in range(j1 + k, j2)]
        if op in ("replace", "delete"):
            removed += [(i + 1, old[i], None) for i in range(i1 + k, i2)]
    parts = []
    if changed:
        if by_value([v for _, a, b in changed for v in (a, b)]):
            parts += [f"{code(inline(a))} → {code(inline(b))}" for _, a, b in changed]
        else:
            parts.append(f"第 {_ranges([n for n, _, _ in changed])} 项改动")
    if added:
        if by_value([b for _, _, b in added]):
            parts.append("新增 " + "、".join(code(inline(b)) for _, _, b in added))
        else:
            parts.append(f"新增第 {_ranges([n for n, _, _ in added])} 项")
    if removed:
        if by_value([a for _, a, _ in removed]):
            parts.append("删去 " + "、".join(code(inline(a)) for _, a, _ in removed))
        else:
            parts.append(f"删去原第 {_ranges([n for n, _, _ in removed])} 项")
    return "，".join(parts) or "顺序调整"


def describe_change(change: FieldChange) -> str:
    """old → new for short values; a summary for long text and long lists."""
    old, new = change.old, change.new
    if old is None:
        return f"（无） → {code(inline(new))}" if _short(new) else "已添加"
    if new is None:
        return f"{code(inline(old))} → （无）" if _short(old) else "已删去"
    if _short(old) and _short(new):
        return f"{code(inline(old))} → {code(inline(new))}"
    if isinstance(old, list) and isinstance(new, list):
        return f"已修改（{list_summary(old, new)}）"
    return "已修改"


def _removed_line(change: EntryChange) -> str:
    where = (f"文件 {code(change.path)} 已删除" if change.section == "problems"
             else f"已从 {code(change.path)} 删去")
    return f"- {code(change.id)} {escape(change.title)}：{where}"


GROUPS = ((ADDED, "新增"), (CHANGED, "修改"), (RETIRED, "停用"), (REMOVED, "删除 ⚠️"))


def render(diff: Diff, old_label: str, new_label: str) -> str:
    """The diff as Markdown for a pull-request review comment."""
    lines = [f"## 目录变更：{old_label} → {new_label}", ""]
    if not diff.changes:
        lines.append("目录条目没有变化。")
    else:
        counts = [(diff.count(c), word.split()[0]) for c, word in GROUPS]
        lines.append(f"共 {len(diff.changes)} 个条目有变化："
                     + "、".join(f"{word} {n} 个" for n, word in counts if n) + "。")
        removed = diff.count(REMOVED)
        if removed:
            lines += ["", f"> ⚠️ **有 {removed} 个条目被删除。** 编号永久有效，已发布的网址不能失效："
                          "要停用问题，请保留文件，把 `status` 改为 `retired` 并写上 `replaced_by`；"
                          "其他条目请恢复。"]
    for section in SECTIONS:
        entries = [c for c in diff.changes if c.section == section.key]
        if not entries:
            continue
        lines += ["", f"### {section.label}"]
        for change, word in GROUPS:
            group = [c for c in entries if c.change == change]
            if not group:
                continue
            lines += ["", f"**{word}**", ""]
            for c in group:
                if change == REMOVED:
                    lines.append(_removed_line(c))
                    continue
                title = f"- {code(c.id)} {escape(c.title)}".rstrip()
                if change == RETIRED:
                    title += f"：由 {code(str(c.replaced_by))} 接替" if c.replaced_by else ""
                    lines.append(title)
                    continue
                lines.append(title)
                lines += [f"  - {code(f.field)}：{describe_change(f)}" for f in c.fields]
    if diff.notes:
        lines += ["", "**未能比较**", ""]
        lines += [f"- {note}" for note in diff.notes]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# the command

def cmd_diff(args) -> int:
    diff, old_label, new_label = diff_refs(Path(args.catalogue), args.old_ref, args.new_ref)
    sys.stdout.write(render(diff, old_label, new_label))
    return 0


def add_parser(subparsers, with_catalogue) -> None:
    p = subparsers.add_parser("diff", help="列出两个 git 版本之间目录条目的变化（Markdown，可贴进合并请求评论）")
    p.add_argument("old_ref", help="旧版本：分支名、标签或提交编号，如 main")
    p.add_argument("new_ref", nargs="?", default=WORKTREE, help="新版本（默认：工作区中的文件）")
    with_catalogue(p)
    p.set_defaults(func=cmd_diff)
