"""Shared fixtures: a copy of the mini catalogue to mutate, and helpers to run the pipeline."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.core.pipeline import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"

# Figures tests want a person to read (recall, example counts): printed after the test summary.
SUMMARY_LINES: list[str] = []


def pytest_terminal_summary(terminalreporter):
    for line in SUMMARY_LINES:
        terminalreporter.write_line(line)


@pytest.fixture
def mini(tmp_path, monkeypatch) -> Path:
    """A writable copy of tests/fixtures/mini; the working directory is its parent, so
    diagnostics name files as 'cat/problems/P001.yaml'."""
    target = tmp_path / "cat"
    shutil.copytree(MINI, target)
    monkeypatch.chdir(tmp_path)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def diagnostics(root: Path) -> list[str]:
    """Every diagnostic line for the catalogue at root, sorted as kb validate prints them."""
    return [d.text() for d in load_catalogue(root).report.sorted()]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real catalogue built once per test session with `mkdocs build --strict`."""
    import os
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return site


@pytest.fixture(scope="module")
def site_in_browser(built_site):
    """The built real site served on 127.0.0.1 and a headless Chromium: (base URL, browser)."""
    from browser import chromium, serve
    with serve(built_site) as base, chromium() as browser:
        yield base, browser


def site_config(tmp_path: Path, catalogue: Path) -> Path:
    """A copy of mkdocs.yml that builds the given catalogue (for tests on small catalogues)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - kb\n", f"  - kb:\n      catalogue: {catalogue}\n      cache_dir: {tmp_path / '.cache'}\n")
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def kb(*args: str, cwd: Path | None = None):
    """Run the kb command as a maintainer would; returns the completed process."""
    import os
    import subprocess
    import sys
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "kb", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
