"""Free ids: the one rule `kb new` and `kb import` both allocate by.

An id counts as used when any catalogue file holds it (retired problems, and files that do not
parse, included) or when catalogue/published-urls.txt lists an address with it: an entry may be
gone, but its old address must never show a different entry. A new id is one past the highest
ever used; gaps are never filled, since they may be ids of deleted entries.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from urllib.parse import urlsplit

PUBLISHED_URLS = "published-urls.txt"
_MAX_BYTES = 8 * 1024 * 1024
_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([A-Za-z0-9-]+)", re.M)


def number(rid: str, prefix: str) -> int | None:
    """P012 → 12 for prefix P; None for anything else (only ASCII digits count)."""
    match = re.fullmatch(re.escape(prefix) + r"([0-9]+)", rid) if isinstance(rid, str) else None
    return int(match.group(1)) if match else None


def next_id(used: set[str], prefix: str, digits: int) -> str:
    """One past the highest number among used ids of this prefix, zero-padded to digits."""
    numbers = [n for n in (number(rid, prefix) for rid in used) if n is not None]
    return f"{prefix}{max(numbers, default=0) + 1:0{digits}d}"


def _text(path: Path) -> str:
    """A regular file's text ('' for anything else: never follow a link or open a FIFO)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
            return ""
        return path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ""


def published_ids(root: Path) -> dict[str, set[str]]:
    """URL segment → ids found in catalogue/published-urls.txt (absent or unreadable: nothing;
    kb validate reports a broken file)."""
    found: dict[str, set[str]] = {}
    for line in _text(root / PUBLISHED_URLS).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = urlsplit(line)
        segments = [s for s in parts.path.split("/") if s]
        for i, segment in enumerate(segments[:-1]):
            found.setdefault(segment, set()).add(segments[i + 1])
        if segments and segments[-1] == "glossary" and parts.fragment:
            found.setdefault("glossary", set()).add(parts.fragment)
    return found


def problem_ids(root: Path) -> set[str]:
    """Ids of problem files: their names and the id written inside (read even if broken)."""
    ids = set()
    folder = root / "problems"
    try:
        names = os.listdir(folder) if folder.is_dir() and not folder.is_symlink() else []
    except OSError:
        names = []
    for name in names:
        stem, ext = os.path.splitext(name.strip())
        if ext.lower() not in (".yaml", ".yml"):
            continue
        ids.add(stem)
        ids.update(_ID_LINE.findall(_text(folder / name)))
    return ids


def listed_ids(root: Path, file_name: str) -> set[str]:
    """Ids written in a list file (sources.yaml, causes.yaml …), read as text so that a file
    that does not parse still keeps its ids from being handed out again."""
    return set(_ID_LINE.findall(_text(root / file_name)))


def free_id(root: Path, prefix: str, digits: int, url_part: str, file_name: str | None = None,
            more: set[str] = frozenset()) -> str:
    """The next id of a kind: file_name is its list file, None for one file per entry (problems)."""
    used = problem_ids(root) if file_name is None else listed_ids(root, file_name)
    return next_id(used | published_ids(root).get(url_part, set()) | set(more), prefix, digits)
