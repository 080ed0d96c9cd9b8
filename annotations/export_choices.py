"""What the export dialog offers to filter by, read from the project store.

The filters only make sense with values that exist: the dialog lists the
project's authors (tags and documents come from their own stores).
"""
from __future__ import annotations

from recto.annotations.project import Project

AUTHORED = ("redactions", "mentions", "claims", "actors")  # the rows ExportFilters.authors narrows


def authors(project: Project) -> list[str]:
    """Every non-empty author of an exportable annotation, sorted."""
    union = " UNION ".join(f"SELECT author FROM {t}" for t in AUTHORED)
    return [r["author"] for r in project.query(
        f"SELECT author FROM ({union}) WHERE author != '' ORDER BY author")]
