"""Numbered schema migrations, applied in order with sqlite-utils `Migrations`.

Each module `mNNN_name.py` holds one `migrate(db)`; its module name is the step
name stored in `_sqlite_migrations`. Modules are never edited once released:
a change to the schema is a new module with the next number.
"""
from __future__ import annotations

import importlib
import pkgutil

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

SET_NAME = "recto"


def _steps() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name[:1] == "m"
                  and m.name[1:4].isdigit())


def build() -> Migrations:
    migrations = Migrations(SET_NAME)
    for name in _steps():
        module = importlib.import_module(f"{__name__}.{name}")
        migrations(name=name)(module.migrate)
    return migrations


def known_steps() -> list[str]:
    return _steps()


def run_script(db: Database, script: str) -> None:
    """Run `;`-separated DDL inside the caller's transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
