"""An entry and its neighbours as SVG: a layered star computed in Python.

Every edge of these pictures touches the centre entry, so there is no crossing to minimise and no
layout problem for a library to solve. One drawing serves every screen and print: the layers stand
top to bottom in one column 340 px wide (what a 375 px phone shows without scaling): the groups
that lead into the entry, an arrow, the entry, an arrow, the groups it leads to, then loosely
related entries. Only the drawing's height grows with the number of neighbours, so it reads the
same on a phone and a desktop. It carries its own colours and fonts, so a downloaded file looks the
same as on the page. Graphviz (used for the overview) costs a process and fontconfig metrics that
need not match the reader's font; here the boxes are sized from character widths that hold for any
CJK font.

Thousands of pages are drawn per build, so the drawing is plain string work: a box (its wrapped
label, escaping and link) is made once per build and moved into place on every page that shows it.
Elements are written the way the sanitizer's serializer writes them (end tags, not "/>"), so that it
finds nothing to respell.
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
TEXT = "#1a1a1a"   # label text, set once on the drawing (the centre's white overrides it)


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
    """What a picture shows: the centre, groups that lead into it (drawn above it), groups it
    leads to (below it), and loosely related entries (last)."""

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


WIDTH = 340        # the drawing's width: 375 px screens minus Material's margins
MARGIN = 10
INDENT = 12        # neighbours stand a little right of their group heading
GROUP_GAP = 14
NODE_GAP = 8
ARROW = 30         # room for the arrow between layers


@lru_cache(maxsize=65536)
def _box(kind: str, label: str, link: str, tip: str, w: int, max_lines: int, centre: bool) -> tuple[str, int]:
    """A box at the origin (its markup and height). The same entry looks the same on every page
    that shows it, so this runs once per entry, link and width in a build."""
    size = SIZE + 2 if centre else SIZE
    lines = wrap(label, (w - 2 * PAD) / size, max_lines)[0] or (" ",)
    h = len(lines) * LINE + 2 * PAD
    fill, stroke, ink = STYLE["centre" if centre else kind]
    if len(lines) == 1:
        text = f'<text x="{PAD}" y="{PAD + LINE - 5}"'
        body = xml(lines[0])
    else:
        text = "<text"
        body = "".join(f'<tspan x="{PAD}" y="{PAD + (i + 1) * LINE - 5}">{xml(line)}</tspan>'
                       for i, line in enumerate(lines))
    if centre:
        text += f' font-size="{size}" fill="{ink}" font-weight="bold"'
    markup = (f'<a href="{xml(link)}" class="kb-picture__node kb-picture__node--{kind}"><title>{xml(tip or label)}</title>'
              f'<rect width="{w}" height="{h}" rx="6" fill="{fill}" stroke="{stroke}" '
              f'stroke-width="{2 if centre else 1.5}"></rect>{text}>{body}</text></a>')
    return markup, h


def _heading(text: str, x: int, y: int) -> str:
    return f'<text x="{x}" y="{y}" font-size="{HEAD}" font-weight="bold" fill="{INK}">{xml(text)}</text>'


def draw(star: Star, label: str, desc: str) -> str:
    """The picture as one inline SVG element (role group, named by label, described by desc)."""
    name = star.name
    parts: list[str] = []
    x, w = MARGIN, WIDTH - 2 * MARGIN
    y = MARGIN
    mid = WIDTH // 2
    arrow = f'<path d="M{mid},{{0}} V{{1}}" fill="none" stroke="{INK}" stroke-width="1.3" marker-end="url(#{name}-arrow)"></path>'

    def stack(groups: list[Group]) -> None:
        nonlocal y
        for g in groups:
            parts.append(_heading(g.heading, x, y + HEAD))
            y += HEAD + 8
            for node in g.nodes:
                markup, h = _box(node.kind, node.label, node.href, node.tooltip, w - INDENT, 2, False)
                parts.append(f'<g transform="translate({x + INDENT},{y})">{markup}</g>')
                y += h + NODE_GAP
            y += GROUP_GAP - NODE_GAP

    if star.left:
        stack(star.left)
        parts.append(arrow.format(y, y + ARROW - 6))
        y += ARROW
    c = star.centre
    markup, h = _box(c.kind, c.label, c.href, c.tooltip, w, 4, True)
    parts.append(f'<g transform="translate({x},{y})">{markup}</g>')
    y += h + 4
    if star.right:
        parts.append(arrow.format(y, y + ARROW - 6))
        y += ARROW
        stack(star.right)
    if star.below:
        y += 6
        stack(star.below)
    height = y + MARGIN - GROUP_GAP + NODE_GAP
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-picture__svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" role="group" aria-label="{xml(label)}" '
            f'aria-describedby="{name}-desc" font-family="{FONT}" font-size="{SIZE}" fill="{TEXT}">'
            f'<title>{xml(label)}</title><desc id="{name}-desc">{xml(desc)}</desc>'
            f'<defs><marker id="{name}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"></path></marker></defs>'
            f'<rect width="100%" height="100%" fill="#ffffff"></rect>'
            + "".join(parts) + "</svg>")
