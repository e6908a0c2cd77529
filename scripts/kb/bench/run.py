"""`kb bench`: build speed, page size, search index size and memory at 100 … 5,000 problems.

For each size it writes a synthetic catalogue, then times (median of --runs runs) validation in
a fresh interpreter (with an empty parse cache, and again with every file cached), page
generation, our whole `mkdocs build`, and a plain MkDocs Material build of the same pages
written out as ordinary Markdown files (no plugin), and prints one table. Optional: the time from
typing to the first search results in a real browser, and serve's reload time after an edit.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb.site.pages import generate
from kb.site.pages.markup import SiteContext
from kb.site.pictures import clear_caches, overview
from kb.site.pictures.entry import cause_picture, measure_picture, problem_picture
from kb.core.parse_cache import ParseCache
from kb.core.pipeline import load_catalogue
from kb.bench.synthetic import write_catalogue, write_history

ROOT = Path(__file__).resolve().parents[3]

# Runs one mkdocs build in a fresh interpreter and reports its wall time and peak memory.
_BUILD = """
import json, resource, sys, time, logging
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
start = time.perf_counter()
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
usage = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)  # git, Graphviz
cpu = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": cpu,
                  "max_rss_mb": usage.ru_maxrss / 1024}))
"""

# Times loading and checking the catalogue in a fresh interpreter, as `kb validate` runs it.
_VALIDATE = """
import json, sys, time
from pathlib import Path
from kb.core.pipeline import load_catalogue
start = time.perf_counter()
load_catalogue(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


@dataclass
class Row:
    size: int
    validate: list[float] = field(default_factory=list)        # cold: empty parse cache
    validate_cached: list[float] = field(default_factory=list) # every file in the parse cache
    generate: list[float] = field(default_factory=list)
    build: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    history: int = 0                                             # commits of git history, 0: none
    build_history: list[float] = field(default_factory=list)     # the same build, with that history
    memory_history: list[float] = field(default_factory=list)
    build_cpu: list[float] = field(default_factory=list)  # CPU seconds: steady on a busy shared machine
    plain_cpu: list[float] = field(default_factory=list)
    pictures: list[float] = field(default_factory=list)   # every entry's 关系图 (star layouts)
    overview: list[float] = field(default_factory=list)   # the 全局关系图 (Graphviz dot, SVG and PNG)
    picture_count: int = 0
    site_bytes: int = 0
    page_bytes: int = 0
    index_bytes: int = 0

    def median(self, name: str) -> float:
        return statistics.median(getattr(self, name))


def _config(work: Path, catalogue: Path | None, docs: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("strict: true", "strict: false")
    if catalogue is None:
        text = text.replace("  - kb\n", "")
    else:
        text = text.replace("  - kb\n", f"  - kb:\n      catalogue: {catalogue}\n      cache_dir: {work / '.cache'}\n")
    path = work / ("mkdocs-plain.yml" if catalogue is None else "mkdocs.yml")
    path.write_text(text, encoding="utf-8")
    return path


def _run_script(script: str, what: str, *args: Path) -> dict:
    """Run one of the timing scripts above in a fresh interpreter; its last line is JSON."""
    run = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if run.returncode != 0:
        raise RuntimeError(f"{what}失败：{args[0]}\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def _build(config: Path, site: Path) -> dict:
    return _run_script(_BUILD, "构建", config, site)


def _plain_docs(cat, docs: Path) -> None:
    """The same pages as ordinary Markdown files: hand-written docs plus the generated pages."""
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(ROOT / "docs", docs)
    for page in generate(cat):
        target = docs / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    (docs / "catalogue.json").write_text("{}", encoding="utf-8")


def _picture_seconds(cat) -> tuple[float, int]:
    """Seconds to draw every problem, cause and countermeasure picture (part of 生成页面)."""
    ctx = SiteContext()
    clear_caches()  # generate() has just filled them; a real build draws from cold
    start = time.perf_counter()
    drawn = [problem_picture(cat, ctx, p) for p in cat.active_problems]
    drawn += [cause_picture(cat, ctx, c) for c in cat.causes.values()]
    drawn += [measure_picture(cat, ctx, m) for m in cat.measures.values()]
    return time.perf_counter() - start, len(drawn)


def _overview_seconds(cat) -> float:
    """Seconds for Graphviz to draw the overview (the page's printable and phone drawings, the PNG
    download), without the cache (a fresh build)."""
    start = time.perf_counter()
    try:
        def url(kind, rid):
            return f"/{kind}/{rid}/"
        source = overview.dot_source(cat, url)
        overview.render(source + overview.dot_source(cat, url, "phone"), "svg", None)  # the page's two drawings
        overview.render(source, "png", None)
    except overview.OverviewError:
        return float("nan")
    return time.perf_counter() - start


def _validate(catalogue: Path) -> float:
    return _run_script(_VALIDATE, "校验", catalogue)["seconds"]


def _clear_parse_cache(catalogue: Path) -> None:
    path = ParseCache.beside(catalogue).path
    if path is not None:
        path.unlink(missing_ok=True)


def _tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(size: int, runs: int, work: Path, real, history: int = 0) -> Row:
    row = Row(size, history=history)
    catalogue = work / "catalogue"
    write_catalogue(real, ROOT / "catalogue", catalogue, size)
    ours, plain = _config(work, catalogue, ROOT / "docs"), None
    result = load_catalogue(catalogue)
    if result.catalogue is None:
        raise RuntimeError(result.report.format()[-3000:])
    for _ in range(runs):
        _clear_parse_cache(catalogue)
        row.validate.append(_validate(catalogue))
        row.validate_cached.append(_validate(catalogue))
        start = time.perf_counter()
        generate(result.catalogue)
        row.generate.append(time.perf_counter() - start)
        seconds, row.picture_count = _picture_seconds(result.catalogue)
        row.pictures.append(seconds)
        row.overview.append(_overview_seconds(result.catalogue))
    _plain_docs(result.catalogue, work / "plain-docs")
    plain = _config(work, None, work / "plain-docs")
    for _ in range(runs):
        _clear_parse_cache(catalogue)  # as in CI, where every build starts from a fresh checkout
        figures = _build(ours, work / "site")
        row.build.append(figures["seconds"])
        row.build_cpu.append(figures["cpu_seconds"])
        row.memory.append(figures["max_rss_mb"])
        plain_figures = _build(plain, work / "site-plain")
        row.plain.append(plain_figures["seconds"])
        row.plain_cpu.append(plain_figures["cpu_seconds"])
    if history:
        # The same catalogue with a git history behind it: the 更新记录 page reads every commit.
        write_history(catalogue, history)
        for _ in range(runs):
            _clear_parse_cache(catalogue)
            figures = _build(ours, work / "site-history")
            row.build_history.append(figures["seconds"])
            row.memory_history.append(figures["max_rss_mb"])
        shutil.rmtree(catalogue.parent / ".git")
    site = work / "site"
    # The median problem page: single pages differ by their (random) text, not by the site's size.
    pages = [p.stat().st_size for p in (site / "problems").glob("P*/index.html")]
    row.site_bytes, row.page_bytes = _tree_bytes(site), int(statistics.median(pages))
    row.index_bytes = sum(p.stat().st_size for p in (site / "search/kb").rglob("*.js"))
    return row


def format_table(rows: list[Row]) -> str:
    head = ("| 问题数 | 校验 s | 校验（有缓存）s | 生成页面 s | 构建 s | 纯 MkDocs 构建 s | 构建比 | 生成占比 | 站点 MB "
            "| 问题页 KB（中位数） | 搜索索引 MB | 索引 B/问题 | 内存峰值 MB |")
    lines = [head, "|" + " --- |" * 13]
    for r in rows:
        build, plain = r.median("build"), r.median("plain")
        lines.append(
            f"| {r.size:,} | {r.median('validate'):.2f} | {r.median('validate_cached'):.2f} | {r.median('generate'):.2f} | {build:.1f} | {plain:.1f} "
            f"| {build / plain:.2f} | {r.median('generate') / build:.0%} | {r.site_bytes / 1e6:.1f} "
            f"| {r.page_bytes / 1e3:.1f} | {r.index_bytes / 1e6:.1f} | {r.index_bytes / r.size:,.0f} "
            f"| {r.median('memory'):.0f} |")
    for r in rows:
        if r.history:
            lines.append(f"\n{r.size:,} 个问题、{r.history} 次提交的 git 历史：构建 {r.median('build_history'):.1f} s"
                         f"（无历史 {r.median('build'):.1f} s），内存峰值 {r.median('memory_history'):.0f} MB"
                         f"（无历史 {r.median('memory'):.0f} MB）")
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        lines.append("")
        lines.append(f"问题页 HTML：{large.size:,} 个问题时是 {small.size:,} 个时的 "
                     f"{large.page_bytes / small.page_bytes:.2f} 倍")
        by_size = {r.size: r for r in rows}
        if 1000 in by_size and 5000 in by_size:
            lines.append(f"构建时间 t(5,000) / t(1,000) = {by_size[5000].median('build') / by_size[1000].median('build'):.2f}")
    lines.append("")
    lines.append("按 CPU 时间的构建比（进程自身用的处理器时间，机器上有其他进程抢占时比墙钟时间稳定）：" + "；".join(
        f"{r.size:,} 个问题 {r.median('build_cpu'):.1f} / {r.median('plain_cpu'):.1f} = "
        f"{r.median('build_cpu') / r.median('plain_cpu'):.2f}" for r in rows if r.build_cpu))
    lines.append("")
    lines.append("关系图（生成页面的一部分）：" + "；".join(
        f"{r.size:,} 个问题时 {r.picture_count:,} 张图 {r.median('pictures'):.2f} s"
        f"（每张 {1000 * r.median('pictures') / max(r.picture_count, 1):.2f} ms），全局关系图 dot {r.median('overview'):.2f} s"
        for r in rows if r.pictures))
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
        cpu = model
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")))
        mem = f"，内存 {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} 核 {cpu}{mem}，Python {platform.python_version()}，{platform.system()}"


# What the search fetches (page.js, the box's own script, is part of every page and not counted).
SEARCH_FILES = ("kb-search/worker.js", "kb-search/engine.js", "minisearch", "search/kb/",
                "search_index", "workers/search.")
# Two first queries: a short word, and a situation told in a sentence (the most files to fetch).
SEARCH_QUERIES = {"short": "推诿", "long": "群众反映的问题拖了半年没人回复"}


def search_latency(site: Path, runs: int = 3, throttle: float = 1) -> dict[str, list[float]]:
    """Search in headless Chromium (runs times, each in a fresh browser context, so nothing is
    cached), on a problem page opened cold: bytes fetched before the box is used (the search must
    fetch nothing); for each of SEARCH_QUERIES typed as the first query, seconds and bytes from
    typing to the first result; and a query typed after that (warm). throttle: Chromium's CPU
    slow-down factor (4 = a CPU four times slower)."""
    from kb.bench.browser import chromium, serve
    out: dict[str, list[float]] = {"idle_bytes": [], "warm": []}
    for name in SEARCH_QUERIES:
        out[name], out[f"{name}_bytes"] = [], []
    with serve(site) as base, chromium() as browser:
        for _ in range(runs):
            for name, query in SEARCH_QUERIES.items():
                context = browser.new_context()
                page = context.new_page()
                if throttle != 1:
                    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
                fetched: list[tuple[float, int]] = []  # (when, bytes) of each search file received
                page.on("response", lambda r: fetched.append((time.time() * 1000, int(r.headers.get("content-length", 0) or 0)))
                        if any(n in r.url for n in SEARCH_FILES) else None)
                page.goto(f"{base}/problems/P0001/" if (site / "problems/P0001").exists() else f"{base}/problems/P001/",
                          wait_until="networkidle")
                if name == "short":
                    out["idle_bytes"].append(sum(size for _, size in fetched))
                page.click("input.md-search__input")
                box = page.locator("input.md-search__input")
                # The moment the first result is in the page, taken in the page (wall clock, ms).
                page.evaluate("""() => { window.__kbFirst = 0; new MutationObserver(() => {
                    if (!window.__kbFirst && document.querySelector(".md-search-result__item")) window.__kbFirst = Date.now();
                  }).observe(document.body, {childList: true, subtree: true}); }""")
                start = time.time() * 1000
                box.fill(query)
                page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
                first = page.evaluate("window.__kbFirst")
                out[name].append((first - start) / 1000)
                out[f"{name}_bytes"].append(sum(size for when, size in fetched if when <= first))
                if name == "short":
                    box.fill("")
                    page.wait_for_timeout(300)
                    start = time.perf_counter()
                    box.fill("拖延")
                    page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
                    out["warm"].append(time.perf_counter() - start)
                context.close()
    return out


def _search_line(figures: dict) -> str:
    return "；".join(f"首次输入“{query}”到第一条结果 {_spread(figures[name])}，取回 "
                    f"{statistics.median(figures[name + '_bytes']) / 1e3:.0f} KB" for name, query in SEARCH_QUERIES.items()) + \
        f"；再输入一个词 {_spread(figures['warm'])}"


def serve_reload(work: Path, runs: int = 3, seconds_limit: float = 60) -> list[float]:
    """Seconds from saving a problem file to serve answering with the change, runs times in one
    serve process, on a copy of the real catalogue and site sources (the project is never edited)."""
    import socket
    import urllib.request
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    copy = work / "serve"
    shutil.rmtree(copy, ignore_errors=True)
    for folder in ("catalogue", "docs", "overrides"):
        shutil.copytree(ROOT / folder, copy / folder)
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    path = copy / "catalogue/problems/P001.yaml"
    original = path.read_text(encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "-a", f"127.0.0.1:{port}"], cwd=copy,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def page() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/problems/P001/", timeout=2) as r:
                return r.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> float:
        start, deadline = time.perf_counter(), time.monotonic() + seconds_limit
        while text not in page():
            if time.monotonic() > deadline:
                raise RuntimeError("serve 没有在时限内重建")
            time.sleep(0.05)
        return time.perf_counter() - start

    try:
        wait_for("P001")
        times = []
        for i in range(runs):
            time.sleep(1)
            marker = f"测{int(time.time()) % 10000:04d}{i}"  # short: titles are capped at 24 characters
            path.write_text(original.replace("\ntitle: ", f"\ntitle: {marker}", 1), encoding="utf-8")
            times.append(wait_for(marker))
        return times
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _spread(seconds: list[float]) -> str:
    """'0.42 s（3 次：0.38–0.51）': the median, then the range."""
    return (f"{statistics.median(seconds):.2f} s（{len(seconds)} 次：{min(seconds):.2f}–{max(seconds):.2f}）"
            if len(seconds) > 1 else f"{seconds[0]:.2f} s")


def run(sizes: list[int], runs: int, work: Path, browser: bool, serve: bool, history: int = 40) -> str:
    real = load_catalogue(ROOT / "catalogue").catalogue
    if real is None:
        raise RuntimeError("真实目录校验失败，无法生成合成目录")
    rows = []
    for size in sizes:
        print(f"… {size:,} 个问题", file=sys.stderr, flush=True)
        rows.append(measure(size, runs, work / str(size), real, history))
    out = [f"机器：{machine()}", f"每项取 {runs} 次运行的中位数。", "", format_table(rows)]
    if browser:
        for row in rows:
            figures = search_latency(work / str(row.size) / "site", runs)
            out.append(f"浏览器搜索（{row.size:,} 个问题，冷启动的问题页）：使用搜索框前取回搜索文件 "
                       f"{statistics.median(figures['idle_bytes']) / 1e3:.0f} KB；{_search_line(figures)}")
        for row in rows[:1] + rows[1:][-1:]:  # the smallest size and the largest
            slow = search_latency(work / str(row.size) / "site", runs, throttle=4)
            out.append(f"CPU 降速 4 倍（{row.size:,} 个问题）：{_search_line(slow)}")
    if serve:
        out.append(f"serve：保存一个问题文件到页面更新 {_spread(serve_reload(work, runs))}（真实目录的副本）")
    return "\n".join(out)
