"""What one edit, undo or redo changed: the value views use to refresh only what they show.

Kept apart from the undo machinery so views (and the CLI) depend on this small value,
as Anki's screens depend on its `OpChanges`, not on how undo is stored.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChangeSet:
    """What one step changed, so each view refreshes only what it shows."""
    label: str
    tables: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    kind: str = "edit"  # "edit", "undo", "redo", "external"

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))
