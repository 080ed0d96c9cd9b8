"""ui -> app -> annotations and independent features, checked by import-linter's contracts
in pyproject.toml, on the tree copied into the wheel's layout (scripts/lint_tree.py) as
scripts/lint.sh checks it."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("lint_tree", ROOT / "scripts" / "lint_tree.py")
assert spec is not None and spec.loader is not None
lint_tree = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lint_tree)


def _contracts(tree: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(lint), str(ROOT / "pyproject.toml"), "--no-cache"], cwd=tree,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(tree)})


def test_import_contracts_hold(tmp_path):
    out = _contracts(lint_tree.build(tmp_path / "lint"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_contracts_would_catch_a_violation(tmp_path):
    """The checker is live: a module in annotations/ importing Qt breaks a contract."""
    tree = lint_tree.build(tmp_path / "lint")
    (tree / "recto" / "annotations" / "_layering_probe.py").write_text(
        "import PySide6  # deliberately wrong\n")
    out = _contracts(tree)
    assert out.returncode != 0 and "recto.annotations" in out.stdout
