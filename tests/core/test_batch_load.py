"""Parsing in worker processes: the same documents, findings and cache as parsing one by one."""
import os

import pytest

from conftest import edit
from kb.core import batch_load
from kb.exports.catalogue_json import catalogue_json
from kb.core.parse_cache import ParseCache
from kb.core.pipeline import load_catalogue


@pytest.fixture
def flawed(mini):
    """The mini catalogue with findings of every stage: YAML, text checks, schema, references."""
    edit(mini / "problems/P002.yaml", "title: ", "title: 繁體")
    # read in part: the title is unreadable, the wrong type of symptoms is still found (line 4)
    (mini / "problems/P003.yaml").write_text("id: P003\ntitle: [未闭合\nsummary: 乙\nsymptoms: 丙\n",
                                             encoding="utf-8")
    (mini / "problems/P004.yaml").write_bytes("id: P004\ntitle: 乱码\n".encode("gbk"))
    (mini / "problems/P005.yaml").write_text("id: P005\nid: P005\n", encoding="utf-8")
    edit(mini / "problems/P001.yaml", "countermeasures: [M01]", "countermeasures: [M01, M09]")
    return mini


def _run(root, monkeypatch, min_files):
    monkeypatch.setattr(batch_load, "PARALLEL_MIN_FILES", min_files)
    result = load_catalogue(root, ParseCache(None))
    return [d.text() for d in result.report.sorted()]


def test_workers_parse_every_file_with_the_same_findings(flawed, monkeypatch):
    parsed_by_workers = []
    real = batch_load._parse_in_workers

    def spy(batch, inspect):
        for result in real(batch, inspect):
            parsed_by_workers.append(result)
            yield result

    serial = _run(flawed, monkeypatch, 10**9)
    monkeypatch.setattr(batch_load, "_parse_in_workers", spy)
    parallel = _run(flawed, monkeypatch, 1)
    readable = len(list(flawed.rglob("*.yaml"))) - 1  # P004 is not UTF-8: it never reaches a parser
    assert len(parsed_by_workers) == readable
    assert parallel == serial
    codes = {line.split("[")[1].split("]")[0] for line in serial}
    assert {"traditional", "yaml-syntax", "partly-read", "encoding", "duplicate-key", "unknown-ref"} <= codes
    assert "cat/problems/P003.yaml:4:11: error[wrong-type]: 'symptoms' 应为列表，实际是文本 '丙'" in serial


def test_a_clean_catalogue_parsed_by_workers_is_the_same_catalogue(mini, monkeypatch):
    monkeypatch.setattr(batch_load, "PARALLEL_MIN_FILES", 1)
    cache = ParseCache.beside(mini)
    by_workers = load_catalogue(mini, cache)
    monkeypatch.setattr(batch_load, "PARALLEL_MIN_FILES", 10**9)
    one_by_one = load_catalogue(mini, ParseCache(None))
    assert catalogue_json(by_workers.catalogue, "http://x/") == catalogue_json(one_by_one.catalogue, "http://x/")
    # What the workers sent back is what the cache keeps: the next run parses nothing.
    again = ParseCache.beside(mini)
    load_catalogue(mini, again)
    assert again.misses == 0 and again.hits == cache.misses > 0


def test_when_processes_cannot_start_the_files_are_parsed_here(flawed, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    serial = _run(flawed, monkeypatch, 10**9)
    monkeypatch.setattr(batch_load, "ProcessPoolExecutor", no_processes)
    assert _run(flawed, monkeypatch, 1) == serial


def _die(indexes):
    os._exit(1)  # as if the system killed the worker


def test_a_worker_that_dies_costs_time_not_results(flawed, monkeypatch):
    serial = _run(flawed, monkeypatch, 10**9)
    monkeypatch.setattr(batch_load, "_parse_chunk", _die)
    assert _run(flawed, monkeypatch, 1) == serial
