"""Notes, regions and metadata fields of documents in the project store (their SQL).

Rows brought in from another tool carry an `origin` key (e.g. "tropy:<item>:note:0")
and an id derived from it, so importing the same export again finds them instead of
adding copies. All three take part in undo.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from recto.annotations.model import Box, now_iso
from recto.annotations.project import Project
from recto.annotations.undo import Edit, register_undoable

register_undoable("document_notes", ("id",))
register_undoable("regions", ("id",))
register_undoable("document_fields", ("document_id", "property"))

_NAMESPACE = uuid.UUID("5b0c1d8e-7f43-4a59-9f5e-2a77d8e3c1a0")


@dataclass(frozen=True)
class DocumentNote:
    id: str
    document_id: str
    page_index: int | None  # None: a note on the whole document
    text: str
    html: str = ""
    language: str = ""
    origin: str = ""


@dataclass(frozen=True)
class Region:
    """A box on a page someone marked (a Tropy selection): evidence waiting for a claim."""
    id: str
    document_id: str
    page_index: int
    box: Box
    note: str = ""
    origin: str = ""


def id_for(origin: str) -> str:
    """The stable id of an imported row: the same origin always gives the same id."""
    return str(uuid.uuid5(_NAMESPACE, origin))


def put_note(edit: Edit, project: Project, note: DocumentNote) -> bool:
    """Insert or update a note by id; False when it is already there unchanged."""
    values = {"document_id": note.document_id, "page_index": note.page_index,
              "text": note.text, "html": note.html, "language": note.language,
              "origin": note.origin}
    return _put(edit, project, "document_notes", note.id, values)


def put_region(edit: Edit, project: Project, region: Region) -> bool:
    b = region.box
    values = {"document_id": region.document_id, "page_index": region.page_index,
              "x0": b.x0, "y0": b.y0, "x1": b.x1, "y1": b.y1, "note": region.note,
              "origin": region.origin}
    return _put(edit, project, "regions", region.id, values)


def put_field(edit: Edit, project: Project, document_id: str, prop: str, value: str) -> bool:
    rows = project.query("SELECT value FROM document_fields WHERE document_id = ? AND "
                         "property = ?", [document_id, prop])
    if rows and rows[0]["value"] == value:
        return False
    if rows:
        edit.update("document_fields", {"document_id": document_id, "property": prop},
                    {"value": value})
    else:
        edit.insert("document_fields", {"document_id": document_id, "property": prop,
                                        "value": value})
    return True


def notes_of(project: Project, document_id: str) -> list[DocumentNote]:
    return [DocumentNote(r["id"], r["document_id"], r["page_index"], r["text"], r["html"],
                         r["language"], r["origin"])
            for r in project.query("SELECT * FROM document_notes WHERE document_id = ? "
                                   "ORDER BY page_index, origin, created_at", [document_id])]


def regions_of(project: Project, document_id: str) -> list[Region]:
    return [Region(r["id"], r["document_id"], r["page_index"],
                   Box(r["x0"], r["y0"], r["x1"], r["y1"]), r["note"], r["origin"])
            for r in project.query("SELECT * FROM regions WHERE document_id = ? "
                                   "ORDER BY page_index, origin", [document_id])]


def fields_of(project: Project, document_id: str) -> dict[str, str]:
    return {r["property"]: r["value"] for r in project.query(
        "SELECT property, value FROM document_fields WHERE document_id = ? ORDER BY property",
        [document_id])}


def _put(edit: Edit, project: Project, table: str, row_id: str, values: dict) -> bool:
    rows = project.query(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    if rows:
        if all(rows[0][k] == v for k, v in values.items()):
            return False
        edit.update(table, {"id": row_id}, values)
        return True
    now = now_iso()
    edit.insert(table, {"id": row_id, **values, "author": project.author,
                        "created_at": now, "modified_at": now})
    return True
