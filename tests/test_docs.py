"""The hand-written docs stay true to the code."""
import ast
import re

from conftest import ROOT

from kb.core.codes import CODES
from kb.site.blocks import fill



def emitted_codes() -> set[str]:
    """Every diagnostic code the validator can emit, read from its source."""
    codes = set()
    for path in (ROOT / "scripts/kb").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if fname in ("error", "warning", "_Abort"):
                    strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    if strings:
                        codes.add(strings[0])
            # findings written as (ERROR or WARNING, "code", message) tuples
            if (isinstance(node, ast.Tuple) and len(node.elts) == 3 and isinstance(node.elts[0], ast.Name)
                    and node.elts[0].id in ("ERROR", "WARNING") and isinstance(node.elts[1], ast.Constant)):
                codes.add(node.elts[1].value)
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "code" or isinstance(t, ast.Tuple) and
                    isinstance(t.elts[0], ast.Name) and t.elts[0].id == "code" for t in node.targets):
                value = node.value.elts[0] if isinstance(node.value, ast.Tuple) else node.value
                if isinstance(value, ast.Constant):
                    codes.add(value.value)
                elif isinstance(value, ast.IfExp):
                    codes.update(v.value for v in (value.body, value.orelse) if isinstance(v, ast.Constant))
    return codes


def test_the_code_registry_holds_exactly_the_codes_the_validator_emits():
    assert len(emitted_codes()) > 30
    assert emitted_codes() - set(CODES) == set()
    assert set(CODES) - emitted_codes() == set()


def test_the_maintainer_guide_shows_the_registry_as_its_table_of_codes(tmp_path):
    guide = (ROOT / "docs/maintain.md").read_text(encoding="utf-8")
    assert "<!-- kb:codes -->" in guide
    filled = fill(guide, None)
    for code in CODES.values():
        assert f"| `{code.code}` | {code.level} | {code.meaning} |" in filled


def test_readme_names_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_ci_workflows_validate_build_test_and_keep_the_site():
    import yaml
    github = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["test"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "make validate" in runs and "make test" in runs and "kb build --strict" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    script = " ".join(gitlab["test"]["script"])
    assert "make test" in script and "kb build --strict" in script and gitlab["test"]["artifacts"]["paths"] == ["site/"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hooks[0]["entry"] == ".venv/bin/kb validate --strict" and hooks[0]["files"] == "^catalogue/"
