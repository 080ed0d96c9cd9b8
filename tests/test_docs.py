"""The README documents every command (a new command without docs fails here)."""
from __future__ import annotations

from pathlib import Path

import recto.ui.launcher  # noqa: F401  (adds `gui` to the group)
from recto.app.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    missing = [name for name in cli.commands if f"recto {name}" not in README]
    assert not missing, f"README.md does not document: {', '.join(sorted(missing))}"


def test_readme_carries_the_current_export_schema():
    import importlib.util
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("sync_readme",
                                                  root / "scripts" / "sync_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.synced(README) == README, "run: .venv/bin/python scripts/sync_readme.py"
    for table in ("documents", "pages", "redactions", "actors", "actor_aliases", "mentions",
                  "claims", "claim_actors", "claim_evidence", "claim_links", "tags",
                  "annotation_tags", "citations"):
        assert f"`{table}`" in README
