"""How the build cuts a document's text into search terms: exactly as the browser cuts it.

The browser (assets/kb-search/engine.js, Cutter) cuts the reader's query; the build cuts every
document here, once, so that the browser receives a finished index instead of building one.
Both must agree term for term: tests/site/test_search_shards.py runs the browser's cutter in Node
on the real catalogue's documents and compares.

A text is lower-cased, folded to simplified characters, its misspellings replaced; then each run of
Han characters gives every pair of neighbouring characters and every known word of 3–8 characters
in it (a lone character stands for itself), and each run of ASCII letters and digits gives itself.
"""
from __future__ import annotations

import re

RUNS = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")
MAX_WORD = 8


class Cutter:
    def __init__(self, words, fold: dict[str, str], fixes: dict[str, str]):
        self.words = set(words)
        self.long_words = {w for w in self.words if 3 <= len(w) <= MAX_WORD}
        self.lengths = sorted({len(w) for w in self.long_words})
        # Where a word of 3 or more characters can start: one look-up rules out most positions.
        self.starts = {w[:3] for w in self.long_words}
        self.fold = str.maketrans(fold) if fold else None
        self.fixes = list(fixes.items())

    def normalize(self, text: str) -> str:
        text = str(text).lower()
        if self.fold:
            text = text.translate(self.fold)
        for wrong, right in self.fixes:
            if wrong in text:
                text = text.replace(wrong, right)
        return text

    def tokens(self, text: str) -> list[str]:
        out: list[str] = []
        words, lengths, starts = self.long_words, self.lengths, self.starts
        for run in RUNS.findall(self.normalize(text)):
            if not ("\u4e00" <= run[0] <= "\u9fff"):
                out.append(run)
                continue
            size = len(run)
            if size == 1:
                out.append(run)
                continue
            out += [run[i:i + 2] for i in range(size - 1)]
            for i in range(size - 2):
                if run[i:i + 3] in starts:
                    out += [run[i:i + n] for n in lengths if i + n <= size and run[i:i + n] in words]
        return out
