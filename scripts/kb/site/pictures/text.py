"""Text metrics for SVG labels: widths in em, line wrapping, XML escaping.

SVG does not wrap text, so labels are broken into lines here. Widths are estimated per character
(CJK and full-width punctuation 1 em, other characters 0.6 em), which holds for every CJK font the
site may fall back to, so boxes never clip whatever font the reader's machine has.
"""
from __future__ import annotations

import html
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=None)
def char_width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6


def width(text: str) -> float:
    return sum(map(char_width, text))


# The same titles are drawn on many pages (a cause on every problem it explains): wrap each once.
@lru_cache(maxsize=65536)
def wrap(text: str, max_em: float, max_lines: int) -> tuple[tuple[str, ...], bool]:
    """Lines of at most max_em; (lines, shortened). Latin words and numbers are not split."""
    text = " ".join(text.split())
    if width(text) <= max_em:  # most labels: one line, nothing to break
        return ((text,) if text else ()), False
    tokens: list[str] = []
    for ch in text:
        if tokens and char_width(ch) < 1 and ch != " " and char_width(tokens[-1][-1]) < 1 and tokens[-1][-1] != " ":
            tokens[-1] += ch
        else:
            tokens.append(ch)
    lines, line, used = [], "", 0.0
    for tok in tokens:
        w = width(tok)
        if line and used + w > max_em:
            lines.append(line.rstrip())
            line = tok.lstrip()
            used = width(line)
        else:
            line += tok
            used += w
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) <= max_lines:
        return tuple(lines), False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and width(last + "…") > max_em:
        last = last[:-1]
    kept[-1] = last + "…"
    return tuple(kept), True


@lru_cache(maxsize=16384)
def xml(text: str) -> str:
    """Text or attribute value for inline SVG/HTML (quotes included)."""
    return html.escape(" ".join(str(text).split()), quote=True)
