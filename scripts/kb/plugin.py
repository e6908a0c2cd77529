"""The MkDocs plugin: wires MkDocs events to the core. No logic of its own lives here."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .export import catalogue_json
from .pages import generate
from .pages.home import HOME_URI, fill
from .pipeline import load_catalogue
from .userdict import user_dict_text

log = logging.getLogger("mkdocs.plugins.kb")


class CatalogueConfig(Config):
    catalogue = c.Type(str, default="catalogue")
    """The catalogue folder, relative to mkdocs.yml."""
    cache_dir = c.Type(str, default=".cache/kb")
    """Where build-time helper files (the jieba user dictionary) are written."""


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    catalogue = None

    def _root(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.catalogue

    # Runs before material/search's on_config, which reads the jieba user dictionary.
    @event_priority(50)
    def on_config(self, config):
        result = load_catalogue(self._root(config))
        for d in result.report.sorted():
            (log.error if d.level == "error" else log.warning)(d.text())
        if result.catalogue is None:
            raise PluginError("目录校验失败：" + result.report.summary() + "站点未生成，原有站点保持不变。")
        self.catalogue = result.catalogue
        self._use_user_dict(config)
        return config

    def _use_user_dict(self, config) -> None:
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None or not hasattr(search.config, "jieba_dict_user"):
            return
        logging.getLogger("jieba").setLevel(logging.WARNING)
        cache = Path(config.config_file_path).parent / self.config.cache_dir
        cache.mkdir(parents=True, exist_ok=True)
        path = cache / "jieba_user.txt"
        text = user_dict_text(self.catalogue)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        search.config.jieba_dict_user = str(path)

    def on_files(self, files, *, config):
        for page in generate(self.catalogue, base_url=config.site_url or ""):
            if files.get_file_from_path(page.uri) is not None:
                raise PluginError(f"docs/{page.uri} 与生成的页面同名；生成的页面不能由手写文件覆盖，请改名或删去该文件")
            files.append(File.generated(config, page.uri, content=page.markdown))
        files.append(File.generated(config, "catalogue.json",
                                    content=catalogue_json(self.catalogue, config.site_url or "")))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.src_uri == HOME_URI:
            return fill(markdown, self.catalogue)
        return markdown

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._root(config)))
        return server
