"""Load → validate → resolve, in one call, with every finding collected in one report."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks, published
from .diagnostics import Report
from .graph import Catalogue, resolve
from .parse_cache import ParseCache
from .records import display_path, read_records


@dataclass
class Result:
    report: Report
    catalogue: Catalogue | None  # None when there were errors

    def ok(self, strict: bool = False) -> bool:
        return self.catalogue is not None and not self.report.failed(strict)


def load_catalogue(root: Path | str, cache: ParseCache | None = None) -> Result:
    """cache: parsed files by content; by default the one beside the catalogue folder."""
    report = Report()
    records = read_records(Path(root), report, cache or ParseCache.beside(Path(root)))
    checks.check(records, report)
    if report.errors or records.meta is None:
        return Result(report, None)
    catalogue = resolve(records)
    root = Path(root)
    published.check(root, catalogue, report, display_path(root / published.FILE_NAME))
    return Result(report, None if report.errors else catalogue)
