"""Documents and pages in the project store (all their SQL lives here)."""
from __future__ import annotations

import json
from collections.abc import Sequence

from recto.annotations.errors import NotFoundError
from recto.annotations.model import ArchivalReference, Document, DocumentMetadata, Page, now_iso
from recto.annotations.project import Project

REFERENCE_FIELDS = ("archive", "collection", "box_folder", "item", "citation")
METADATA_FIELDS = ("date", "creator", "type", "language", "rights", "archive_place")


def add_document(project: Project, doc: Document, pages: list[Page],
                 extra_rows: Sequence[tuple[str, dict]] = ()) -> Document:
    """Insert a document and its pages as one undoable step (with `extra_rows`, e.g. the
    image sources of a photo document, so undoing the add removes them too)."""
    now = now_iso()
    with project.edit(f"Add document {doc.title}") as ed:
        ed.insert("documents", {
            "id": doc.id, "sha256": doc.sha256, "title": doc.title, "path": doc.path,
            "file_size": doc.file_size, "file_mtime": doc.file_mtime,
            "page_count": doc.page_count, "languages": json.dumps(list(doc.languages)),
            **{f: getattr(doc.reference, f) for f in REFERENCE_FIELDS},
            **{f: getattr(doc.metadata, f) for f in METADATA_FIELDS},
            "first_page": doc.first_page,
            "page_labels": json.dumps(list(doc.page_labels)) if doc.page_labels else None,
            "author": project.author, "created_at": now, "modified_at": now,
        })
        for p in pages:
            ed.insert("pages", {
                "document_id": doc.id, "page_index": p.page_index, "width_pt": p.width,
                "height_pt": p.height, "rotation": p.rotation,
                "has_text_layer": int(p.has_text_layer),
            })
        for table, row in extra_rows:
            ed.insert(table, row)
    return get_document(project, doc.id)


def get_document(project: Project, document_id: str) -> Document:
    rows = project.query("SELECT * FROM documents WHERE id = ?", [document_id])
    if not rows:
        rows = project.query("SELECT * FROM documents WHERE substr(id, 1, ?) = ?",
                             [len(document_id), document_id])
        if len(rows) != 1:
            raise NotFoundError(f"No document with id {document_id} in this project.")
    return _document(rows[0])


def find_by_sha256(project: Project, sha256: str) -> Document | None:
    rows = project.query("SELECT * FROM documents WHERE sha256 = ?", [sha256])
    return _document(rows[0]) if rows else None


def list_documents(project: Project) -> list[Document]:
    return [_document(r) for r in project.query(
        "SELECT * FROM documents ORDER BY created_at, title")]


def pages_of(project: Project, document_id: str) -> list[Page]:
    return [_page(r) for r in project.query(
        "SELECT * FROM pages WHERE document_id = ? ORDER BY page_index", [document_id])]


def get_page(project: Project, document_id: str, page_index: int) -> Page:
    rows = project.query("SELECT * FROM pages WHERE document_id = ? AND page_index = ?",
                         [document_id, page_index])
    if not rows:
        raise NotFoundError(f"The document has no page {page_index + 1}.")
    return _page(rows[0])


def set_reference(project: Project, document_id: str, reference: ArchivalReference,
                  title: str | None = None) -> Document:
    values = {f: getattr(reference, f) for f in REFERENCE_FIELDS}
    if title is not None:
        values["title"] = title
    with project.edit("Edit archival reference") as ed:
        ed.update("documents", {"id": document_id}, values)
    return get_document(project, document_id)


def set_metadata(project: Project, document_id: str, metadata: DocumentMetadata) -> Document:
    """The document's own date, creator, type, language and rights, as one undoable step."""
    current = get_document(project, document_id)
    values = {f: getattr(metadata, f) for f in METADATA_FIELDS
              if getattr(metadata, f) != getattr(current.metadata, f)}
    if values:
        with project.edit("Edit document metadata") as ed:
            ed.update("documents", {"id": current.id}, {**values, "modified_at": now_iso()})
    return get_document(project, current.id)


def set_page_numbering(project: Project, document_id: str, first_page: int | None,
                       page_labels: tuple[str, ...] | None = None) -> Document:
    """How the PDF's pages are numbered on the original (labels win over the offset);
    `page_labels=None` keeps the labels there are."""
    current = get_document(project, document_id)
    values: dict = {"first_page": first_page}
    if page_labels is not None:
        values["page_labels"] = json.dumps(list(page_labels)) if page_labels else None
    with project.edit("Set page numbering") as ed:
        ed.update("documents", {"id": current.id}, {**values, "modified_at": now_iso()})
    return get_document(project, current.id)


def set_languages(project: Project, document_id: str, languages: tuple[str, ...]) -> None:
    with project.edit("Set document languages") as ed:
        ed.update("documents", {"id": document_id}, {"languages": json.dumps(list(languages))})


def relink(project: Project, document_id: str, path: str, size: int, mtime: float) -> None:
    """Record where the file is now; not an undoable judgement, just bookkeeping."""
    with project.transaction() as db:
        db.execute("UPDATE documents SET path = ?, file_size = ?, file_mtime = ? WHERE id = ?",
                   [path, size, mtime, document_id])


def document_from_row(row: dict) -> Document:
    """A Document from a `documents` row (for code that already read the rows)."""
    return _document(row)


def _document(row: dict) -> Document:
    return Document(
        id=row["id"], sha256=row["sha256"], title=row["title"], path=row["path"],
        page_count=row["page_count"],
        reference=ArchivalReference(**{f: row[f] for f in REFERENCE_FIELDS}),
        languages=tuple(json.loads(row["languages"] or "[]")),
        file_size=row["file_size"], file_mtime=row["file_mtime"], author=row["author"],
        created_at=row["created_at"], modified_at=row["modified_at"],
        metadata=DocumentMetadata(**{f: row[f] for f in METADATA_FIELDS}),
        first_page=row["first_page"],
        page_labels=tuple(json.loads(row["page_labels"] or "[]")))


def _page(row: dict) -> Page:
    return Page(document_id=row["document_id"], page_index=row["page_index"],
                width=row["width_pt"], height=row["height_pt"], rotation=row["rotation"],
                has_text_layer=bool(row["has_text_layer"]))
