"""Every file the site gets from the catalogue, in one place: generated pages, downloads and scripts.

The MkDocs plugin adds these files to the build in memory; `kb render` writes the same files, plus
the hand-written pages with their blocks filled in, so that another generator (or plain MkDocs and
Material without the kb plugin) builds the same site. Anything a page links to belongs here.
"""
from __future__ import annotations

from pathlib import Path

from kb.core.errors import KbError
from kb.core.graph import Catalogue
from kb.core.urls import DOWNLOADS
from kb.exports.catalogue_json import catalogue_json
from kb.exports.handout_docx import handout_docx_files
from kb.exports.json_schema import export_schema_text, schema_text
from kb.exports.releases_json import SCHEMA_NAME as RELEASES_SCHEMA
from kb.exports.releases_json import releases_json, releases_schema_text
from kb.exports.tables import DOWNLOAD_NAMES, download_files
from kb.history.changelog import History
from kb.site.pages import generate
from kb.site.pages.errors import error_pages
from kb.site.pages.overview import DOWNLOADS as OVERVIEW_DOWNLOADS
from kb.site.pages.overview import download_files as overview_downloads
from kb.site.pages.self_check import DATA_URI as SELF_CHECK_DATA
from kb.site.pages.self_check import data_script
from kb.site.pictures.overview import OverviewError

SCHEMA_DOWNLOADS = ("schema.json", "catalogue.schema.json")


def site_files(cat: Catalogue, base_url: str = "", history: History | None = None, *,
               directory_urls: bool = True, cache: Path | None = None) -> dict[str, str | bytes]:
    """Site path → content of every generated file (Markdown pages as text). cache: where the
    overview drawing is kept between builds (Graphviz runs only when its input changed)."""
    files: dict[str, str | bytes] = {}
    files.update((page.uri, page.markdown)
                 for page in generate(cat, base_url=base_url, history=history, directory_urls=directory_urls))
    files["catalogue.json"] = catalogue_json(cat, base_url)
    files["releases.json"] = releases_json(history, cat.meta.title, base_url)
    files[f"{DOWNLOADS}/{RELEASES_SCHEMA}"] = releases_schema_text()
    try:
        files.update((f"{DOWNLOADS}/{name}", data) for name, data in overview_downloads(cat, base_url, cache).items())
    except OverviewError as exc:  # the 下载 page links these files: without them its links would be broken
        raise KbError(f"{exc}。站点未生成。") from None
    files.update((f"{DOWNLOADS}/{name}", data) for name, data in download_files(cat, base_url).items())
    files[f"{DOWNLOADS}/schema.json"] = schema_text()
    files[f"{DOWNLOADS}/catalogue.schema.json"] = export_schema_text()
    files[SELF_CHECK_DATA] = data_script(cat)
    files.update(handout_docx_files(cat, base_url))
    return files


def error_site_files(failure: str) -> dict[str, str | bytes]:
    """While the catalogue has errors (under serve): pages that show them, and empty placeholders for
    everything hand-written pages link to, so that the preview still builds."""
    files: dict[str, str | bytes] = {}
    files.update((page.uri, page.markdown) for page in error_pages(failure))
    files["catalogue.json"] = files["releases.json"] = b""
    placeholders = (*DOWNLOAD_NAMES, *SCHEMA_DOWNLOADS, RELEASES_SCHEMA, *OVERVIEW_DOWNLOADS)
    files.update((f"{DOWNLOADS}/{name}", b"") for name in placeholders)
    return files
