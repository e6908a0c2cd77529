"""Links inside raw HTML. MkDocs rewrites only Markdown links, so a picture's links are written
as the final relative URLs, for directory URLs (the site) or .html files (the file:// bundle)."""
from __future__ import annotations

from functools import lru_cache


def page_path(page_uri: str, directory_urls: bool) -> str:
    """problems/P012.md → problems/P012/ (or problems/P012.html); problems/index.md → problems/."""
    if page_uri.endswith("index.md"):
        folder = page_uri[: -len("index.md")]
        return folder if directory_urls else folder + "index.html"
    stem = page_uri[: -len(".md")]
    return stem + "/" if directory_urls else stem + ".html"


# Thousands of pictures link the same few hundred pages; posixpath.relpath was a third of their cost.
@lru_cache(maxsize=262144)
def _relative(from_uri: str, to_uri: str, directory_urls: bool) -> str:
    here, there = page_path(from_uri, directory_urls), page_path(to_uri, directory_urls)
    if here == there:
        return "./" if directory_urls or not here else here.rsplit("/", 1)[-1]
    here_dir = here[:here.rfind("/") + 1]
    if here_dir and there.startswith(here_dir):
        return there[len(here_dir):] or "./"
    return "../" * here_dir.count("/") + there or "./"


def href(from_uri: str, to_uri: str, directory_urls: bool, anchor: str = "") -> str:
    return _relative(from_uri, to_uri, directory_urls) + (f"#{anchor}" if anchor else "")
