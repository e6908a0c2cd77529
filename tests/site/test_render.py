"""`kb render` is complete: plain MkDocs and Material, without the kb plugin, build the same site
from its output as the plugin build does (the way out when the theme reaches end of life)."""
import os
import re
import subprocess
import sys

from conftest import ROOT, kb
from search_files import read_index

# The theme's own search index: the plugin build leaves it a stub (its search indexes no page; ours,
# search/kb/…, is the same in both builds), a plain build writes the theme's full one. Known difference.
THEME_INDEX = "search/search_index.json"


def files_of(site):
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_a_plain_build_of_the_rendered_sources_equals_the_plugin_build(built_site, tmp_path):
    out = tmp_path / "render"
    run = kb("render", str(out), cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "kb" not in (out / "mkdocs.yml").read_text(encoding="utf-8").split("plugins:")[1].split("markdown_extensions")[0]
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=out,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    ours, theirs = files_of(built_site), files_of(out / "site")
    assert sorted(ours) == sorted(theirs)
    different = sorted(name for name in theirs if ours[name].read_bytes() != theirs[name].read_bytes())
    assert different == sorted([THEME_INDEX, "sitemap.xml", "sitemap.xml.gz"])
    assert len(read_index(out / "site")["docs"]) > 150  # the index is really there (and equal, above)
    # The sitemap lists the same pages, in another order (hand-written and generated files are read in turn).
    locs = lambda p: sorted(re.findall(r"<loc>(.*?)</loc>", p.read_text(encoding="utf-8")))  # noqa: E731
    assert locs(ours["sitemap.xml"]) == locs(theirs["sitemap.xml"])
    # What the plugin fills in is really there: the home block, the guide's codes, downloads, the changelog.
    home = theirs["index.html"].read_text(encoding="utf-8")
    assert "问题清单（" in home and "<!-- kb:home -->" not in home
    assert "yaml-syntax" in theirs["maintain/index.html"].read_text(encoding="utf-8")
    for name in ("catalogue.json", "downloads/catalogue.xlsx", "downloads/schema.json",
                 "downloads/catalogue.schema.json", "assets/self-check-data.js", "changelog/index.html"):
        assert theirs[name].stat().st_size > 0, name
