"""`kb bundle`: a zip of the site that works opened from disk (file://), search included.

The site is built with Material's offline plugin switched on (KB_BUNDLE=true in mkdocs.yml), into
a staging folder, and zipped under one top-level folder; a failed build writes no zip.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from kb.site.atomic_build import build_site


def bundle(config_file: str, out: str | None, strict: bool = True) -> int:
    staging = Path(tempfile.mkdtemp(prefix="kb-bundle-"))
    site = staging / "site"
    previous = os.environ.get("KB_BUNDLE")
    os.environ["KB_BUNDLE"] = "true"
    try:
        if build_site(config_file, str(site), strict=strict) != 0:
            return 1
        target = Path(out or "dist/治理问题知识库-离线版.zip")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    zf.write(path, Path("治理问题知识库") / path.relative_to(site))
        partial.replace(target)
        print(f"离线包已生成：{target}（解压后打开 治理问题知识库/index.html）")
        return 0
    finally:
        if previous is None:
            os.environ.pop("KB_BUNDLE", None)
        else:
            os.environ["KB_BUNDLE"] = previous
        shutil.rmtree(staging, ignore_errors=True)
        sys.stdout.flush()
