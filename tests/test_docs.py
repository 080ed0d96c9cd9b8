"""The README documents every command (a new command without docs fails here)."""
from __future__ import annotations

from pathlib import Path

import ui.launcher  # noqa: F401  (adds `gui` to the group)
from app.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    missing = [name for name in cli.commands if f"recto {name}" not in README]
    assert not missing, f"README.md does not document: {', '.join(sorted(missing))}"
