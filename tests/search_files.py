"""Reading back the search index files a build writes (kb/site/search/shards.py), for the tests."""
import json
from pathlib import Path


def _call(text: str) -> tuple[str, object, object]:
    assert text.startswith("self.kbShard(") and text.endswith(");\n"), text[:80]
    kind, key, data = json.loads("[" + text[len("self.kbShard("):-3] + "]")
    return kind, key, data


def read_index(site: Path) -> dict:
    """{'base': …, 'words': set, 'names': {…}, 'fixes': {…}, 'docs': [[u, t, tags, s], …], 'terms': {…}}."""
    root = site / "search/kb"
    text = (root / "base.js").read_text(encoding="utf-8")
    assert text.startswith("self.kbBase=") and text.endswith(";\n")
    out = {"base": json.loads(text[len("self.kbBase="):-2]), "words": set(), "names": {}, "fixes": {}, "terms": {}}
    chunks = {}
    for path in sorted(root.rglob("*.js")):
        if path.name == "base.js":
            continue
        kind, key, data = _call(path.read_text(encoding="utf-8"))
        if kind == "w":
            out["words"].update(w for w in data["w"].split(" ") if w)
            out["names"].update(data["n"])
            out["fixes"].update(data["x"])
        elif kind == "t":
            out["terms"].update({row[0]: row[1:] for row in data})
        elif kind == "d":
            chunks[key] = data
        else:
            out[kind] = data
    out["docs"] = [doc for key in sorted(chunks) for doc in chunks[key]]
    return out
