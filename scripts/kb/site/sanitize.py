"""The second wall behind escaping: the HTML of every catalogue-driven page goes through an
allowlist sanitizer (nh3, the Python binding of the Ammonia crate) before the theme wraps it.

Escaping (pages.markup.esc) already makes catalogue text plain text; if a future page type or
Markdown extension lets something through, this still removes any element, attribute or URL
scheme that the generated pages never use. The allowlist is what the pages need and no more.
"""
from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "details", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "span", "strong", "summary", "table",
    "tbody", "td", "th", "thead", "tr", "ul", "sup", "sub", "small", "caption", "section", "nav",
    "button",  # the handout's print button (kb.js wires it up)
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "hidden"},  # hidden: what only scripts may show
    "a": {"href"},
    "ol": {"start"},
    "button": {"type"},
    "details": {"open"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Relative links carry no scheme and always pass; absolute ones only to the web or mail.
URL_SCHEMES = {"http", "https", "mailto"}


def clean(html: str) -> str:
    cleaned = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                        generic_attribute_prefixes={"data-", "aria-"}, link_rel=None,
                        strip_comments=True)
    # The serializer writes a bare attribute as name="". When that is all it changed, nothing was
    # removed, and the page keeps the generator's own bytes (kb render's plain build equals ours).
    return html if cleaned.replace('=""', "") == html.replace('=""', "") else cleaned
