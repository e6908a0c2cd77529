"""Parsed catalogue files kept on disk by content, so an unchanged file is never parsed twice.

Parsing YAML is most of validation's time. A file whose bytes were parsed cleanly before is read
back from `.cache/kb/yaml/` (next to the catalogue folder) instead: `kb validate` after editing
one file of 5,000 parses one file. Files with findings are never cached, so their messages always
come from a fresh parse. The key covers the bytes, the loader's own source and PyYAML's version:
changing either starts a new cache. Set KB_NO_CACHE=1 to bypass it.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

import yaml

CACHE_DIR = Path(".cache/kb/yaml")  # relative to the catalogue folder's parent

# What a cached document may contain besides plain containers, and nothing else.
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"),
            ("datetime", "timedelta")}


class _SafeUnpickler(pickle.Unpickler):
    """Only YAML's own value types: a tampered cache file cannot run code."""

    def find_class(self, module, name):
        if (module, name) in _ALLOWED:
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a YAML value")


@lru_cache(maxsize=1)
def _salt() -> bytes:
    loader_source = (Path(__file__).parent / "loader.py").read_bytes()
    return hashlib.blake2b(loader_source + yaml.__version__.encode(), digest_size=16).digest()


class ParseCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: caching off
        self.hits = self.misses = 0

    @classmethod
    def beside(cls, catalogue_root: Path) -> "ParseCache":
        if os.environ.get("KB_NO_CACHE"):
            return cls(None)
        return cls(catalogue_root.resolve().parent / CACHE_DIR)

    def _path(self, raw: bytes) -> Path:
        digest = hashlib.blake2b(raw, digest_size=20, key=_salt()).hexdigest()
        return self.folder / digest[:2] / f"{digest[2:]}.pickle"

    def get(self, raw: bytes):
        """(data, positions, key_positions) for these bytes, or None."""
        if self.folder is None:
            return None
        try:
            with open(self._path(raw), "rb") as f:
                entry = _SafeUnpickler(io.BytesIO(f.read())).load()
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, raw: bytes, entry) -> None:
        if self.folder is None:
            return
        path = self._path(raw)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed: a reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            # A read-only checkout still validates, only without the cache.
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
