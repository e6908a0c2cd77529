"""Diagnostics: one finding about one place in one file, and the ways to print them."""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from kb.core.codes import CODES

ERROR = "error"
WARNING = "warning"

# Everything str.splitlines() breaks at: a message must stay one line wherever it is split again
# (the serve error page, a terminal, a CI log).
_LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Other control characters (terminal escapes start with ESC) and bidi controls: shown, not obeyed.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e"
                        "\u2066-\u2069\ufeff\ud800-\udfff]")


def printable(text: str) -> str:
    """Text safe to print on one line: breaks become spaces, controls become visible \\uXXXX."""
    text = _LINE_BREAKS.sub(" ", text)
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _property(text: str) -> str:
    # A workflow command's properties end at ',' and '::'; GitHub's escapes keep them inside.
    return (text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    level: str
    code: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}[{self.code}]: {self.message}"

    def github(self) -> str:
        # GitHub workflow commands need % , \r and \n escaped in the message.
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (f"::{self.level} file={_property(self.path)},line={self.line},col={self.col},"
                f"title={_property(self.code)}::{msg}")


class Report:
    """Collects diagnostics from every stage so that all problems are reported in one run."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, path: str, line: int, col: int, level: str, code: str, message: str) -> None:
        registered = CODES.get(code)
        if registered is None or registered.level != level:
            # A programming error, not a catalogue one: every code is documented for maintainers.
            raise ValueError(f"diagnostic code {code!r} at level {level!r} is not in kb.core.codes")
        # One diagnostic, one line, nothing a terminal or CI log obeys: messages quote file
        # names and catalogue text, which may carry any character.
        self.items.append(Diagnostic(printable(str(path)), line, col, level, code, printable(message)))

    def error(self, path, line, col, code, message) -> None:
        self.add(path, line, col, ERROR, code, message)

    def warning(self, path, line, col, code, message) -> None:
        self.add(path, line, col, WARNING, code, message)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        if not e and not w:
            return "目录校验通过：没有错误，没有警告。"
        return f"共 {e} 个错误，{w} 个警告。"

    def format(self, fmt: str = "text") -> str:
        items = self.sorted()
        if fmt == "json":
            return json.dumps(
                {"errors": len(self.errors), "warnings": len(self.warnings),
                 "diagnostics": [asdict(d) for d in items]},
                ensure_ascii=False, indent=2)
        if fmt == "github":
            return "\n".join(d.github() for d in items)
        lines = [d.text() for d in items]
        lines.append(self.summary())
        return "\n".join(lines)


def dotted(loc: tuple) -> str:
    """('sources', 1, 'items', 0) → 'sources[1].items[0]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
