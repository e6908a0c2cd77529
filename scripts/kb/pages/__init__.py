"""Page generators: the resolved catalogue → Markdown pages, one module per page type."""
from __future__ import annotations

from ..graph import Catalogue
from . import area, cause, glossary, handout, manifestation_type, matrix, measure, problem, source
from .markup import GlossaryLinker, Page, SiteContext

MODULES = [problem, area, handout, manifestation_type, cause, measure, source, matrix, glossary]


def generate(cat: Catalogue, base_url: str = "") -> list[Page]:
    ctx = SiteContext(base_url=base_url, linker=GlossaryLinker(cat))
    return [page for module in MODULES for page in module.render(cat, ctx)]
