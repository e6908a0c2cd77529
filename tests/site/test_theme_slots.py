"""Theme slots that print text as HTML (search result tags, the footer) get escaped text."""
from kb.site.pages.markup import Page


def test_tags_in_front_matter_are_escaped():
    page = Page("problems/P001.md", "标题", "正文", {"tags": ["P001", "<img src=x onerror=alert(1)>"]})
    assert "- '&lt;img src=x onerror=alert(1)&gt;'" in page.markdown or \
        "- &lt;img src=x onerror=alert(1)&gt;" in page.markdown
    assert "<img" not in page.markdown
