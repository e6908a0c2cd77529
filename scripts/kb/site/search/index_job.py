"""The search index's files made in a second process while MkDocs renders the pages in this one
(MkDocs uses one core; build machines have two or more): cutting every document with jieba and
building the postings are the slowest steps of the plugin.

The job starts when the generated files are known (on_files) and is collected after the pages
are written (on_post_build). The second process is a fresh interpreter running this module (not a
copy of the builder: serve builds beside other threads, and the builder's own main script must
not run again). Whatever goes wrong with it (it cannot start, it dies, the machine has one core),
the files are made here instead: the same files, only later.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from kb.site.search.index_file import finish

PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])  # the folder that holds kb/


class IndexJob:
    def __init__(self, data: dict, own: list[str]):
        self.data, self.own = data, own
        self.process = None
        if (os.cpu_count() or 1) < 2:
            return
        try:
            with tempfile.NamedTemporaryFile("wb", prefix="kb-search-", suffix=".pickle", delete=False) as f:
                pickle.dump((data, own), f, protocol=pickle.HIGHEST_PROTOCOL)
                self.input = f.name
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))}
            self.process = subprocess.Popen([sys.executable, "-m", "kb.site.search.index_job", self.input],
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        except OSError:
            self._forget_input()
            self.process = None

    def result(self) -> dict[str, str]:
        if self.process is not None:
            try:
                out, _ = self.process.communicate()
                if self.process.returncode == 0:
                    return pickle.loads(out)
            except (OSError, pickle.UnpicklingError, EOFError):
                pass
            finally:
                self.stop()
        return finish(self.data, self.own)

    def stop(self) -> None:
        """Ends the second process (also when the build stops before collecting its result)."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            if self.process.stdout:
                self.process.stdout.close()
            self.process = None
        self._forget_input()

    def _forget_input(self) -> None:
        path = getattr(self, "input", None)
        if path:
            Path(path).unlink(missing_ok=True)
            self.input = None


def main(path: str) -> None:
    data, own = pickle.loads(Path(path).read_bytes())
    sys.stdout.buffer.write(pickle.dumps(finish(data, own), protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main(sys.argv[1])
