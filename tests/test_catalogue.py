"""The real catalogue: complete entries, every source item traced, written in our own words."""
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, edit, kb
from kb.core.pipeline import load_catalogue

SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def cat():
    result = load_catalogue(ROOT / "catalogue")
    assert result.ok(strict=True), result.report.format()
    return result.catalogue


def test_taxonomy_sizes(cat):
    assert 7 <= len(cat.areas) <= 10
    assert [t.title for t in cat.types.values()] == ["不想为", "不敢为", "不会为"]
    assert len(cat.causes) >= 10 and len(cat.measures) >= 15 and len(cat.terms) >= 50
    assert 45 <= len(cat.active_problems) <= 70


def test_every_problem_is_complete(cat):
    incomplete = []
    for p in cat.active_problems:
        if not (len(p.symptoms) >= 3 and p.examples and len(p.actions) >= 2 and len(p.keywords) >= 3
                and p.analysis and p.distinguish and p.related):
            incomplete.append(p.id)
    assert incomplete == []


def test_every_active_problem_has_two_examples_and_a_family(cat):
    assert [p.id for p in cat.active_problems if len(p.examples) < 2] == []
    assert [p.id for p in cat.active_problems if not 1 <= len(p.families) <= 2] == []
    assert sorted(cat.problems_by_family) == sorted(cat.families) == ["F1", "F2", "F3", "F4", "F5", "F6"]


def test_types_are_given_only_where_they_apply(cat):
    # Formalism of higher offices and abuse of power are not inaction: no 不想为/不敢为/不会为.
    for pid in ("P037", "P046", "P047", "P049"):
        assert cat.problems[pid].types == [], pid
    assert cat.problems["P017"].types == ["T2"]


def test_every_cited_item_is_in_the_source_index(cat):
    index = {(s.id, i.ref) for s in cat.sources.values() for i in s.items}
    cited = {(ref.source, item) for table in (cat.problems, cat.areas, cat.types, cat.families, cat.causes,
                                              cat.measures)
             for entry in table.values() for ref in entry.sources for item in ref.items}
    assert cited - index == set()


def test_heading_only_items_are_the_s3_measures_and_safeguards_without_body_text(cat):
    flagged = sorted(i.ref for s in cat.sources.values() for i in s.items if i.heading_only
                     for _ in [s] if s.id == "S3")
    assert flagged == ["g1", "g2", "g3", "g4", "g5", "m3", "m4", "m5", "m6"]
    assert not any(i.heading_only for s in cat.sources.values() if s.id != "S3" for i in s.items)


def test_public_document_references_are_complete(cat):
    entries = [*cat.problems.values(), *cat.causes.values(), *cat.measures.values(), *cat.terms.values()]
    refs = [r for e in entries for r in getattr(e, "references", [])]
    assert len(refs) >= 17
    assert all(r.issuer and r.title and 1921 <= r.year <= 2026 and r.note for r in refs)


def test_causes_and_measures_have_fuller_texts_and_levels(cat):
    assert all(c.text for c in cat.causes.values())
    assert all(m.text and m.levels and m.causes for m in cat.measures.values())


def test_every_area_grouping_of_s1_and_s3_is_absorbed_by_exactly_one_area(cat):
    groupings = [(s.id, i.ref) for s in cat.sources.values() for i in s.items
                 if i.kind == "area" and s.id in ("S1", "S3")]
    owners = {g: [a.id for a in cat.areas.values() for r in a.sources for item in r.items
                  if (r.source, item) == g] for g in groupings}
    assert groupings and all(len(v) == 1 for v in owners.values()), owners


def test_kb_coverage_traces_all_136_items():
    run = kb("coverage", cwd=ROOT)
    assert run.returncode == 0, run.stdout[-2000:]
    assert run.stdout.splitlines()[-1] == "共 136 条，已追溯 136 条，未追溯 0 条。"


def test_kb_coverage_fails_when_an_item_loses_its_trace(mini):
    edit(mini / "problems/P002.yaml", "{source: S1, items: [2]}", "{source: S1, items: ['1']}")
    run = kb("coverage", "--catalogue", "cat", cwd=mini.parent)
    assert run.returncode == 1
    assert "  ✗ 2      problem        拖延不办  →  —" in run.stdout.splitlines()
    assert run.stdout.splitlines()[-1] == "共 6 条，已追溯 5 条，未追溯 1 条。"


@pytest.mark.skipif(not (SHARED / "sources/items.yaml").exists(), reason="../shared is not beside the checkout")
def test_sources_yaml_matches_the_shared_item_index(cat):
    shared = yaml.safe_load((SHARED / "sources/items.yaml").read_text(encoding="utf-8"))
    expected = [(d["key"], [(i["ref"], i["kind"]) for i in d["items"]]) for d in shared["documents"]]
    ours = [(s.id, [(i.ref, i.kind) for i in s.items]) for s in cat.sources.values()]
    assert ours == expected


# Official names the sources also use, which the catalogue must write exactly as they are.
OFFICIAL_NAMES = ["学习贯彻习近平新时代中国特色社会主义思想主题教育"]


@pytest.mark.skipif(not (SHARED / "tools/copycheck.py").exists(), reason="../shared is not beside the checkout")
def test_no_sentence_is_copied_from_the_sources():
    run = subprocess.run([sys.executable, str(SHARED / "tools/copycheck.py"), "catalogue", "15"],
                         cwd=ROOT, capture_output=True, text=True)
    # Standard political formulations must be given word for word (a 纪委 reviewer checks them), and
    # an official name longer than 14 characters is not a copied sentence. Only such names may match.
    runs = [line.rsplit(": ", 1)[1] for line in run.stdout.splitlines() if line.startswith("catalogue/")]
    copied = [r for r in runs if not any(r in name for name in OFFICIAL_NAMES)]
    assert copied == [], run.stdout[-3000:]
