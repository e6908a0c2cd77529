"""The catalogue's history, read from git: when each entry last changed, and what each released
version (a new version in meta.yaml) added, changed and retired.

Only commits that touched the catalogue are read. Outside a git repository (a tarball, a synthetic
benchmark catalogue) there is no history, and pages simply show none.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kb.core.parse_cache import ParseCache
from kb.history import compare as cd
from kb.history.git import run_git

# catalogue_diff's section keys → the entry kinds of the URL contract
KINDS = {"problems": "problem", "areas": "area", "types": "type", "families": "family", "causes": "cause",
         "countermeasures": "countermeasure", "sources": "source"}


@dataclass
class Release:
    version: str
    released: str
    commit: str
    diff: cd.Diff


@dataclass
class History:
    changed: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) → YYYY-MM-DD
    releases: list[Release] = field(default_factory=list)             # newest first
    head: str = ""


def _commits(repo: Path, rel: str) -> list[tuple[str, str]]:
    """(commit, date) of every commit that touched the catalogue, newest first."""
    run = run_git(repo, "log", "--format=%H %cs", "--", rel or ".")
    return [tuple(line.split()) for line in run.stdout.decode().splitlines() if line.strip()]


def current_head(catalogue: Path) -> str:
    """The newest commit that touched the catalogue ('' outside git)."""
    try:
        repo, rel = cd.locate(catalogue)
    except cd.DiffError:
        return ""
    run = run_git(repo, "log", "-1", "--format=%H", "--", rel or ".")
    return run.stdout.decode().strip()


HISTORY_CACHE = Path(".cache/kb/history.pickle")  # relative to the catalogue folder's parent


def _snapshots(repo: Path, rel: str, commits: list[str], cache: ParseCache) -> list[cd.Snapshot]:
    """The catalogue at each commit. Each version of a file (a git blob) is read and parsed
    once, however many commits hold it: a commit costs only the files it changed. Parsed
    versions are kept on disk by blob id, so the next build reads from git only new ones."""
    trees = [cd.blobs_at(repo, rel, commit) for commit in commits]
    prefix = f"{rel}/" if rel else ""
    parsed: dict[str, tuple] = {}
    for blob in dict.fromkeys(b for tree in trees for b in tree.values()):
        data = cache.get(blob)
        if data is not None:
            parsed[blob] = (data, None)
    missing = [b for tree in trees for b in tree.values() if b not in parsed]
    raw = cd.read_blobs(repo, list(dict.fromkeys(missing)))
    snaps = []
    for tree in trees:
        files = {}
        for name, blob in tree.items():
            if blob not in parsed:
                parsed[blob] = cd.parse_blob(raw.get(blob, b""), prefix + name)
                if parsed[blob][1] is None:
                    cache.put(blob, parsed[blob][0])
            files[name] = parsed[blob]
        snaps.append(cd.snapshot_parsed(files, rel))
    cache.save()
    return snaps


def read_history(catalogue: Path) -> History:
    try:
        repo, rel = cd.locate(catalogue)
        commits = _commits(repo, rel)
    except cd.DiffError:
        return History()
    if not commits:
        return History()
    cache = ParseCache(None if os.environ.get("KB_NO_CACHE")
                       else Path(catalogue).resolve().parent / HISTORY_CACHE)
    snaps = _snapshots(repo, rel, [commit for commit, _ in commits], cache)
    history = History(head=commits[0][0])
    # The newest commit in which an entry differs from the commit before it.
    for key, kind in KINDS.items():
        for rid in snaps[0].entries.get(key, {}):
            for i, (_, date) in enumerate(commits):
                older = snaps[i + 1].entries.get(key, {}).get(rid) if i + 1 < len(snaps) else None
                newer = snaps[i].entries[key][rid].data
                if older is None or (older.data is not newer and older.data != newer):
                    history.changed[(kind, rid)] = date
                    break
    # A release starts at the first commit that carries a new version in meta.yaml.
    previous_snap, previous_version = cd.Snapshot(entries={s.key: {} for s in cd.SECTIONS}), None
    for (commit, date), snap in reversed(list(zip(commits, snaps))):
        meta = snap.entries.get("meta", {}).get("meta.yaml")
        version = str(meta.data.get("version")) if meta else None
        if version and version != previous_version:
            released = str(meta.data.get("released", date))
            history.releases.insert(0, Release(version, released, commit, cd.compare(previous_snap, snap)))
            previous_snap, previous_version = snap, version
    return history
