"""`mkdocs serve` (through kb serve) rebuilds when a catalogue file changes."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import edit, site_config


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
        edit(mini / "problems/P002.yaml", "areas: [A09]", "areas: [A01]")
        assert _wait_for(f"{base}/problems/P002/", "能拖则拖", 30)
        assert "目录有错误" not in _get(f"{base}/")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
