"""The search index's files made in a second process: the same files as made here, and made here
when the second process cannot run."""
from kb.site.search import index_job
from kb.site.search.index_file import finish

DOCS = [{"u": f"problems/P00{n}/", "k": "problem", "i": f"P00{n}", "t": title, "tags": ["问题"], "s": text,
         "a": [], "y": [], "m": [], "f": {"name": title, "kw": "", "src": "", "body": text}}
        for n, (title, text) in enumerate([("推诿扯皮", "部门之间推诿扯皮，群众办事来回跑"),
                                           ("踢皮球", "踢皮球的事情时有发生 abc 123")])]
DATA = {"version": 2, "fields": {"name": 8.0, "kw": 4.0, "src": 1.0, "body": 1.0}, "kinds": {"problem": 1.0},
        "fold": {}, "fixes": {}, "docs": DOCS, "facets": {"areas": [], "types": [], "families": []}, "entry": {}}
OWN = ["踢皮球", "推诿扯皮"]


def test_the_second_process_makes_the_same_files():
    job = index_job.IndexJob(DATA, OWN)
    assert job.process is not None
    files = job.result()
    assert files == finish(DATA, OWN) and "search/kb/base.js" in files
    assert job.process is None and job.input is None  # ended, and its input file removed


def test_without_a_second_process_the_files_are_made_here(monkeypatch):
    monkeypatch.setattr(index_job.os, "cpu_count", lambda: 1)
    job = index_job.IndexJob(DATA, OWN)
    assert job.process is None and job.result() == finish(DATA, OWN)


def test_a_process_that_dies_is_replaced_by_making_the_files_here():
    job = index_job.IndexJob(DATA, OWN)
    job.process.kill()
    job.process.wait()
    assert job.result() == finish(DATA, OWN)


def test_a_stopped_job_leaves_no_process_and_no_file():
    job = index_job.IndexJob(dict(DATA, docs=DOCS * 500), OWN)
    process = job.process
    job.stop()
    assert process.poll() is not None and job.process is None and job.input is None
