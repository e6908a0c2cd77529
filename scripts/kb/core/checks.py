"""Cross-entry checks: ids unique and well placed, references resolve, nothing orphaned."""
from __future__ import annotations

import difflib
import os
import re

from kb.core.diagnostics import Report, dotted
from kb.core.kinds import KINDS
from kb.core.records import Located, Records

# What a reference field points at, as a maintainer calls it: the kinds' own labels by file key.
LABELS = {**{kind.key: kind.label for kind in KINDS.values()}, "related": "问题", "replaced_by": "问题"}


# id → title of every entry (and "S1 23" → title of every source item), for suggestions
_titles: dict[str, str] = {}


def _swapped(value: str, candidate: str) -> bool:
    """C21 and C12: the same characters with two of them trading places."""
    if len(value) != len(candidate) or value == candidate:
        return False
    diff = [i for i, (a, b) in enumerate(zip(value, candidate)) if a != b]
    return len(diff) == 2 and value[diff[0]] == candidate[diff[1]] and value[diff[1]] == candidate[diff[0]]


def _nearest(value: str, known, scope: str = "") -> str:
    """'；是否想写 'C12'（标题）？': swapped characters first (a typing slip), then the closest ids
    (ids are short: looser matches than field names), each with its title."""
    known = list(known)
    swapped = sorted(k for k in known if _swapped(value, k))
    close = sorted(difflib.get_close_matches(value, known, n=2, cutoff=0.5))
    picks = list(dict.fromkeys(swapped + close))[:2]
    if not picks:
        return ""

    def shown(rid: str) -> str:
        title = _titles.get(f"{scope} {rid}" if scope else rid)
        return f"'{rid}'（{title}）" if title else f"'{rid}'"
    return "；是否想写 " + " 或 ".join(shown(p) for p in picks) + "？"


def _ref_error(report: Report, entry: Located, loc: tuple, label: str, value: str, known) -> None:
    report.error(entry.path, *entry.where(*loc), "unknown-ref",
                 f"{dotted(entry.base + loc)}：{label} '{value}' 不存在" + _nearest(value, known))


class _PartlyKnown(frozenset):
    """The ids of a kind whose file a syntax error left partly unread: any id may be among the
    unread entries, so none can be told missing (suggestions still come from the ids read)."""

    def __contains__(self, rid) -> bool:
        return True


def _check_unique(report: Report, entries: list[Located], label: str) -> dict[str, Located]:
    seen: dict[str, Located] = {}
    for entry in entries:
        rid = entry.record.id
        if rid in seen:
            first = seen[rid]
            line, _ = first.where("id")
            if "retired" in (getattr(first.record, "status", ""), getattr(entry.record, "status", "")):
                report.error(entry.path, *entry.where("id"), "retired-id-reused",
                             f"{label}编号 '{rid}' 属于已停用的条目（{first.path}:{line}）；停用的编号永不复用，"
                             f"请为新条目换一个未用过的编号")
                continue
            report.error(entry.path, *entry.where("id"), "duplicate-id",
                         f"{label}编号 '{rid}' 重复：{first.path}:{line} 已经使用了它；请给其中一个换一个未用过的编号")
        else:
            seen[rid] = entry
    return seen


def _check_list(report: Report, entry: Located, field: str, known, label: str | None = None) -> None:
    values = getattr(entry.record, field)
    label = label or LABELS[field]
    seen = set()
    for i, value in enumerate(values):
        if value not in known:
            _ref_error(report, entry, (field, i), label, value, known)
        if value in seen:
            report.warning(entry.path, *entry.where(field, i), "duplicate-ref",
                           f"{dotted(entry.base + (field, i))}：'{value}' 在列表中出现了两次；请删去一个")
        seen.add(value)


def _check_source_refs(report: Report, entry: Located, source_items: dict[str, set[str]],
                       sources_read: bool = True) -> None:
    """sources_read: False while the sources file was read only in part (unread sources exist)."""
    for i, ref in enumerate(entry.record.sources):
        if ref.source not in source_items:
            if sources_read:
                _ref_error(report, entry, ("sources", i, "source"), "来源文件", ref.source, source_items)
            continue
        items = source_items[ref.source]
        for j, item in enumerate(ref.items):
            if item not in items:
                report.error(entry.path, *entry.where("sources", i, "items", j), "unknown-ref",
                             f"{dotted(entry.base + ('sources', i, 'items', j))}：{ref.source} 中没有条目 "
                             f"'{item}'" + _nearest(item, items, scope=ref.source))


def _item_anchor(ref: str) -> str:
    # The rule of the source page's item anchors (site.pages.markup.item_anchor; a test keeps
    # the two equal): only ASCII letters and digits survive.
    return "item-" + re.sub(r"[^0-9A-Za-z]+", "-", ref).strip("-")


def check(records: Records, report: Report) -> None:
    """Run every cross-entry check; findings go to report."""
    # Ids of entries that failed schema validation still count as existing, so that one bad
    # entry is reported once, not again at every reference to it.
    _titles.clear()
    for entries in (records.areas, records.types, records.causes, records.countermeasures,
                    records.sources, records.problems):
        for entry in entries:
            _titles.setdefault(entry.record.id, entry.record.title)
    for src in records.sources:
        for item in src.record.items:
            _titles.setdefault(f"{src.record.id} {item.ref}", item.title)

    def known(entries, kind):
        ids = set(_check_unique(report, entries, LABELS[kind])) | records.broken_ids.get(kind, set())
        return _PartlyKnown(ids) if kind in records.partly_read else ids

    areas = known(records.areas, "areas")
    types = known(records.types, "types")
    families = known(records.families, "families")
    causes = known(records.causes, "causes")
    measures = known(records.countermeasures, "countermeasures")
    sources = _check_unique(report, records.sources, "来源文件")
    _check_unique(report, records.terms, "术语")
    problems = _check_unique(report, records.problems, "问题")
    problem_ids = set(problems) | records.broken_ids.get("problems", set())
    sources_read = "sources" not in records.partly_read

    source_items: dict[str, set[str]] = {}
    for sid, src in sources.items():
        refs: set[str] = set()
        anchors: dict[str, tuple[str, int]] = {}  # anchor → (ref, line) of the first item
        for i, item in enumerate(src.record.items):
            line, col = src.where("items", i, "ref")
            if item.ref in refs:
                report.error(src.path, line, col, "duplicate-id", f"{sid} 的条目编号 '{item.ref}' 重复")
            else:
                anchor = _item_anchor(item.ref)
                if anchor in anchors:
                    first, first_line = anchors[anchor]
                    report.error(src.path, line, col, "duplicate-anchor",
                                 f"{sid} 的条目编号 '{item.ref}' 和 '{first}'（第 {first_line} 行）在来源页上是同一个"
                                 f"锚点 #{anchor}，链接会指错条目；请改用字母或数字不同的编号")
                anchors.setdefault(anchor, (item.ref, line))
            refs.add(item.ref)
        source_items[sid] = refs

    _check_terms(report, records.terms)

    for problem in records.problems:
        stem = os.path.splitext(os.path.basename(problem.path))[0]
        if stem != problem.record.id:
            report.error(problem.path, *problem.where("id"), "id-mismatch",
                         f"文件名 '{stem}' 与编号 '{problem.record.id}' 不一致；"
                         f"请把文件改名为 {problem.record.id}.yaml，或改正编号")
        _check_source_refs(report, problem, source_items, sources_read)
        if problem.record.status == "retired":
            _check_replacement(report, problem, problems, problem_ids)
            continue
        _check_list(report, problem, "areas", areas)
        _check_list(report, problem, "types", types)
        _check_list(report, problem, "families", families)
        _check_list(report, problem, "causes", causes)
        _check_list(report, problem, "countermeasures", measures)
        _check_list(report, problem, "related", problem_ids)
        for i, rel in enumerate(problem.record.related):
            if rel == problem.record.id:
                report.error(problem.path, *problem.where("related", i), "self-related",
                             f"related[{i}]：问题不能与自己相关；请删去 '{rel}'")

    for entry in [*records.areas, *records.types, *records.families, *records.causes, *records.countermeasures]:
        _check_source_refs(report, entry, source_items, sources_read)
    for measure in records.countermeasures:
        _check_list(report, measure, "causes", causes)

    if not records.broken_ids.get("problems") and "problems" not in records.partly_read:
        _check_orphans(report, records)  # usage is unknown while a problem file is broken


def _check_terms(report: Report, terms: list[Located]) -> None:
    seen: dict[str, Located] = {}
    for entry in terms:
        for loc, word in [(("term",), entry.record.term),
                          *((("aliases", i), a) for i, a in enumerate(entry.record.aliases))]:
            if word in seen and seen[word] is not entry:
                other = seen[word]
                report.error(entry.path, *entry.where(*loc), "duplicate-term",
                             f"术语 '{word}' 已由 '{other.record.id}'（第 {other.where('id')[0]} 行）定义；请合并这两条")
            seen.setdefault(word, entry)


def _check_replacement(report: Report, problem: Located, problems: dict[str, Located],
                       problem_ids: set[str]) -> None:
    target_id = problem.record.replaced_by
    if target_id not in problems:
        if target_id in problem_ids:
            return  # a problem whose file is broken: reported there, its status unknown here
        _ref_error(report, problem, ("replaced_by",), "问题", target_id, problems)
        return
    chain = [problem.record.id]
    current = problems[target_id]
    while current.record.status == "retired":
        if current.record.id in chain:
            report.error(problem.path, *problem.where("replaced_by"), "replacement-loop",
                         "replaced_by 形成了循环：" + " → ".join(chain + [current.record.id])
                         + "；请让它指向一个有效（active）的问题")
            return
        chain.append(current.record.id)
        nxt = problems.get(current.record.replaced_by)
        if nxt is None:
            return  # reported on that file
        current = nxt
    if len(chain) > 1:
        report.error(problem.path, *problem.where("replaced_by"), "retired-target",
                     f"replaced_by 指向已停用的问题 '{target_id}'；请直接指向有效的问题 '{current.record.id}'")


def _check_orphans(report: Report, records: Records) -> None:
    active = [p.record for p in records.problems if p.record.status == "active"]
    used = {
        "areas": {a for p in active for a in p.areas},
        "families": {f for p in active for f in p.families},
        "causes": {c for p in active for c in p.causes},
        "countermeasures": {m for p in active for m in p.countermeasures},
    }
    for field, entries in (("areas", records.areas), ("families", records.families), ("causes", records.causes),
                           ("countermeasures", records.countermeasures)):
        for entry in entries:
            if entry.record.id not in used[field]:
                report.warning(entry.path, *entry.where("id"), "orphan",
                               f"{LABELS[field]} '{entry.record.id}'（{entry.record.title}）没有任何问题引用；"
                               f"请在相关问题的 {field} 中引用它，或删去它")
