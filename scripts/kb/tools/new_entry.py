"""`kb new`: start a new entry from a commented template, under the next id never used before.

The template is generated from the record models in schema.py, so every field is there with its
docstring as a Chinese comment. Required fields are written as empty placeholders ("" and []),
which kb validate rejects: an unfilled template cannot be committed by accident. Optional fields
are commented out.

An id counts as used when any catalogue file holds it (retired problems included) or when it is
listed in catalogue/published-urls.txt (addresses once published, whose entries may be gone).
"""
from __future__ import annotations

import os
import re
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from kb.core import ids, schema
from kb.core.diagnostics import Report
from kb.core.loader import load_text
from kb.core.records import display_path
from kb.core.errors import KbError

PUBLISHED_URLS = ids.PUBLISHED_URLS


@dataclass(frozen=True)
class Kind:
    """One kind of entry `kb new` can start."""

    name: str            # the word on the command line
    label: str           # what a maintainer calls it
    model: type[BaseModel]
    prefix: str          # id prefix; "" for terms, whose id is a slug
    digits: int          # the least number of digits in an id
    file: str | None     # the list file the entry is appended to; None: one file per entry
    key: str | None      # that file's one top-level field
    url_part: str        # the URL segment of its pages: /problems/P012/, /glossary/#slug


KINDS = {
    "problem": Kind("problem", "问题", schema.Problem, "P", 3, None, None, "problems"),
    "cause": Kind("cause", "成因", schema.Cause, "C", 2, "causes.yaml", "causes", "causes"),
    "countermeasure": Kind("countermeasure", "整改措施", schema.Countermeasure, "M", 2,
                           "countermeasures.yaml", "countermeasures", "measures"),
    "term": Kind("term", "术语", schema.Term, "", 0, "glossary.yaml", "terms", "glossary"),
}

# How a field is written, beyond what its docstring says.
_SOURCES_HINT = "每项写成 {source: S1, items: ['23']}，条目编号见 sources.yaml。"
HINTS = {
    "title": f"不超过 {schema.TITLE_MAX} 个字。",
    "term": f"不超过 {schema.TITLE_MAX} 个字。",
    "types": "例：[T1]",
    "families": "例：[F4] 或 [F2, F3]",
    "areas": "例：[A05, A04]",
    "causes": "例：[C02, C06]",
    "countermeasures": "例：[M03, M07]",
    "related": "例：[P013]",
    "keywords": "例：[踢皮球, 推诿扯皮]",
    "aliases": "例：[互踢皮球]",
    "misspellings": "例：[推委扯皮]",
    "levels": "例：[organization, individual]",
    "sources": _SOURCES_HINT,
}

# Items of a required list, shown under its comment (a list is clearer written as a block).
BLOCK_SAMPLES = {
    "symptoms": ["- 第一条表现。", "- 第二条表现。", "- 第三条表现。"],
    "self_check": ["- 近一年本人是否……？", "- 本单位是否有……的情况？"],
    "examples": [f"- title: {schema.Example.model_fields['title'].description.rstrip('。')}",
                 f"  text: {schema.Example.model_fields['text'].description.rstrip('。')}"],
    "sources": ["- {source: S1, items: ['23']}"],
}
# The two examples a problem needs (schema.MIN_EXAMPLES), shown as two samples.
BLOCK_SAMPLES["examples"] = BLOCK_SAMPLES["examples"] * schema.MIN_EXAMPLES

# Fields whose docstring speaks to programmers rather than maintainers.
COMMENTS = {
    (schema.Problem, "status"): "状态：active（有效）。要停用这个问题时不要删文件：改为 retired，"
                                "写上 replaced_by（接替它的问题），见维护指南。",
}


class NewEntryError(KbError):
    """A reason `kb new` cannot write the entry; the message is for the maintainer."""


# ---------------------------------------------------------------------------------------------
# ids in use

def published_ids(root: Path) -> dict[str, set[str]]:
    return ids.published_ids(root)


def _read_list_file(root: Path, kind: Kind) -> tuple[Path, str, list]:
    """The list file of kind: its path, its text and its entries; NewEntryError if unusable."""
    path = root / kind.file
    shown = display_path(path)
    if not path.is_file():
        raise NewEntryError(f"找不到 {shown}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NewEntryError(f"{shown} 不是 UTF-8 编码；请先运行 kb validate 并改正") from None
    report = Report()
    doc = load_text(text.replace("\r\n", "\n"), shown, report)
    entries = doc.data.get(kind.key) if doc and isinstance(doc.data, dict) else None
    if report.errors or not isinstance(entries, list):
        first = report.sorted()[0].text() if report.errors else f"{shown}: 顶层应为 {kind.key}: 后接列表"
        raise NewEntryError(f"{shown} 目前无法读取，不能自动添加条目；请先运行 kb validate 改正：\n{first}")
    return path, text, entries


def used_ids(root: Path, kind: Kind) -> set[str]:
    """Every id of this kind that exists or once was published."""
    published = ids.published_ids(root).get(kind.url_part, set())
    if kind.file is None:
        return ids.problem_ids(root) | published
    _, _, entries = _read_list_file(root, kind)
    return {str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e} | published


def next_id(used: set[str], kind: Kind) -> str:
    """One past the highest id ever used (the rule of kb.core.ids, shared with kb import)."""
    return ids.next_id(used, kind.prefix, kind.digits)


# ---------------------------------------------------------------------------------------------
# the template

def _is_list(annotation) -> bool:
    return typing.get_origin(annotation) is list


def _comment(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    text = COMMENTS.get((model, name)) or info.description or ""
    text = text.removeprefix("可选：")
    if name != "id":
        text = ("必填：" if info.is_required() else "可选：") + text
    hint = HINTS.get(name)
    if hint and not (name == "sources" and info.is_required()):
        text += hint
    return text


def template_lines(kind: Kind, rid: str) -> list[str]:
    """The entry's lines, unindented: id first, then every field of the model in order."""
    model = kind.model
    lines = [f"# {_comment(model, 'id')}", f"id: {rid}"]
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        lines.append(f"# {_comment(model, name)}")
        if info.is_required():
            sample = BLOCK_SAMPLES.get(name)
            if sample:
                lines.append("# 把 [] 换成这样的列表：")
                lines.extend(f"#   {s}" for s in sample)
            lines.append(f"{name}: {'[]' if _is_list(info.annotation) else chr(34) * 2}")
        elif name == "status":
            lines.append(f"# {name}: active")
        else:
            lines.append(f"# {name}: {'[]' if _is_list(info.annotation) else chr(34) * 2}")
    return lines


def required_fields(kind: Kind) -> list[str]:
    return [n for n, info in kind.model.model_fields.items() if info.is_required() and n != "id"]


def problem_text(rid: str) -> str:
    kind = KINDS["problem"]
    head = [
        "# yaml-language-server: $schema=../schema.json#/$defs/Problem",
        f"# 新问题 {rid}，由 kb new problem 生成。",
        "# 必填字段现在是空的（\"\" 或 []），kb validate 会报错，直到全部填好；这是有意的，免得提交空模板。",
        "# 可选字段写成了注释：需要时去掉行首的 \"# \" 再填写，不需要就删去。",
        "",
    ]
    return "\n".join(head + template_lines(kind, rid)) + "\n"


def appended_text(text: str, kind: Kind, rid: str) -> str:
    """text of a list file with the template entry added at the end of its list."""
    newline = "\r\n" if "\r\n" in text else "\n"
    match = re.search(r"^( *)- ", text, re.M)
    dash = match.group(1) if match else "  "
    body = template_lines(kind, rid)
    id_at = body.index(f"id: {rid}")
    lines = [f"{dash}# 新{kind.label} {rid}，由 kb new {kind.name} 生成。必填字段填好之前 kb validate 会报错；"
             f"可选字段写成了注释，需要时去掉行首的 \"# \"。"]
    lines += [f"{dash}{line}" for line in body[:id_at]]
    lines.append(f"{dash}- {body[id_at]}")
    lines += [f"{dash}  {line}" for line in body[id_at + 1:]]
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return text + newline + newline.join(lines) + newline


# ---------------------------------------------------------------------------------------------
# writing

@dataclass
class Written:
    path: Path
    rid: str
    kind: Kind


def new_problem(root: Path) -> Written:
    kind = KINDS["problem"]
    if not root.is_dir():
        raise NewEntryError(f"找不到目录文件夹 '{root}'")
    rid = next_id(used_ids(root, kind), kind)
    path = root / "problems" / f"{rid}.yaml"
    path.parent.mkdir(exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(problem_text(rid))
    except FileExistsError:
        raise NewEntryError(f"{display_path(path)} 已经存在；不会覆盖") from None
    return Written(path, rid, kind)


def new_listed(root: Path, kind: Kind, slug: str | None = None) -> Written:
    if not root.is_dir():
        raise NewEntryError(f"找不到目录文件夹 '{root}'")
    path, text, entries = _read_list_file(root, kind)
    shown = display_path(path)
    used = used_ids(root, kind)
    if kind.prefix:
        rid = next_id(used, kind)
    else:
        rid = slug
        if slug in used:
            where = "已在 glossary.yaml 中" if any(
                isinstance(e, dict) and e.get("id") == slug for e in entries) else f"已在 {PUBLISHED_URLS} 中发布过"
            raise NewEntryError(f"术语编号 '{slug}' {where}；编号不能重复使用，请换一个")
    new = appended_text(text, kind, rid)
    report = Report()
    doc = load_text(new.replace("\r\n", "\n"), shown, report)
    after = doc.data.get(kind.key) if doc and isinstance(doc.data, dict) else None
    if (report.errors or not isinstance(after, list) or len(after) != len(entries) + 1
            or not isinstance(after[-1], dict) or after[-1].get("id") != rid):
        raise NewEntryError(f"无法在 {shown} 末尾自动添加条目：文件的写法与预期不同"
                            f"（{kind.key}: 应是文件最后一个、按块写的列表）；请参照其他条目手工添加 {rid}")
    tmp = path.with_name(path.name + ".kb-new.tmp")
    tmp.write_bytes(new.encode("utf-8"))
    os.replace(tmp, path)
    return Written(path, rid, kind)


def new_entry(root: Path, kind_name: str, slug: str | None = None) -> Written:
    """Write the template of a new entry of kind_name; NewEntryError says why it cannot."""
    kind = KINDS[kind_name]
    if kind.prefix and slug is not None:
        raise NewEntryError(f"{kind.label}的编号会自动分配，不用写 '{slug}'；请直接运行 kb new {kind_name}")
    if not kind.prefix:
        if not slug:
            raise NewEntryError("请写出新术语的编号：小写拼音，用连字符分隔，如 kb new term zhong-geng-zu")
        if not re.fullmatch(schema.TermId.__metadata__[0].pattern, slug):
            raise NewEntryError(f"术语编号 '{slug}' 格式不对：应为小写拼音，用连字符分隔，如 zhong-geng-zu")
    if kind.file is None:
        return new_problem(root)
    return new_listed(root, kind, slug)


def message(written: Written, root: Path) -> str:
    kind, rid = written.kind, written.rid
    shown = display_path(written.path)
    fields = "、".join(required_fields(kind))
    if kind.file is None:
        lines = [f"已新建 {shown}：{kind.label} {rid} 的模板。"]
    else:
        lines = [f"已在 {shown} 末尾添加{kind.label} {rid} 的模板。"]
    lines.append(f"请填写必填字段：{fields}。")
    lines.append("可选字段写成了注释（行首是 #）：需要时去掉 # 再填写，不需要就删去。")
    if kind.name == "cause":
        lines.append(f"填好后在相关问题的 causes 中引用 {rid}，否则 kb validate --strict 会提示没有问题引用它。")
    elif kind.name == "countermeasure":
        lines.append(f"填好后在相关问题的 countermeasures 中引用 {rid}，否则 kb validate --strict 会提示没有问题引用它。")
    lines.append("填完后运行 kb validate 检查；模板没填完时校验不会通过。")
    return "\n".join(lines)


def cmd_new(args) -> int:
    root = Path(args.catalogue)
    written = new_entry(root, args.kind, getattr(args, "slug", None))
    print(message(written, root))
    return 0


def add_parser(subparsers, with_catalogue) -> None:
    p = subparsers.add_parser("new", help="新建条目：用下一个未用过的编号写出带注释的模板")
    p.add_argument("kind", choices=list(KINDS), help="条目类别：problem 问题、cause 成因、"
                                                      "countermeasure 整改措施、term 术语")
    p.add_argument("slug", nargs="?", default=None, help="仅术语需要：编号，如 zhong-geng-zu")
    with_catalogue(p)
    p.set_defaults(func=cmd_new)
