"""The search index kept lean (scripts/kb/site/search/index_terms.py) and the patched search worker
(scripts/kb/site/search/worker_patch.py): it answers from the page-level documents at once, then swaps in the
full index and answers the last query again."""
import json
from pathlib import Path

import material
import pytest

from browser import chromium, serve
from kb.site.search.worker_patch import MARK, WorkerChanged, patch

MATERIAL_WORKERS = Path(material.__file__).parent / "templates/assets/javascripts/workers"


def material_worker() -> str:
    [worker] = MATERIAL_WORKERS.glob("search.*.min.js")
    return worker.read_text(encoding="utf-8")


def test_patch_applies_once_and_says_so_when_material_changes():
    original = material_worker()
    patched = patch(original)
    assert patched.count(MARK) == 1 and patch(patched) == patched
    assert "kbSearch(this.index," in patched and "kbLast=" in patched and "kbDefer(this)" in patched
    with pytest.raises(WorkerChanged, match="search"):
        patch(original.replace("this.index.search(", "this.index.find("))


def test_index_holds_each_keyword_once_and_no_display_only_field(built_site):
    """Each indexed term costs the browser time; fragments are found by the worker instead."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert set(index["config"]["fields"]) == {"title", "text", "kw"}
    p013 = next(doc for doc in index["docs"] if doc["location"] == "problems/P013/")
    kw = p013["kw"].split("\u200b")
    assert "踢皮球" in kw and "皮球" not in kw and len(kw) == len(set(kw))


# Feeds the site's worker its index with ten extra copies of every section, so that the full index
# takes long enough to build for the query sent on READY to be answered before it is in.
ROUND_TRIP = """async ({worker, query}) => {
  const index = await (await fetch("search/search_index.json")).json();
  const sections = index.docs.filter(d => d.location.includes("#"));
  for (let i = 0; i < 10; i++)
    for (const d of sections) index.docs.push(Object.assign({}, d, {location: `${d.location}-${i}`}));
  const w = new Worker(worker), got = [];
  return await new Promise((resolve, reject) => {
    w.onerror = e => reject(new Error(e.message));
    w.onmessage = e => {
      const {type, data} = e.data;
      got.push({type, locations: type === 3 ? data.items.map(group => group.map(d => d.location)) : null});
      if (type === 1) w.postMessage({type: 2, data: query});
      if (got.filter(m => m.type === 3).length === 2) { w.terminate(); resolve(got); }
    };
    setTimeout(() => { w.terminate(); resolve(got); }, 60000);
    w.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: true}}});
  });
}"""


@pytest.mark.browser
def test_worker_answers_from_pages_first_then_again_from_the_full_index(built_site):
    [worker] = (built_site / "assets/javascripts/workers").glob("search.*.min.js")
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/404.html")
        got = page.evaluate(ROUND_TRIP, {"worker": f"assets/javascripts/workers/{worker.name}", "query": "踢皮球"})
    assert [m["type"] for m in got] == [1, 3, 3], got
    first, full = ([loc for group in m["locations"] for loc in group] for m in got[1:])
    # The first answer comes from the page-level index …
    assert "problems/P013/" in first[:5] and not [loc for loc in first if "#" in loc]
    # … the second, unasked, from the full index with every section.
    assert "problems/P013/" in full[:5] and [loc for loc in full if "#" in loc]
