"""Theme slots that print text as HTML (search result tags, the footer) get escaped text."""
from kb.site.pages.markup import Page


def test_tags_in_front_matter_are_escaped():
    page = Page("problems/P001.md", "标题", "正文", {"tags": ["P001", "<img src=x onerror=alert(1)>"]})
    assert "- '&lt;img src=x onerror=alert(1)&gt;'" in page.markdown or \
        "- &lt;img src=x onerror=alert(1)&gt;" in page.markdown
    assert "<img" not in page.markdown


def test_the_footer_line_is_escaped(mini, tmp_path):
    from conftest import edit, kb, site_config
    edit(mini / "meta.yaml", "title: 测试知识库", "title: 测试&知识库")
    site = tmp_path / "site"
    run = kb("build", "-f", str(site_config(tmp_path, mini)), "-d", str(site), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "测试&amp;知识库 · 目录版本 1.0（2026-01-02 发布）" in html
    assert "测试&知识库 ·" not in html
