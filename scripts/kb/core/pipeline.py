"""Load → validate → resolve, in one call, with every finding collected in one report."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kb.core import checks, published
from kb.core.diagnostics import Report
from kb.core.graph import Catalogue, resolve
from kb.core.parse_cache import ParseCache
from kb.core.records import display_path, read_records


@dataclass
class Result:
    report: Report
    catalogue: Catalogue | None  # None when there were errors

    def ok(self, strict: bool = False) -> bool:
        return self.catalogue is not None and not self.report.failed(strict)


def load_catalogue(root: Path | str, cache: ParseCache | None = None) -> Result:
    """cache: parsed files by content; by default the one beside the catalogue folder."""
    with _no_cycle_collection():
        return _load(Path(root), cache)


@contextmanager
def _no_cycle_collection():
    # Loading creates millions of objects and no reference cycles worth collecting; Python's
    # cycle collector would scan the growing heap again and again (a quarter of the time at
    # 5,000 problems). Reference counting still frees everything as usual.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(root: Path, cache: ParseCache | None) -> Result:
    report = Report()
    records = read_records(root, report, cache or ParseCache.beside(root))
    checks.check(records, report)
    if report.errors or records.meta is None:
        return Result(report, None)
    catalogue = resolve(records)
    published.check(root, catalogue, report, display_path(root / published.FILE_NAME))
    return Result(report, None if report.errors else catalogue)
