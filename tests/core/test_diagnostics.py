"""Diagnostics print as one inert line: no line break, terminal escape or workflow command from
the file names and catalogue text they quote."""
import pytest

from kb.core.diagnostics import Report

BREAKS = ["\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", BREAKS)
def test_every_line_separator_is_folded(brk):
    report = Report()
    report.error("catalogue/p.yaml", 3, 5, "unknown-field", f"未知字段 'a{brk}::error file=x::forged'")
    (line,) = report.format("text").splitlines()[:-1]
    assert line == "catalogue/p.yaml:3:5: error[unknown-field]: 未知字段 'a ::error file=x::forged'"
    assert len(report.format("github").splitlines()) == 1


def test_terminal_escapes_and_bidi_controls_are_shown_not_obeyed():
    report = Report()
    report.error("catalogue/\x1b[2Jp.yaml", 1, 1, "yaml-syntax", "标题\x1b]0;owned\x07 \u202e文本\x9b")
    assert report.format("text").splitlines()[0] == (
        "catalogue/\\u001b[2Jp.yaml:1:1: error[yaml-syntax]: 标题\\u001b]0;owned\\u0007 \\u202e文本\\u009b")


def test_github_format_escapes_properties():
    report = Report()
    report.warning("catalogue/a,title=x::b.yaml", 2, 1, "halfwidth-punct", "100% 半角")
    assert report.format("github") == (
        "::warning file=catalogue/a%2Ctitle=x%3A%3Ab.yaml,line=2,col=1,title=halfwidth-punct::100%25 半角")
