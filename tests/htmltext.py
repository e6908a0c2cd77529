"""Reading built HTML as a reader sees it: visible text, and the links of an element."""
from __future__ import annotations

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text).strip()))
            self._href = None
        if tag in ("p", "li", "h1", "h2", "h3", "td", "th", "tr", "div"):
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)
            if self._href is not None:
                self._link_text.append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def visible_text(html: str) -> str:
    return "".join(parse(html).parts)


def section(html: str, anchor: str) -> str:
    """The HTML from the heading with id=anchor to the next heading of the same or higher level."""
    start = html.index(f'id="{anchor}"')
    level = html.rfind("<h", 0, start)
    tag = html[level + 1:level + 3]
    rest = html[start:]
    ends = [rest.find(f"<{t}") for t in ("h1", "h2", tag) if rest.find(f"<{t}") > 0]
    return rest[:min(ends)] if ends else rest
