"""The search index written at build time (kb.site.search) and the engine run on it in Node,
without a browser: what goes in, misspellings, escaping, the index files against the index MiniSearch
builds itself, recall on both query sets, and what a query fetches."""
import json
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT
from kb.core.pipeline import load_catalogue
from kb.site.search import shards
from kb.site.search.index_file import index_data, index_files, index_script, misspelling_fixes
from kb.site.search.reader_pages import reader_pages
from search_files import read_index

SETS = ROOT / "tests/search"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the engine outside a browser")


@pytest.fixture(scope="module")
def real():
    return load_catalogue(ROOT / "catalogue").catalogue


def write_site(data: dict, folder):
    for uri, text in index_files(data).items():
        path = folder / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def data(real):
    return index_data(real, True, reader_pages(ROOT / "docs", real))


@pytest.fixture(scope="module")
def site(data, tmp_path_factory):
    return write_site(data, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def query_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("queries")
    out = {}
    for name in ("queries.yaml", "reader_queries.yaml"):
        out[name] = folder / name.replace(".yaml", ".json")
        out[name].write_text(json.dumps(yaml.safe_load((SETS / name).read_text(encoding="utf-8")), ensure_ascii=False),
                             encoding="utf-8")
    return out


def test_misspellings_fold_to_the_words_they_stand_for(real):
    fixes = misspelling_fixes(real)
    assert fixes["推委扯皮"] == "推诿扯皮" and fixes["中埂阻"] == "中梗阻" and fixes["本位主意"] == "本位主义"
    assert all(len(wrong) == len(right) for wrong, right in fixes.items())


def test_reader_pages_are_read_from_their_sources_with_the_catalogue_blocks_filled(real, tmp_path):
    pages = reader_pages(ROOT / "docs", real)
    assert set(pages) == {"", "guide/", "about/", "downloads/"}  # not the maintainer guide or the performance page
    title, text = pages[""]
    assert title == "治理问题知识库" and "不担当不作为" in text
    assert "<!--" not in text and "kb:home" not in text and "问题清单" in text  # the home block, filled
    (tmp_path / "about.md").write_text("---\ntitle: x\n---\n# 关于 *本站*\n\n第一段 **粗体** &amp; [链接](x.md)\n\n## 下一节\n\n不要", encoding="utf-8")
    assert reader_pages(tmp_path, real, directory_urls=False) == {"about.html": ("关于 本站", "第一段 粗体 & 链接")}


def test_index_files_cannot_close_a_script_element(data, tmp_path):
    hostile = "</script><script>alert(1)</script>"
    doc = dict(data["docs"][0], t=hostile, s=hostile, f=dict(data["docs"][0]["f"], name=hostile))
    files = index_files(dict(data, docs=[doc] + data["docs"][1:]))
    assert not [uri for uri, text in files.items() if "</script" in text.lower()]
    back = read_index(write_site(dict(data, docs=[doc] + data["docs"][1:]), tmp_path))
    assert back["docs"][0][1] == hostile and back["docs"][0][3] == hostile


def test_every_file_a_query_can_ask_for_exists(site):
    base = read_index(site)["base"]
    for kind in ("t", "w"):
        assert sorted(int(p.stem) for p in (site / "search/kb" / kind).glob("*.js")) == list(range(base["shards"][kind]))
    assert len(list((site / "search/kb/d").glob("*.js"))) == -(-base["count"] // base["shards"]["d"])


@needs_node
def test_field_lengths_round_trip():
    rows = [[0, 63], [64, 127], [1791, 1792], [50_000, 7]]
    text = shards.encode_lengths(rows)
    assert '"' not in text and "\\" not in text and len(shards.encode_lengths([[5, 9]])) == 2
    run = subprocess.run(["node", "-e", f"""
        const {{ decodeLengths }} = require({json.dumps(str(ROOT / 'docs/assets/kb-search/engine.js'))});
        console.log(JSON.stringify(decodeLengths({json.dumps(text)}, 2)));"""], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == rows


@needs_node
def test_the_index_files_are_the_index_minisearch_builds_and_rank_alike(data, site, query_files, tmp_path):
    """Node builds MiniSearch's own index from the same documents with engine.js's cutter: the
    files hold the same statistics and postings, and every query ranks the same on both."""
    whole = tmp_path / "kb-index.js"
    whole.write_text(index_script(data), encoding="utf-8")
    run = subprocess.run(["node", str(SETS / "parity.js"), str(whole), str(site), *map(str, query_files.values())],
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    assert result["differences"] == [] and result["ranked_differently"] == []
    assert result["documents"] == len(data["docs"]) and result["terms"] > 10_000 and result["queries"] > 200


@needs_node
@pytest.mark.parametrize("name, target", [("queries.yaml", 0.95), ("reader_queries.yaml", 0.95)])
def test_engine_recall_in_node(site, query_files, name, target):
    run = subprocess.run(["node", str(SETS / "recall.js"), str(site), str(query_files[name])],
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    hits, total = sum(result["hits"].values()), sum(result["totals"].values())
    assert result["empty"] == []
    assert hits / total >= target, result["misses"]
    # A reader's first query fetches a small part of the index.
    index_bytes = sum(p.stat().st_size for p in (site / "search/kb").rglob("*.js"))
    assert max(bytes_ for _, bytes_, _, _ in result["cold"]) < 0.25 * index_bytes


RANK = """
const { openSite } = require(process.argv[1]);
(async () => {
  const out = {};
  for (const q of process.argv.slice(3)) {
    out[q] = (await openSite(process.argv[2]).engine.search(q, {}, 10)).items.map((group) => group[0].location);
  }
  console.log(JSON.stringify(out));
})();
"""


@needs_node
def test_an_entry_answers_before_a_glossary_term_found_by_the_same_words(tmp_path):
    """The term's short text would win on BM25 alone; the entry comes first unless the query names
    the term or asks for a definition."""
    def doc(u, kind, title, body):
        return {"u": u, "k": kind, "i": "", "t": title, "tags": [], "s": body, "a": [], "y": [], "m": [],
                "f": {"name": title, "kw": "", "src": "", "body": body}}
    docs = [doc("problems/P001/", "problem", "审批环节层层设卡",
                "窗口办事时审批材料被反复退回，群众来回跑，" + "经办人员推来推去，" * 20),
            doc("glossary/#shen-pi", "term", "审批设卡", "审批材料退回")]
    data = {"version": 2, "fields": {"name": 8.0, "kw": 4.0, "src": 1.0, "body": 1.0},
            "kinds": {"problem": 1.0, "term": 0.55}, "fold": {}, "fixes": {}, "docs": docs,
            "facets": {"areas": [], "types": [], "families": []}, "entry": {}, "words": ["审批设卡"]}
    site = write_site(data, tmp_path)
    run = subprocess.run(["node", "-e", RANK, str(SETS / "site_engine.js"), str(site), "审批材料退回", "审批设卡", "什么是审批设卡"],
                         capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    assert found["审批材料退回"][0] == "problems/P001/"
    assert found["审批设卡"][0] == "glossary/#shen-pi"  # the query names the term
    assert found["什么是审批设卡"][0] == "glossary/#shen-pi"  # a definition is asked for
