"""The hand-written docs stay true to the code."""
import ast
import re

from conftest import ROOT

SOURCES = ["loader.py", "records.py", "checks.py", "textcheck.py", "published.py"]


def emitted_codes() -> set[str]:
    """Every diagnostic code the validator can emit, read from its source."""
    codes = set()
    for name in SOURCES:
        tree = ast.parse((ROOT / "scripts/kb" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if fname in ("error", "warning", "_Abort"):
                    strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    if strings:
                        codes.add(strings[0])
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "code" or isinstance(t, ast.Tuple) and
                    isinstance(t.elts[0], ast.Name) and t.elts[0].id == "code" for t in node.targets):
                value = node.value.elts[0] if isinstance(node.value, ast.Tuple) else node.value
                if isinstance(value, ast.Constant):
                    codes.add(value.value)
                elif isinstance(value, ast.IfExp):
                    codes.update(v.value for v in (value.body, value.orelse) if isinstance(v, ast.Constant))
    return codes


def test_the_maintainer_guide_documents_every_error_code():
    guide = (ROOT / "docs/maintain.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \| (?:error|warning) \|", guide, re.M))
    assert len(emitted_codes()) > 30
    assert emitted_codes() - documented == set()
    assert documented - emitted_codes() == set()


def test_readme_names_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")
