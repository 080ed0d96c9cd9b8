"""Undo in the core: named steps holding each touched row's before and after state.

Every undoable change goes through an `Edit`, which writes the row and records
its before/after images as JSON in `undo_steps`/`undo_changes`, inside the same
transaction. The log lives in the project file, so `recto undo` in a new process
undoes what the GUI did, and a crash never splits an edit from its undo record.
"""
from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from recto.annotations.changes import ChangeSet  # noqa: F401  (re-exported)
from recto.annotations.errors import InvalidInputError, NothingToUndoError
from recto.annotations.model import now_iso

if TYPE_CHECKING:
    from recto.annotations.project import Project

MAX_STEPS = 500

# Tables whose rows are human judgements and so take part in undo.
UNDOABLE = {
    "documents": ("id",),
    "pages": ("document_id", "page_index"),
    "redactions": ("id",),
    "actors": ("id",),
    "actor_aliases": ("id",),
    "mentions": ("id",),
    "claims": ("id",),
    "claim_actors": ("claim_id", "actor_id", "role"),
    "claim_evidence": ("id",),
    "claim_links": ("id",),
    "tags": ("id",),
    "annotation_tags": ("annotation_id", "kind", "tag_id"),
    "project_meta": ("key",),  # e.g. an imported document's file name
}

# Tables whose rows carry derived data (words, search index): restored by their own module,
# imported lazily because those modules build on the project (which builds on this one).
RESTORERS = {"page_texts": "recto.annotations.page_text_undo"}


def register_undoable(table: str, pks: tuple[str, ...]) -> None:
    """Later migrations add their tables here (e.g. release links)."""
    UNDOABLE[table] = pks


@dataclass
class Edit:
    project: Project
    label: str
    changes: list[tuple[str, dict, dict | None, dict | None]] = field(default_factory=list)

    def insert(self, table: str, row: dict[str, Any]) -> None:
        pk = _pk_of(table, row)
        cols = list(row)
        self._db().execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols])
        self.changes.append((table, pk, None, self._fetch(table, pk)))

    def update(self, table: str, pk: dict[str, Any], values: dict[str, Any]) -> None:
        before = self._fetch(table, pk)
        if before is None:
            raise InvalidInputError(f"Nothing to change: no {table} row {_pk_text(pk)}.")
        if "modified_at" in before and "modified_at" not in values:
            values = {**values, "modified_at": now_iso()}
        sets = ", ".join(f"{c} = ?" for c in values)
        where, params = _where(pk)
        self._db().execute(f"UPDATE {table} SET {sets} WHERE {where}",
                           [*values.values(), *params])
        self.changes.append((table, pk, before, self._fetch(table, pk)))

    def delete(self, table: str, pk: dict[str, Any]) -> None:
        before = self._fetch(table, pk)
        if before is None:
            return
        where, params = _where(pk)
        self._db().execute(f"DELETE FROM {table} WHERE {where}", params)
        self.changes.append((table, pk, before, None))

    def record(self, table: str, pk: dict, before: dict | None, after: dict | None) -> None:
        """Log a change a store already wrote (see RESTORERS), so undo and redo replay it."""
        if table not in RESTORERS:
            raise ValueError(f"{table} has no restorer; use insert/update/delete")
        self.changes.append((table, pk, before, after))

    def change_set(self, kind: str = "edit") -> ChangeSet:
        return _change_set(self.label, [(t, pk) for t, pk, _, _ in self.changes], kind)

    def _db(self):
        return self.project.db

    def _fetch(self, table: str, pk: dict) -> dict | None:
        where, params = _where(pk)
        rows = list(self._db().query(f"SELECT * FROM {table} WHERE {where}", params))
        return rows[0] if rows else None


class UndoLog:
    def __init__(self, project: Project):
        self.project = project

    def begin(self, label: str) -> Edit:
        return Edit(self.project, label)

    def commit(self, edit: Edit) -> None:
        if not edit.changes:
            return
        db = self.project.db
        db.execute("DELETE FROM undo_steps WHERE undone = 1")
        cur = db.execute("INSERT INTO undo_steps(label, created_at) VALUES (?, ?)",
                         [edit.label, now_iso()])
        step_id = cur.lastrowid
        assert step_id is not None  # an INSERT always has one
        db.conn.executemany(
            "INSERT INTO undo_changes(step_id, seq, tbl, pk, before, after) VALUES (?,?,?,?,?,?)",
            [(step_id, i, t, json.dumps(pk), _dump(b), _dump(a))
             for i, (t, pk, b, a) in enumerate(edit.changes)])
        db.execute("DELETE FROM undo_steps WHERE id <= ?", [step_id - MAX_STEPS])

    def next_undo_label(self) -> str | None:
        row = self._step("undone = 0", "DESC")
        return row["label"] if row else None

    def next_redo_label(self) -> str | None:
        row = self._step("undone = 1", "ASC")
        return row["label"] if row else None

    def undo(self) -> ChangeSet:
        step = self._step("undone = 0", "DESC")
        if step is None:
            raise NothingToUndoError("There is nothing to undo.")
        return self._replay(step, undo=True)

    def redo(self) -> ChangeSet:
        step = self._step("undone = 1", "ASC")
        if step is None:
            raise NothingToUndoError("There is nothing to redo.")
        return self._replay(step, undo=False)

    def _step(self, where: str, order: str) -> dict | None:
        rows = list(self.project.db.query(
            f"SELECT id, label FROM undo_steps WHERE {where} ORDER BY id {order} LIMIT 1"))
        return rows[0] if rows else None

    def _replay(self, step: dict, undo: bool) -> ChangeSet:
        db = self.project.db
        changes = list(db.query(
            "SELECT tbl, pk, before, after FROM undo_changes WHERE step_id = ? ORDER BY seq "
            + ("DESC" if undo else "ASC"), [step["id"]]))
        with db.atomic():
            for ch in changes:
                target = ch["before"] if undo else ch["after"]
                _restore(db, ch["tbl"], json.loads(ch["pk"]),
                         json.loads(target) if target is not None else None)
            db.execute("UPDATE undo_steps SET undone = ? WHERE id = ?", [int(undo), step["id"]])
        touched = [(c["tbl"], json.loads(c["pk"])) for c in changes]
        return _change_set(step["label"], touched, "undo" if undo else "redo")


def _restore(db, table: str, pk: dict, row: dict | None) -> None:
    """Put a row back as it was; UPDATE in place so child rows' foreign keys hold."""
    if table in RESTORERS:
        importlib.import_module(RESTORERS[table]).restore(db, pk, row)
        return
    where, params = _where(pk)
    exists = list(db.query(f"SELECT 1 FROM {table} WHERE {where}", params))
    if row is None:
        if exists:
            db.execute(f"DELETE FROM {table} WHERE {where}", params)
    elif exists:
        sets = ", ".join(f"{c} = ?" for c in row)
        db.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*row.values(), *params])
    else:
        cols = list(row)
        db.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                   [row[c] for c in cols])


def _pk_of(table: str, row: dict) -> dict:
    if table not in UNDOABLE:
        raise ValueError(f"{table} is not an undoable table")
    return {c: row[c] for c in UNDOABLE[table]}


def _where(pk: dict) -> tuple[str, list]:
    return " AND ".join(f"{c} = ?" for c in pk), list(pk.values())


def _pk_text(pk: dict) -> str:
    return ", ".join(str(v) for v in pk.values())


def _dump(row: dict | None) -> str | None:
    return None if row is None else json.dumps(row, ensure_ascii=False)


def _change_set(label: str, touched: list[tuple[str, dict]], kind: str) -> ChangeSet:
    tables = frozenset(t for t, _ in touched)
    ids = frozenset(str(v) for _, pk in touched for k, v in pk.items() if k.endswith("id"))
    return ChangeSet(label, tables, ids, kind)
