"""While `serve` runs on a broken catalogue: pages that show the diagnostics instead of content."""
from __future__ import annotations

from kb.site.pages.changelog import CHANGELOG_URI
from kb.site.pages.markup import GLOSSARY_URI, INDEX_URIS, MATRIX_URI, Page
from kb.site.pages.overview import OVERVIEW_URI

# The generated pages that hand-written pages and the navigation link to.
LINKED_URIS = [*INDEX_URIS.values(), MATRIX_URI, GLOSSARY_URI, CHANGELOG_URI, OVERVIEW_URI]


def error_block(report_text: str) -> str:
    fence = "`" * 4
    return "\n".join([
        '!!! failure "目录有错误，站点暂时无法生成"', "",
        "    修改下列文件并保存，页面会自动刷新。", "",
        f"    {fence}text",
        *("    " + line for line in report_text.splitlines()),
        f"    {fence}",
    ])


def error_pages(report_text: str) -> list[Page]:
    body = "# 目录有错误\n\n" + error_block(report_text)
    return [Page(uri, "目录有错误", body, {"search": {"exclude": True}}) for uri in LINKED_URIS]
