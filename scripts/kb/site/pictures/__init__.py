"""Relationship pictures drawn at build time as inline SVG: an entry's neighbours (star layout,
pure Python), the whole catalogue (Graphviz dot), and the shading of the weighted matrices."""
