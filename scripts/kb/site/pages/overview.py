"""The 全局关系图 page (/overview/): areas → the causes behind most of their problems, drawn by
Graphviz (a printable drawing, and a narrow one that phones show at full size), with the same facts
as a table for screen readers and print, and SVG/PNG downloads."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.site.pages.markup import Page, SiteContext, page_url, uri
from kb.site.pictures import overview as ov
from kb.site.pictures.text import xml
from kb.site.pictures.urls import href

OVERVIEW_URI = "overview.md"
DOWNLOADS = ("overview.svg", "overview.png")


def _desc(cat: Catalogue) -> str:
    areas, drawn = ov.links(cat)
    parts = []
    for aid in areas:
        mine = [l for l in drawn if l.area == aid]
        parts.append(f"{cat.areas[aid].title}（{len(cat.problems_by_area.get(aid, []))} 个问题）："
                     + "、".join(f"{cat.causes[l.cause].title} {len(l.problems)} 个" for l in mine))
    return "；".join(parts)


def _table(cat: Catalogue, ctx: SiteContext) -> str:
    areas, drawn = ov.links(cat)

    def a(kind, rid, text):
        return f'<a href="{xml(href(OVERVIEW_URI, uri(kind, rid), ctx.directory_urls))}">{xml(text)}</a>'
    rows = []
    for aid in areas:
        mine = [l for l in drawn if l.area == aid]
        causes = "、".join(f"{a('cause', l.cause, l.cause + ' ' + cat.causes[l.cause].title)}（{len(l.problems)} 个问题）"
                          for l in mine)
        rows.append(f"<tr><th scope=\"row\">{a('area', aid, aid + ' ' + cat.areas[aid].title)}</th>"
                    f"<td>{len(cat.problems_by_area.get(aid, []))}</td><td>{causes or '（无）'}</td></tr>")
    return ('<table class="kb-overview-table"><caption>图中的数据</caption><thead><tr><th scope="col">治理领域</th>'
            '<th scope="col">问题数</th><th scope="col">解释问题最多的成因</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def render(cat: Catalogue, ctx: SiteContext) -> list[Page]:
    here = OVERVIEW_URI
    areas, _ = ov.links(cat)
    intro = (f"每个治理领域连到解释它的问题最多的 {ov.TOP_CAUSES} 个成因；连线越粗、数字越大，这个成因解释的问题越多。"
             "点击方框打开领域或成因页面。各领域的全部成因见[领域 × 类型矩阵](matrix.md#causes-areas)。")
    if len(areas) < len(cat.areas):
        intro += f"领域较多，图中只画出问题最多的 {len(areas)} 个领域。"
    up = "../" if ctx.directory_urls else ""
    try:
        def link(kind, rid):
            return href(here, uri(kind, rid), ctx.directory_urls)
        # Both drawings from one dot process: its input holds the two graphs, its output two SVG files.
        source = ov.dot_source(cat, link, "wide") + ov.dot_source(cat, link, "phone")
        wide, phone = ov.split_svgs(ov.render(source, "svg", None))
        label, desc = "全局关系图：治理领域与主要成因", _desc(cat)
        figure = "\n".join([
            '<figure class="kb-overview">',
            f'<div class="kb-overview__wide">{ov.inline_svg(wide, label, desc)}</div>',
            f'<div class="kb-overview__phone">{ov.inline_svg(phone, label, desc, "phone-")}</div>',
            f'<figcaption>全局关系图。下载：<a href="{up}downloads/overview.svg" download>SVG</a>'
            f' · <a href="{up}downloads/overview.png" download>PNG</a>（适合放进幻灯片或打印）</figcaption>',
            "</figure>"])
    except ov.OverviewError as exc:
        figure = f'!!! warning "全局关系图没有生成"\n\n    {xml(str(exc))}'
    body = "\n".join(["# 全局关系图", "", intro, "", figure, "", "## 图中的数据 {#data data-search-exclude}", "",
                      _table(cat, ctx)])
    return [Page(here, "全局关系图", body, {"search": {"exclude": True}})]


def download_files(cat: Catalogue, base_url: str, cache_dir) -> dict[str, bytes]:
    """overview.svg and overview.png for the 下载 folder; links are the pages' permanent addresses."""
    source = ov.dot_source(cat, lambda kind, rid: page_url(base_url, uri(kind, rid)))
    return {"overview.svg": ov.render(source, "svg", cache_dir), "overview.png": ov.render(source, "png", cache_dir)}
