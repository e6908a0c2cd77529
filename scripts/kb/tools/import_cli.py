"""`kb import FILE.txt`: write a draft source entry and problem skeletons for a new document.

The drafts go to a folder of their own (import-draft/ next to the catalogue by default), never
into the catalogue: they are unfinished on purpose, and a maintainer moves them in once they are
written in their own words. Nothing that already exists is overwritten.
"""
from __future__ import annotations

from pathlib import Path

from kb.tools.importer import DraftError, draft, parse_document
from kb.core.records import display_path

DRAFT_FOLDER = "import-draft"
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


def add_parser(subparsers, with_catalogue):
    """Register `kb import` on the subparsers of the kb command."""
    p = subparsers.add_parser(
        "import", help="把一份按条目编号的文本文件转成来源条目和问题草稿",
        description="读取 UTF-8 纯文本文件，按行首编号（一、（一）1. 1、）找出部分、小节和条目，"
                    "生成 sources.yaml 的来源条目草稿和每个问题条目的问题文件草稿。"
                    "草稿写到单独的文件夹，不改动目录，也不覆盖已有文件。")
    p.add_argument("file", help="要导入的文件（UTF-8 编码的 .txt）")
    with_catalogue(p, "，用来确定下一个空闲编号")
    p.add_argument("--out", default=None,
                   help=f"草稿写到哪个文件夹（默认：目录文件夹旁边的 {DRAFT_FOLDER}/）")
    p.set_defaults(func=cmd_import)
    return p


def cmd_import(args) -> int:
    source = Path(args.file)
    catalogue = Path(args.catalogue)
    out = Path(args.out) if args.out else catalogue.parent / DRAFT_FOLDER
    try:
        doc = parse_document(read_document(source))
        if not doc.entries:
            raise DraftError(f"'{source}' 中没有找到编号条目；kb import 只认行首的编号："
                             f"一、二、（部分），（一）（二）（小节），1. 或 1、（条目）")
        _refuse_inside(out, catalogue)
        files = [(out / rel, text) for rel, text in draft(doc, catalogue, origin=source.name)]
        _refuse_existing([path for path, _ in files])
        for path, text in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as fh:   # "x": never overwrite
                fh.write(text)
    except OSError as exc:
        raise DraftError(f"无法写入 '{exc.filename}'：{exc.strerror}") from None
    _print_summary(doc, source, files)
    return 0


def read_document(path: Path) -> str:
    """The text of the file to import; DraftError says in Chinese why it cannot be read."""
    if not path.exists():
        raise DraftError(f"找不到文件 '{path}'")
    if not path.is_file():
        raise DraftError(f"'{path}' 不是文件")
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DraftError(f"'{path}' 有 {size} 字节，超过上限 {MAX_DOCUMENT_BYTES} 字节；"
                             f"请只导入一份文件的正文")
        raw = path.read_bytes()
    except OSError as exc:
        raise DraftError(f"无法读取 '{path}'：{exc.strerror}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(f"'{path}' 不是 UTF-8 编码（第 {exc.start} 字节处是 0x{raw[exc.start]:02x}）；"
                         f"请把它另存为 UTF-8 编码的纯文本后再导入") from None


def _refuse_inside(out: Path, catalogue: Path) -> None:
    # Unfinished skeletons inside the catalogue would break kb validate for everyone.
    if out.resolve().is_relative_to(catalogue.resolve()):
        raise DraftError(f"草稿文件夹 '{out}' 在目录文件夹 '{catalogue}' 里面；"
                         f"草稿填好之前不能放进目录，请用 --out 换一个文件夹")


def _refuse_existing(paths: list[Path]) -> None:
    taken = [p for p in paths if p.exists()]
    if taken:
        raise DraftError(f"'{display_path(taken[0])}' 已经存在，kb import 不覆盖已有文件；"
                         f"请先处理上次的草稿（填好移入目录，或删去），或用 --out 指定另一个文件夹")


def _print_summary(doc, source: Path, files: list[tuple[Path, str]]) -> None:
    headings, items, problems = len(doc.sections), len(doc.items), len(doc.problems)
    print(f"已读取 '{source}'：{headings} 个部分或小节，{items} 个条目，其中 {problems} 个看起来是问题。")
    (source_path, _), *problem_files = files
    print(f"已写入 {display_path(source_path)}：来源文件草稿，共 {len(doc.entries)} 个条目")
    for (path, _), entry in zip(problem_files, doc.problems):
        print(f"已写入 {display_path(path)}：问题草稿，对应条目 '{entry.ref}'")
    if not problem_files:
        print("没有看起来是问题的条目，所以没有生成问题草稿。")
    print("下一步：用自己的话填好草稿（不要照抄原文），把来源条目追加到 sources.yaml，"
          "把问题文件移入 problems/，再运行 kb validate。")
