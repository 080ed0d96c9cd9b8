"""`recto` command line: a thin click layer over app/ services.

Every module in this package adds its commands to the shared group in base.py,
so a new area of the app adds a file here and touches nothing else.
"""
from __future__ import annotations

import importlib
import pkgutil

from app.cli.base import cli

for _mod in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _mod != "base":
        importlib.import_module(f"{__name__}.{_mod}")


def main() -> None:
    cli(prog_name="recto")
