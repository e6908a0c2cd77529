"""The overview picture: governance areas → the causes that explain most of their problems.

Drawing every problem would be an unreadable hairball, so problems are counted, not drawn: each
area node says how many problems it holds, and each area is joined to the causes that explain the
most of them (edge width and label: the number of problems). Here the layout is a real problem
(which order of areas and causes crosses the fewest edges), so Graphviz dot draws it: one process
per build, and its output is cached by the hash of its input.

The page shows one of two drawings of the same graph (CSS picks by screen width): the printable
one, whose downloads are for slides and paper, and a phone one with short label lines and little
room between the columns, about 320 px wide, so a 375 px screen shows its labels at full size.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kb.core.graph import Catalogue
from kb.site.pictures.star import FONT, INK, STYLE
from kb.site.pictures.text import wrap, xml

TOP_CAUSES = 3     # causes drawn per area
MAX_AREAS = 16     # more areas (synthetic catalogues): the ones with the most problems
DOT_FONT = "Noto Sans CJK SC"


class OverviewError(Exception):
    """Graphviz is missing or failed; the message is for the maintainer."""


@dataclass
class Link:
    area: str
    cause: str
    problems: list[str]


def links(cat: Catalogue) -> tuple[list[str], list[Link]]:
    """The areas drawn and, for each, its TOP_CAUSES causes by number of problems explained."""
    by_area = {aid: cat.problems_by_area.get(aid, []) for aid in cat.areas}
    areas = sorted(cat.areas, key=lambda a: -len(by_area[a]))[:MAX_AREAS]
    areas = [a for a in cat.areas if a in areas]
    out = []
    for aid in areas:
        counts: dict[str, list[str]] = {}
        for pid in by_area[aid]:
            for cid in cat.problems[pid].causes:
                counts.setdefault(cid, []).append(pid)
        best = sorted(counts.items(), key=lambda kv: (-len(kv[1]), list(cat.causes).index(kv[0])))[:TOP_CAUSES]
        out += [Link(aid, cid, pids) for cid, pids in best]
    return areas, out


def _q(text: str) -> str:
    """A dot double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label(lines: list[str]) -> str:
    return _q("\n".join(lines)).replace("\n", "\\n")


# (title characters per line, title lines, id on a line of its own, room between the columns and
# between boxes in inches)
LAYOUTS = {"wide": (10, 2, False, 1.6, 0.18), "phone": (6, 3, True, 0.45, 0.1)}


def _title_lines(rid: str, title: str, chars: int, rows: int, id_line: bool) -> list[str]:
    lines = list(wrap(title, chars, rows)[0])
    return [rid, *lines] if id_line else [f"{rid} {lines[0]}", *lines[1:]]


def dot_source(cat: Catalogue, url, layout: str = "wide") -> str:
    """The dot graph; url(kind, id) gives each node's link; layout is a key of LAYOUTS."""
    chars, rows, id_line, ranksep, nodesep = LAYOUTS[layout]
    areas, drawn = links(cat)
    most = max((len(l.problems) for l in drawn), default=1)
    lines = ["digraph overview {",
             f'  graph [rankdir=LR, ranksep={ranksep}, nodesep={nodesep}, bgcolor="#ffffff", fontname={_q(DOT_FONT)}];',
             f'  node [shape=box, style="rounded,filled", fontname={_q(DOT_FONT)}, fontsize=13, margin="0.12,0.06"];',
             f'  edge [color={_q(INK)}, fontname={_q(DOT_FONT)}, fontsize=11, arrowsize=0.6];']
    fill, stroke, _ = STYLE["problem"]
    for aid in areas:
        title = _title_lines(aid, cat.areas[aid].title, chars, rows, id_line)
        n = len(cat.problems_by_area.get(aid, []))
        lines.append(f"  {_q(aid)} [label={_label([*title, f'{n} 个问题'])}, "
                     f"URL={_q(url('area', aid))}, tooltip={_q(cat.areas[aid].title)}, "
                     f"fillcolor={_q(fill)}, color={_q(stroke)}, id={_q('ov-' + aid)}];")
    fill, stroke, _ = STYLE["cause"]
    for cid in dict.fromkeys(l.cause for l in drawn):
        title = _title_lines(cid, cat.causes[cid].title, chars, rows, id_line)
        lines.append(f"  {_q(cid)} [label={_label(title)}, URL={_q(url('cause', cid))}, "
                     f"tooltip={_q(cat.causes[cid].title)}, fillcolor={_q(fill)}, color={_q(stroke)}, id={_q('ov-' + cid)}];")
    for l in drawn:
        n = len(l.problems)
        lines.append(f"  {_q(l.area)} -> {_q(l.cause)} [label={_q(str(n))}, penwidth={1 + 4 * n / most:.1f}, "
                     f"tooltip={_q(f'{n} 个问题')}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _run_dot(source: str, fmt: str) -> bytes:
    if shutil.which("dot") is None:
        raise OverviewError("找不到 Graphviz 的 dot 命令：请安装 graphviz（make system），全局关系图才能生成")
    run = subprocess.run(["dot", f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True)
    if run.returncode != 0:
        raise OverviewError(f"Graphviz dot 出错：{run.stderr.decode(errors='replace').strip()[:500]}")
    return run.stdout


def render(source: str, fmt: str, cache_dir: Path | None) -> bytes:
    """dot's output for the source, from the cache when the same source was drawn before."""
    key = hashlib.sha256(f"{fmt}\0{source}".encode("utf-8")).hexdigest()[:24]
    cached = cache_dir / f"overview-{key}.{fmt}" if cache_dir else None
    if cached and cached.exists():
        return cached.read_bytes()
    data = _run_dot(source, fmt)
    if cached:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(cached)
    return data


_XML_HEAD = re.compile(r"^.*?(?=<svg)", re.S)
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def split_svgs(output: bytes) -> list[bytes]:
    """dot's SVG output for an input of several graphs → one SVG file per graph."""
    return [b"<?xml" + part for part in output.split(b"<?xml")[1:]]


def inline_svg(svg: bytes, label: str, desc: str, prefix: str = "") -> str:
    """dot's SVG file → an inline, accessible SVG element that scales to its container. prefix
    goes before every id, so that two drawings of one graph can share a page."""
    text = _XML_HEAD.sub("", svg.decode("utf-8"), count=1)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    if prefix:
        text = text.replace(' id="', f' id="{prefix}')
    desc_id = f"{prefix}kb-overview-desc"
    text = _SIZE.sub(lambda m: f'<svg class="kb-overview__svg" width="{m[1]}pt" height="{m[2]}pt" role="group" '
                     f'aria-label="{xml(label)}" aria-describedby="{desc_id}"', text, count=1)
    text = text.replace("<title>overview</title>", f'<title>{xml(label)}</title><desc id="{desc_id}">{xml(desc)}</desc>', 1)
    text = text.replace('font-family="Noto Sans CJK SC"', f'font-family="{FONT}"')
    # SVG 2 links: plain href (the sanitizer allows no xlink: attributes); dot's xlink:title repeats
    # the <title> it writes into every node.
    text = re.sub(r' xlink:title="[^"]*"', "", text.replace(" xlink:href=", " href="))
    return "".join(line.strip() for line in text.splitlines())
