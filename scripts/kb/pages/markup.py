"""Markdown building blocks shared by every page type: escaping, links, glossary links, cite block."""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ..graph import Catalogue

# Characters Python-Markdown lets a backslash escape (its defaults plus '|' from tables).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_BLANK_LINES = re.compile(r"\n\s*\n")


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
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{front}---\n\n{self.body.strip()}\n"


def esc(text: str) -> str:
    """Catalogue text → inline Markdown that renders as exactly that text."""
    text = " ".join(part.strip() for part in text.splitlines()) if "\n" in text else text
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def paragraphs(text: str) -> str:
    """Catalogue text that may hold several paragraphs (separated by a blank line)."""
    return "\n\n".join(esc(p) for p in _BLANK_LINES.split(text.strip()) if p.strip())


def rel(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """A relative link between two generated pages, as MkDocs expects it."""
    target = _relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return target + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relpath(to_uri: str, from_dir: str) -> str:
    return posixpath.relpath(to_uri, from_dir)


def link(from_uri: str, to_uri: str, text: str, anchor: str = "", title: str = "") -> str:
    tip = f' "{_attr(title)}"' if title else ""
    return f"[{esc(text)}]({rel(from_uri, to_uri, anchor)}{tip})"


def _attr(text: str) -> str:
    # A Markdown link title is closed by a straight double quote; the catalogue uses “” anyway.
    return " ".join(text.replace('"', "”").split())


# URL contract (DESIGN §4): where each entry kind lives.
URIS = {
    "problem": "problems/{}.md", "area": "areas/{}.md", "type": "types/{}.md",
    "cause": "causes/{}.md", "countermeasure": "measures/{}.md", "source": "sources/{}.md",
}
INDEX_URIS = {
    "problem": "problems/index.md", "area": "areas/index.md", "type": "types/index.md",
    "cause": "causes/index.md", "countermeasure": "measures/index.md",
    "source": "sources/index.md",
}
MATRIX_URI = "matrix.md"
GLOSSARY_URI = "glossary.md"
KIND_LABELS = {
    "problem": "问题", "area": "治理领域", "type": "表现类型", "cause": "成因",
    "countermeasure": "整改措施", "source": "来源文件",
}
LEVEL_LABELS = {"organization": "组织层面", "leadership": "领导班子", "individual": "干部个人"}


def uri(kind: str, rid: str) -> str:
    return URIS[kind].format(rid)


def url_path(page_uri: str) -> str:
    """The published URL path of a page (use_directory_urls): problems/P012.md → problems/P012/."""
    if page_uri.endswith("index.md"):
        return page_uri[: -len("index.md")]
    return page_uri[: -len(".md")] + "/"


def page_url(base_url: str, page_uri: str, anchor: str = "") -> str:
    """A page's published address: under base_url when the site has one, else root-relative."""
    path = url_path(page_uri) + (f"#{anchor}" if anchor else "")
    return (base_url.rstrip("/") + "/" + path) if base_url else "/" + path


def item_anchor(ref: str) -> str:
    return "item-" + re.sub(r"[^0-9A-Za-z]+", "-", ref).strip("-")


def trie_pattern(words: list[str]) -> str:
    """One regex for many literal words, as a trie: with thousands of glossary terms a plain
    alternation tries every branch at every position; the trie tries one."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


# A page with a link in every line reads badly, and each link carries its definition as a tooltip.
MAX_TERM_LINKS = 12


class GlossaryLinker:
    """Links the first use of each glossary term on a page to its definition, with a tooltip."""

    def __init__(self, cat: Catalogue) -> None:
        self.by_word: dict[str, tuple[str, str]] = {}
        for term in cat.terms.values():
            for word in (term.term, *term.aliases):
                self.by_word.setdefault(word, (term.id, term.definition))
        self._escaped = {esc(w): w for w in self.by_word}
        # Greedy quantifiers in the trie make the longest term win, as sorting by length did.
        self.pattern = re.compile(trie_pattern(list(self._escaped))) if self._escaped else None

    def terms_in(self, text: str) -> set[str]:
        """Ids of the terms that occur in a plain text."""
        if self.pattern is None:
            return set()
        escaped = esc(text)
        return {self.by_word[self._escaped[m]][0] for m in self.pattern.findall(escaped) if m in self._escaped}

    def apply(self, page_uri: str, markdown_text: str, used: set[str]) -> str:
        """Link terms in already-escaped inline text; used holds term ids linked on this page."""
        if self.pattern is None:
            return markdown_text

        def replace(match: re.Match) -> str:
            word = self._escaped.get(match.group(0))
            if word is None:  # a prefix shared by terms, not a term itself
                return match.group(0)
            tid, definition = self.by_word[word]
            if tid in used or len(used) >= MAX_TERM_LINKS:
                return match.group(0)
            used.add(tid)
            return f"[{match.group(0)}]({rel(page_uri, GLOSSARY_URI, tid)} \"{_attr(definition)}\")"

        return self.pattern.sub(replace, markdown_text)


@dataclass
class SiteContext:
    """What pages need beyond the catalogue itself."""

    base_url: str = ""            # the site's permanent address, e.g. http://zhili.intranet/
    linker: GlossaryLinker | None = None
    changed: dict = field(default_factory=dict)  # (kind, id) → date it last changed (from git)
    sections: dict = field(default_factory=dict)  # problem id → its rendered content sections

    def changed_note(self, kind: str, rid: str) -> str:
        date = self.changed.get((kind, rid))
        return f" · **最后修改** {date}" if date else ""

    def permalink(self, page_uri: str) -> str:
        return page_url(self.base_url, page_uri)


def cite_block(cat: Catalogue, ctx: SiteContext, page_uri: str, title: str, rid: str) -> str:
    """The 引用本页 section: a plain-text citation in a code block, so Material adds a copy button."""
    meta = cat.meta
    url = ctx.permalink(page_uri)
    text = f"《{title}》（{rid}），{meta.title}，版本 {meta.version}（{meta.released.isoformat()}）。{url}"
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
