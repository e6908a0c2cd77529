"""`kb render OUT_DIR`: the complete site sources, for any generator, without the kb plugin.

OUT_DIR/docs/ holds the hand-written pages with their blocks filled in, every generated page,
download and script (site/output.py), and OUT_DIR/mkdocs.yml is the project's configuration without
the kb plugin: plain MkDocs and Material build the same pages from it. This is the way out when the
theme reaches end of life: a new generator needs a new adapter, not a rewrite.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from kb.core.errors import KbError
from kb.core.graph import Catalogue
from kb.history.changelog import read_history
from kb.site.blocks import fill
from kb.site.output import site_files
from kb.site.search.index_file import index_data, index_files
from kb.site.search.reader_pages import reader_pages
from kb.site.search.userdict import user_dict_text


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags read as plain values (they are the build's switches)."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def render(cat: Catalogue, catalogue: Path, config_file: Path, out: Path, site_url: str | None = None) -> int:
    if not config_file.is_file():
        raise KbError(f"找不到站点配置 '{config_file}'；请在项目根目录运行，或用 -f 指定配置文件")
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    project = config_file.parent
    site_url = config.get("site_url", "") if site_url is None else site_url
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project / config.get("docs_dir", "docs"), docs)
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        filled = fill(text, cat)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
    directory_urls = config.get("use_directory_urls", True)
    files = site_files(cat, site_url, read_history(catalogue), directory_urls=directory_urls,
                       cache=project / ".cache/kb")
    # The search index, as the plugin makes it (the reader pages read from the sources).
    pages = reader_pages(project / config.get("docs_dir", "docs"), cat, directory_urls)
    files.update(index_files(index_data(cat, directory_urls, pages)))
    for rel, data in files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    (out / "jieba_user.txt").write_text(user_dict_text(cat), encoding="utf-8")
    _write_config(config, project, cat, out, site_url)
    return len(files) + 2


def _write_config(config: dict, project: Path, cat: Catalogue, out: Path, site_url: str) -> None:
    """The project's mkdocs.yml for a plain build: no kb plugin, what the plugin set written out."""
    config = dict(config, docs_dir="docs", site_dir="site", site_url=site_url)
    theme = dict(config["theme"])
    if theme.get("custom_dir"):  # the theme overrides travel with the pages
        shutil.copytree(project / theme["custom_dir"], out / "overrides", dirs_exist_ok=True)
        theme["custom_dir"] = "overrides"
    config["theme"] = theme
    meta = cat.meta
    config["copyright"] = f"{meta.title} · 目录版本 {meta.version}（{meta.released.isoformat()} 发布）"
    plugins = []
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "kb" or name == "offline":
            continue
        if name == "search":
            plugin = {"search": {"jieba_dict_user": "jieba_user.txt"}}
        plugins.append(plugin)
    config["plugins"] = plugins
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    (out / "mkdocs.yml").write_text("# 由 kb render 生成：不用 kb 插件的站点配置\n" + text, encoding="utf-8")
