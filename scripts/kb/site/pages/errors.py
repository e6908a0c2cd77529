"""While `serve` runs on a broken catalogue: pages that show the diagnostics instead of content."""
from __future__ import annotations

import re

from kb.core.diagnostics import printable
from kb.core.urls import CHANGELOG_URI, FAMILY_MATRIX_URI
from kb.site.pages.markup import GLOSSARY_URI, INDEX_URIS, MATRIX_URI, Page
from kb.site.pages.overview import OVERVIEW_URI
from kb.site.pages.self_check import SELF_CHECK_URI

# The generated pages that hand-written pages and the navigation link to.
LINKED_URIS = [*INDEX_URIS.values(), MATRIX_URI, FAMILY_MATRIX_URI, GLOSSARY_URI, CHANGELOG_URI, SELF_CHECK_URI,
               OVERVIEW_URI]
# The page kb serve answers every missing page with while the catalogue has errors.
ERRORS_URI = "kb-errors.md"


def error_block(report_text: str) -> str:
    # The report puts one diagnostic on each \n-separated line; each is made printable again
    # (no other line break can end the code block early) and the fence outruns any backtick run.
    lines = [printable(line) for line in report_text.split("\n")]
    fence = "`" * max(4, 1 + max((len(r) for r in re.findall("`+", report_text)), default=0))
    return "\n".join([
        '!!! failure "目录有错误，站点暂时无法生成"', "",
        "    修改下列文件并保存，页面会自动刷新。", "",
        f"    {fence}text",
        *("    " + line for line in lines),
        f"    {fence}",
    ])


def error_pages(report_text: str) -> list[Page]:
    body = "# 目录有错误\n\n" + error_block(report_text)
    return [Page(uri, "目录有错误", body, {"search": {"exclude": True}}) for uri in [*LINKED_URIS, ERRORS_URI]]
