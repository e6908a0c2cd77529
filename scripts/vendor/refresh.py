"""Refresh the vendored browser libraries in docs/assets/vendor/ from the npm registry.

Run from the repository root: `python3 scripts/vendor/refresh.py` (needs node and npm).
package.json pins each package's exact version; manifest.json says which files of it the site
ships and why. Each package's folder gets its files, its licence and a README naming the version.
`--check` compares the vendored files with a fresh install and exits 1 on any difference.
A file listed under "minify" is shipped minified by terser (a pinned dev dependency), because
every reader's first search fetches it; the result is the same for the same versions.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "docs/assets/vendor"
LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license", "LICENSE-MIT")


def install() -> Path:
    """npm ci into node_modules/ at the root (package-lock.json pins the whole tree)."""
    lock = ROOT / "package-lock.json"
    cmd = ["npm", "ci"] if lock.exists() else ["npm", "install"]
    subprocess.run(cmd + ["--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True)
    return ROOT / "node_modules"


def minify(modules: Path, source: Path) -> bytes:
    """The file as terser minifies it (licence comments kept)."""
    run = subprocess.run(["node", str(modules / "terser/bin/terser"), str(source), "--compress", "--mangle",
                          "--comments", "some"], capture_output=True, check=True)
    return run.stdout


def wanted(modules: Path) -> dict[Path, bytes]:
    manifest = json.loads((Path(__file__).parent / "manifest.json").read_text(encoding="utf-8"))
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    out: dict[Path, bytes] = {}
    for name, spec in manifest["packages"].items():
        pkg = modules / name
        version = json.loads((pkg / "package.json").read_text(encoding="utf-8"))["version"]
        if version != pins[name]:
            raise SystemExit(f"{name}: installed {version}, package.json pins {pins[name]}")
        dest = VENDOR / spec["dest"]
        for src, target in spec["files"].items():
            out[dest / target] = (minify(modules, pkg / src) if target in spec.get("minify", ())
                                  else (pkg / src).read_bytes())
        licence = next((pkg / n for n in LICENCE_NAMES if (pkg / n).exists()), None)
        if licence is None:
            raise SystemExit(f"{name}: no licence file in the package")
        out[dest / "LICENSE"] = licence.read_bytes()
        files = ", ".join(f"`{t}` is `{s}`" + (" minified by terser" if t in spec.get("minify", ()) else "")
                          for s, t in spec["files"].items())
        changed = "otherwise unchanged" if spec.get("minify") else "unchanged"
        out[dest / "README.md"] = (f"# {name} {version}\n\n{files} of the npm package {name} {version}, "
                                   f"{changed} (licence in LICENSE). Refreshed by `scripts/vendor/refresh.py`.\n\n"
                                   f"{spec['why']}\n").encode()
    return out


def main(argv: list[str]) -> int:
    files = wanted(install())
    if "--check" in argv:
        stale = [p for p, data in files.items() if not p.exists() or p.read_bytes() != data]
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"{len(files)} files written under {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
