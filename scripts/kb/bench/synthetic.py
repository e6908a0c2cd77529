"""Synthetic catalogues for benchmarks: N problems whose text lengths follow the real catalogue's.

Text comes from a character bigram chain trained on the real catalogue's prose, so it has the real
character mix and word lengths without being real content. Areas, causes, countermeasures and
terms scale with N in the real catalogue's proportions; the five real sources are reused.
"""
from __future__ import annotations

import datetime
import random
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from kb.core.graph import Catalogue
from kb.core.textcheck import strings


class Chain:
    """A character bigram chain over Chinese prose."""

    def __init__(self, texts: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[str, list[str]] = defaultdict(list)
        for text in texts:
            for a, b in zip(text, text[1:]):
                if "\u4e00" <= a <= "\u9fff" and ("\u4e00" <= b <= "\u9fff" or b in "，、。"):
                    self.next[a].append(b)
        self.starts = [c for c in self.next if len(self.next[c]) > 3]

    def text(self, length: int, end: str = "。") -> str:
        out = [self.rng.choice(self.starts)]
        while len(out) < length:
            options = self.next.get(out[-1]) or self.starts
            char = self.rng.choice(options)
            if char in "，、。" and (out[-1] in "，、。" or len(out) > length - 2):
                char = self.rng.choice(self.starts)
            out.append("，" if char == "。" else char)
        return "".join(out).strip("，、") + end

    def word(self, low: int = 2, high: int = 6) -> str:
        return self.text(self.rng.randint(low, high), end="").replace("，", "").replace("、", "")


def _lengths(values: list) -> list[int]:
    return [len(v) for v in values if v] or [10]


def write_catalogue(real: Catalogue, real_dir: Path, out: Path, n: int, seed: int = 1) -> None:
    """Write a synthetic catalogue of n problems to out (a new folder)."""
    rng = random.Random(seed)
    prose = [text for p in real.active_problems for _, text in strings(p) if len(text) > 8]
    chain = Chain(prose, rng)
    probs = real.active_problems
    dist = {
        "summary": _lengths([p.summary for p in probs]),
        "symptom": _lengths([s for p in probs for s in p.symptoms]),
        "example": _lengths([e.text for p in probs for e in p.examples]),
        "action": _lengths([a for p in probs for a in p.actions]),
        "analysis": _lengths([p.analysis for p in probs]),
        "distinguish": _lengths([p.distinguish for p in probs]),
        "title": _lengths([p.title for p in probs]),
    }

    def sample(kind: str) -> int:
        return rng.choice(dist[kind])

    scale = n / len(probs)
    n_areas = max(len(real.areas), round(len(real.areas) * scale))
    n_causes = max(len(real.causes), round(len(real.causes) * scale))
    n_measures = max(len(real.measures), round(len(real.measures) * scale))
    n_terms = max(len(real.terms), round(len(real.terms) * scale))
    width = max(3, len(str(n)))

    shutil.rmtree(out, ignore_errors=True)
    (out / "problems").mkdir(parents=True)
    for name in ("sources.yaml", "types.yaml", "families.yaml", "schema.json"):
        shutil.copy(real_dir / name, out / name)
    (out / "meta.yaml").write_text(f"title: 合成目录\nversion: '0.0.{n}'\nreleased: 2026-01-01\n", encoding="utf-8")
    source_items = [(s.id, i.ref) for s in real.sources.values() for i in s.items]

    def dump(path: Path, data) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
                        encoding="utf-8")

    def short(kind: str) -> str:
        return chain.text(min(sample(kind), 20), end="")[:20]

    areas = [f"A{i:02d}" for i in range(1, n_areas + 1)]
    causes = [f"C{i:02d}" for i in range(1, n_causes + 1)]
    measures = [f"M{i:02d}" for i in range(1, n_measures + 1)]
    dump(out / "areas.yaml", {"areas": [{"id": a, "title": short("title"), "summary": chain.text(sample("summary"))}
                                        for a in areas]})
    dump(out / "causes.yaml", {"causes": [{"id": c, "title": short("title"), "summary": chain.text(sample("summary")),
                                           "text": chain.text(sample("analysis"))} for c in causes]})
    dump(out / "countermeasures.yaml", {"countermeasures": [
        {"id": m, "title": short("title"), "summary": chain.text(sample("summary")),
         "text": chain.text(sample("analysis")), "levels": ["organization"], "causes": [causes[i % len(causes)]]}
        for i, m in enumerate(measures)]})
    terms, seen = [], set()
    while len(terms) < n_terms:
        word = chain.word(3, 6)  # real terms are set phrases, rarely plain two-character words
        if word not in seen:
            seen.add(word)
            terms.append({"id": f"t{len(terms) + 1}", "term": word, "definition": chain.text(sample("summary"))})
    dump(out / "glossary.yaml", {"terms": terms})

    ids = [f"P{i:0{width}d}" for i in range(1, n + 1)]
    families = list(real.families)
    for i, pid in enumerate(ids):
        src, item = rng.choice(source_items)
        dump(out / "problems" / f"{pid}.yaml", {
            "id": pid, "title": short("title"), "summary": chain.text(sample("summary")),
            "types": rng.sample(["T1", "T2", "T3"], rng.randint(0, 2)),
            # every family is used at least once (no orphans), as areas below
            "families": list(dict.fromkeys([families[i % len(families)], rng.choice(families)])),
            # every area, cause and measure is used at least once (no orphans)
            "areas": list(dict.fromkeys([areas[i % len(areas)], rng.choice(areas)])),
            "symptoms": [chain.text(sample("symptom")) for _ in range(rng.randint(4, 6))],
            "self_check": [chain.text(sample("symptom")) for _ in range(rng.randint(2, 4))],
            "examples": [{"title": short("title"), "text": chain.text(sample("example"))}
                         for _ in range(rng.randint(2, 3))],
            "causes": list(dict.fromkeys([causes[i % len(causes)], *rng.sample(causes, 2)])),
            "analysis": chain.text(sample("analysis")),
            "countermeasures": list(dict.fromkeys([measures[i % len(measures)], *rng.sample(measures, 2)])),
            "actions": [chain.text(sample("action")) for _ in range(rng.randint(3, 5))],
            "distinguish": chain.text(sample("distinguish")),
            "related": [r for r in rng.sample(ids, min(3, n)) if r != pid][:2],
            "keywords": list(dict.fromkeys(chain.word() for _ in range(rng.randint(6, 9)))),
            "sources": [{"source": src, "items": [item]}],
        })


def write_history(catalogue: Path, commits: int, seed: int = 1) -> None:
    """Make the folder holding catalogue a git repository whose history has `commits` commits
    touching the catalogue, ending at its current content: the first commit adds everything,
    each later one edits a few problems (a new version every tenth), as maintainers do."""
    import os
    import subprocess

    repo = catalogue.parent
    shutil.rmtree(repo / ".git", ignore_errors=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}

    def git(*args: str, day: int = 0) -> None:
        date = (datetime.date(2026, 1, 1) + datetime.timedelta(days=day)).isoformat() + "T10:00:00+0000"
        when = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        subprocess.run(["git", *args], cwd=repo, env={**env, **when}, check=True, capture_output=True)

    rng = random.Random(seed)
    problems = sorted((catalogue / "problems").glob("*.yaml"))
    final = {p: p.read_bytes() for p in problems}
    # Walk backwards from the final content: each step before the last changes some files.
    edits = [rng.sample(problems, min(5, len(problems))) for _ in range(commits - 1)]
    git("init", "-q", "-b", "main", ".")
    (repo / ".gitignore").write_text("/site*/\n/plain-docs/\n/*.yml\n/.cache/\n", encoding="utf-8")

    def state(step: int) -> None:
        # A problem edited k more times after this step shows its symptoms rotated k places, so
        # every edit is a real change and the last commit holds the final text.
        later = Counter(p for batch in edits[step:] for p in batch)
        for p in problems:
            data = final[p]
            if later[p]:
                doc = yaml.safe_load(data.decode("utf-8"))
                k = later[p] % len(doc["symptoms"])
                doc["symptoms"] = doc["symptoms"][k:] + doc["symptoms"][:k]
                data = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")
            p.write_bytes(data)
        (catalogue / "meta.yaml").write_text(
            f"title: 合成目录\nversion: '{step // 10 + 1}.0'\nreleased: 2026-01-01\n", encoding="utf-8")

    for step in range(commits):
        state(step)
        git("add", "-A", day=step)
        git("commit", "-q", "--allow-empty", "-m", f"step {step}", day=step)
    for p, data in final.items():  # the working tree ends exactly as written
        p.write_bytes(data)
