"""End to end: the real catalogue through `mkdocs build --strict`, read back from the HTML."""
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT
from htmltext import parse, section, visible_text
from search_files import read_index

CATALOGUE = ROOT / "catalogue"


def read(site: Path, url_path: str) -> str:
    return (site / url_path.strip("/") / "index.html").read_text(encoding="utf-8")


def first_problem() -> dict:
    path = sorted((CATALOGUE / "problems").glob("P*.yaml"))[0]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def causes() -> dict:
    return {c["id"]: c for c in yaml.safe_load((CATALOGUE / "causes.yaml").read_text(encoding="utf-8"))["causes"]}


def test_every_url_kind_of_the_contract_exists(built_site):
    for path in ["", "problems", "problems/P001", "areas", "areas/A01", "types", "types/T1", "causes",
                 "causes/C01", "measures", "measures/M01", "sources", "sources/S1", "matrix", "glossary",
                 "families", "families/F1", "matrix-families"]:
        assert (built_site / path / "index.html").is_file(), path
    assert (built_site / "catalogue.json").is_file()


def test_problem_page_shows_its_symptoms_and_links_to_its_causes(built_site):
    p = first_problem()
    html = read(built_site, f"problems/{p['id']}")
    text = visible_text(section(html, "symptoms"))
    for symptom in p["symptoms"]:
        assert symptom in text
    links = dict(parse(section(html, "causes")).links)
    for cid in p["causes"]:
        assert f"../../causes/{cid}/" in links
        assert links[f"../../causes/{cid}/"] == f"{cid} {causes()[cid]['title']}"


def test_cause_page_lists_the_problems_that_cite_it(built_site):
    cid = first_problem()["causes"][0]
    citing = []
    for path in sorted((CATALOGUE / "problems").glob("P*.yaml")):
        p = yaml.safe_load(path.read_text(encoding="utf-8"))
        if p.get("status", "active") == "active" and cid in p["causes"]:
            citing.append(f"../../problems/{p['id']}/")
    listed = [href for href, _ in parse(section(read(built_site, f"causes/{cid}"), "problems")).links
              if href.startswith("../../problems/")]
    assert listed == citing and citing


def test_search_index_is_built_from_the_catalogue_and_material_index_is_a_stub(built_site):
    index = read_index(built_site)
    # The catalogue's own words stay whole in the word list the browser cuts with.
    assert {"踢皮球", "中梗阻"} <= index["words"]
    n = next(i for i, doc in enumerate(index["docs"]) if doc[0] == "problems/P013/")
    assert index["docs"][n][2][:2] == ["问题", "P013"] and n in index["names"]["踢皮球"]
    letters = {letter: kind for kind, letter in index["base"]["kindLetters"].items()}
    kinds = {letters[c] for c in index["base"]["kindOf"]}
    assert {"problem", "cause", "countermeasure", "area", "type", "term", "source", "page"} <= kinds
    assert len(index["base"]["kindOf"]) == len(index["docs"]) == index["base"]["count"]
    # Maintainer pages are not reader results.
    assert not [doc for doc in index["docs"] if doc[0].startswith(("maintain", "performance"))]
    assert index["fixes"]["推委扯皮"] == "推诿扯皮" and index["base"]["fold"]["諉"] == "诿"
    # A glossary result shows the term's definition.
    term = next(doc for doc in index["docs"] if doc[2][0] == "术语")
    assert term[3] and "#" in term[0]
    stub = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == []


def test_catalogue_json_lists_every_entry_with_url_and_sources(built_site):
    data = json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))
    files = sorted(p.stem for p in (CATALOGUE / "problems").glob("P*.yaml"))
    assert [p["id"] for p in data["problems"]] == files
    for p in data["problems"]:
        assert p["url"].endswith(f"/problems/{p['id']}/") and p["sources"]
    assert all(e["url"] for kind in ("areas", "types", "causes", "countermeasures", "sources")
               for e in data[kind])


def test_entries_are_not_listed_in_the_navigation(built_site):
    html = read(built_site, "problems/P001")
    start = html.index('<nav class="md-nav md-nav--primary')
    nav = html[start:html.index("</nav>", start)]
    hrefs = [href for href, _ in parse(nav).links]
    assert "../../areas/" in hrefs  # the index pages are there …
    assert not [h for h in hrefs if re.search(r"[PACM]\d{2,}", h)]  # … the entries are not


EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']((?:https?:)?//[^"']+)""", re.I)
CSS_EXTERNAL = re.compile(r"""(?:@import\s+|url\(\s*)["']?((?:https?:)?//[^"')\s]+)""", re.I)


def test_no_html_or_css_file_asks_another_host(built_site):
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    own_host = urlsplit(site_url).netloc
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            urls = EXTERNAL.findall(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            urls = CSS_EXTERNAL.findall(path.read_text(encoding="utf-8"))
        else:
            continue
        offenders += [(str(path.relative_to(built_site)), u) for u in urls
                      if urlsplit(u).netloc not in (own_host, "www.w3.org")]
    assert offenders == []


def test_public_documents_are_a_section_apart_from_the_source_items(built_site):
    refs = yaml.safe_load((CATALOGUE / "problems/P017.yaml").read_text(encoding="utf-8"))["references"]
    html = read(built_site, "problems/P017")
    sources, references = visible_text(section(html, "sources")), visible_text(section(html, "references"))
    assert "参考的公开文件" in references and "来源" not in references.split("\n")[0]
    for ref in refs:
        assert f"{ref['issuer']}《{ref['title']}》（{ref['year']}年）" in references
        assert ref["title"] not in sources
    assert "S1 第 7 条" in sources and "S1 第 7 条" not in references


def test_a_countermeasure_on_a_heading_only_item_says_so(built_site):
    text = visible_text(section(read(built_site, "measures/M07"), "sources"))
    assert "S3 m4（某区三年专项治理方案）：持续为基层减负（来源原文只有标题，正文缺失）" in text


def test_the_navigation_has_the_families_and_the_second_matrix(built_site):
    links = {text: href for href, text in parse(read(built_site, "problems")).links}
    assert links["问题类别"] == "../families/" and links["领域 × 类别矩阵"] == "../matrix-families/"
    html = read(built_site, "families/F2")
    text = visible_text(html)
    assert "形式主义" in text and "P047 文山会海" in text


def test_the_type_matrix_keeps_the_problems_without_a_type(built_site):
    untyped = [path.stem for path in sorted((CATALOGUE / "problems").glob("P*.yaml"))
               if (data := yaml.safe_load(path.read_text(encoding="utf-8"))).get("status") == "active"
               and not data["types"]]
    assert untyped, "the real catalogue has problems none of the three types fits"
    text = visible_text(read(built_site, "matrix"))
    assert "不属于三种类型" in text
    assert all(f"{pid} " in text for pid in untyped)
