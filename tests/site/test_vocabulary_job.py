"""The search index's words cut in a second process: the same words as cut here, and the same
when the second process cannot run."""
from kb.site.search import vocabulary_job
from kb.site.search.index_file import words_in

TEXTS = ["部门之间推诿扯皮，群众办事来回跑", "踢皮球的事情时有发生", "abc 123"]
OWN = ["踢皮球", "推诿扯皮"]


def test_the_second_process_cuts_the_same_words():
    job = vocabulary_job.VocabularyJob(TEXTS, OWN)
    assert job.process is not None
    found = job.result()
    assert found == words_in(TEXTS, OWN) and {"踢皮球", "推诿扯皮"} <= found
    assert job.process is None and job.input is None  # ended, and its input file removed


def test_without_a_second_process_the_words_are_cut_here(monkeypatch):
    monkeypatch.setattr(vocabulary_job.os, "cpu_count", lambda: 1)
    job = vocabulary_job.VocabularyJob(TEXTS, OWN)
    assert job.process is None and job.result() == words_in(TEXTS, OWN)


def test_a_process_that_dies_is_replaced_by_cutting_here():
    job = vocabulary_job.VocabularyJob(TEXTS, OWN)
    job.process.kill()
    job.process.wait()
    assert job.result() == words_in(TEXTS, OWN)


def test_a_stopped_job_leaves_no_process():
    job = vocabulary_job.VocabularyJob(TEXTS * 1000, OWN)
    process = job.process
    job.stop()
    assert process.poll() is not None and job.process is None and job.input is None
