"""catalogue.json: the whole resolved catalogue, every entry with its URL, links and source refs."""
from __future__ import annotations

import json

from kb.core.graph import Catalogue
from kb.core.urls import GLOSSARY_URI, item_anchor, page_url, uri


def _url(base_url: str, kind: str, rid: str, anchor: str = "") -> str:
    return page_url(base_url, uri(kind, rid), anchor)


def catalogue_data(cat: Catalogue, base_url: str = "") -> dict:
    def entry(kind, record, **links):
        data = record.model_dump(mode="json", exclude_none=True)
        data["url"] = _url(base_url, kind, record.id)
        data.update(links)
        return data

    return {
        "title": cat.meta.title,
        "version": cat.meta.version,
        "released": cat.meta.released.isoformat(),
        "problems": [entry("problem", p) for p in cat.problems.values()],
        "areas": [entry("area", a, problems=cat.problems_by_area.get(a.id, []))
                  for a in cat.areas.values()],
        "types": [entry("type", t, problems=cat.problems_by_type.get(t.id, []))
                  for t in cat.types.values()],
        "families": [entry("family", f, problems=cat.problems_by_family.get(f.id, []))
                     for f in cat.families.values()],
        "causes": [entry("cause", c, problems=cat.problems_by_cause.get(c.id, []),
                         countermeasures=cat.measures_by_cause.get(c.id, []))
                   for c in cat.causes.values()],
        "countermeasures": [entry("countermeasure", m, problems=cat.problems_by_measure.get(m.id, []))
                            for m in cat.measures.values()],
        "sources": [
            {**entry("source", s),
             "items": [{"ref": i.ref, "kind": i.kind, "title": i.title, "heading_only": i.heading_only,
                        "url": _url(base_url, "source", s.id, item_anchor(i.ref)),
                        "traced_by": [rid for _, rid in cat.traces.get((s.id, i.ref), [])]}
                       for i in s.items]}
            for s in cat.sources.values()],
        "terms": [{**t.model_dump(mode="json"),
                   "url": page_url(base_url, GLOSSARY_URI, t.id)}
                  for t in cat.terms.values()],
    }


def catalogue_json(cat: Catalogue, base_url: str = "") -> str:
    return json.dumps(catalogue_data(cat, base_url), ensure_ascii=False, indent=1)
