"""Load → validate → resolve, in one call, with every finding collected in one report."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks, published, textcheck
from .diagnostics import Report
from .graph import Catalogue, resolve
from .records import display_path, read_records


@dataclass
class Result:
    report: Report
    catalogue: Catalogue | None  # None when there were errors

    def ok(self, strict: bool = False) -> bool:
        return self.catalogue is not None and not self.report.failed(strict)


def load_catalogue(root: Path | str) -> Result:
    report = Report()
    records = read_records(Path(root), report)
    textcheck.check_all(records, report)
    checks.check(records, report)
    if report.errors or records.meta is None:
        return Result(report, None)
    catalogue = resolve(records)
    root = Path(root)
    published.check(root, catalogue, report, display_path(root / published.FILE_NAME, root))
    return Result(report, None if report.errors else catalogue)
