"""Relationship pictures drawn at build time as inline SVG: an entry's neighbours (star layout,
pure Python), the whole catalogue (Graphviz dot), and the shading of the weighted matrices."""


def clear_caches() -> None:
    """Forget memoised label wraps, escapes and links (kb bench times pictures from cold)."""
    from kb.site.pictures import entry, star, text, urls
    for cached in (text.wrap, text.xml, text.char_width, urls._relative, entry._tooltip, star._box):
        cached.cache_clear()
    entry._NODES.clear()
    entry._NODES_OF[0] = None
