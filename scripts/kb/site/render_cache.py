"""Under `serve`, a page whose Markdown has not changed since the last rebuild is not converted
again: its HTML, table of contents, title and anchors from the last rebuild are used.

Saving one problem file changes a handful of pages, but MkDocs converts all of them on every
rebuild, and Markdown conversion is half of a rebuild. A conversion depends only on the page's
Markdown, its address, the addresses of all files (links are made relative) and the Markdown
settings, so those are the key. A conversion that logged anything is never reused, so its
messages appear on every rebuild. Anchor links are still checked on every rebuild, against the
pages as they are now.
"""
from __future__ import annotations

import hashlib
import logging
from types import MethodType

from mkdocs.structure.pages import Page


class _Heard(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records = 0

    def emit(self, record) -> None:
        self.records += 1


class RenderCache:
    def __init__(self) -> None:
        self.hits = self.misses = 0
        self._kept: dict[tuple, tuple] = {}  # the last rebuild's conversions
        self._made: dict[tuple, tuple] = {}  # this rebuild's
        self._context = ""

    def start_build(self, config, files) -> None:
        """Call once the build's files are final; keeps only the last rebuild's pages."""
        self._kept, self._made = self._made or self._kept, {}
        self.hits = self.misses = 0
        addresses = "\n".join(f"{f.src_uri}\t{f.url}" for f in files)
        settings = repr((config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"]))
        self._context = hashlib.blake2b(f"{settings}\n{addresses}".encode(), digest_size=16).hexdigest()

    def attach(self, page: Page) -> None:
        """Make this page's render() go through the cache."""
        page.render = MethodType(self._render, page)

    def _render(self, page: Page, config, files) -> None:
        digest = hashlib.blake2b(page.markdown.encode(), digest_size=16).digest()
        key = (page.file.src_uri, page.url, self._context, digest)
        kept = self._kept.get(key)
        if kept is not None:
            self.hits += 1
            page.content, page.toc, page._title_from_render, anchors, links = kept
            page.present_anchor_ids = set(anchors)
            # Links to anchors name the target File, a new object on every rebuild.
            page.links_to_anchors = None if links is None else {
                files.get_file_from_path(uri): dict(targets) for uri, targets in links.items()}
            self._made[key] = kept
            return
        self.misses += 1
        heard = _Heard()
        loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
        for logger in loggers:
            logger.addHandler(heard)
        try:
            Page.render(page, config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(heard)
        if heard.records:
            return
        links = None if page.links_to_anchors is None else {
            target.src_uri: dict(targets) for target, targets in page.links_to_anchors.items()}
        self._made[key] = (page.content, page.toc, page._title_from_render,
                           frozenset(page.present_anchor_ids or ()), links)
