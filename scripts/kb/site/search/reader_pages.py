"""The hand-written reader pages as search documents, read from their Markdown sources.

Home, 使用说明, 关于 and 下载 are results too (low in the ranking): their title (the first
heading) and their opening text (up to the first second-level heading, with the blocks the
catalogue fills in), as plain text. Read from the sources, not from the built site, so that the
search index can be made before the pages are rendered, and `kb render` makes the same one.
The maintainer guide and the performance page are not reader results.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import markdown

from kb.core.graph import Catalogue
from kb.site.blocks import fill

# Reader page file (in docs/) → its name in READER_PAGES (documents.py).
FILES = {"index.md": "", "guide.md": "guide", "about.md": "about", "downloads.md": "downloads"}
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_TAGS = re.compile(r"<[^>]+>")
_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_SPACE = re.compile(r"\s+")


def _location(name: str, directory_urls: bool) -> str:
    if not name:
        return "" if directory_urls else "index.html"
    return f"{name}/" if directory_urls else f"{name}.html"


def page_text(source: str, cat: Catalogue | None) -> tuple[str, str]:
    """(title, opening text) of one hand-written page."""
    body = _FRONT.sub("", fill(source, cat))
    title, opening, seen_title = "", [], False
    for line in body.splitlines():
        if line.startswith("# ") and not seen_title:
            title, seen_title = line[2:].strip(), True
            continue
        if re.match(r"#{2,6} ", line):
            break
        opening.append(line)
    return _plain(title), _plain("\n".join(opening))


def _plain(source: str) -> str:
    rendered = markdown.markdown(source, extensions=["tables", "attr_list", "md_in_html"])
    return _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", _COMMENTS.sub(" ", rendered)))).strip()


def reader_pages(docs_dir: Path, cat: Catalogue | None, directory_urls: bool = True) -> dict[str, tuple[str, str]]:
    """location → (title, text) for each reader page the docs folder has."""
    out = {}
    for file, name in FILES.items():
        path = Path(docs_dir) / file
        if path.is_file():
            out[_location(name, directory_urls)] = page_text(path.read_text(encoding="utf-8"), cat)
    return out
