"""Shading by count for the weighted matrices: five steps of one hue, each with a text colour that
keeps WCAG AA contrast (checked in tests/site/test_pictures.py)."""
from __future__ import annotations

import math

# (cell background, count badge background, badge text, link colour in the cell)
SHADES = [
    ("#ffffff", "#f2f2f2", "#4d4d4d", "#8e1b1b"),   # 0: empty
    ("#fff6f5", "#f9d3cf", "#1a1a1a", "#8e1b1b"),
    ("#fde7e4", "#f2a59c", "#1a1a1a", "#8e1b1b"),
    ("#fbd6d1", "#c0392b", "#ffffff", "#7a1414"),
    ("#f8c4bd", "#8e1b1b", "#ffffff", "#6b1010"),
]


def level(count: int, highest: int) -> int:
    """0 for an empty cell; 1–4 in proportion to the largest count of the matrix."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(4, math.ceil(4 * count / highest)))


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def legend() -> str:
    """The key under a matrix: what the shades mean."""
    steps = [("无", 0), ("少", 1), ("较少", 2), ("较多", 3), ("多", 4)]
    cells = "".join(f'<span class="kb-weight" style="background:{SHADES[n][1]};color:{SHADES[n][2]}">'
                    f"{word}</span>" for word, n in steps)
    return f'<p class="kb-weight-legend">颜色越深，问题越多：{cells}</p>'
