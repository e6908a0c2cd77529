"""One-off data migration for issue 18 (run once; kept so that it can be re-run after a merge).

Reads the staged files and edits the catalogue as text, line by line, so that comments, quoting and
layout stay exactly as maintainers wrote them:

- problems/P*.yaml: the corrected `types:` line, and `families:` on the line directly after it;
  `references:` directly before the `status:` line;
- causes.yaml, countermeasures.yaml, glossary.yaml: `references:` at the end of each entry;
- sources.yaml: `heading_only: true` on the items the source gives only as headings.

Usage: python3 scripts/migrations/issue18_insert.py STAGING_DIR [CATALOGUE_DIR]
Idempotent: a file that already has the field is left alone.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml


def flow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def reference_lines(refs: list[dict], indent: str) -> list[str]:
    """A block list under `references:` at the given indent; values quoted by YAML itself."""
    out = [f"{indent}references:"]
    for ref in refs:
        first = True
        for key in ("issuer", "title", "year", "note"):
            if key not in ref:
                continue
            value = ref[key] if key == "year" else yaml.safe_dump(
                ref[key], allow_unicode=True, width=10_000, default_style=None).strip()
            if isinstance(value, str) and value.endswith("\n..."):
                value = value[: -len("\n...")]
            out.append(f"{indent}  {'- ' if first else '  '}{key}: {value}")
            first = False
    return out


def edit_problem(path: Path, facet: dict | None, refs: list[dict] | None) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    if facet is not None and not any(l.startswith("families:") for l in lines):
        i = next(n for n, l in enumerate(lines) if l.startswith("types:"))
        lines[i] = f"types: {flow(facet['types'])}"
        lines.insert(i + 1, f"families: {flow(facet['families'])}")
    if refs and not any(l.startswith("references:") for l in lines):
        i = next(n for n, l in enumerate(lines) if l.startswith("status:"))
        lines[i:i] = reference_lines(refs, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


ENTRY = re.compile(r"^  - id: (\S+)\s*$")


def edit_list_file(path: Path, refs_by_id: dict[str, list[dict]]) -> set[str]:
    """Append references at the end of each listed entry; returns the ids found."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [(n, ENTRY.match(l).group(1)) for n, l in enumerate(lines) if ENTRY.match(l)]
    found = set()
    # From the last entry up, so that earlier line numbers stay valid.
    for k in range(len(starts) - 1, -1, -1):
        start, rid = starts[k]
        if rid not in refs_by_id:
            continue
        found.add(rid)
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        while end > start and not lines[end - 1].strip():
            end -= 1  # blank lines between entries stay after the inserted block
        block = lines[start:end]
        if any(l.startswith("    references:") for l in block):
            continue
        lines[end:end] = reference_lines(refs_by_id[rid], "    ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return found


def mark_heading_only(path: Path, items: set[tuple[str, str]]) -> set[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    source, done, out = None, set(), []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        m = re.match(r"^  - id: (S\d+)\s*$", line)
        if m:
            source = m.group(1)
        m = re.match(r"^      - ref: '?([^'\s]+)'?\s*$", line)
        if m and (source, m.group(1)) in items:
            # ref, kind, title follow; the flag goes after the item's last field.
            j = i + 1
            while j < len(lines) and lines[j].startswith("        "):
                out.append(lines[j])
                j += 1
            if not any(l.strip() == "heading_only: true" for l in out[-(j - i):]):
                out.append("        heading_only: true")
            done.add((source, m.group(1)))
            i = j
            continue
        i += 1
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return done


def main(staging: Path, root: Path) -> None:
    facets = yaml.safe_load((staging / "families.yaml").read_text(encoding="utf-8"))
    references = yaml.safe_load((staging / "references.yaml").read_text(encoding="utf-8"))
    heading_only = yaml.safe_load((staging / "heading_only.yaml").read_text(encoding="utf-8"))

    problem_refs = {k: v for k, v in references.items() if re.fullmatch(r"P\d+", k)}
    for path in sorted((root / "problems").glob("P*.yaml")):
        pid = path.stem
        edit_problem(path, facets["problems"].get(pid), problem_refs.get(pid))
    missing = set(facets["problems"]) - {p.stem for p in (root / "problems").glob("P*.yaml")}
    assert not missing, f"staged problems without a file: {missing}"

    others = {k: v for k, v in references.items() if k not in problem_refs}
    found = set()
    for name in ("causes.yaml", "countermeasures.yaml", "glossary.yaml"):
        found |= edit_list_file(root / name, others)
    assert found == set(others), f"staged references without an entry: {set(others) - found}"

    items = {tuple(ref.split()) for refs in heading_only.values() for ref in refs}
    # The staging lists the items cited by countermeasures; S3 g1–g5 and m3–m6 are the whole set.
    items |= {("S3", r) for r in ("m3", "m4", "m5", "m6", "g1", "g2", "g3", "g4", "g5")}
    marked = mark_heading_only(root / "sources.yaml", items)
    assert marked == items, f"heading-only items not found: {items - marked}"


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else Path("catalogue"))
