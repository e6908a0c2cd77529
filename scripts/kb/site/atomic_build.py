"""Build the site atomically: build into a fresh folder beside the target, swap only on success.

Whatever stops a build (an error, Ctrl-C, SIGTERM, a full disk) leaves the old site as it was
and removes the staging folder; a build killed outright (SIGKILL) leaves a staging folder that
git ignores (it holds a .gitignore of '*') and that the next build removes.
"""
from __future__ import annotations

import errno
import shutil
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

STALE_SECONDS = 3600  # a staging folder this old belongs to no running build


def build_site(config_file: str, site_dir: str | None, strict: bool = False) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(config_file, strict=strict)
    except (ConfigurationError, Abort) as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 1
    target = Path(site_dir or config.site_dir).resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target)
        staging = _staging(target)
    except OSError as exc:
        print(f"无法在 {target.parent} 中写入（{exc.strerror}）；站点未生成，原站点 {target} 未改动。"
              f"请检查这个文件夹的写权限和磁盘空间", file=sys.stderr)
        return 1
    config.site_dir = str(staging)
    try:
        with _terminate_as_exit():
            build(config)
            (staging / ".gitignore").unlink()
            _swap(staging, target)
    except (Abort, Exception) as exc:  # noqa: BLE001 - any failure must leave the old site as it was
        print(f"构建失败，原站点 {target} 未改动：{_describe(exc)}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already after a swap
    print(f"站点已生成：{target}")
    return 0


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        why = "磁盘已满" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        where = f"：{exc.filename}" if exc.filename else ""
        return f"无法写入（{why}{where}）；请检查输出文件夹的写权限和磁盘空间"
    return str(exc)


def _staging(target: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    # Written first: if the build is killed outright, git still sees nothing to add.
    (staging / ".gitignore").write_text("*\n", encoding="utf-8")
    return staging


def _remove_stale(target: Path) -> None:
    now = time.time()
    for folder in target.parent.glob(f".{target.name}.new-*"):
        marker = folder / ".gitignore"
        try:
            if marker.is_file() and now - marker.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


@contextmanager
def _terminate_as_exit():
    """SIGTERM (a CI job cancelled, a service stopped) unwinds like Ctrl-C, so cleanup runs."""
    def stop(signum, frame):
        raise SystemExit(128 + signum)
    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists() and not target.exists():
            old.rename(target)  # put the old site back
        raise
    shutil.rmtree(old, ignore_errors=True)
