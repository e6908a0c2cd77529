"""Load many catalogue files at once, parsing those the parse cache lacks in worker processes
when there are enough of them to pay for starting the processes.

Parsing is most of a cold validation, and the same work file after file, so on a multi-core
machine a large catalogue parses in parallel. Workers are forked: they see the files' text
without copying it, and send back each file's findings and its data already pickled, which is
also the form the parse cache keeps. Where processes cannot be used (no fork, other threads
running, a worker dies) the files are parsed here, one by one, with the same result.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterator

from kb.core.diagnostics import Diagnostic, Report
from kb.core.loader import Document, Unread, parse_checked, read_source
from kb.core.parse_cache import ParseCache

PARALLEL_MIN_FILES = 400  # below this, starting processes costs more than it saves
TASKS_PER_WORKER = 8      # enough to share the work out evenly, few enough to cost little

Inspect = Callable[[Document, Report], None] | None
# A file's findings, its data pickled, and for a file read in part (loader._recover) the text
# that was read and the parts left unread.
Parsed = tuple[list[Diagnostic], bytes | None, tuple[str, list[Unread]] | None]

# What forked workers parse: set just before the pool starts, read by index in the workers.
_batch: list[tuple[str, str]] = []  # (shown path, text)
_inspect: Inspect = None


def load_files(items: list[tuple[Path, str]], report: Report, cache: ParseCache | None,
               inspect: Inspect) -> Iterator[Document | None]:
    """load_file for each (path, shown path), in order; None where a file cannot be used.
    Documents come as soon as they are parsed, so the caller's work overlaps the workers'."""
    # Per file: its Document from the cache, its (cache key, text) to parse, or None.
    entries: list[Document | tuple[str, str] | None] = []
    for path, shown in items:
        source = read_source(path, report, shown)
        if source is None:
            entries.append(None)
            continue
        raw, text = source
        key = cache.key(raw) if cache else ""
        data = cache.get(key) if cache else None
        if data is None:
            entries.append((key, text))
            continue
        doc = Document(shown, data, text)
        if inspect is not None:
            # A cache file is as untrusted as the catalogue: its data passes the text checks
            # every time (one regex pass over a clean file's text), never around them.
            inspect(doc, report)
        entries.append(doc)
    todo = [(shown, entry[1]) for (_, shown), entry in zip(items, entries) if isinstance(entry, tuple)]
    parsed = _parse_in_workers(todo, inspect) if len(todo) >= PARALLEL_MIN_FILES else iter(())
    for (_, shown), entry in zip(items, entries):
        if isinstance(entry, tuple):
            yield _finish(shown, *entry, next(parsed, None), report, cache, inspect)
        else:
            yield entry


def load_file(path: Path, report: Report, shown: str | None = None, cache: ParseCache | None = None,
              inspect: Inspect = None) -> Document | None:
    """Read and parse one catalogue file; shown is the path to show in messages. inspect
    checks a freshly parsed document; a file that passes it and parses cleanly is cached."""
    return next(load_files([(path, shown or str(path))], report, cache, inspect))


def _finish(shown: str, key: str, text: str, result: Parsed | None, report: Report,
            cache: ParseCache | None, inspect: Inspect) -> Document | None:
    """One parsed file's document, its findings reported and, if it has none, cached."""
    if result is None:  # too few files for workers, or they stopped: parse here
        findings = Report()
        doc = parse_checked(text, shown, findings, inspect)
        found, payload = findings.items, None
    else:
        found, payload, partial = result
        doc = None if payload is None else Document(shown, pickle.loads(payload), text)
        if doc is not None and partial is not None:
            doc.text, doc.unread = partial
    report.items.extend(found)
    if cache and doc is not None and not found:
        if payload is None:
            cache.put(key, doc.data)
        else:
            cache.put_pickled(key, payload)
    return doc


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _parse_in_workers(batch: list[tuple[str, str]], inspect: Inspect) -> Iterator[Parsed]:
    """Each file's findings and pickled data, in order. It ends early where workers cannot be
    used or fail; the caller parses the rest itself."""
    # Forking while other threads run can copy a lock some thread holds (mkdocs serve's server).
    workers = _workers()
    if workers < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return
    global _batch, _inspect
    _batch, _inspect = batch, inspect
    size = max(1, len(batch) // (workers * TASKS_PER_WORKER))
    chunks = [range(start, min(start + size, len(batch))) for start in range(0, len(batch), size)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk in pool.map(_parse_chunk, chunks):
                yield from chunk
    except (OSError, BrokenProcessPool):
        return  # e.g. no /dev/shm for the pool's locks, or a worker was killed
    finally:
        _batch, _inspect = [], None


def _parse_chunk(indexes: range) -> list[Parsed]:
    out = []
    for i in indexes:
        shown, text = _batch[i]
        findings = Report()
        doc = parse_checked(text, shown, findings, _inspect)
        payload = None if doc is None else pickle.dumps(doc.data, protocol=pickle.HIGHEST_PROTOCOL)
        out.append((findings.items, payload, (doc.text, doc.unread) if doc is not None and doc.unread else None))
    return out
