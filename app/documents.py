"""Adding PDFs to a project and finding their files again.

A document is its bytes: the SHA-256 identifies it, so a renamed or moved file
keeps its annotations and a changed file is a new document. The path is only
the last place it was seen.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from recto.annotations import documents as store
from recto.annotations.model import ArchivalReference, Document, Page, new_id
from recto.annotations.project import Project
from recto.app.errors import FileMissingError, InvalidInputError
from recto.app.jobs import TaskState
from recto.app.pdf.reader import check_pdf_file, sha256_of
from recto.app.pdf.reader_process import PdfReaderProcess


@dataclass(frozen=True)
class AddResult:
    document: Document
    created: bool
    relinked: bool = False  # known by its bytes, found at a new path


def parse_reference(text: str | None) -> ArchivalReference:
    """ "ICRC Archives, B AG 232 105-027" -> archive + the rest as collection; the whole
    text is kept as the citation."""
    if not text:
        return ArchivalReference()
    parts = [p.strip() for p in text.split(",")]
    archive = parts[0]
    return ArchivalReference(
        archive=archive, collection=", ".join(parts[1:]), citation=text.strip()
    )


def add_pdf(
    project: Project,
    path: str | os.PathLike,
    *,
    reference: ArchivalReference | None = None,
    title: str | None = None,
    state: TaskState | None = None,
) -> AddResult:
    """Add one PDF; adding the same bytes again returns the existing document."""
    path = check_pdf_file(path).absolute()
    sha = sha256_of(path)
    existing = store.find_by_sha256(project, sha)
    stat = path.stat()
    if existing is not None:
        if existing.path != str(path):
            store.relink(project, existing.id, str(path), stat.st_size, stat.st_mtime)
            return AddResult(store.get_document(project, existing.id), created=False,
                             relinked=True)
        return AddResult(store.get_document(project, existing.id), created=False)
    doc_id = new_id()
    # MuPDF works in a helper process: a hostile page can neither hold this thread's
    # interpreter lock (the window's) nor grow this process (app.pdf.reader_process)
    with PdfReaderProcess(path, state) as reader:
        outline = reader.outline
        pages = []
        for facts in reader.pages():
            if state is not None:
                state.check()
                state.report(facts.index, outline.page_count, path.name)
            pages.append(Page(doc_id, facts.index, facts.width, facts.height, facts.rotation,
                              has_text_layer=facts.has_text))
        document = Document(
            id=doc_id, sha256=sha, title=title or outline.title.strip() or path.stem,
            path=str(path), page_count=len(pages), reference=reference or ArchivalReference(),
            file_size=stat.st_size, file_mtime=stat.st_mtime, page_labels=outline.labels)
        added = store.add_document(project, document, pages)
        if any(p.has_text_layer for p in pages):
            from recto.app.pdf.text_layer import import_text_layer  # it resolves paths through us
            import_text_layer(project, added, state, real_only=True, reader=reader)
    return AddResult(added, created=True)


def add_any(project: Project, path: str | os.PathLike, **kwargs) -> AddResult:
    """A PDF, or an image / multi-page TIFF / folder of images as one photo document."""
    from recto.app.pdf.images import is_image_file
    from recto.app.photos import add_images
    if Path(path).is_dir() or is_image_file(path):
        return add_images(project, path, **kwargs)
    return add_pdf(project, path, **kwargs)


def add_pdfs(project: Project, paths: list[str | os.PathLike],
             state: TaskState | None = None) -> tuple[list[AddResult], list[tuple[str, str]]]:
    """Add several PDFs, images or folders of images (each folder one document);
    a bad file is reported and skipped, the rest still go in."""
    results, failures = [], []
    for i, path in enumerate(paths):
        if state is not None:
            state.check()
            state.report(i, len(paths), Path(path).name)
        try:
            result = add_any(project, path)
            resolve_path(project, result.document)  # a photo document's PDF, built off the UI
            results.append(result)
        except InvalidInputError:
            raise
        except Exception as exc:  # noqa: BLE001 - each file's failure is reported, not fatal
            failures.append((str(path), getattr(exc, "message", str(exc))))
    if state is not None:
        state.report(len(paths), len(paths))
    return results, failures


def resolve_path(project: Project, document: Document) -> Path:
    """The file of a document now: its last path if unchanged, else a same-named file
    beside the project whose bytes match (then relinked). Raises FileMissingError.
    For a photo document: the PDF derived from its images (see app.photos)."""
    from recto.app import photos
    if photos.is_image_document(project, document):
        return photos.derived_pdf(project, document)
    if document.path:
        path = Path(document.path)
        if path.is_file():
            stat = path.stat()
            if stat.st_size == document.file_size and stat.st_mtime == document.file_mtime:
                return path
            if sha256_of(path) == document.sha256:
                store.relink(project, document.id, str(path), stat.st_size, stat.st_mtime)
                return path
        candidate = project.path.parent / path.name
        if candidate.is_file() and candidate != path and sha256_of(candidate) == document.sha256:
            relink(project, document, candidate)
            return candidate
    raise FileMissingError(
        f"The PDF of \"{document.title}\" is no longer at {document.path}. "
        "Use Relink to show Recto where it is now; its annotations are kept.")


def relink(project: Project, document: Document, path: str | os.PathLike) -> Document:
    from recto.app import photos
    if photos.is_image_document(project, document):
        return photos.relink_images(project, document, path)
    path = check_pdf_file(path).absolute()
    if sha256_of(path) != document.sha256:
        raise InvalidInputError(
            f"{path.name} is not the same document as \"{document.title}\" (its contents differ).")
    stat = path.stat()
    store.relink(project, document.id, str(path), stat.st_size, stat.st_mtime)
    return store.get_document(project, document.id)


def edit_reference(project: Project, document_id: str, reference: ArchivalReference,
                   title: str | None = None) -> Document:
    """Change a document's title and archival reference (one undoable step)."""
    return store.set_reference(project, document_id, reference, title)


def set_languages(project: Project, document_id: str, languages: tuple[str, ...]) -> None:
    """Remember the OCR languages of a document (one undoable step)."""
    store.set_languages(project, document_id, tuple(languages))


def removal_count(project: Project, document_id: str) -> store.RemovalCount:
    """What removing the document would take with it (asked before, shown in the question)."""
    return store.removal_count(project, document_id)


def remove(project: Project, document_id: str) -> store.RemovalCount:
    """Remove a document from the project (not the file from the disk): one undoable step.
    Claims and actors stay; the annotations on its pages go with it."""
    return store.remove_document(project, document_id)


def remove_many(project: Project, document_ids: list[str]) -> list[store.RemovalCount]:
    """Several documents removed as one undoable step (one user action, one Ctrl+Z)."""
    if len(document_ids) == 1:
        return [store.remove_document(project, document_ids[0])]
    with project.edit(f"Remove {len(document_ids)} documents"):  # each removal joins it
        return [store.remove_document(project, d) for d in document_ids]
