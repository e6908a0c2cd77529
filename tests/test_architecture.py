"""The module map (scripts/kb/ARCHITECTURE.md) held against the code: dependencies run one way,
core ← history ← site / exports / tools ← bench, and the core imports nothing of the generator."""
import ast
from pathlib import Path

from conftest import ROOT

KB = ROOT / "scripts/kb"
# What each sub-package may import of the others (besides itself). cli.py and __main__ wire them all.
ALLOWED = {
    "core": set(),
    "history": {"core"},
    "exports": {"core", "history"},
    "tools": {"core", "history"},
    "site": {"core", "history", "exports"},   # the site publishes the exports on its 下载 page
    "bench": {"core", "history", "exports", "tools", "site"},
}
GENERATOR = ("mkdocs", "material", "jinja2", "markdown", "pymdownx")


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in a file, including those inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import; write kb.<package>.<module>"
            found.append((node.lineno, node.module or ""))
    return found


def package_of(path: Path) -> str:
    return path.relative_to(KB).parts[0] if len(path.relative_to(KB).parts) > 1 else ""


def test_every_module_lives_in_a_role_package():
    loose = sorted(p.name for p in KB.glob("*.py")) 
    assert loose == ["__init__.py", "__main__.py", "cli.py"]
    assert set(ALLOWED) == {p.name for p in KB.iterdir() if p.is_dir() and p.name != "__pycache__"}


def test_dependencies_run_one_way():
    wrong = []
    for path in KB.rglob("*.py"):
        package = package_of(path)
        if not package:
            continue
        for line, module in imports(path):
            parts = module.split(".")
            if parts[0] != "kb":
                continue
            target = parts[1] if len(parts) > 1 else ""
            if target != package and target not in ALLOWED[package]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {package} imports {module}")
    assert wrong == []


def test_the_core_imports_nothing_of_the_generator():
    wrong = [f"{path.relative_to(ROOT)}:{line}: {module}"
             for package in ("core", "history", "exports", "tools")
             for path in (KB / package).rglob("*.py")
             for line, module in imports(path) if module.split(".")[0] in GENERATOR]
    assert wrong == []


def test_nothing_in_the_package_imports_the_tests():
    for path in KB.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert '"tests"' not in text and "from conftest" not in text and "from browser" not in text, path


def test_every_module_has_its_test_file_in_the_mirrored_folder_or_is_covered_end_to_end():
    # A newcomer finds a module's tests by its name: tests/<package>/test_<module>.py where one exists.
    for test in (ROOT / "tests").rglob("test_*.py"):
        folder = test.parent.relative_to(ROOT / "tests").parts
        if folder:
            assert folder[0] in ALLOWED, f"{test}: tests/{folder[0]}/ mirrors no package"


def test_the_module_map_names_every_package():
    text = (KB / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for package in ALLOWED:
        assert f"`{package}/`" in text
