"""Nothing lost: whatever stops a build leaves the old site intact and nothing for git to add."""
import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import kb, site_config
from kb.site import atomic_build


def _digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(mini, tmp_path):
    config = site_config(tmp_path, mini)
    site = tmp_path / "out"
    assert atomic_build.build_site(str(config), str(site)) == 0
    return config, site


def test_a_full_disk_ends_with_a_clear_message_and_the_old_site_intact(built, tmp_path, monkeypatch, capsys):
    config, site = built
    before = _digest(site)
    import mkdocs.commands.build as mkdocs_build

    def full(config, **kwargs):
        (Path(config.site_dir) / "index.html").write_text("半个", encoding="utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(Path(config.site_dir) / "problems"))
    monkeypatch.setattr(mkdocs_build, "build", full)
    assert atomic_build.build_site(str(config), str(site)) == 1
    err = capsys.readouterr().err
    assert f"构建失败，原站点 {site} 未改动：无法写入（磁盘已满：" in err
    assert "请检查输出文件夹的写权限和磁盘空间" in err
    assert _digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_an_unwritable_output_folder_ends_with_a_clear_message(built, monkeypatch, capsys):
    config, site = built
    before = _digest(site)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(atomic_build.tempfile, "mkdtemp", refuse)
    assert atomic_build.build_site(str(config), str(site)) == 1
    assert capsys.readouterr().err == (
        f"无法在 {site.parent} 中写入（Permission denied）；站点未生成，原站点 {site} 未改动。"
        f"请检查这个文件夹的写权限和磁盘空间\n")
    assert _digest(site) == before


def _start_build(config, site, cwd):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "kb", "build", "-f", str(config), "-d", str(site)],
                            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the staging folder has pages in it
        staging = [p for p in site.parent.glob(f".{site.name}.new-*") if (p / "problems").exists()]
        if staging:
            return proc, staging[0]
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the build never started writing")


def test_sigterm_removes_the_staging_folder(built, tmp_path):
    config, site = built
    before = _digest(site)
    proc, staging = _start_build(config, site, tmp_path)
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)
    assert not staging.exists()
    assert _digest(site) == before


def test_a_killed_build_leaves_nothing_git_would_add(built, tmp_path):
    config, site = built
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("/out/\n/cat/\n/.cache/\nmkdocs.yml\n", encoding="utf-8")
    proc, staging = _start_build(config, site, tmp_path)
    proc.kill()
    proc.wait(30)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path,
                            capture_output=True, text=True, check=True).stdout
    assert status.splitlines() == ["?? .gitignore"]
    # The next build clears what a killed one left once it is old enough to belong to none.
    old = time.time() - atomic_build.STALE_SECONDS - 10
    os.utime(staging / ".gitignore", (old, old))
    assert kb("build", "-f", str(config), "-d", str(site), cwd=tmp_path).returncode == 0
    assert not staging.exists()
    assert not (site / ".gitignore").exists()


def test_plain_mkdocs_build_refuses_to_empty_an_existing_site(built):
    config, site = built
    before = _digest(site)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
                         capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 1
    assert (f"mkdocs build 会先清空 {site}，构建中途失败时站点就没有了；请改用 kb build"
            f"（先在旁边构建，成功后才替换原站点）。原站点未改动。") in run.stderr
    assert "Traceback" not in run.stderr
    assert _digest(site) == before
