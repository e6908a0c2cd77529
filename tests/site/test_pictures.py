"""Picture building blocks: label wrapping, final URLs in raw HTML, capped groups, escaping."""
from kb.site.pictures.star import MAX_NODES, Node, Star, capped, draw
from kb.site.pictures.text import width, wrap
from kb.site.pictures.urls import href


def test_wrap_breaks_chinese_anywhere_keeps_latin_words_and_shortens():
    assert wrap("P001 领会上级部署不深不透", 8, 3) == (("P001 领会上级部", "署不深不透"), False)
    assert wrap("ABC DEFGHIJ 中文", 5, 3)[0][1] == "DEFGHIJ"
    lines, short = wrap("一二三四五六七八九十" * 3, 10, 2)
    assert short and len(lines) == 2 and lines[1].endswith("…") and width(lines[1]) <= 10


def test_links_are_final_urls_for_directory_urls_and_for_html_files():
    assert href("problems/P001.md", "causes/C01.md", True) == "../../causes/C01/"
    assert href("problems/P001.md", "causes/C01.md", False) == "../causes/C01.html"
    assert href("matrix.md", "problems/P001.md", True) == "../problems/P001/"
    assert href("matrix.md", "problems/P001.md", False) == "problems/P001.html"
    assert href("causes/C01.md", "causes/C01.md", True, "problems") == "./#problems"


def test_more_than_ten_neighbours_become_nine_boxes_and_one_link_to_the_list():
    nodes = [Node("problem", f"P{i:03d} 问题", f"../P{i:03d}/") for i in range(25)]
    group = capped("由此导致的问题", nodes, "./#problems")
    assert len(group.nodes) == MAX_NODES and group.nodes[-1].href == "./#problems"
    assert "16" in group.nodes[-1].label and group.all == nodes


def test_labels_and_links_are_escaped():
    star = Star("kb-pic-X", Node("problem", 'P1 <b>"&', "./"),
                right=[capped("整改措施", [Node("countermeasure", "M1 <i>", 'x" onclick="y')], "")])
    for svg in (draw(star, "关系图：<b>", "<script>"),):
        assert "<b>" not in svg and "<i>" not in svg and "<script>" not in svg
        assert "&lt;b&gt;&quot;&amp;" in svg and 'href="x&quot; onclick=&quot;y"' in svg


def test_causes_by_areas_becomes_a_list_per_cause_when_areas_are_many(monkeypatch):
    from conftest import MINI
    from kb.core.pipeline import load_catalogue
    from kb.site.pages import matrix
    from kb.site.pages.markup import SiteContext
    cat = load_catalogue(MINI).catalogue
    monkeypatch.setattr(matrix, "MAX_COLUMNS", 1)
    html = matrix.cause_area_matrix(cat, SiteContext())
    counts = matrix.cause_area_counts(cat)
    assert html.startswith('<ul class="kb-weight-list">') and "<table" not in html
    for cid in cat.causes:
        row = html[html.index(f'href="../causes/{cid}/"'):]
        row = row[:row.index("</li>")]
        expected = sorted((len(p) for (c, _), p in counts.items() if c == cid), reverse=True)[:1]
        assert [int(n) for n in __import__("re").findall(r'data-count="(\d+)"', row)] == expected
