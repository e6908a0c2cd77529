"""Blocks of hand-written pages filled from the catalogue at build time.

A marker comment in docs/*.md (for example `<!-- kb:home -->` on the home page) is replaced by
generated Markdown. The MkDocs plugin and `kb render` both call `fill`, so the two builds agree.
"""
from __future__ import annotations

from kb.core.codes import guide_table
from kb.core.graph import Catalogue
from kb.site.pages.home import MARKER as HOME_MARKER
from kb.site.pages.home import entry_points
from kb.site.pages.errors import error_block
from kb.site.pages.handout import DOWNLOADS_MARKER as HANDOUTS_MARKER
from kb.site.pages.handout import downloads_rows

CODES_MARKER = "<!-- kb:codes -->"


def holds_catalogue_text(markdown_text: str) -> bool:
    """Whether filling markdown_text brings catalogue text into the page (the home page's entry
    points, the 下载 page's handout rows): such a page passes the sanitizer like a generated one."""
    return HOME_MARKER in markdown_text or HANDOUTS_MARKER in markdown_text


def fill(markdown_text: str, cat: Catalogue | None, failure: str = "") -> str:
    """Fill every block; with a broken catalogue (cat None) the home block shows the errors instead."""
    if HOME_MARKER in markdown_text:
        markdown_text = markdown_text.replace(HOME_MARKER, entry_points(cat) if cat else error_block(failure))
    if HANDOUTS_MARKER in markdown_text:  # the 下载 page's rows of Word handouts, one per area
        markdown_text = markdown_text.replace(HANDOUTS_MARKER, downloads_rows(cat))
    if CODES_MARKER in markdown_text:  # needs no catalogue: the guide shows it while the catalogue is broken too
        markdown_text = markdown_text.replace(CODES_MARKER, guide_table())
    return markdown_text
