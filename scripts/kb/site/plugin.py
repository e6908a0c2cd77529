"""The MkDocs plugin: wires MkDocs events to the core. No logic of its own lives here."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import jinja2

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from kb.exports.catalogue_json import catalogue_json
from kb.exports.releases_json import SCHEMA_NAME as RELEASES_SCHEMA, releases_json, releases_schema_text
from kb.history.changelog import current_head, read_history
from kb.exports.tables import DOWNLOAD_NAMES, download_files
from kb.exports.json_schema import export_schema_text, schema_text
from kb.site.pages import generate
from kb.site.pages.overview import DOWNLOADS as OVERVIEW_DOWNLOADS, download_files as overview_downloads
from kb.site.pictures.overview import OverviewError
from kb.site.pages.errors import error_block, error_pages
from kb.site.pages.home import HOME_URI, MARKER, fill
from kb.core.pipeline import load_catalogue
from kb.site.search.query_fold import SCRIPT_URI, fold_script
from kb.site.render_cache import RenderCache
from kb.site.search.index_terms import extend_index
from kb.site.search.worker_patch import WorkerChanged
from kb.site.search.worker_patch import patch as patch_worker
from kb.site.search.userdict import user_dict_text

log = logging.getLogger("mkdocs.plugins.kb")

WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
DOWNLOADS = "downloads"


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
    failure = ""

    def __init__(self) -> None:
        super().__init__()
        self.templates = CompiledTemplates()
        self.renders = RenderCache()

    # Defining on_startup also keeps this instance across serve's rebuilds (MkDocs ≥ 1.4).
    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def _root(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.catalogue

    # Runs before material/search's on_config, which reads the jieba user dictionary.
    @event_priority(50)
    def on_config(self, config):
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its start-up chatter is noise here
        result = load_catalogue(self._root(config))
        for d in result.report.sorted():
            # Under serve a warning would abort the strict build; the page shows the errors instead.
            emit = log.info if self.serving else (log.error if d.level == "error" else log.warning)
            emit(d.text())
        self.catalogue = result.catalogue
        self.failure = result.report.format("text") if result.catalogue is None else ""
        if self.catalogue is not None:
            meta = self.catalogue.meta
            config.copyright = f"{meta.title} · 目录版本 {meta.version}（{meta.released.isoformat()} 发布）"
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
        files.append(File.generated(config, SCRIPT_URI, content=fold_script(self.catalogue)))
        if self.failure:
            # Placeholders for everything hand-written pages link to, so the preview still builds.
            for page in error_pages(self.failure):
                files.append(File.generated(config, page.uri, content=page.markdown))
            placeholders = [*DOWNLOAD_NAMES, "schema.json", "catalogue.schema.json", RELEASES_SCHEMA, *OVERVIEW_DOWNLOADS]
            for name in ["catalogue.json", "releases.json", *(f"{DOWNLOADS}/{n}" for n in placeholders)]:
                files.append(File.generated(config, name, content=b""))
            return files
        for page in generate(self.catalogue, base_url=config.site_url or "", history=self.history,
                             directory_urls=config.use_directory_urls):
            if files.get_file_from_path(page.uri) is not None:
                raise PluginError(f"docs/{page.uri} 与生成的页面同名；生成的页面不能由手写文件覆盖，请改名或删去该文件")
            files.append(File.generated(config, page.uri, content=page.markdown))
        files.append(File.generated(config, "catalogue.json",
                                    content=catalogue_json(self.catalogue, config.site_url or "")))
        files.append(File.generated(config, "releases.json", content=releases_json(
            self.history, self.catalogue.meta.title, config.site_url or "")))
        files.append(File.generated(config, f"{DOWNLOADS}/{RELEASES_SCHEMA}", content=releases_schema_text()))
        for name, data in download_files(self.catalogue, config.site_url or "").items():
            files.append(File.generated(config, f"{DOWNLOADS}/{name}", content=data))
        files.append(File.generated(config, f"{DOWNLOADS}/schema.json", content=schema_text()))
        self._add_pictures(files, config)
        files.append(File.generated(config, f"{DOWNLOADS}/catalogue.schema.json", content=export_schema_text()))
        return files

    def _add_pictures(self, files, config) -> None:
        # The overview drawing for slides and print (Graphviz; cached by its input in cache_dir).
        cache = Path(config.config_file_path).parent / self.config.cache_dir
        try:
            drawings = overview_downloads(self.catalogue, config.site_url or "", cache)
        except OverviewError as exc:
            # The 下载 page links these files: without them the site would have broken links.
            raise PluginError(f"{exc}。站点未生成。") from None
        for name, data in drawings.items():
            files.append(File.generated(config, f"{DOWNLOADS}/{name}", content=data))

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
        if self.serving:
            self.renders.attach(page)  # an unchanged page is not converted again
        if page.file.src_uri == HOME_URI:
            if self.failure:
                return markdown.replace(MARKER, error_block(self.failure))
            return fill(markdown, self.catalogue)
        return markdown

    # After material/search has written its index (priority 0), before offline inlines it (-100).
    @event_priority(-50)
    def on_post_build(self, *, config):
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self.failure or not path.exists():
            return
        index = extend_index(json.loads(path.read_text(encoding="utf-8")), self.catalogue,
                             config.use_directory_urls)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        for worker in (Path(config.site_dir) / "assets/javascripts/workers").glob("search.*.min.js"):
            try:
                worker.write_text(patch_worker(worker.read_text(encoding="utf-8")), encoding="utf-8")
            except WorkerChanged as exc:
                raise PluginError(str(exc)) from None

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._root(config)))
        return server
