"""Property: whatever a maintainer's edit does to a valid catalogue file, kb answers with
diagnostics (exit 1) or a valid catalogue (exit 0), never a traceback."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, SUMMARY_LINES
from kb.cli import main as kb_main
from kb.site.pages import generate

EXAMPLES = int(os.environ.get("KB_FUZZ_EXAMPLES", "2000"))
FILES = sorted(str(p.relative_to(MINI)) for p in MINI.rglob("*.yaml"))
STRAY = [":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "\t", "'", '"',
         "|", ">", "%", "@", "`", "---\n", "...\n", "<<: *a", "? ", "#", ",", "\n  ", "\r", "\ufeff",
         # hardening (issue 14): separators, controls, invisible and bidi characters, what a
         # Chinese input method types, extension openers, list items indented into the one before
         "\u2028", "\u2029", "\x85", "\v", "\f", "\x1b[31m", "\u202e", "\u2066", "\u200b", "\x01", "\x9b",
         "：", "，", "１", "٣", "??? note ", "~~~", "&lt;", "\n    - ", '"\\ud800"', '"\\x1b"']
VALUES = ["[1, 2]", "123", "{a: b}", "null", "true", "''", "[]", "2026-13-45", "- x", "P9999", "<b>粗</b>",
          "javascript:alert(1)", "## 标题"]

seen = {"examples": 0, "failed": 0, "passed": 0}


@st.composite
def mutation(draw, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "retype", "unicode", "stray", "swap"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "delete" and lines:
            del lines[i]
        elif kind == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif kind == "retype" and lines and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(VALUES))}"
        elif kind == "unicode" and lines:
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.text(min_size=1, max_size=8)) + lines[i][pos:]
        elif kind == "stray" and lines:
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.sampled_from(STRAY)) + lines[i][pos:]
        elif kind == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


# Files that are not what they seem: instead of its text, a file becomes one of these.
FILE_KINDS = ["text"] * 12 + ["symlink-out", "symlink-dev", "fifo", "upper-case", "json", "trailing-space"]


@st.composite
def mutated_catalogue(draw):
    name = draw(st.sampled_from(FILES))
    original = (MINI / name).read_text(encoding="utf-8")
    return name, draw(mutation(original)), draw(st.sampled_from(FILE_KINDS))


def _place(root: Path, name: str, text: str, kind: str) -> None:
    path = root / name
    if kind == "text":
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    elif kind == "symlink-out":
        path.unlink()
        os.symlink("/etc/passwd", path)
    elif kind == "symlink-dev":
        path.unlink()
        os.symlink("/dev/zero", path)
    elif kind == "fifo":
        path.unlink()
        os.mkfifo(path)
    else:  # a copy under a name that would be skipped
        stem = path.with_suffix("")
        other = {"upper-case": ".YAML", "json": ".json", "trailing-space": ".yaml "}[kind]
        Path(f"{stem}{other}").write_bytes(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_catalogue())
def test_mutated_catalogue_gives_diagnostics_never_a_traceback(case):
    name, text, kind = case
    seen["examples"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "cat"
        shutil.copytree(MINI, root)
        _place(root, name, text, kind)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = kb_main(["validate", "--catalogue", str(root)])
        lines = out.getvalue().splitlines()
        assert code in (0, 1)
        if kind != "text":
            assert code == 1  # refused or reported, never followed or skipped in silence
        # Every line printable: no terminal escape, no line separator, no bidi control.
        assert not any(c in out.getvalue() for c in "\x1b\r\v\f\x85\u2028\u2029\u202e\u2066\x00")
        if code == 1:
            seen["failed"] += 1
            assert "error[" in out.getvalue()
            assert lines[-1].startswith("共 ") and lines[-1].endswith("个警告。")
            for line in lines[:-1]:
                path, line_no, col = line.split(":")[:3]
                assert os.path.lexists(path) and int(line_no) >= 1 and int(col) >= 1, line
        else:
            seen["passed"] += 1
            from kb.core.pipeline import load_catalogue
            assert generate(load_catalogue(root).catalogue)  # a valid catalogue also renders


def test_report_fuzz_count():
    """Runs after the property test (file order) and prints how many examples it tried."""
    SUMMARY_LINES.append(f"hypothesis: {seen['examples']} mutated catalogues, {seen['failed']} rejected with "
                         f"diagnostics, {seen['passed']} still valid, 0 tracebacks")
    assert seen["examples"] >= min(EXAMPLES, 100)
