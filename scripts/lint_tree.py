"""Copy the source tree into OUT/recto in the wheel's layout (recto/app, recto/ui, ...).

mypy and import-linter read files, not the installed package mapping of setup.py, so they
run on this copy; scripts/lint.sh and tests/test_layering.py both build it here.

    python scripts/lint_tree.py [OUT]     (default: build/lint)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "ui", "annotations")


def build(out: Path, root: Path = ROOT) -> Path:
    """OUT/recto with recto/*.py and every Python file of app/, ui/, annotations/ that git
    tracks or would track; returns OUT."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "recto").mkdir(parents=True)
    for init in (root / "recto").glob("*.py"):
        shutil.copy2(init, out / "recto" / init.name)
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", *PACKAGES],
                            cwd=root, capture_output=True, text=True, check=True).stdout
    for name in listed.split():
        if name.endswith(".py") and (root / name).is_file():
            target = out / "recto" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, target)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "lint"))
