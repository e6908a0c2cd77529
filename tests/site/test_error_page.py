"""The serve error page shows the report as text, whatever a crafted key or file name holds."""
import markdown
import pytest

from kb.core.diagnostics import Report
from kb.site.pages.errors import error_block

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences"]


@pytest.mark.parametrize("brk", ["\r", "\u2028", "\u2029", "\x85", "\v", "\f"])
def test_a_crafted_key_cannot_close_the_code_block(brk):
    report = Report()
    key = f"x{brk}````{brk}<script>window.__xss=1</script>{brk}````"
    report.error("catalogue/problems/P001.yaml", 4, 1, "unknown-field", f"未知字段 '{key}'")
    html = markdown.markdown(error_block(report.format("text")), extensions=EXTENSIONS)
    assert "<script>" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert html.count("<code") == 1
