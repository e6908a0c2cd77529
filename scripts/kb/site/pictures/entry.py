"""The 关系图 section of problem, cause and countermeasure pages.

A <figure> holds one drawing of the star (it fits a 375 px phone and reads the same on a desktop),
a caption, and a visually hidden list of the same links for screen readers. It is raw HTML in the Markdown page:
no script is needed to see it or follow its links; kb-pictures.js only adds the download buttons.
"""
from __future__ import annotations

from functools import lru_cache

from kb.core.graph import Catalogue
from kb.site.pages.markup import SiteContext, uri
from kb.site.pictures.star import Group, Node, Star, capped, draw
from kb.site.pictures.text import xml
from kb.site.pictures.urls import href

HEADING = "## 关系图 {#picture data-search-exclude}"


@lru_cache(maxsize=65536)
def _tooltip(rid: str, title: str, summary: str) -> str:
    return f"{rid} {title}：{' '.join(summary.split())}" if summary else ""


# A neighbour is the same Node on every page of one folder (problems/, causes/, measures/): the
# relative link from problems/P001/ to causes/C01/ is the one from problems/P002/. The nodes are of
# one catalogue (another one empties the table) and cleared with the other caches (clear_caches).
_NODES: dict[tuple, Node] = {}
_NODES_OF: list = [None]


def _node(cat: Catalogue, ctx: SiteContext, here: str, kind: str, rid: str) -> Node:
    if _NODES_OF[0] is not cat:
        _NODES.clear()
        _NODES_OF[0] = cat
    target = uri(kind, rid)
    key = (ctx.directory_urls, here.rpartition("/")[0], target)
    node = _NODES.get(key) if target != here else None
    if node is None:
        entry = {"problem": cat.problems, "cause": cat.causes, "countermeasure": cat.measures}[kind][rid]
        node = Node(kind, f"{rid} {entry.title}", href(here, target, ctx.directory_urls),
                    _tooltip(rid, entry.title, getattr(entry, "summary", "") or ""))
        if target != here and not here.endswith("index.md"):
            _NODES[key] = node
    return node


def _group(cat, ctx, here, heading: str, kind: str, ids: list[str], anchor: str) -> Group:
    nodes = [_node(cat, ctx, here, kind, rid) for rid in ids]
    return capped(heading, nodes, href(here, here, ctx.directory_urls, anchor))


def _figure(star: Star, here: str, title: str, caption: str) -> str:
    label = f"关系图：{title}"
    groups = [*star.left, *star.right, *star.below]
    desc = "；".join(f"{g.heading}（{len(g.all)} 项）：" + "、".join(n.label for n in g.all) for g in groups if g.all)
    hidden = "".join(
        f"<p>{xml(g.heading)}（{len(g.all)} 项）</p><ul>"
        + "".join(f'<li><a href="{xml(n.href)}">{xml(n.label)}</a></li>' for n in g.all) + "</ul>"
        for g in groups if g.all)
    return "\n".join([
        f'<figure class="kb-picture" data-kb-picture="{xml(star.name)}">',
        draw(star, label, desc),
        f"<figcaption>{xml(caption)}</figcaption>",
        f'<div class="kb-visually-hidden">{hidden}</div>',
        "</figure>",
    ])


def problem_picture(cat: Catalogue, ctx: SiteContext, p) -> str:
    here = uri("problem", p.id)
    related = list(dict.fromkeys(p.related + cat.related_to.get(p.id, [])))
    star = Star(
        name=f"kb-pic-{p.id}",
        centre=Node("problem", f"{p.id} {p.title}", href(here, here, ctx.directory_urls)),
        left=[_group(cat, ctx, here, "成因", "cause", p.causes, "causes")] if p.causes else [],
        right=[_group(cat, ctx, here, "整改措施", "countermeasure", p.countermeasures, "countermeasures")]
        if p.countermeasures else [],
        below=[_group(cat, ctx, here, "相关问题", "problem", related, "related")] if related else [],
    )
    caption = "箭头从成因指向这个问题，再指向针对它的整改措施" + ("；相关问题列在最后" if related else "") + "。点击方框打开对应页面。"
    return "\n".join([HEADING, "", _figure(star, here, f"{p.id} {p.title}", caption), ""])


def cause_picture(cat: Catalogue, ctx: SiteContext, cause) -> str:
    here = uri("cause", cause.id)
    problems = cat.problems_by_cause.get(cause.id, [])
    measures = cat.measures_by_cause.get(cause.id, [])
    right = []
    if problems:
        right.append(_group(cat, ctx, here, "由此导致的问题", "problem", problems, "problems"))
    if measures:
        right.append(_group(cat, ctx, here, "针对它的整改措施", "countermeasure", measures, "countermeasures"))
    star = Star(f"kb-pic-{cause.id}", Node("cause", f"{cause.id} {cause.title}", href(here, here, ctx.directory_urls)),
                right=right)
    caption = "箭头从这个成因指向它导致的问题和针对它的整改措施。点击方框打开对应页面。"
    return "\n".join([HEADING, "", _figure(star, here, f"{cause.id} {cause.title}", caption), ""])


def measure_picture(cat: Catalogue, ctx: SiteContext, m) -> str:
    here = uri("countermeasure", m.id)
    problems = cat.problems_by_measure.get(m.id, [])
    left = []
    if m.causes:
        left.append(_group(cat, ctx, here, "针对的成因", "cause", m.causes, "causes"))
    if problems:
        left.append(_group(cat, ctx, here, "适用的问题", "problem", problems, "problems"))
    star = Star(f"kb-pic-{m.id}", Node("countermeasure", f"{m.id} {m.title}", href(here, here, ctx.directory_urls)),
                left=left)
    caption = "箭头从这项措施针对的成因和适用的问题指向这项措施。点击方框打开对应页面。"
    return "\n".join([HEADING, "", _figure(star, here, f"{m.id} {m.title}", caption), ""])
