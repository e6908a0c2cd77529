"""Escaping is the first wall; the allowlist sanitizer behind it is the second."""
import pytest
import html
from types import SimpleNamespace

import markdown

from kb.site.pages.markup import GlossaryLinker, esc
from kb.site.plugin import CataloguePlugin
from kb.site.sanitize import clean

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences"]


def render(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


def test_extension_openers_at_the_start_of_a_paragraph_stay_text():
    for text, shown in [('??? note "点开"', '??? note "点开"'), ("???+ warning", "???+ warning"),
                        ("~~~\n代码", "~~~ 代码"), ("    缩进的正文", "缩进的正文"),
                        ('!!! danger "x"', '!!! danger "x"'), ("*[HTML]: 超文本", "*[HTML]: 超文本"),
                        ("{: .x onclick=y }", "{: .x onclick=y }"), ("| a | b |", "| a | b |")]:
        rendered = render(esc(text))
        assert html.unescape(rendered) == f"<p>{shown}</p>", (text, rendered)
        for item in (f"- {esc(text)}", esc(text) + "\n\n" + esc(text)):
            assert "<details" not in render(item) and "<pre" not in render(item)


class _Term(SimpleNamespace):
    pass


def test_glossary_link_never_splits_an_entity():
    cat = SimpleNamespace(terms={"lt": _Term(id="lt", term="lt", aliases=[], definition="小于"),
                                 "amp": _Term(id="amp", term="amp", aliases=[], definition="和")})
    linker = GlossaryLinker(cat)
    text = esc("a<b & c")
    linked = linker.apply("problems/P001.md", text, set())
    assert linked == text
    assert render(linked) == "<p>a&lt;b &amp; c</p>"


def test_sanitizer_removes_what_pages_never_use_and_keeps_what_they_do():
    kept = ('<h2 data-search-exclude="" id="cite">引用本页<a class="headerlink" href="#cite" '
            'title="本节的永久链接">¶</a></h2>\n<div class="admonition failure"><p class="admonition-title">'
            '错误</p></div>\n<details class="note" open=""><summary>看</summary><p>x</p></details>\n'
            '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td><a href="../P001/">P001</a></td>'
            '</tr></tbody></table>')
    assert clean(kept) == kept
    hostile = ('<p>正文<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
               '<a href="javascript:alert(1)" onclick="x()">链</a><iframe src="//evil"></iframe>'
               '<svg onload="x()"></svg><style>*{}</style></p>')
    # svg is allowed for the relationship pictures; its event handler is not
    assert clean(hostile) == "<p>正文<a>链</a><svg></svg></p>"


def test_plugin_sanitizes_generated_pages_only():
    plugin = CataloguePlugin()
    payload = '<p>x<script>window.__xss=1</script></p>'
    generated = SimpleNamespace(file=SimpleNamespace(generated_by="kb", src_uri="problems/P001.md"))
    handwritten = SimpleNamespace(file=SimpleNamespace(generated_by=None, src_uri="guide.md"))
    assert plugin.on_page_content(payload, page=generated, config=None, files=None) == "<p>x</p>"
    assert plugin.on_page_content(payload, page=handwritten, config=None, files=None) == payload


def test_a_page_with_nothing_to_remove_keeps_its_own_bytes():
    html = '<h2 data-search-exclude id="examples">典型情形<a class="headerlink" href="#examples">¶</a></h2>'
    assert clean(html) == html
    assert clean(html + "<script>x()</script>") != html + "<script>x()</script>"


def test_a_page_the_allowlist_only_respells_takes_one_pass(monkeypatch):
    import kb.site.sanitize as sanitize
    calls = []
    real = sanitize.nh3.clean
    monkeypatch.setattr(sanitize.nh3, "clean", lambda *a, **k: calls.append(1) or real(*a, **k))
    html = ('<h2 data-search-exclude id="examples">典型情形</h2><p><button class="md-button" data-kb-print hidden>打印'
            '</button></p><svg viewBox="0 0 1 1" role="group"><rect width="1" height="1"></rect></svg>')
    assert clean(html) == html and len(calls) == 1
    # Text that merely looks like a bare attribute is not respelled by the serializer: the second
    # pass decides, and keeps the page's bytes.
    text = '<p>a hidden b</p><h2 data-search-exclude id="x">t</h2>'
    assert clean(text) == text and len(calls) == 3


@pytest.mark.parametrize("payload", [
    '<p>x</p><script>alert(1)</script>', '<p onclick="alert(1)">x</p>', '<a href="javascript:alert(1)">x</a>',
    '<form><button formaction="javascript:alert(1)">x</button></form>', '<p>x</p><!-- <img src=x onerror=alert(1)> -->',
    '<svg><a href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>', '<iframe src="https://x"></iframe>',
    '<svg><script>alert(1)</script></svg>', '<p style="background:url(javascript:alert(1))">x</p>',
    # written the ways a browser still reads them: a slash or a quote before the attribute, capitals,
    # character references and tabs inside the scheme
    '<p><svg/onload=alert(1)></svg></p>', '<p title="a"onmouseover="alert(1)">x</p>', '<P ONCLICK="alert(1)">x</P>',
    '<p><a href="&#106;avascript:alert(1)">x</a></p>', '<p><a href="java&#x09;script:alert(1)">x</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">x</a></p>', '<p><a href=" &#x0A;javascript:alert(1)">x</a></p>',
    '<p hidden onclick="alert(1)">x</p>', '<div data-kb-print hidden><script>alert(1)</script></div>',
    '<p>a hidden b<img src=x onerror=alert(1)></p>',
])
def test_anything_the_allowlist_removes_is_removed_even_where_the_rest_keeps_its_bytes(payload):
    page = '<h2 data-search-exclude id="a">标题</h2><svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'
    out = clean(page + payload)
    assert out != page + payload
    for bad in ("alert", "<iframe", "onclick", "<!--"):
        assert bad not in out, (payload, out)
