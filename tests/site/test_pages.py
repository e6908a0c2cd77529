"""Each page type's Markdown for the mini catalogue."""
import json

import pytest

from conftest import MINI, edit
from kb.exports.catalogue_json import catalogue_data
from kb.site.pages import generate
from kb.site.pages.home import entry_points
from kb.site.pages.markup import esc
from kb.core.pipeline import load_catalogue


@pytest.fixture(scope="module")
def cat():
    result = load_catalogue(MINI)
    assert result.catalogue is not None, result.report.format()
    return result.catalogue


@pytest.fixture(scope="module")
def pages(cat):
    return {p.uri: p for p in generate(cat, base_url="http://kb.test/")}


def test_every_url_kind_exists(pages):
    assert sorted(pages) == [
        "areas/A01.md", "areas/A02.md", "areas/index.md",
        "causes/C01.md", "causes/C02.md", "causes/index.md", "changelog.md",
        "glossary.md", "handouts/A01.md", "handouts/A02.md", "matrix.md",
        "measures/M01.md", "measures/M02.md", "measures/index.md", "overview.md",
        "problems/P001.md", "problems/P002.md", "problems/index.md",
        "sources/S1.md", "sources/index.md",
        "types/T1.md", "types/T2.md", "types/index.md",
    ]


def test_problem_page_sections_have_fixed_anchors_in_order(pages):
    body = pages["problems/P001.md"].body
    anchors = ["{#summary", "{#symptoms", "{#examples", "{#example-1", "{#causes", "{#analysis",
               "{#countermeasures", "{#actions", "{#distinguish", "{#related",
               "{#keywords", "{#sources",
               "{#cite"]
    positions = [body.index(a) for a in anchors]
    assert positions == sorted(positions)


def test_problem_page_content_and_links(pages):
    md = pages["problems/P001.md"].markdown
    assert md.startswith("---\ntitle: 遇事推诿、互踢皮球\n")
    assert "- 群众来办事，被告知“不归我们管”。" in md
    assert "- [C01 责任意识淡薄](../causes/C01.md)：不把分内事当回事。" in md
    assert "- [M01 压实岗位责任](../measures/M01.md)：把责任落到具体的人。" in md
    assert "[为民服务](../areas/A02.md)、[工作落实](../areas/A01.md)" in md
    assert "- [P002 能拖则拖](P002.md)" in md
    assert "- [S1 第 1 条](../sources/S1.md#item-1)（测试清单）：推诿扯皮" in md
    # The first use of a glossary term links to its definition with a tooltip.
    assert "[踢皮球](../glossary.md#ti-pi-qiu \"把该办的事推给别人。\")" in md


def test_cite_block(pages):
    md = pages["problems/P001.md"].markdown
    assert "- 永久链接：<http://kb.test/problems/P001/>" in md
    assert "- 目录版本：1\\.0（2026-01-02 发布）" in md
    assert ("```text\n《遇事推诿、互踢皮球》（P001），测试知识库，版本 1.0（2026-01-02）。"
            "http://kb.test/problems/P001/\n```") in md


def test_related_backlink_appears_on_the_other_problem(pages):
    assert "- [P001 遇事推诿、互踢皮球](P001.md)" in pages["problems/P002.md"].body


def test_area_page_groups_problems_by_type(pages):
    body = pages["areas/A01.md"].body
    t1 = body.index("### 不想为 {#t1")
    t2 = body.index("### 不敢为 {#t2")
    assert body.index("[P001 遇事推诿、互踢皮球](../problems/P001.md)") > t1
    assert body.count("[P002 能拖则拖](../problems/P002.md)") == 2 and t1 < t2
    assert "- [S1 sec1](../sources/S1.md#item-sec1)（测试清单）：落实方面" in body


def test_type_page_groups_problems_by_primary_area(pages):
    body = pages["types/T1.md"].body
    assert body.index("### 为民服务 {#a02") < body.index("[P001 遇事推诿、互踢皮球](../problems/P001.md)")
    assert body.index("### 工作落实 {#a01") < body.index("[P002 能拖则拖](../problems/P002.md)")


def test_cause_page_lists_problems_and_measures(pages):
    body = pages["causes/C02.md"].body
    problems = body[body.index("{#problems"):body.index("{#countermeasures")]
    assert "[P001 遇事推诿、互踢皮球](../problems/P001.md)" in problems
    assert "[P002 能拖则拖](../problems/P002.md)" in problems
    measures = body[body.index("{#countermeasures"):body.index("{#sources")]
    assert "- [M02 改进考核评价](../measures/M02.md)：让实绩说话。" in measures
    assert "M01" not in measures


def test_measure_page(pages):
    body = pages["measures/M01.md"].body
    assert "**作用层面** 组织层面、干部个人" in body
    assert "- [C01 责任意识淡薄](../causes/C01.md)" in body
    assert "- [P001 遇事推诿、互踢皮球](../problems/P001.md)" in body
    assert "P002" not in body


def test_source_page_lists_items_in_document_order_with_their_entries(pages):
    body = pages["sources/S1.md"].body
    refs = ["{#item-sec1", "{#item-1", "{#item-2", "{#item-t1", "{#item-c1", "{#item-m1"]
    assert [body.index(r) for r in refs] == sorted(body.index(r) for r in refs)
    item1 = body[body.index("{#item-1"):body.index("{#item-2")]
    assert "- 问题 [P001 遇事推诿、互踢皮球](../problems/P001.md)" in item1
    assert "- 成因 [C01 责任意识淡薄](../causes/C01.md)" in body
    assert "- 整改措施 [M01 压实岗位责任](../measures/M01.md)" in body


def test_matrix(pages):
    body = pages["matrix.md"].body
    row = body[body.index('<tr><th scope="row"><a href="../areas/A01/">工作落实</a>'):]
    row = row[:row.index("</tr>")]
    assert [c.split('"')[0] for c in row.split('data-count="')[1:]] == ["2", "1"]
    assert '<a href="../problems/P001/" style="color:#6b1010">P001 遇事推诿、互踢皮球</a>' in row
    assert row.count('<a href="../problems/P002/"') == 2


def test_glossary_has_one_anchor_per_term_and_backlinks(pages):
    body = pages["glossary.md"].body
    assert "## 踢皮球 {#ti-pi-qiu}" in body and "## 中梗阻 {#zhong-geng-zu}" in body
    assert "也作：互踢皮球" in body
    assert "    - [P001 遇事推诿、互踢皮球](problems/P001.md)" in body


def test_glossary_lists_a_common_terms_first_problems_and_points_to_search(mini, monkeypatch):
    from kb.site.pages import glossary
    edit(mini / "problems/P002.yaml", "summary: ", "summary: 互相踢皮球，")
    monkeypatch.setattr(glossary, "USERS_SHOWN", 1)
    body = next(p for p in generate(load_catalogue(mini).catalogue) if p.uri == "glossary.md").body
    assert '??? note "用到这个术语的问题（共 2 个，列出前 1 个）"' in body
    assert "    - [P001 遇事推诿、互踢皮球](problems/P001.md)" in body
    assert "problems/P002.md" not in body
    assert "    另有 1 个问题也用到这个术语，未逐一列出。在搜索框输入“踢皮球”可查找相关问题。" in body


def test_problems_index_lists_every_problem_with_area_and_type(pages):
    body = pages["problems/index.md"].body
    assert "| P001 | [遇事推诿、互踢皮球](P001.md) | [为民服务](../areas/A02.md) | 不想为 |" in body
    assert "| P002 | [能拖则拖](P002.md) | [工作落实](../areas/A01.md) | 不想为、不敢为 |" in body
    assert pages["problems/index.md"].meta["search"] == {"exclude": True}


def test_home_counts(cat):
    block = entry_points(cat)
    assert "[问题清单（2）](problems/index.md)" in block
    assert "目录版本 1\\.0，2026-01-02 发布。" in block


def test_catalogue_json_has_urls_links_and_source_refs(cat):
    data = json.loads(json.dumps(catalogue_data(cat, "http://kb.test/")))
    p1 = data["problems"][0]
    assert p1["id"] == "P001" and p1["url"] == "http://kb.test/problems/P001/"
    assert p1["sources"] == [{"source": "S1", "items": ["1"]}]
    assert data["causes"][1]["problems"] == ["P001", "P002"]
    assert data["sources"][0]["items"][1] == {
        "ref": "1", "kind": "problem", "title": "推诿扯皮",
        "url": "http://kb.test/sources/S1/#item-1", "traced_by": ["P001"]}
    assert data["terms"][0]["url"].startswith("http://kb.test/glossary/#")


def test_text_is_escaped_not_interpreted():
    assert esc("<b>粗</b> *星* [链](x) # 题") == "&lt;b&gt;粗&lt;/b&gt; \\*星\\* \\[链\\]\\(x\\) \\# 题"


def test_retired_problem_gets_a_tombstone(mini):
    (mini / "problems/P003.yaml").write_text(
        "id: P003\ntitle: 推来推去\nsummary: 与 P001 重复，已并入。\nstatus: retired\nreplaced_by: P001\n",
        encoding="utf-8")
    result = load_catalogue(mini)
    assert result.report.items == []
    page = {p.uri: p for p in generate(result.catalogue)}["problems/P003.md"]
    assert page.meta["robots"] == "noindex"
    assert "内容已并入 [P001 遇事推诿、互踢皮球](P001.md)" in page.body
    index = {p.uri: p for p in generate(result.catalogue)}["problems/index.md"].body
    assert "P003" not in index


def test_area_handout_holds_every_problem_of_the_area_in_full(pages):
    body = pages["handouts/A01.md"].body
    assert "[打印本领域讲义](../handouts/A01.md){ .md-button }" in pages["areas/A01.md"].body
    assert body.index("## P001 遇事推诿、互踢皮球 {#P001}") < body.index("## P002 能拖则拖 {#P002}")
    for anchor in ("{#P001-summary", "{#P001-symptoms", "{#P001-example-1", "{#P001-countermeasures",
                   "{#P001-actions", "{#P002-summary"):
        assert anchor in body
    assert "- 同一件事被转办三次以上。" in body and "2. 跨部门事项指定牵头单位。" in body
    assert pages["handouts/A01.md"].meta["search"] == {"exclude": True}
