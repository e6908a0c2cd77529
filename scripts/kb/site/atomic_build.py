"""Build the site atomically: build into a fresh folder beside the target, swap only on success."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path


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
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    config.site_dir = str(staging)
    try:
        build(config)
    except (Abort, Exception) as exc:  # noqa: BLE001 - any failure must leave the old site as it was
        shutil.rmtree(staging, ignore_errors=True)
        print(f"构建失败，原站点 {target} 未改动：{exc}", file=sys.stderr)
        return 1
    _swap(staging, target)
    print(f"站点已生成：{target}")
    return 0


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
