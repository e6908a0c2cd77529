"""The jieba user dictionary: words that must stay whole in the search index (踢皮球, 中梗阻 …)."""
from __future__ import annotations

import re

from kb.core.graph import Catalogue

HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
CLAUSES = re.compile(r"[，、；：。！？“”（）()\s·×/]+")


def words(cat: Catalogue) -> list[str]:
    """Glossary terms and aliases, problem keywords, and the short clauses of entry titles."""
    found: list[str] = []
    for term in cat.terms.values():
        found += [term.term, *term.aliases]
    for p in cat.problems.values():
        found += list(p.keywords)
        found += CLAUSES.split(p.title)
    for table in (cat.areas, cat.types, cat.causes, cat.measures):
        for entry in table.values():
            found += CLAUSES.split(entry.title)
    return sorted({w for w in found if HAN_WORD.match(w)})


def user_dict_text(cat: Catalogue) -> str:
    # No frequency column: jieba then picks one just high enough to keep each word whole.
    return "".join(f"{w}\n" for w in words(cat))
