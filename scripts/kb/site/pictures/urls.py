"""Links inside raw HTML. MkDocs rewrites only Markdown links, so a picture's links are written
as the final relative URLs, for directory URLs (the site) or .html files (the file:// bundle)."""
from __future__ import annotations

import posixpath


def page_path(page_uri: str, directory_urls: bool) -> str:
    """problems/P012.md → problems/P012/ (or problems/P012.html); problems/index.md → problems/."""
    if page_uri.endswith("index.md"):
        folder = page_uri[: -len("index.md")]
        return folder if directory_urls else folder + "index.html"
    stem = page_uri[: -len(".md")]
    return stem + "/" if directory_urls else stem + ".html"


def href(from_uri: str, to_uri: str, directory_urls: bool, anchor: str = "") -> str:
    here = page_path(from_uri, directory_urls)
    there = page_path(to_uri, directory_urls)
    here_dir = here if here.endswith("/") else posixpath.dirname(here)
    target = posixpath.relpath(there or ".", here_dir.rstrip("/") or ".")
    if there.endswith("/") and not target.endswith("/"):
        target += "/"
    if target == "./":
        target = "./"
    return target + (f"#{anchor}" if anchor else "")
