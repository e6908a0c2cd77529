"""Markdown building blocks shared by every page type: escaping, links, glossary links, cite block."""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

import ahocorasick
import yaml

from kb.core.graph import Catalogue
# The URL contract and the kind labels live in the core; page modules import them from here too.
from kb.core.kinds import KIND_LABELS, LEVEL_LABELS  # noqa: F401
from kb.core.urls import (FAMILY_MATRIX_URI, GLOSSARY_URI, INDEX_URIS, MATRIX_URI, URIS, item_anchor,  # noqa: F401
                          page_url, uri, url_path)

# Characters Python-Markdown lets a backslash escape (its defaults plus '|' from tables).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_BLANK_LINES = re.compile(r"\n\s*\n")
# Block openers of enabled extensions made of characters Python-Markdown cannot backslash-escape:
# ??? (pymdownx.details), ~~~ (superfences). At the start of a text they become entities.
_BLOCK_OPENER = re.compile(r"^[?~]")
_ENTITY = re.compile(r"&#?\w+;")
# LibYAML writes front matter ~5× faster than the pure-Python dumper, with the same output.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Page:
    """One generated page: where it lives in the site and its Markdown."""

    uri: str            # e.g. "problems/P012.md"
    title: str
    body: str
    meta: dict = field(default_factory=dict)

    @property
    def markdown(self) -> str:
        # Themes print front matter into HTML unescaped (<title>, the header, <meta content="…">).
        meta = {"title": html.escape(self.title), **self.meta}
        if "description" in meta:
            meta["description"] = html.escape(" ".join(meta["description"].split()), quote=True)
        if "tags" in meta:  # Material's search results and page header insert tags as HTML
            meta["tags"] = [html.escape(str(tag), quote=True) for tag in meta["tags"]]
        front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{front}---\n\n{self.body.strip()}\n"


def esc(text: str) -> str:
    """Catalogue text → inline Markdown that renders as exactly that text, whatever Markdown
    extension reads it: the one place catalogue text is escaped for pages."""
    text = " ".join(part.strip() for part in text.splitlines()) if "\n" in text else text
    # Leading white space would make an indented code block at the start of a paragraph.
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(text.strip(), quote=False))
    return _BLOCK_OPENER.sub(lambda m: f"&#{ord(m.group())};", text)


def esc_attr(text: str) -> str:
    """Catalogue text → the value of an HTML attribute written into Markdown. Inline Markdown (links,
    emphasis, attr_list braces, table pipes) is read before raw HTML, so inside the quotes every
    character Markdown could act on becomes a numeric character reference, not only & < > "."""
    text = html.escape(" ".join(text.split()), quote=True)
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", text)


def paragraphs(text: str) -> str:
    """Catalogue text that may hold several paragraphs (separated by a blank line)."""
    return "\n\n".join(esc(p) for p in _BLANK_LINES.split(text.strip()) if p.strip())


def rel(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """A relative link between two generated pages, as MkDocs expects it."""
    target = _relpath(to_uri, posixpath.dirname(from_uri))
    return target + (f"#{anchor}" if anchor else "")


def _relpath(to_uri: str, from_dir: str) -> str:
    # Pages sit at most one folder deep, so most links need no path arithmetic (posixpath.relpath
    # was a tenth of page generation at 5,000 problems).
    if not from_dir:
        return to_uri
    if to_uri.startswith(from_dir + "/"):
        return to_uri[len(from_dir) + 1:]
    if "/" not in from_dir:
        return "../" + to_uri
    return posixpath.relpath(to_uri, from_dir)


def link(from_uri: str, to_uri: str, text: str, anchor: str = "", title: str = "") -> str:
    tip = f' "{_attr(title)}"' if title else ""
    return f"[{esc(text)}]({rel(from_uri, to_uri, anchor)}{tip})"


def _attr(text: str) -> str:
    # A Markdown link title is closed by a straight double quote; the catalogue uses “” anyway.
    return " ".join(text.replace('"', "”").split())


# A page with a link in every line reads badly, and each link carries its definition as a tooltip.
MAX_TERM_LINKS = 12


class GlossaryLinker:
    """Links the first use of each glossary term on a page to its definition, with a tooltip.

    Matching uses an Aho–Corasick automaton (pyahocorasick): one pass over the text finds the
    leftmost-longest terms however many thousand terms the glossary holds.
    """

    def __init__(self, cat: Catalogue) -> None:
        self.by_word: dict[str, tuple[str, str]] = {}
        for term in cat.terms.values():
            for word in (term.term, *term.aliases):
                self.by_word.setdefault(word, (term.id, term.definition))
        self.automaton = None
        if self.by_word:
            self.automaton = ahocorasick.Automaton()
            # Pages hold escaped Markdown, so the automaton holds escaped words.
            for word in self.by_word:
                escaped = esc(word)
                self.automaton.add_word(escaped, (len(escaped), word))
            self.automaton.make_automaton()

    def _matches(self, escaped_text: str):
        """(start, end, word) of each leftmost-longest term in escaped text, never inside an
        entity (a term such as "lt" or "amp" would split &lt; and print it as text)."""
        if self.automaton is None:
            return
        inside = set()
        if "&" in escaped_text:
            for m in _ENTITY.finditer(escaped_text):
                inside.update(range(m.start() + 1, m.end()))
        for last, (length, word) in self.automaton.iter_long(escaped_text):
            start, end = last + 1 - length, last + 1
            if inside and (start in inside or end in inside):
                continue
            yield start, end, word

    def terms_in(self, text: str) -> set[str]:
        """Ids of the terms that occur in a plain text."""
        return {self.by_word[word][0] for _, _, word in self._matches(esc(text))}

    def apply(self, page_uri: str, markdown_text: str, used: set[str]) -> str:
        """Link terms in already-escaped inline text; used holds term ids linked on this page."""
        out, done = [], 0
        for start, end, word in self._matches(markdown_text):
            if len(used) >= MAX_TERM_LINKS:
                break
            tid, definition = self.by_word[word]
            if tid in used:
                continue
            used.add(tid)
            out += [markdown_text[done:start],
                    f"[{markdown_text[start:end]}]({rel(page_uri, GLOSSARY_URI, tid)} \"{_attr(definition)}\")"]
            done = end
        return "".join(out) + markdown_text[done:] if out else markdown_text


@dataclass
class SiteContext:
    """What pages need beyond the catalogue itself."""

    base_url: str = ""            # the site's permanent address, e.g. http://zhili.intranet/
    linker: GlossaryLinker | None = None
    changed: dict = field(default_factory=dict)  # (kind, id) → date it last changed (from git)
    sections: dict = field(default_factory=dict)  # problem id → its rendered content sections
    directory_urls: bool = True  # links in raw HTML (pictures) are written as final URLs
    histories: dict = field(default_factory=dict)     # (kind, id) → [(release, change)], newest first
    release_uris: dict = field(default_factory=dict)  # release commit → its 版本对比 page

    def changed_note(self, kind: str, rid: str) -> str:
        date = self.changed.get((kind, rid))
        return f" · **最后修改** {date}" if date else ""

    def permalink(self, page_uri: str) -> str:
        return page_url(self.base_url, page_uri)


def cite_block(cat: Catalogue, ctx: SiteContext, page_uri: str, title: str, rid: str) -> str:
    """The 引用本页 section: a plain-text citation in a code block, so Material adds a copy button."""
    meta = cat.meta
    url = ctx.permalink(page_uri)
    text = citation(cat, ctx, page_uri, title, rid)
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return "\n".join([
        "## 引用本页 {#cite data-search-exclude}",
        "",
        f"- 标题：{esc(title)}",
        f"- 编号：{esc(rid)}",
        f"- 永久链接：<{url}>" if url.startswith("http") else f"- 永久链接：`{url}`",
        f"- 目录版本：{esc(meta.version)}（{meta.released.isoformat()} 发布）",
        "",
        f"{fence}text",
        text,
        fence,
    ])


def citation(cat: Catalogue, ctx: SiteContext, page_uri: str, title: str, rid: str) -> str:
    """The one-line citation of a page (plain text, not Markdown)."""
    meta = cat.meta
    return (f"《{title}》（{rid}），{meta.title}，版本 {meta.version}（{meta.released.isoformat()}）。"
            f"{ctx.permalink(page_uri)}")


def _longest_backtick_run(text: str) -> int:
    runs = re.findall(r"`+", text)
    return max((len(r) for r in runs), default=0)


def bullet_links(from_uri: str, items: list[tuple[str, str, str, str]]) -> str:
    """Lines '- [ID title](link)：summary' for (kind, id, title, summary) tuples."""
    lines = []
    for kind, rid, title, summary in items:
        line = f"- {link(from_uri, uri(kind, rid), f'{rid} {title}')}"
        if summary:
            line += f"：{esc(summary)}"
        lines.append(line)
    return "\n".join(lines) if lines else "（暂无）"


def also_called(aliases) -> str:
    """'**又称** 打太极、推来推去' for the facts line of an entry page ('' when it has none)."""
    return f"\n\n**又称** {'、'.join(esc(a) for a in aliases)}" if aliases else ""


def index_rows(here: str, kind: str, heading: str, count_heading: str, entries, count, extra=None) -> list[str]:
    """The table of an index page: id, linked title, [extra column,] a count of problems, summary.
    extra: (heading, entry → Markdown) for one more column after the title."""
    head = ["编号", heading, *([extra[0]] if extra else []), count_heading, "概述"]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for e in entries:
        cells = [e.id, link(here, uri(kind, e.id), e.title), *([extra[1](e)] if extra else []),
                 str(count(e.id)), esc(e.summary)]
        rows.append("| " + " | ".join(cells) + " |")
    return rows
