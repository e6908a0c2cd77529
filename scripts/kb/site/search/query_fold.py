"""Traditional → simplified for the characters this catalogue uses: the search worker folds each
query with this table (shipped in search/kb-index.js), so that 推諉扯皮 finds what 推诿扯皮 finds."""
from __future__ import annotations

from kb.core.chinese import traditional_forms
from kb.core.graph import Catalogue
from kb.core.textcheck import strings


def catalogue_chars(cat: Catalogue | None) -> set[str]:
    chars: set[str] = set()
    if cat is None:
        return chars
    for table in (cat.problems, cat.areas, cat.types, cat.causes, cat.measures, cat.sources, cat.terms):
        for entry in table.values():
            for _, text in strings(entry):
                chars.update(text)
    return {c for c in chars if "\u4e00" <= c <= "\u9fff"}


def fold_table(cat: Catalogue | None) -> dict[str, str]:
    return traditional_forms(catalogue_chars(cat))
