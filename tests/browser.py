"""A real headless Chromium (Debian's package) driven by Playwright, and a local HTTP server."""
from __future__ import annotations

from pathlib import Path

from kb.bench.browser import CHROMIUM, CHROMIUM_ARGS, chromium, serve  # noqa: F401

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


