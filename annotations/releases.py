"""Release links in the project store (all their SQL): which documents are releases
of the same record, and the page words a comparison reads in one query.

Linking and unlinking are undoable steps, like any human judgement. A group of
releases is a connected set of links (A-B and B-C make one record in three
releases), read, never stored, so unlinking one pair can split a group cleanly.
"""
from __future__ import annotations

from dataclasses import dataclass

from recto.annotations.errors import InvalidInputError, NotFoundError
from recto.annotations.model import Box, OcrWord, new_id, now_iso
from recto.annotations.project import Project
from recto.annotations.undo import register_undoable

TABLE = "release_links"
register_undoable(TABLE, ("id",))


@dataclass(frozen=True)
class ReleaseLink:
    id: str
    document_a: str
    document_b: str
    note: str = ""
    author: str = ""
    created_at: str = ""
    modified_at: str = ""

    def other(self, document_id: str) -> str:
        return self.document_b if document_id == self.document_a else self.document_a


# -- writing -------------------------------------------------------------------------
def link_releases(project: Project, document_a: str, document_b: str,
                  note: str = "") -> ReleaseLink:
    """Mark two documents as releases of one record (one undoable step)."""
    if document_a == document_b:
        raise InvalidInputError("A document cannot be a release of itself.")
    for doc_id in (document_a, document_b):
        if not project.query("SELECT 1 FROM documents WHERE id = ?", [doc_id]):
            raise NotFoundError(f"No document with id {doc_id} in this project.")
    link_id, now = new_id(), now_iso()
    with project.edit("Link releases") as ed:
        if find_link(project, document_a, document_b) is not None:
            raise InvalidInputError("These two documents are already linked as releases.")
        ed.insert(TABLE, {"id": link_id, "document_a": document_a, "document_b": document_b,
                          "note": note, "author": project.author, "created_at": now,
                          "modified_at": now})
    return get_link(project, link_id)


def unlink_releases(project: Project, link_id: str) -> None:
    get_link(project, link_id)
    with project.edit("Unlink releases") as ed:
        ed.delete(TABLE, {"id": link_id})


# -- reading -------------------------------------------------------------------------
def get_link(project: Project, link_id: str) -> ReleaseLink:
    rows = project.query(f"SELECT * FROM {TABLE} WHERE id = ?", [link_id])
    if not rows and len(link_id) >= 4:
        rows = project.query(f"SELECT * FROM {TABLE} WHERE substr(id, 1, ?) = ?",
                             [len(link_id), link_id])
    if len(rows) != 1:
        raise NotFoundError(f"No release link with id {link_id} in this project.")
    return ReleaseLink(**rows[0])


def find_link(project: Project, document_a: str, document_b: str) -> ReleaseLink | None:
    """The link between two documents, in either order."""
    rows = project.query(
        f"SELECT * FROM {TABLE} WHERE (document_a = ? AND document_b = ?) "
        "OR (document_a = ? AND document_b = ?)", [document_a, document_b, document_b, document_a])
    return ReleaseLink(**rows[0]) if rows else None


def list_links(project: Project, document_id: str | None = None) -> list[ReleaseLink]:
    where, params = ("WHERE document_a = ? OR document_b = ?", [document_id, document_id]) \
        if document_id else ("", [])
    return [ReleaseLink(**r) for r in project.query(
        f"SELECT * FROM {TABLE} {where} ORDER BY created_at, id", params)]


def release_groups(project: Project) -> list[tuple[str, ...]]:
    """Documents that are releases of one record, each group in the order added."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in list_links(project):
        parent[root(link.document_a)] = root(link.document_b)
    order = {r["id"]: i for i, r in enumerate(project.query(
        "SELECT id FROM documents ORDER BY created_at, title"))}
    groups: dict[str, list[str]] = {}
    for doc_id in parent:
        groups.setdefault(root(doc_id), []).append(doc_id)
    return sorted((tuple(sorted(g, key=lambda d: order.get(d, 0))) for g in groups.values()),
                  key=lambda g: order.get(g[0], 0))


def document_words(project: Project, sha256: str) -> dict[int, list[OcrWord]]:
    """Current OCR words of every page of a document (page_index -> words in order)."""
    rows = project.query(
        "SELECT w.page_index, w.text, w.x0, w.y0, w.x1, w.y1, w.conf, w.block, w.par, w.line, "
        "w.lang FROM current_text c JOIN page_words w USING (doc_sha256, page_index, "
        "settings_key) WHERE c.doc_sha256 = ? ORDER BY w.page_index, w.seq", [sha256])
    out: dict[int, list[OcrWord]] = {}
    for r in rows:
        out.setdefault(r["page_index"], []).append(OcrWord(
            r["text"], Box(r["x0"], r["y0"], r["x1"], r["y1"]), r["conf"], r["block"],
            r["par"], r["line"], r["lang"]))
    return out


def has_redactions(project: Project, document_id: str) -> bool:
    """Whether anyone (a person or detection) has recorded redactions on the document."""
    return bool(project.query("SELECT 1 FROM redactions WHERE document_id = ? LIMIT 1",
                              [document_id]))


def redaction_boxes(project: Project, document_id: str) -> dict[int, list[Box]]:
    """Boxes of confirmed and suggested redactions (rejected ones are not redactions)."""
    out: dict[int, list[Box]] = {}
    for r in project.query(
            "SELECT page_index, x0, y0, x1, y1 FROM redactions WHERE document_id = ? "
            "AND status IN ('confirmed', 'suggested') ORDER BY page_index, y0, x0",
            [document_id]):
        out.setdefault(r["page_index"], []).append(Box(r["x0"], r["y0"], r["x1"], r["y1"]))
    return out
