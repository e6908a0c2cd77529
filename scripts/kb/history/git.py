"""The catalogue in git, read only: which repository holds it, a revision's commit id, the catalogue
files at a commit (by path or by blob id, so that each version of a file is read once), and the
files in the working tree. Every call is a plain `git` read; nothing here parses YAML.
"""
from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path, PurePosixPath

from kb.core import schema
from kb.core.errors import KbError


class DiffError(KbError):
    """Why the diff cannot be made; the message is for the maintainer."""


# ---------------------------------------------------------------------------------------------
# reading the catalogue at a revision or on disk

def run_git(repo: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True)
    except FileNotFoundError:
        raise DiffError("找不到 git 命令；kb diff 需要安装 git") from None


def locate(catalogue: Path) -> tuple[Path, str]:
    """The repository holding the catalogue folder, and the folder's path inside it ('' at its root)."""
    folder = Path(catalogue).resolve()
    existing = folder
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    run = run_git(existing, "rev-parse", "--show-toplevel")
    if run.returncode != 0:
        raise DiffError(f"'{catalogue}' 不在 git 仓库中；kb diff 比较的是 git 版本，请在仓库里运行")
    repo = Path(run.stdout.decode("utf-8").strip()).resolve()
    try:
        rel = folder.relative_to(repo).as_posix()
    except ValueError:
        raise DiffError(f"'{catalogue}' 不在 git 仓库 {repo} 中") from None
    return repo, "" if rel == "." else rel


def resolve_ref(repo: Path, ref: str) -> tuple[str, str]:
    """(full, short) commit id of ref; DiffError naming the ref if there is no such commit."""
    hint = "请写分支名、标签或提交编号，如 main、HEAD~1、a1b2c3d"
    if not ref or ref.startswith("-"):
        raise DiffError(f"'{ref}' 不是有效的 git 版本；{hint}")
    run = run_git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if run.returncode != 0:
        raise DiffError(f"找不到 git 版本 '{ref}'；{hint}")
    full = run.stdout.decode().strip()
    short = run_git(repo, "rev-parse", "--short", full).stdout.decode().strip() or full[:7]
    return full, short


def _wanted(name: str) -> bool:
    """Whether a path relative to the catalogue folder is a catalogue file."""
    parts = PurePosixPath(name).parts
    if len(parts) == 1:
        return name in schema.SINGLE_FILES
    return len(parts) == 2 and parts[0] == "problems" and PurePosixPath(name).suffix in (".yaml", ".yml")


def files_at(repo: Path, rel: str, commit: str) -> dict[str, bytes]:
    """Catalogue files at a commit: path relative to the catalogue folder → content."""
    blobs = blobs_at(repo, rel, commit)
    contents = read_blobs(repo, list(dict.fromkeys(blobs.values())))
    return {name: contents[blob] for name, blob in blobs.items() if blob in contents}


def blobs_at(repo: Path, rel: str, commit: str) -> dict[str, str]:
    """Catalogue files at a commit: path relative to the catalogue folder → blob id. Files that
    did not change between commits keep their blob id, so each version is read only once."""
    prefix = f"{rel}/" if rel else ""
    run = run_git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, *([rel] if rel else []))
    if run.returncode != 0:
        raise DiffError(f"无法列出版本 {commit[:7]} 中的文件：{run.stderr.decode(errors='replace').strip()}")
    blobs = {}
    for record in run.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        head, _, name = record.partition("\t")
        parts = head.split()
        if len(parts) == 3 and parts[1] == "blob" and name.startswith(prefix) and _wanted(name[len(prefix):]):
            blobs[name[len(prefix):]] = parts[2]
    return blobs


def read_blobs(repo: Path, ids: list[str]) -> dict[str, bytes]:
    """The content of each blob id, in one git call."""
    if not ids:
        return {}
    batch = run_git(repo, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in ids).encode())
    if batch.returncode != 0:
        raise DiffError(f"无法读取 git 中的文件：{batch.stderr.decode(errors='replace').strip()}")
    out, pos, found = batch.stdout, 0, {}
    for blob in ids:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[blob] = out[pos:pos + size]
            pos += size + 1
    return found


def files_on_disk(folder: Path) -> dict[str, bytes]:
    """Catalogue files in the working tree: path relative to the catalogue folder → content."""
    files = {}
    candidates = [folder / n for n in schema.SINGLE_FILES]
    problems = folder / "problems"
    candidates += sorted(problems.iterdir()) if problems.is_dir() else []
    for path in candidates:
        name = path.relative_to(folder).as_posix()
        # lstat: a symlink (to /etc/passwd, /dev/zero) or a FIFO is never read; kb validate names it
        if _wanted(name) and _regular(path):
            files[name] = path.read_bytes()
    return files


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
