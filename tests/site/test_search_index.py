"""The search index written at build time (kb.site.search) and the engine run on it in Node,
without a browser: what goes in, misspellings, escaping, and recall on both query sets."""
import json
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT
from kb.core.pipeline import load_catalogue
from kb.site.search.index_file import index_data, index_script, misspelling_fixes, reader_pages

SETS = ROOT / "tests/search"


@pytest.fixture(scope="module")
def real():
    return load_catalogue(ROOT / "catalogue").catalogue


@pytest.fixture(scope="module")
def index_file(real, tmp_path_factory):
    material = {"docs": [{"location": "guide/", "title": "使用说明", "text": "<p>搜索框</p>"},
                         {"location": "maintain/", "title": "维护指南", "text": "kb validate"},
                         {"location": "guide/#cha-zhao", "title": "查找", "text": "x"}]}
    path = tmp_path_factory.mktemp("index") / "kb-index.js"
    path.write_text(index_script(index_data(real, True, material)), encoding="utf-8")
    return path


def test_misspellings_fold_to_the_words_they_stand_for(real):
    fixes = misspelling_fixes(real)
    assert fixes["推委扯皮"] == "推诿扯皮" and fixes["中埂阻"] == "中梗阻" and fixes["本位主意"] == "本位主义"
    assert all(len(wrong) == len(right) for wrong, right in fixes.items())


def test_only_reader_pages_are_taken_from_the_theme_index():
    pages = reader_pages({"docs": [{"location": "", "title": "首页", "text": "<b>欢迎</b>"},
                                   {"location": "maintain/", "title": "维护指南", "text": ""},
                                   {"location": "performance.html", "title": "性能说明", "text": ""},
                                   {"location": "about.html", "title": "关于", "text": ""}]})
    assert pages == {"": ("首页", " 欢迎 "), "about.html": ("关于", "")}


def test_index_script_cannot_close_a_script_element(real):
    text = index_script({"docs": [{"t": "</script><script>alert(1)</script>"}]})
    assert "</script" not in text and json.loads(text[len("self.kbIndex="):-2])["docs"][0]["t"].startswith("</script>")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the engine outside a browser")
@pytest.mark.parametrize("name, target", [("queries.yaml", 0.95), ("reader_queries.yaml", 0.95)])
def test_engine_recall_in_node(index_file, tmp_path, name, target):
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps(yaml.safe_load((SETS / name).read_text(encoding="utf-8")), ensure_ascii=False),
                       encoding="utf-8")
    run = subprocess.run(["node", str(SETS / "recall.js"), str(index_file), str(queries)],
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    hits, total = sum(result["hits"].values()), sum(result["totals"].values())
    assert result["empty"] == []
    assert hits / total >= target, result["misses"]
