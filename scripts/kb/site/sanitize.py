"""The second wall behind escaping: the HTML of every catalogue-driven page goes through an
allowlist sanitizer (nh3, the Python binding of the Ammonia crate) before the theme wraps it.

Escaping (pages.markup.esc) already makes catalogue text plain text; if a future page type or
Markdown extension lets something through, this still removes any element, attribute or URL
scheme that the generated pages never use. The allowlist is what the pages need and no more.
"""
from __future__ import annotations

import re
from html import unescape

import nh3

TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "details", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "span", "strong", "summary", "table",
    "tbody", "td", "th", "thead", "tr", "ul", "sup", "sub", "small", "caption", "section", "nav",
    "button",  # the handout's print button (kb.js wires it up)
    "figure", "figcaption", "del", "ins", "mark", "b", "i", "s",  # del/ins: old and new text on the 版本对比 pages
    # the relationship pictures (kb/site/pictures/): inline SVG drawn by our code or by Graphviz
    "svg", "g", "defs", "marker", "path", "polygon", "polyline", "ellipse", "rect", "text", "tspan",
    "title", "desc",
}
_SVG_PAINT = {"fill", "stroke", "stroke-width", "stroke-dasharray", "transform"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "hidden"},  # hidden: what only scripts may show
    "a": {"href", "style"},
    "ol": {"start"},
    "div": {"role", "tabindex"},          # a table's own scrolling box, named for screen readers
    "td": {"colspan", "rowspan", "style"},  # matrix cells shaded by their count
    "span": {"style"},
    "svg": {"viewBox", "width", "height", "role", "font-family", "font-size", "fill", "xmlns"},
    "g": _SVG_PAINT,
    "marker": {"viewBox", "markerWidth", "markerHeight", "orient", "refX", "refY"},
    "path": _SVG_PAINT | {"d", "marker-end"},
    "polygon": _SVG_PAINT | {"points"},
    "polyline": _SVG_PAINT | {"points"},
    "ellipse": _SVG_PAINT | {"cx", "cy", "rx", "ry"},
    "rect": _SVG_PAINT | {"x", "y", "width", "height", "rx", "ry"},
    "text": {"x", "y", "fill", "font-family", "font-size", "font-weight", "text-anchor"},
    "tspan": {"x", "y", "dx", "dy"},
    "button": {"type"},
    "details": {"open"},
    "th": {"scope", "colspan", "rowspan"},
}
# Relative links carry no scheme and always pass; absolute ones only to the web or mail.
URL_SCHEMES = {"http", "https", "mailto"}


# What a page holds, found generously (a name too many only makes the check below stricter):
# every tag name; every attribute name, after whitespace, a slash or a quote (a browser reads
# <svg/onload=…> and title="a"onclick=… as attributes); every URL scheme once character references
# are decoded and the tabs and line breaks a browser drops from URLs are gone (&#106;avascript:).
_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""[\s/"']([^\s/>"'=<]+)\s*=""")
_SCHEME = re.compile(r"""=\s*["']?[\x00-\x20]*([a-zA-Z][a-zA-Z0-9+.\-]*):""")
_URL_NOISE = re.compile(r"[\t\n\r]")
# The last check before a page keeps its own bytes: no event handler, no script-capable scheme,
# wherever and however it is written.
_ACTIVE = re.compile(r"""[\s/"']on[a-z]+\s*=|(?:java|vb)script\s*:|data\s*:\s*text/html|<!--""", re.I)


def _found(html: str, decoded: str) -> tuple[set[str], set[str], set[str]]:
    decoded = _URL_NOISE.sub("", decoded)
    tags = {t.lower() for t in _TAG.findall(html)}
    attributes = {a.lower() for a in _ATTRIBUTE.findall(html)}
    schemes = {s.lower() for s in _SCHEME.findall(html) + _SCHEME.findall(decoded)}
    return tags, attributes, schemes


# Attributes the pages write bare (Markdown's attr_list, the handouts' print button), which the
# serializer spells name="".
_BARE = re.compile(r'(?<= )(data-search-exclude|data-kb-print|hidden)(?=[ >])')


def clean(html: str) -> str:
    cleaned = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                        generic_attribute_prefixes={"data-", "aria-"}, link_rel=None,
                        strip_comments=True)
    # Most pages: the allowlist's output is the page itself, up to the spelling of bare attributes,
    # so it removed nothing and the second pass below is not needed. (Adding ="" inside running
    # text instead would make the two differ, and the page takes the second pass.)
    if cleaned == html or cleaned == _BARE.sub(r'\1=""', html):
        return html
    # The serializer respells what it keeps (name="" for a bare attribute, <rect></rect> for <rect/>).
    # The same serializer allowing everything the page holds shows whether the allowlist removed
    # anything; when it removed nothing, the page keeps the generator's own bytes, so that a plain
    # build of kb render's output equals ours byte for byte.
    # Allowing everything means every tag, attribute and URL scheme the page holds, scripts and
    # comments too: then any difference from the allowlist's output is something it removed. And
    # whatever either pass may have missed, a page that still shows a handler or a script scheme
    # anywhere gets the allowlist's output.
    decoded = unescape(html)
    tags, attributes, schemes = _found(html, decoded)
    everything = nh3.clean(html, tags=tags | TAGS, clean_content_tags=set(),
                           attributes={**ATTRIBUTES, "*": ATTRIBUTES["*"] | attributes},
                           url_schemes=schemes | URL_SCHEMES,
                           generic_attribute_prefixes={"data-", "aria-"}, link_rel=None, strip_comments=False)
    if everything != cleaned or _ACTIVE.search(html) or _ACTIVE.search(decoded):
        return cleaned
    return html
