"""`mkdocs serve` (through kb serve) rebuilds when a catalogue file changes."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import edit, kb, site_config


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_after_a_catalogue_edit(mini, tmp_path):
    port = _free_port()
    config = site_config(tmp_path, mini)
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/problems/P002/"
    try:
        assert _wait_for(url, "能拖则拖", 60)
        edit(mini / "problems/P002.yaml", "title: 能拖则拖", "title: 能拖就拖")
        assert _wait_for(url, "能拖就拖", 30)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_keeps_running_on_a_broken_catalogue_and_recovers(mini, tmp_path):
    port = _free_port()
    config = site_config(tmp_path, mini)
    edit(mini / "problems/P002.yaml", "areas: [A01]", "areas: [A09]")
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(f"{base}/", "目录有错误，站点暂时无法生成", 60)
        assert "error[unknown-ref]: areas[0]：治理领域 &#39;A09&#39; 不存在" in _get(f"{base}/problems/") or \
            "error[unknown-ref]: areas[0]：治理领域 'A09' 不存在" in _get(f"{base}/problems/")
        assert proc.poll() is None
        # Every page the maintainer opens shows the errors, not a 404, and reloads itself.
        for page in ("problems/P002/", "areas/A01/", "glossary/", "no-such-page/"):
            html = _get(f"{base}/{page}")
            assert "目录有错误，站点暂时无法生成" in html, page
            assert "治理领域 &#39;A09&#39; 不存在" in html or "治理领域 'A09' 不存在" in html, page
            assert "/livereload/" in html, page
        edit(mini / "problems/P002.yaml", "areas: [A09]", "areas: [A01]")
        assert _wait_for(f"{base}/problems/P002/", "能拖则拖", 30)
        assert "目录有错误" not in _get(f"{base}/")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# Two builds in one process, as serve runs them: the plugin instance and its caches survive.
_TWO_SERVE_BUILDS = """
import json, logging, pathlib, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
config, site, edited, old, new = sys.argv[1:]
counts = []
for round in range(2):
    if round:
        path = pathlib.Path(edited)
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    cfg = load_config(config, site_dir=site)
    cfg.plugins.on_startup(command="serve", dirty=False)
    build(cfg)
    renders = cfg.plugins["kb"].renders
    counts.append([renders.hits, renders.misses])
print(json.dumps(counts))
"""


def test_a_rebuild_converts_only_the_changed_pages_and_matches_a_full_build(mini, tmp_path):
    config = site_config(tmp_path, mini)
    served = tmp_path / "served"
    run = subprocess.run([sys.executable, "-c", _TWO_SERVE_BUILDS, str(config), str(served),
                          str(mini / "problems/P002.yaml"), "title: 能拖则拖", "title: 能拖就拖"],
                         capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr[-2000:]
    (first_hits, first_misses), (hits, misses) = json.loads(run.stdout.strip().splitlines()[-1])
    assert first_hits == 0 and first_misses > 20
    # The edited problem's title is on a few pages (its own, lists, its area …); the rest are reused.
    assert 0 < misses < hits and hits + misses == first_misses
    assert "能拖就拖" in (served / "problems/P002/index.html").read_text(encoding="utf-8")
    # A full build of the edited catalogue writes the same site, byte for byte.
    fresh = tmp_path / "fresh"
    assert kb("build", "-f", str(config), "-d", str(fresh)).returncode == 0
    assert sorted(p.relative_to(fresh) for p in fresh.rglob("*")) == sorted(p.relative_to(served) for p in served.rglob("*"))
    differ = [str(p.relative_to(fresh)) for p in fresh.rglob("*") if p.is_file()
              and p.read_bytes() != (served / p.relative_to(fresh)).read_bytes()]
    assert differ == []
