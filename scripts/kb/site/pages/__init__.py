"""Page generators: the resolved catalogue → Markdown pages, one module per page type."""
from __future__ import annotations

from kb.core.graph import Catalogue
from kb.history.changelog import History
from kb.site.pages import (area, cause, changelog, family, glossary, handout, manifestation_type, matrix, measure,
                          problem, self_check, source)
from kb.site.pages.markup import GlossaryLinker, Page, SiteContext

MODULES = [problem, area, handout, manifestation_type, family, cause, measure, source, matrix, glossary, self_check]


def generate(cat: Catalogue, base_url: str = "", history: History | None = None) -> list[Page]:
    ctx = SiteContext(base_url=base_url, linker=GlossaryLinker(cat), changed=history.changed if history else {})
    pages = [page for module in MODULES for page in module.render(cat, ctx)]
    return pages + changelog.render(cat, ctx, history)
