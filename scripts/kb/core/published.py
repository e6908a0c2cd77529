"""Published URLs: every address the site has ever published keeps resolving.

catalogue/published-urls.txt lists them, one path per line (as trainers paste them: /problems/P012/,
/sources/S1/#item-23, /glossary/#zhong-geng-zu). `kb urls --update` adds the current ones after a
release; validation fails when a listed address no longer exists (retire an entry, never delete it).
"""
from __future__ import annotations

import os
from pathlib import Path

from kb.core.diagnostics import Report
from kb.core.loader import read_source
from kb.core.graph import Catalogue
from kb.core.kinds import paged
from kb.core.urls import (FAMILY_MATRIX_URI, GLOSSARY_URI, HANDOUT_URI, INDEX_URIS, MATRIX_URI, item_anchor,
                          page_url, uri)

FILE_NAME = "published-urls.txt"
HEADER = ("# 已发布的网址：每行一个。这些网址必须一直有效（条目只能停用，不能删除）。\n"
          "# 发布新版本后运行 kb urls --update 追加新网址；不要删除已有的行。\n")


def _path(page_uri: str) -> str:
    return page_url("", page_uri)


def current_urls(cat: Catalogue) -> list[str]:
    """Every address of the URL contract that the catalogue produces now."""
    urls = ["/", "/catalogue.json", _path(MATRIX_URI), _path(FAMILY_MATRIX_URI), _path(GLOSSARY_URI)]
    urls += [_path(u) for u in INDEX_URIS.values()]
    for kind in paged():
        urls += [_path(uri(kind.name, rid)) for rid in kind.entries(cat)]
    for src in cat.sources.values():
        urls += [f"{_path(uri('source', src.id))}#{item_anchor(i.ref)}" for i in src.items]
    urls += [f"{_path(GLOSSARY_URI)}#{tid}" for tid in cat.terms]
    urls += [_path(HANDOUT_URI.format(aid)) for aid in cat.areas]
    return urls


def read(root: Path, report: Report | None = None, shown: str = "") -> list[tuple[int, str]]:
    """(line number, path) for each listed address; an absent file lists none. A file that
    cannot be read (bad bytes, not a regular file) is reported to report and lists none."""
    path = root / FILE_NAME
    if not os.path.lexists(path):
        return []
    source = read_source(path, report if report is not None else Report(), shown or str(path))
    if source is None:
        return []
    return [(n, line.strip()) for n, line in enumerate(source[1].splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def check(root: Path, cat: Catalogue, report: Report, shown: str) -> None:
    known = set(current_urls(cat))
    for line, url in read(root, report, shown):
        if url not in known:
            report.error(shown, line, 1, "published-url-gone",
                         f"已发布的网址 {url} 不再存在；培训材料里的链接会失效。"
                         f"请恢复该条目（不再使用时改为 status: retired），不要删除")


def update(root: Path, cat: Catalogue) -> list[str]:
    """Append the current addresses that are not listed yet; returns them."""
    listed = {url for _, url in read(root)}
    new = [u for u in current_urls(cat) if u not in listed]
    path = root / FILE_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    if new:
        path.write_text(text.rstrip("\n") + "\n" + "\n".join(new) + "\n", encoding="utf-8")
    return new
