"""`recto` command line: a thin click layer over app/ services.

Each module below adds its commands to the shared group in base.py; the list is
explicit so a reader sees every area of the command line in one place.
"""
from __future__ import annotations

from recto.app.cli import (  # noqa: F401  (imported for the commands they register)
    actors,
    batch,
    claims,
    documents,
    export,
    mentions,
    notes,
    ocr,
    pages,
    redactions,
    redactions_detect,
    releases,
)
from recto.app.cli.base import cli


def main() -> None:
    cli(prog_name="recto")
