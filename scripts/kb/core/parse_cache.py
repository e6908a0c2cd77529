"""Parsed catalogue files kept on disk by content, so an unchanged file is never parsed twice.

Parsing YAML is most of validation's time. A file whose bytes were parsed cleanly before is read
back from `.cache/kb/parsed.pickle` (next to the catalogue folder) instead: `kb validate` after
editing one file of 5,000 parses one file. Files with findings are never cached, so their
messages always come from a fresh parse. The cache is one file, read once and rewritten only
when something changed; it holds the files of the last run and nothing older. It is tied to the
source of the loader and the text checks and to PyYAML's version: changing any starts a new
cache. KB_NO_CACHE=1 turns it off. Each file's data is kept pickled on its own: that is the form
parsing workers send it back in (see batch_load), and only the files a run uses are unpickled.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
from functools import lru_cache
from pathlib import Path

import yaml

CACHE_FILE = Path(".cache/kb/parsed.pickle")  # relative to the catalogue folder's parent

# What a cached document may contain besides plain containers, and nothing else.
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"),
            ("datetime", "timedelta")}


class _SafeUnpickler(pickle.Unpickler):
    """Only YAML's own value types: a tampered cache file cannot run code."""

    def find_class(self, module, name):
        if (module, name) in _ALLOWED:
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a YAML value")


# A cached file skips parsing (its data still passes the text checks), so the parser and the
# checks both belong to the cache's version.
_CODE = ("loader.py", "textcheck.py", "chinese.py", "parse_cache.py")


@lru_cache(maxsize=1)
def _version() -> str:
    code = b"".join((Path(__file__).parent / name).read_bytes() for name in _CODE)
    return hashlib.blake2b(code + yaml.__version__.encode(), digest_size=16).hexdigest()


class ParseCache:
    def __init__(self, path: Path | None) -> None:
        self.path = path  # None: caching off
        self.hits = self.misses = 0
        self._stored: dict[str, object] | None = None  # what the file held, read on first use
        self._used: dict[str, object] = {}              # what this run read or parsed

    @classmethod
    def beside(cls, catalogue_root: Path) -> "ParseCache":
        if os.environ.get("KB_NO_CACHE"):
            return cls(None)
        return cls(catalogue_root.resolve().parent / CACHE_FILE)

    def _load(self) -> dict[str, object]:
        if self._stored is None:
            self._stored = {}
            try:
                with open(self.path, "rb") as f:
                    version, entries = _SafeUnpickler(f).load()
                if version == _version() and isinstance(entries, dict):
                    self._stored = entries
            except Exception:  # missing or damaged (unpickling can raise almost anything)
                pass            # start afresh
        return self._stored

    @staticmethod
    def key(raw: bytes) -> str:
        """What a file is cached under: a hash of its bytes."""
        return hashlib.blake2b(raw, digest_size=20).hexdigest()

    def get(self, key: str):
        """The parsed data cached under key, or None."""
        if self.path is None:
            return None
        entry = self._load().get(key)
        data = None
        if isinstance(entry, bytes):
            try:
                data = _SafeUnpickler(io.BytesIO(entry)).load()
            except Exception:  # unpickling damaged bytes can raise almost anything
                data = None     # parse the file again
        if data is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = entry
        return data

    def put(self, key: str, data) -> None:
        if self.path is not None:
            self.put_pickled(key, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, payload: bytes) -> None:
        """Keep data that is already pickled (as parsing workers send it)."""
        if self.path is not None:
            self._used[key] = payload

    def save(self) -> None:
        """Write this run's files back, if they differ from what was read."""
        if self.path is None or self._used.keys() == self._load().keys():
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed: a reader never sees half a file.
            with open(tmp, "wb") as f:
                pickle.dump((_version(), self._used), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)  # a read-only checkout still validates, only uncached
