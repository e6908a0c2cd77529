"""Cutting the entries' text with jieba, the slowest step of the search index, in a second process
while MkDocs renders the pages in this one (MkDocs uses one core; build machines have two or more).

The job starts when the generated files are known (on_files) and is collected after the pages
are written (on_post_build). Whatever goes wrong with the second process (it cannot start, it
dies, the machine has one core), the words are cut here instead: same result, only slower.
"""
from __future__ import annotations

import multiprocessing
import os

from kb.site.search.index_file import words_in


def _work(connection, texts: list[str], own: list[str]) -> None:
    try:
        connection.send(words_in(texts, own))
    finally:
        connection.close()


class VocabularyJob:
    def __init__(self, texts: list[str], own: list[str]):
        self.texts, self.own = texts, own
        self.process = self.connection = None
        if (os.cpu_count() or 1) < 2:
            return
        try:
            # spawn, not fork: serve's builder runs beside other threads, which fork must not copy.
            context = multiprocessing.get_context("spawn")
            self.connection, child = context.Pipe(duplex=False)
            self.process = context.Process(target=_work, args=(child, texts, own), daemon=True)
            self.process.start()
            child.close()
        except (OSError, ValueError, RuntimeError):
            self.process = self.connection = None

    def result(self) -> set[str]:
        if self.process is not None:
            try:
                while self.process.is_alive() or self.connection.poll():
                    if self.connection.poll(0.5):
                        return self.connection.recv()
            except (EOFError, OSError):
                pass
            finally:
                self.stop()
        return words_in(self.texts, self.own)

    def stop(self) -> None:
        """Ends the second process (also when the build stops before collecting its result)."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join(timeout=5)
            self.connection.close()
            self.process = self.connection = None
