"""Shared fixtures: a copy of the mini catalogue to mutate, and helpers to run the pipeline."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.pipeline import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


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
