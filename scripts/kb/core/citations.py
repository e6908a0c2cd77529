"""How citations read wherever they are shown (pages, handouts, tables): a public document beyond
the sources, and the note on a source item whose body text the source does not give."""
from __future__ import annotations

from kb.core import schema

# Said next to every citation of an item whose body text the source does not give.
HEADING_ONLY_NOTE = "（来源原文只有标题，正文缺失）"


def reference_line(ref: schema.Reference) -> str:
    """'中共中央办公厅《…》（2018年）：note' as plain text."""
    text = f"{ref.issuer}《{ref.title}》（{ref.year}年）"
    return text + (f"：{ref.note}" if ref.note else "")
