"""axe-core in the browser tests: the audit engine from the npm registry (package.json
devDependencies, installed by `npm ci`, which `make test` runs), and the pages it audits."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_source() -> str:
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run `npm ci` (or `make test`, which runs it) to install axe-core")
    return AXE.read_text(encoding="utf-8")


def page_types(site: Path) -> list[str]:
    """One page of every kind in the built site: the home page, every top-level page or index, and
    the first entry page under each index (problems/P001/, handouts/A01/, …). A page type added
    later (e.g. the 对照检视 page) is audited without editing this list."""
    paths = [""]
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in ("assets", "search")):
        if (folder / "index.html").exists():
            paths.append(f"{folder.name}/")
        entries = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "index.html").exists())
        if entries:
            paths.append(f"{folder.name}/{entries[0].name}/")
    return paths


def audit(page, source: str) -> list[dict]:
    """axe's violations on the page as it is now (after scripts ran)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    return page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")


def count(violations: list[dict]) -> Counter:
    """Failing elements by (rule, impact)."""
    return Counter({(v["id"], v["impact"]): len(v["nodes"]) for v in violations})


def describe(path: str, violations: list[dict]) -> list[str]:
    return [f"{path or '/'} {v['id']} ({v['impact']}): {n['target']} {n.get('failureSummary', '')[:200]}"
            for v in violations if v["impact"] in BLOCKING for n in v["nodes"][:3]]
