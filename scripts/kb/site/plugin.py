"""The MkDocs plugin: wires MkDocs events to the core. No logic of its own lives here."""
from __future__ import annotations

import html
import json
import logging
from pathlib import Path

import jinja2

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from kb.history.changelog import current_head, read_history
from kb.core.errors import KbError
from kb.site.blocks import fill, holds_catalogue_text
from kb.site.output import error_site_files, site_files
from kb.core.pipeline import load_catalogue
from kb.site.render_cache import RenderCache
from kb.site.sanitize import clean
from kb.site.search.index_file import index_parts, material_stub
from kb.site.search.index_job import IndexJob
from kb.site.search.reader_pages import reader_pages
from kb.site.search.userdict import user_dict_text

log = logging.getLogger("mkdocs.plugins.kb")

WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"


class CatalogueConfig(Config):
    catalogue = c.Type(str, default="catalogue")
    """The catalogue folder, relative to mkdocs.yml."""
    cache_dir = c.Type(str, default=".cache/kb")
    """Where build-time helper files (the jieba user dictionary) are written."""


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates in memory, keyed by template name and source checksum."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    catalogue = None
    history = None
    serving = False      # under `serve`, a broken catalogue shows its errors instead of stopping
    plain_build = False  # run by `mkdocs build`, which empties the site folder before building
    failure = ""
    search_job = None    # the search index, made in a second process during the build

    def __init__(self) -> None:
        super().__init__()
        self.templates = CompiledTemplates()
        self.renders = RenderCache()
        self.filled: set[str] = set()  # hand-written pages with a block filled from the catalogue

    # Defining on_startup also keeps this instance across serve's rebuilds (MkDocs ≥ 1.4).
    def on_startup(self, *, command, dirty):
        # Only MkDocs' own command line calls this; kb build runs the build without it.
        self.serving = command == "serve"
        self.plain_build = command == "build" and not dirty

    def _root(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.catalogue

    # Runs before material/search's on_config, which reads the jieba user dictionary.
    @event_priority(50)
    def on_config(self, config):
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its start-up chatter is noise here
        if self.plain_build and (Path(config.site_dir) / "index.html").exists():
            # mkdocs build empties the site folder first: a late failure would leave no site.
            raise PluginError(f"mkdocs build 会先清空 {config.site_dir}，构建中途失败时站点就没有了；"
                              f"请改用 kb build（先在旁边构建，成功后才替换原站点）。原站点未改动。")
        result = load_catalogue(self._root(config))
        for d in result.report.sorted():
            # Under serve a warning would abort the strict build; the page shows the errors instead.
            emit = log.info if self.serving else (log.error if d.level == "error" else log.warning)
            emit(d.text())
        self.catalogue = result.catalogue
        self.failure = result.report.format("text") if result.catalogue is None else ""
        if self.catalogue is not None:
            meta = self.catalogue.meta
            # The theme prints the copyright line as HTML.
            config.copyright = html.escape(f"{meta.title} · 目录版本 {meta.version}（{meta.released.isoformat()} 发布）")
            self._read_history(config)
        if self.failure and not self.serving:
            raise PluginError("目录校验失败：" + result.report.summary() + "站点未生成，原有站点保持不变。")
        if self.failure:
            log.info("目录有错误：预览页面显示错误清单；修改文件并保存后会自动重建。")
            return config
        self._use_user_dict(config)
        self._use_local_worker_shim(config)
        return config

    def _use_local_worker_shim(self, config) -> None:
        # Material's offline plugin adds an unpkg URL unless a polyfill named iframe-worker is set.
        offline = config.plugins.get("material/offline")
        if offline is not None and offline.config.enabled:
            config.extra["polyfills"] = [WORKER_SHIM]

    def _read_history(self, config) -> None:
        # Reading git history costs a second or two; under serve it is kept until HEAD moves.
        head = current_head(self._root(config))
        if self.history is None or self.history.head != head:
            self.history = read_history(self._root(config))

    def _use_user_dict(self, config) -> None:
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None or not hasattr(search.config, "jieba_dict_user"):
            return
        cache = Path(config.config_file_path).parent / self.config.cache_dir
        cache.mkdir(parents=True, exist_ok=True)
        path = cache / "jieba_user.txt"
        text = user_dict_text(self.catalogue)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        search.config.jieba_dict_user = str(path)

    def on_files(self, files, *, config):
        cache = Path(config.config_file_path).parent / self.config.cache_dir
        try:
            made = (error_site_files(self.failure) if self.failure
                    else site_files(self.catalogue, config.site_url or "", self.history,
                                    directory_urls=config.use_directory_urls, cache=cache))
        except KbError as exc:
            raise PluginError(str(exc)) from None
        if not self.failure:
            # The search index is made beside the page rendering (collected in on_post_build).
            self._stop_search_job()
            pages = reader_pages(Path(config.docs_dir), self.catalogue, config.use_directory_urls)
            self.search_job = IndexJob(*index_parts(self.catalogue, config.use_directory_urls, pages))
        for path, content in made.items():
            if path.endswith(".md") and files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} 与生成的页面同名；生成的页面不能由手写文件覆盖，请改名或删去该文件")
            files.append(File.generated(config, path, content=content))
        return files

    def on_nav(self, nav, *, config, files):
        if self.serving:
            self.renders.start_build(config, files)  # the files are final by now
        return nav

    def on_env(self, env, *, config, files):
        # serve builds a new template environment on every rebuild; keeping the compiled
        # templates on this long-lived instance saves compiling Material's 40-odd templates again.
        env.bytecode_cache = self.templates
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        # The theme's search would parse and cut every page only for its index to be replaced by ours.
        # (A page without front matter keeps none: an empty page.meta changes the theme's HTML; those
        # are a few hand-written pages.)
        if page.meta:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if self.serving:
            self.renders.attach(page)  # an unchanged page is not converted again
        if page.file.generated_by:
            return markdown
        if holds_catalogue_text(markdown):
            self.filled.add(page.file.src_uri)
        return fill(markdown, self.catalogue, self.failure)

    def on_page_content(self, html, *, page, config, files):
        # Catalogue-driven pages pass the sanitizer: generated ones, and hand-written ones with a
        # block filled from the catalogue (the home page, the 下载 page's handout rows).
        if page.file.generated_by is not None or page.file.src_uri in self.filled:
            return clean(html)
        return html

    # After material/search has written its index (priority 0), before offline inlines it (-100):
    # our own index (search/kb/…) is written, and Material's file keeps only its config.
    @event_priority(-50)
    def on_post_build(self, *, config):
        path = Path(config.site_dir) / "search" / "search_index.json"
        job, self.search_job = self.search_job, None
        if self.failure or not path.exists() or job is None:
            return
        for uri, text in job.result().items():
            target = Path(config.site_dir) / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        material = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(material_stub(material), ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")

    def on_build_error(self, *, error):
        self._stop_search_job()

    def _stop_search_job(self) -> None:
        if self.search_job is not None:
            self.search_job.stop()
            self.search_job = None

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._root(config)))
        return server
