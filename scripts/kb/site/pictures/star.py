"""An entry and its neighbours as SVG: a star layout computed in Python.

Every edge of these pictures touches the centre entry, so there is no crossing to minimise and no
layout problem for a library to solve: the neighbours stand in columns (wide screens and print) or
in one stacked column (phones), in catalogue order. Two drawings are made and CSS shows the one that
fits; both carry their own colours and fonts, so a downloaded file looks the same as on the page.
Graphviz (used for the overview) costs a process and fontconfig metrics that need not match the
reader's font; here the boxes are sized from character widths that hold for any CJK font.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kb.site.pictures.text import wrap, xml

FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
SIZE = 14          # label font size (px at 100 %)
LINE = 19          # line height
PAD = 8            # padding inside a box
HEAD = 13          # group heading font size
MAX_NODES = 10     # more neighbours than this in a group: the rest are summarised in one box

# Fill, stroke and text per kind; every text colour has at least 7:1 contrast on its fill.
STYLE = {
    "problem": ("#ffebee", "#c62828", "#1a1a1a"),
    "cause": ("#fff3e0", "#b45309", "#1a1a1a"),
    "countermeasure": ("#e8f5e9", "#2e7d32", "#1a1a1a"),
    "more": ("#f5f5f5", "#616161", "#1a1a1a"),
    "centre": ("#8e1b1b", "#8e1b1b", "#ffffff"),
}
INK = "#333333"    # headings and edges (12:1 on white)


@dataclass
class Node:
    kind: str        # problem, cause, countermeasure, more
    label: str       # "C01 理想信念弱化"
    href: str
    tooltip: str = ""


@dataclass
class Group:
    heading: str     # e.g. "成因"
    nodes: list[Node]                 # the boxes drawn
    every: list[Node] | None = None   # all neighbours, for the text alternative (None: same as nodes)

    @property
    def all(self) -> list[Node]:
        return self.nodes if self.every is None else self.every


@dataclass
class Star:
    """What a picture shows: the centre, groups that lead into it (left), groups it leads to
    (right), and loosely related entries (below, dashed)."""

    name: str        # used in ids: unique per page
    centre: Node
    left: list[Group] = field(default_factory=list)
    right: list[Group] = field(default_factory=list)
    below: list[Group] = field(default_factory=list)


def capped(heading: str, nodes: list[Node], more_href: str) -> Group:
    """A group of at most MAX_NODES boxes; the rest become one box linking to the full list."""
    if len(nodes) <= MAX_NODES:
        return Group(heading, nodes)
    rest = len(nodes) - (MAX_NODES - 1)
    return Group(heading, nodes[:MAX_NODES - 1] + [Node("more", f"另有 {rest} 项，见下方列表", more_href)], nodes)


@dataclass
class _Box:
    node: Node
    x: float
    y: float
    w: float
    lines: list[str]
    centre: bool = False

    @property
    def h(self) -> float:
        return len(self.lines) * LINE + 2 * PAD

    @property
    def mid_y(self) -> float:
        return self.y + self.h / 2


def _box(node: Node, x: float, y: float, w: float, max_lines: int = 3, centre: bool = False) -> _Box:
    size = SIZE + 2 if centre else SIZE
    lines, _ = wrap(node.label, (w - 2 * PAD) / size, max_lines)
    return _Box(node, x, y, w, list(lines) or [" "], centre)


@lru_cache(maxsize=65536)
def _box_markup(kind: str, link: str, tip: str, w: int, h: int, lines: tuple[str, ...], centre: bool) -> str:
    fill, stroke, ink = STYLE["centre" if centre else kind]
    size = SIZE + 2 if centre else SIZE
    bold = ' font-weight="bold"' if centre else ""
    text = "".join(f'<tspan x="{PAD}" y="{PAD + (i + 1) * LINE - 5}">{xml(line)}</tspan>' for i, line in enumerate(lines))
    return (f'<a href="{xml(link)}" class="kb-picture__node kb-picture__node--{kind}"><title>{xml(tip)}</title>'
            f'<rect width="{w}" height="{h}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{2 if centre else 1.5}"/>'
            f'<text font-size="{size}" fill="{ink}"{bold}>{text}</text></a>')


class _Canvas:
    def __init__(self, name: str) -> None:
        self.name = name
        self.parts: list[str] = []

    def heading(self, text: str, x: float, y: float) -> None:
        self.parts.append(f'<text x="{x:.0f}" y="{y:.0f}" font-size="{HEAD}" font-weight="bold" '
                          f'fill="{INK}">{xml(text)}</text>')

    def box(self, b: _Box) -> None:
        # A box is drawn at the origin and moved into place: the same entry looks the same on
        # every page that shows it, so its markup is made once per build (see _box_markup).
        inner = _box_markup(b.node.kind, b.node.href, b.node.tooltip or b.node.label, round(b.w), round(b.h),
                            tuple(b.lines), b.centre)
        self.parts.append(f'<g transform="translate({b.x:.0f},{b.y:.0f})">{inner}</g>')

    def curve(self, x1: float, y1: float, x2: float, y2: float, dashed: bool = False, vertical: bool = False) -> None:
        if vertical:
            my = (y1 + y2) / 2
            path = f"M{x1:.0f},{y1:.0f} C{x1:.0f},{my:.0f} {x2:.0f},{my:.0f} {x2:.0f},{y2:.0f}"
        else:
            mx = (x1 + x2) / 2
            path = f"M{x1:.0f},{y1:.0f} C{mx:.0f},{y1:.0f} {mx:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
        style = ' stroke-dasharray="5 4"' if dashed else f' marker-end="url(#{self.name}-arrow)"'
        self.parts.insert(0, f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="1.3"{style}/>')

    def svg(self, w: float, h: float, label: str, desc: str) -> str:
        n = self.name
        defs = (f'<defs><marker id="{n}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/>'
                f'</marker></defs>')
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-picture__svg" viewBox="0 0 {w:.0f} {h:.0f}" '
                f'width="{w:.0f}" height="{h:.0f}" role="group" aria-label="{xml(label)}" '
                f'aria-describedby="{n}-desc" font-family="{xml(FONT)}">'
                f'<title>{xml(label)}</title><desc id="{n}-desc">{xml(desc)}</desc>{defs}'
                f'<rect width="100%" height="100%" fill="#ffffff"/>'
                + "".join(self.parts) + "</svg>")


COL = 224      # column width in the wide drawing
GAP = 64       # room for the edges between columns
MARGIN = 10
GROUP_GAP = 14
NODE_GAP = 8


def _column(groups: list[Group], canvas: _Canvas, x: float, top: float) -> tuple[list[_Box], float]:
    """Stack groups (heading, boxes) from top; returns the boxes and the column's bottom."""
    boxes, y = [], top
    for g in groups:
        canvas.heading(g.heading, x, y + HEAD)
        y += HEAD + 8
        for node in g.nodes:
            b = _box(node, x, y, COL)
            boxes.append(b)
            y += b.h + NODE_GAP
        y += GROUP_GAP - NODE_GAP
    return boxes, y


def _column_height(groups: list[Group]) -> float:
    """What _column's bottom will be, without drawing."""
    size = (COL - 2 * PAD) / SIZE
    return sum(HEAD + 8 + GROUP_GAP - NODE_GAP
               + sum(max(1, len(wrap(n.label, size, 3)[0])) * LINE + 2 * PAD + NODE_GAP for n in g.nodes)
               for g in groups)


def wide(star: Star, label: str, desc: str) -> str:
    """Left groups → centre → right groups, related entries in rows below."""
    canvas = _Canvas(star.name + "-w")
    cx = MARGIN + (COL + GAP if star.left else 0)
    rx = cx + COL + GAP
    width = (rx if star.right else cx) + COL + MARGIN
    centre_probe = _box(star.centre, 0, 0, COL, max_lines=4, centre=True)
    left_h, right_h = _column_height(star.left), _column_height(star.right)
    height = max(left_h, right_h, centre_probe.h + 2 * HEAD)
    top = MARGIN
    centre = _box(star.centre, cx, top + (height - centre_probe.h) / 2, COL, max_lines=4, centre=True)
    canvas.box(centre)
    if star.left:
        boxes, _ = _column(star.left, canvas, MARGIN, top + (height - left_h) / 2)
        for b in boxes:
            canvas.box(b)
            canvas.curve(b.x + b.w, b.mid_y, centre.x - 2, centre.mid_y)
    if star.right:
        boxes, _ = _column(star.right, canvas, rx, top + (height - right_h) / 2)
        for b in boxes:
            canvas.box(b)
            canvas.curve(centre.x + centre.w, centre.mid_y, b.x - 2, b.mid_y)
    bottom = top + height
    for g in star.below:
        y = bottom + GROUP_GAP
        canvas.heading(g.heading, MARGIN, y + HEAD)
        y += HEAD + 8
        per_row = max(1, int((width - 2 * MARGIN + GAP / 2) // (COL + GAP / 2)))
        row_h = 0.0
        for i, node in enumerate(g.nodes):
            if i and i % per_row == 0:
                y += row_h + NODE_GAP
                row_h = 0
            b = _box(node, MARGIN + (i % per_row) * (COL + GAP / 2), y, COL, max_lines=2)
            canvas.box(b)
            row_h = max(row_h, b.h)
        bottom = y + row_h
    for g in star.below:
        canvas.curve(centre.x + centre.w / 2, centre.y + centre.h, centre.x + centre.w / 2, top + height + GROUP_GAP,
                     dashed=True, vertical=True)
    return canvas.svg(width, bottom + MARGIN, label, desc)


NARROW = 340   # the phone drawing's width: 375 px screens minus Material's margins


def narrow(star: Star, label: str, desc: str) -> str:
    """One column: left groups, an arrow down, the centre, an arrow down, right groups, related."""
    canvas = _Canvas(star.name + "-n")
    w = NARROW - 2 * MARGIN
    x, y = MARGIN, MARGIN

    def stack(groups: list[Group], max_lines: int = 2) -> None:
        nonlocal y
        for g in groups:
            canvas.heading(g.heading, x, y + HEAD)
            y += HEAD + 8
            for node in g.nodes:
                b = _box(node, x + 12, y, w - 12, max_lines=max_lines)
                canvas.box(b)
                y += b.h + NODE_GAP
            y += GROUP_GAP - NODE_GAP

    def arrow() -> None:
        nonlocal y
        canvas.curve(NARROW / 2, y, NARROW / 2, y + 26, vertical=True)
        y += 30

    if star.left:
        stack(star.left)
        arrow()
    centre = _box(star.centre, x, y, w, max_lines=4, centre=True)
    canvas.box(centre)
    y += centre.h + 4
    if star.right:
        arrow()
        stack(star.right)
    if star.below:
        y += 6
        stack(star.below)
    return canvas.svg(NARROW, y + MARGIN - GROUP_GAP + NODE_GAP, label, desc)
