"""ui -> app -> annotations, checked by import-linter's contracts in pyproject.toml."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_contracts_would_catch_a_violation(tmp_path):
    """The checker is live: a module in annotations/ importing Qt breaks a contract."""
    bad = ROOT / "annotations" / "_layering_probe.py"
    bad.write_text("import PySide6  # deliberately wrong\n")
    try:
        lint = Path(sys.executable).with_name("lint-imports")
        out = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert out.returncode != 0 and "annotations" in out.stdout
    finally:
        bad.unlink()
