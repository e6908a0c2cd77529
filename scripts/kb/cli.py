"""The `kb` command: validate, schema, coverage, render, build, bundle, bench, new, diff, import, serve."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kb.core.errors import KbError, os_error_text
from kb.core.pipeline import load_catalogue

DEFAULT_CATALOGUE = "catalogue"


def _load_or_report(args) -> object | None:
    result = load_catalogue(args.catalogue)
    if not result.ok(getattr(args, "strict", False)):
        print(result.report.format("text"), file=sys.stderr)
        return None
    return result.catalogue


def cmd_validate(args) -> int:
    result = load_catalogue(args.catalogue)
    out = result.report.format(args.format)
    if out:
        print(out)
    return 1 if result.report.failed(args.strict) else 0


def _read_utf8(path: Path) -> str | None:
    """A generated file's text, or None when its bytes are not UTF-8 (it is out of date then)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line, col = before.count(b"\n") + 1, exc.start - (before.rfind(b"\n") + 1) + 1
        print(f"{path}:{line}:{col}: error[encoding]: 文件不是 UTF-8 编码（第 {exc.start} 字节处是 "
              f"0x{raw[exc.start]:02x}）", file=sys.stderr)
        return None


def cmd_schema(args) -> int:
    from kb.exports.json_schema import schema_text
    path = Path(args.catalogue) / "schema.json"
    text = schema_text()
    if args.check:
        if not path.exists() or _read_utf8(path) != text:
            print(f"{path} 已过期：请运行 kb schema 重新生成并提交", file=sys.stderr)
            return 1
        print(f"{path} 是最新的")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"已写入 {path}")
    return 0


def cmd_render(args) -> int:
    from kb.site.render import render
    cat = _load_or_report(args)
    if cat is None:
        return 1
    written = render(cat, Path(args.catalogue), Path(args.config_file), Path(args.out_dir), args.site_url)
    print(f"已写入 {written} 个文件到 {args.out_dir}；用普通 MkDocs 生成：mkdocs build -f {Path(args.out_dir) / 'mkdocs.yml'}")
    return 0


def cmd_coverage(args) -> int:
    from kb.core.coverage import coverage, format_coverage
    cat = _load_or_report(args)
    if cat is None:
        return 1
    rows = coverage(cat)
    if args.format == "json":
        print(json.dumps([{**r.__dict__, "traced": r.traced} for r in rows], ensure_ascii=False, indent=1))
    else:
        print(format_coverage(rows))
    return 0 if all(r.traced for r in rows) else 1


def _log_like_mkdocs() -> None:
    import logging
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")


def cmd_build(args) -> int:
    from kb.site.atomic_build import build_site
    _log_like_mkdocs()
    return build_site(args.config_file, args.site_dir, strict=args.strict)


def cmd_urls(args) -> int:
    from kb.core import published
    cat = _load_or_report(args)
    if cat is None:
        return 1
    if args.update:
        new = published.update(Path(args.catalogue), cat)
        print(f"已追加 {len(new)} 个网址到 {Path(args.catalogue) / published.FILE_NAME}")
    else:
        print("\n".join(published.current_urls(cat)))
    return 0


def cmd_bench(args) -> int:
    from kb.bench.run import run
    sizes = [int(x) for x in args.sizes.split(",")]
    print(run(sizes, args.runs, Path(args.work).resolve(), args.browser, args.serve, args.history))
    return 0


def cmd_bundle(args) -> int:
    from kb.site.bundle import bundle
    _log_like_mkdocs()
    return bundle(args.config_file, args.out)


# MkDocs polls watched folders every 0.5 s; a catalogue folder is small enough to poll 2.5× as
# often, so a saved file starts its rebuild sooner.
SERVE_POLL_SECONDS = 0.2


def cmd_serve(args) -> int:
    import functools

    import mkdocs.commands.serve as mkdocs_serve
    from mkdocs.exceptions import Abort, ConfigurationError
    _log_like_mkdocs()
    from kb.site.serve_errors import errors_everywhere
    mkdocs_serve.LiveReloadServer = functools.partial(errors_everywhere(mkdocs_serve.LiveReloadServer),
                                                      polling_interval=SERVE_POLL_SECONDS)
    serve = mkdocs_serve.serve
    try:
        serve(config_file=args.config_file, dev_addr=args.dev_addr)
    except (Abort, ConfigurationError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kb", description="治理问题知识库：校验目录、生成站点。")
    sub = p.add_subparsers(dest="command", required=True)

    def with_catalogue(sp, purpose: str = ""):
        sp.add_argument("--catalogue", default=DEFAULT_CATALOGUE, help=f"目录文件夹（默认 catalogue）{purpose}")
        return sp

    v = with_catalogue(sub.add_parser("validate", help="校验目录，列出所有问题"))
    v.add_argument("--strict", action="store_true", help="警告也算失败")
    v.add_argument("--format", choices=["text", "json", "github"], default="text")
    v.set_defaults(func=cmd_validate)

    s = with_catalogue(sub.add_parser("schema", help="生成 catalogue/schema.json"))
    s.add_argument("--check", action="store_true", help="只检查 schema.json 是否最新")
    s.set_defaults(func=cmd_schema)

    r = with_catalogue(sub.add_parser("render", help="写出完整的站点源文件（页面、下载文件、脚本），不用 kb 插件也能生成同样的站点"))
    r.add_argument("out_dir")
    r.add_argument("-f", "--config-file", default="mkdocs.yml", help="站点配置（默认 mkdocs.yml）")
    r.add_argument("--site-url", default=None, help="永久链接的前缀（默认取站点配置的 site_url）")
    r.set_defaults(func=cmd_render)

    c = with_catalogue(sub.add_parser("coverage", help="逐条列出来源条目的追溯情况"))
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.set_defaults(func=cmd_coverage)

    b = sub.add_parser("build", help="生成站点（失败时原站点保持不变）")
    b.add_argument("-f", "--config-file", default="mkdocs.yml")
    b.add_argument("-d", "--site-dir", default=None)
    b.add_argument("--strict", action="store_true")
    b.set_defaults(func=cmd_build)

    bd = sub.add_parser("bundle", help="生成可从磁盘直接打开的离线包（zip）")
    bd.add_argument("-f", "--config-file", default="mkdocs.yml")
    bd.add_argument("-o", "--out", default=None, help="zip 文件路径（默认 dist/治理问题知识库-离线版.zip）")
    bd.set_defaults(func=cmd_bundle)

    u = with_catalogue(sub.add_parser("urls", help="列出站点的全部网址；--update 把新网址追加到已发布清单"))
    u.add_argument("--update", action="store_true", help="追加到 catalogue/published-urls.txt")
    u.set_defaults(func=cmd_urls)

    be = sub.add_parser("bench", help="性能基准：合成目录上的构建时间、页面大小、索引大小和内存")
    be.add_argument("--sizes", default="100,1000,5000", help="问题数，逗号分隔（默认 100,1000,5000）")
    be.add_argument("--runs", type=int, default=3, help="每项运行次数，取中位数（默认 3）")
    be.add_argument("--work", default=".cache/bench", help="工作目录")
    be.add_argument("--history", type=int, default=40,
                    help="再给合成目录加上这么多次提交的 git 历史构建一次（默认 40；0 表示不测）")
    be.add_argument("--browser", action="store_true", help="也测浏览器中的搜索响应时间")
    be.add_argument("--serve", action="store_true", help="也测 serve 的重建时间")
    be.set_defaults(func=cmd_bench)

    from kb.history import compare as catalogue_diff
    from kb.tools import import_cli, new_entry
    new_entry.add_parser(sub, with_catalogue)
    catalogue_diff.add_parser(sub, with_catalogue)
    import_cli.add_parser(sub, with_catalogue)

    sv = sub.add_parser("serve", help="本地预览，修改目录文件后自动重建")
    sv.add_argument("-f", "--config-file", default="mkdocs.yml")
    sv.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    sv.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = parser().parse_args(argv)
    # The one place where a command's failure becomes a message: no traceback reaches a maintainer.
    try:
        return args.func(args)
    except KbError as exc:
        print(exc, file=sys.stderr)
    except OSError as exc:
        print(os_error_text(exc), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
