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
        "families/F1.md", "families/F2.md", "families/index.md",
        "glossary.md", "handouts/A01.md", "handouts/A02.md", "matrix-families.md", "matrix.md",
        "measures/M01.md", "measures/M02.md", "measures/index.md", "overview.md",
        "problems/P001.md", "problems/P002.md", "problems/index.md",
        "self-check.md", "sources/S1.md", "sources/index.md",
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
    # The filter also matches a row's keywords (and aliases), carried by an empty span readers never see.
    assert ('| P001 | [遇事推诿、互踢皮球](P001.md)<span data-kb-terms="踢皮球 推诿扯皮 来回跑"></span> '
            "| [不担当不作为](../families/F1.md) | [为民服务](../areas/A02.md) | 不想为 |") in body
    assert ('| P002 | [能拖则拖](P002.md)<span data-kb-terms="拖延"></span> '
            "| [不担当不作为](../families/F1.md)、[形式主义](../families/F2.md) | [工作落实](../areas/A01.md) | 不想为、不敢为 |") in body
    # The sentence promising the filter and its box are hidden until kb.js shows them.
    assert '<span class="kb-filter-note" hidden>' in body and '<div class="kb-filter" data-kb-filter hidden>' in body
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
        "ref": "1", "kind": "problem", "title": "推诿扯皮", "heading_only": False,
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


def test_self_check_page_loads_each_problem_with_its_prompts_and_its_scripts(pages, cat):
    import json
    import re

    from kb.site.pages.self_check import DATA_URI, data_script
    page = pages["self-check.md"]
    assert "<script" not in page.body  # the data is a script file of its own: page content is sanitized
    found = re.fullmatch(r"window\.KB_SELF_CHECK_DATA = (.*);\n", data_script(cat), re.S)
    data = json.loads(found.group(1))
    assert DATA_URI in page.meta["kb_scripts"]
    assert data["problems"]["P002"]["prompts"] == list(cat.problems["P002"].self_check)
    assert data["problems"]["P001"]["actions"] == list(cat.problems["P001"].actions)
    assert page.meta["kb_scripts"][-1] == "assets/self-check.js" and page.meta["search"] == {"exclude": True}
    assert "不会发送到任何地方" in page.body


# --- issue 18: families, types that may be empty, references, heading-only items, examples --------

def _pages_of(root):
    result = load_catalogue(root)
    assert result.ok(strict=True), result.report.format()
    return result.catalogue, {p.uri: p for p in generate(result.catalogue, base_url="http://kb.test/")}


def _section(body: str, heading: str) -> str:
    """A '## heading' section of a page's Markdown, up to the next '## '."""
    start = body.index(f"## {heading} ")
    end = body.find("\n## ", start + 1)
    return body[start:end if end > 0 else None]


def test_family_page_lists_its_problems_by_area(pages):
    body = pages["families/F1.md"].body
    assert "**问题数** 2（其中 2 个以此为主要类别）" in body
    problems = _section(body, "此类问题")
    assert problems.index("### 工作落实") < problems.index("[P002 能拖则拖](../problems/P002.md)")
    assert "[P001 遇事推诿、互踢皮球](../problems/P001.md)" in problems.split("### 为民服务")[1]
    assert "[S1 sec1](../sources/S1.md#item-sec1)" in _section(body, "来源")
    index = pages["families/index.md"].body
    assert "| F2 | [形式主义](F2.md) | 1 | 重形式、轻实效。 |" in index


def test_problem_page_names_its_families_first(pages):
    facts = pages["problems/P002.md"].body.split("</div>")[0]
    assert ("**问题类别** [不担当不作为](../families/F1.md)、[形式主义](../families/F2.md) · **治理领域**") in facts
    assert pages["problems/P002.md"].meta["kb"] == {
        "id": "P002", "area": "工作落实", "family": "不担当不作为", "families": ["F1", "F2"],
        "types": ["T1", "T2"]}


def test_family_matrix_has_a_column_per_family_and_a_switch(pages):
    body = pages["matrix-families.md"].body
    assert ('<th scope="col"><a href="../families/F1/">不担当不作为</a></th>'
            '<th scope="col"><a href="../families/F2/">形式主义</a></th>') in body
    row = body[body.index('<tr><th scope="row"><a href="../areas/A01/">工作落实</a>'):]
    row = row[:row.index("</tr>")]
    assert [c.split('"')[0] for c in row.split('data-count="')[1:]] == ["2", "1"]
    assert row.count('<a href="../problems/P002/"') == 2
    assert "切换：[领域 × 类型](matrix.md) · **领域 × 类别**" in body
    assert "切换：**领域 × 类型** · [领域 × 类别](matrix-families.md)" in pages["matrix.md"].body


def test_a_problem_without_a_type_still_shows_on_every_page(mini):
    edit(mini / "problems/P002.yaml", "types: [T1, T2]", "types: []")
    cat, pages = _pages_of(mini)
    assert "**表现类型** 不适用" in pages["problems/P002.md"].body
    assert "| P002 | [能拖则拖](P002.md)<span data-kb-terms=\"拖延\"></span> | [不担当不作为](../families/F1.md)、[形式主义](../families/F2.md) " \
           "| [工作落实](../areas/A01.md) | — |" in pages["problems/index.md"].body
    # Type pages list only the problems of the type; the index says where the others are.
    assert "P002" not in pages["types/T1.md"].body and "P002" not in pages["types/T2.md"].body
    assert "另有 1 个问题不属于这三种类型" in pages["types/index.md"].body
    # The type matrix gives them a column of their own instead of losing them.
    matrix = pages["matrix.md"].body
    assert ('<th scope="col"><a href="../types/T2/">不敢为</a></th><th scope="col">不属于三种类型</th>') in matrix
    row = matrix[matrix.index('<tr><th scope="row"><a href="../areas/A01/">工作落实</a>'):]
    row = row[:row.index("</tr>")]
    assert [c.split('"')[0] for c in row.split('data-count="')[1:]] == ["1", "0", "1"]
    assert row.index("P001 遇事推诿") < row.index("P002 能拖则拖")
    # The area page lists them in a group of their own, with their families.
    area = pages["areas/A01.md"].body
    assert "### 不属于三种表现类型 {#no-type data-search-exclude}\n\n" \
           "- [P002 能拖则拖](../problems/P002.md)：不担当不作为、形式主义" in area
    # The exports keep the row with an empty type cell.
    assert catalogue_data(cat)["problems"][1]["types"] == []


def test_a_matrix_without_untyped_problems_has_no_empty_column(pages):
    assert "不属于三种类型" not in pages["matrix.md"].body


def test_public_document_references_are_shown_apart_from_the_sources(mini):
    ref = "{issuer: 中共中央办公厅, title: 关于某项工作的意见, year: 2018, note: 分析中一说的依据。}"
    edit(mini / "problems/P001.yaml", "# families at the end", f"references: [{ref}]\n# families at the end")
    with open(mini / "causes.yaml", "a", encoding="utf-8") as f:
        f.write(f"    references: [{ref}]\n")
    with open(mini / "glossary.yaml", "a", encoding="utf-8") as f:
        f.write(f"    references: [{ref}]\n")
    _, pages = _pages_of(mini)
    line = "- 中共中央办公厅《关于某项工作的意见》（2018年）：分析中一说的依据。"
    for uri in ("problems/P001.md", "causes/C02.md"):
        body = pages[uri].body
        sources, references = _section(body, "来源"), _section(body, "参考的公开文件")
        assert line in references and "关于某项工作的意见" not in sources
        assert "{#references data-search-exclude}" in references
        assert "不在本知识库的来源文件之内" in references
        assert body.index("## 来源 ") < body.index("## 参考的公开文件 ") < body.index("## 引用本页 ")
    assert "## 参考的公开文件" not in pages["causes/C01.md"].body  # only where there are some
    glossary = pages["glossary.md"].body.split("{#zhong-geng-zu}")[1]
    assert "参考的公开文件：\n\n" + line in glossary


def test_a_heading_only_item_is_noted_at_every_citation_and_on_the_source_page(mini):
    edit(mini / "sources.yaml", "{ref: m1, kind: countermeasure, title: 压实责任}",
         "{ref: m1, kind: countermeasure, title: 压实责任, heading_only: true}")
    _, pages = _pages_of(mini)
    assert "[S1 m1](../sources/S1.md#item-m1)（测试清单）：压实责任（来源原文只有标题，正文缺失）" \
        in _section(pages["measures/M01.md"].body, "来源")
    assert "来源原文只有标题" not in pages["measures/M02.md"].body
    source = pages["sources/S1.md"].body
    assert "### m1 压实责任 {#item-m1}\n\n*措施* · 来源原文只有标题，正文缺失" in source
    assert "### c1 责任心不强 {#item-c1}\n\n*原因*\n" in source


def test_every_example_is_marked_as_not_a_real_case(pages, cat):
    for p in cat.active_problems:
        for body in (pages[f"problems/{p.id}.md"].body, pages[f"handouts/{p.areas[0]}.md"].body):
            marks = body.count("示例情形（非真实案例）\n{: .kb-example-mark }")
            assert marks >= len(p.examples), p.id
