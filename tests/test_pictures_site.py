"""The built real site: matrix counts equal catalogue.json's, shades keep AA contrast, and the
pictures' downloads exist."""
import json
import re
from collections import Counter

from kb.site.pictures.weight import SHADES, contrast, level


def _catalogue(site):
    return json.loads((site / "catalogue.json").read_text(encoding="utf-8"))


def _cells(html: str, table_caption: str) -> dict[tuple[str, str], int]:
    """(row link path, column link path) → data-count of each cell of the table with that caption."""
    start = html.index(f"<caption>{table_caption}")
    table = html[start:html.index("</table>", start)]
    # a column without a page of its own (不属于三种类型) is keyed by its heading
    head = [m[0] or m[1] for m in re.findall(r'<th scope="col">(?:<a href="([^"]+)"[^<]*</a>|([^<]+))</th>', table)][1:]
    out = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
        row_link = re.match(r'<a href="([^"]+)"', row)[1]
        counts = [int(n) for n in re.findall(r'data-count="(\d+)"', row)]
        assert len(counts) == len(head)
        for col, n in zip(head, counts):
            out[(row_link.strip("./").split("/")[-1], col.strip("./").split("/")[-1])] = n
    return out


def test_area_type_matrix_counts_equal_catalogue_json(built_site):
    data = _catalogue(built_site)
    # a problem none of the three types fits counts in the last column, 不属于三种类型
    expected = Counter((a, t) for p in data["problems"] if p.get("status", "active") == "active"
                       for a in p["areas"] for t in (p["types"] or ["不属于三种类型"]))
    html = (built_site / "matrix/index.html").read_text(encoding="utf-8")
    cells = _cells(html, "治理领域 × 表现类型")
    assert len(cells) == len(data["areas"]) * (len(data["types"]) + 1)
    assert {k: v for k, v in cells.items() if v} == dict(expected)
    assert sum(cells.values()) == sum(expected.values()) > 0


def test_cause_area_matrix_counts_equal_catalogue_json(built_site):
    data = _catalogue(built_site)
    expected = Counter((c, a) for p in data["problems"] if p.get("status", "active") == "active"
                       for c in p["causes"] for a in p["areas"])
    html = (built_site / "matrix/index.html").read_text(encoding="utf-8")
    cells = _cells(html, "成因 × 治理领域")
    assert len(cells) == len(data["causes"]) * len(data["areas"])
    assert {k: v for k, v in cells.items() if v} == dict(expected)


def test_shades_keep_aa_contrast_and_grow_with_the_count():
    for background, badge, ink, link in SHADES:
        assert contrast(ink, badge) >= 4.5, (ink, badge)
        assert contrast(link, background) >= 4.5, (link, background)
    assert [level(n, 12) for n in (0, 1, 3, 4, 6, 7, 9, 10, 12)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_overview_downloads_and_page(built_site):
    svg = (built_site / "downloads/overview.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and 'xlink:href="http://zhili.intranet/areas/A01/"' in svg
    assert (built_site / "downloads/overview.png").read_bytes()[:4] == b"\x89PNG"
    page = (built_site / "overview/index.html").read_text(encoding="utf-8")
    assert 'role="group"' in page and 'href="../areas/A01/"' in page and "图中的数据" in page
