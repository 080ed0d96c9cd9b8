"""Image pages in the project store: where each page of a photo document comes from.

Reordering, rotating and cropping rewrite these rows and the page sizes in
`pages` in place, as one undoable step, so the page numbers people cite stay
1..n and `recto undo` puts the old order back.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from recto.annotations.project import Project
from recto.annotations.undo import register_undoable

TABLE = "image_pages"
register_undoable(TABLE, ("document_id", "page_index"))


@dataclass(frozen=True)
class ImagePage:
    """One page of an image document: file (name in the folder, '' = the document's
    own file), TIFF frame, clockwise quarter turns in degrees, crop in fractions."""
    document_id: str
    page_index: int
    source: str
    file_seq: int = 0  # place of the file in the order its bytes were hashed
    frame: int = 0
    rotation: int = 0
    crop: tuple[float, float, float, float] | None = None

    def row(self) -> dict:
        return {"document_id": self.document_id, "page_index": self.page_index,
                "source": self.source,
                "file_seq": self.file_seq, "frame": self.frame, "rotation": self.rotation,
                "crop": json.dumps(list(self.crop)) if self.crop else ""}


def image_pages_of(project: Project, document_id: str) -> list[ImagePage]:
    return [_image_page(r) for r in project.query(
        f"SELECT * FROM {TABLE} WHERE document_id = ? ORDER BY page_index", [document_id])]


def is_image_document(project: Project, document_id: str) -> bool:
    return bool(project.query(f"SELECT 1 FROM {TABLE} WHERE document_id = ? LIMIT 1",
                              [document_id]))


def rows_for_add(pages: list[ImagePage]) -> list[tuple[str, dict]]:
    """The rows a new image document adds beside its pages (see documents.add_document)."""
    return [(TABLE, p.row()) for p in pages]


def rewrite_pages(project: Project, label: str, pages: list[ImagePage],
                  sizes: list[tuple[float, float]]) -> None:
    """Store a new layout (order, rotation, crop) and the page sizes it gives, undoably."""
    with project.edit(label) as ed:
        for page, (width, height) in zip(pages, sizes, strict=True):
            key = {"document_id": page.document_id, "page_index": page.page_index}
            row = page.row()
            ed.update(TABLE, key, {k: row[k] for k in ("source", "file_seq", "frame", "rotation",
                                                       "crop")})
            ed.update("pages", key, {"width_pt": width, "height_pt": height})


def has_work(project: Project, document_id: str, sha256: str) -> bool:
    """Whether OCR or annotations already point at this document's pages (then the
    pages may no longer move: their text and boxes would land on the wrong image)."""
    checks = [("SELECT 1 FROM page_texts WHERE doc_sha256 = ? LIMIT 1", sha256)] + [
        (f"SELECT 1 FROM {t} WHERE document_id = ? LIMIT 1", document_id)
        for t in ("redactions", "mentions", "claim_evidence")]
    return any(project.query(sql, [arg]) for sql, arg in checks)


def _image_page(row: dict) -> ImagePage:
    crop = tuple(json.loads(row["crop"])) if row["crop"] else None
    return ImagePage(row["document_id"], row["page_index"], row["source"], row["file_seq"],
                     row["frame"], row["rotation"], crop)
