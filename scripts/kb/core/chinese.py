"""Chinese text conventions: simplified characters, full-width punctuation between Han characters."""
from __future__ import annotations

import re
from functools import lru_cache

HAN = r"[\u4e00-\u9fff]"
# A half-width mark touching a Han character: "问题,表现" or "（如下:".
HALF_WIDTH = re.compile(rf"(?<={HAN})[,;:?!()]|[,;:?!()](?={HAN})")
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@lru_cache(maxsize=1)
def _ts_table() -> dict[str, str]:
    """Every traditional character that has a different simplified form."""
    from importlib.resources import files
    table = files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    out = {}
    for line in table.splitlines():
        trad, _, simp = line.partition("\t")
        simp = simp.split(" ")[0]
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            out[trad] = simp
    return out


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def traditional_characters() -> frozenset[str]:
    """Every character t2s would change on its own."""
    return frozenset(_ts_table())


def traditional_chars(text: str) -> list[tuple[str, str]]:
    """(traditional, simplified) pairs for each character the t2s conversion changes."""
    if _ts_table().keys().isdisjoint(text):
        return []  # the common case, and much cheaper than a full conversion
    simplified = to_simplified(text)
    if simplified == text or len(simplified) != len(text):
        return [] if simplified == text else [(text, simplified)]
    return list(dict.fromkeys((a, b) for a, b in zip(text, simplified) if a != b))


def half_width_marks(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0) for m in HALF_WIDTH.finditer(text)))


def traditional_forms(chars: set[str]) -> dict[str, str]:
    """Traditional character → simplified, for the simplified characters given."""
    return {t: s for t, s in _ts_table().items() if s in chars}
