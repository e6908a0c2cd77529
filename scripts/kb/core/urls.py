"""The URL contract (DESIGN §4): where every page lives. Trainers paste these addresses into course
material, so they never change; catalogue/published-urls.txt and its check keep them.

Page addresses are MkDocs source paths ("problems/P012.md"); `url_path` gives the published path.
"""
from __future__ import annotations

import re

from kb.core.kinds import KINDS, paged

URIS = {k.name: f"{k.url_segment}/{{}}.md" for k in paged()}
INDEX_URIS = {k.name: f"{k.url_segment}/index.md" for k in paged()}
HOME_URI = "index.md"
MATRIX_URI = "matrix.md"
FAMILY_MATRIX_URI = "matrix-families.md"   # the second matrix: governance areas × problem families
GLOSSARY_URI = f"{KINDS['term'].url_segment}.md"
HANDOUT_URI = "handouts/{}.md"
# The editable copy of each area handout (Word), written at build time by kb.exports.handout_docx.
HANDOUT_DOCX_URI = "downloads/handout-{}.docx"
CHANGELOG_URI = "changelog.md"
DOWNLOADS = "downloads"


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
    """The anchor of a source item on its source page: 'f5.5' → 'item-f5-5'."""
    return "item-" + re.sub(r"[^0-9A-Za-z]+", "-", ref).strip("-")


# 版本对比 pages: one per release, named after its version.
RELEASES_DIR = "releases"


def slug(version: str) -> str:
    """A version as a URL segment: letters, digits and hyphens only ('1.1' → 'v1-1')."""
    return "v" + (re.sub(r"[^0-9A-Za-z]+", "-", version).strip("-") or "0")


def release_uris(releases: list) -> dict[str, str]:
    """commit → page uri of each release (objects with .version and .commit, newest first); versions that fold to the same slug get a numeric suffix."""
    out, used = {}, set()
    for r in reversed(releases):
        base, n = slug(r.version), 1
        name = base
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        out[r.commit] = f"{RELEASES_DIR}/{name}.md"
    return out


def entry_anchor(section: str, rid: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", f"{section}-{rid}".lower()).strip("-")
