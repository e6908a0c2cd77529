"""Page generators: the resolved catalogue → Markdown pages, one module per page type."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.history.changelog import History
from kb.site.pages import (area, cause, changelog, family, glossary, handout, manifestation_type, matrix, measure,
                          overview, problem, releases, self_check, source)
from kb.site.pages.markup import GlossaryLinker, Page, SiteContext
from kb.site.pictures import clear_caches

MODULES = [problem, area, handout, manifestation_type, family, cause, measure, source, matrix, overview, glossary,
           self_check]


def generate(cat: Catalogue, base_url: str = "", history: History | None = None,
             directory_urls: bool = True) -> list[Page]:
    releases_ = history.releases if history else []
    ctx = SiteContext(base_url=base_url, linker=GlossaryLinker(cat), changed=history.changed if history else {},
                      directory_urls=directory_urls, histories=releases.entry_histories(releases_),
                      release_uris=releases.release_uris(releases_))
    pages = [page for module in MODULES for page in module.render(cat, ctx)]
    clear_caches()  # the pictures' memoised markup is of no use once the pages are written
    return pages + changelog.render(cat, ctx, history) + releases.render(cat, ctx, history)
