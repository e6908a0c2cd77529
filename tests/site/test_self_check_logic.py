"""The self-check page's logic module (plain JavaScript) under Node's test runner, on the real
catalogue's page data; and the page data itself."""
import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT
from kb.core.pipeline import load_catalogue
from kb.site.pages.self_check import embedded_json, self_check_data


@pytest.fixture(scope="module")
def data():
    result = load_catalogue(ROOT / "catalogue")
    assert result.catalogue is not None
    return self_check_data(result.catalogue)


def test_every_active_problem_has_its_prompts_in_the_page_data(data):
    cat = load_catalogue(ROOT / "catalogue").catalogue
    active = [p.id for p in cat.active_problems]
    assert data["order"] == active and "P021" not in data["problems"]
    for pid in active:
        assert 2 <= len(data["problems"][pid]["prompts"]) <= 4
        for cid in data["problems"][pid]["causes"]:
            assert data["causes"][cid]["summary"]


def test_embedded_json_cannot_close_its_script_element():
    text = embedded_json({"t": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script> & <!--"}


def test_logic_module_passes_its_node_tests(data, tmp_path):
    node = shutil.which("node")
    assert node, "Node.js is needed for the JavaScript tests (Debian package nodejs, see Makefile)"
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([node, "--test", str(ROOT / "tests/js/self_check_logic.test.js")],
                         env={**os.environ, "SELF_CHECK_DATA": str(path)}, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 8" in run.stdout
