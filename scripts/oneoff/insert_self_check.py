"""One-off: insert `self_check:` (自查提示) into each problem file, directly before its `examples:` line.

Usage: python3 scripts/oneoff/insert_self_check.py PROMPTS.yaml [MORE.yaml …]
Each prompts file maps a problem id to its list of questions. Inserting at that exact line (and
nowhere else) keeps the change clear of other fields being added to the same files in parallel.
Retired problems and problems that already have the field are left alone.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

PROBLEMS = Path(__file__).resolve().parents[2] / "catalogue/problems"


def block(questions: list[str]) -> str:
    lines = ["self_check:"]
    for q in questions:
        # Quote only when YAML would read the plain text as something else.
        plain = yaml.safe_load(f"- {q}") == [q]
        lines.append(f"  - {q if plain else json.dumps(q, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    prompts: dict[str, list[str]] = {}
    for name in argv:
        prompts.update(yaml.safe_load(Path(name).read_text(encoding="utf-8")))
    changed = 0
    for pid, questions in sorted(prompts.items()):
        path = PROBLEMS / f"{pid}.yaml"
        text = path.read_text(encoding="utf-8")
        if yaml.safe_load(text).get("status") == "retired" or "\nself_check:" in text:
            continue
        marker = "\nexamples:"
        if text.count(marker) != 1:
            raise SystemExit(f"{path}: expected exactly one 'examples:' line")
        path.write_text(text.replace(marker, "\n" + block(questions).rstrip("\n") + marker), encoding="utf-8")
        changed += 1
    print(f"{changed} problem files updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
