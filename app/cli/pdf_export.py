"""`recto export --format pdf`: searchable, annotated copies of documents (the command
itself lives in export.py and hands this format here)."""
from __future__ import annotations

import re
from pathlib import Path

from recto.annotations import documents as store
from recto.app.cli.base import echo_json, say
from recto.app.cli.documents import open_project
from recto.app.errors import InvalidInputError
from recto.app.pdf.annotated import write_annotated_pdf


def export_pdfs(project: str, out: str, document_ids: tuple[str, ...], as_json: bool) -> None:
    """One document: OUT is the PDF. None (or several): OUT is a folder, one PDF each."""
    out_path = Path(out)
    with open_project(project) as proj:
        docs = ([store.get_document(proj, d) for d in document_ids] if document_ids
                else store.list_documents(proj))
        if len(document_ids) == 1:
            if out_path.is_dir():
                raise InvalidInputError(f"{out_path} is a folder; give the PDF file to write.")
            targets = [(docs[0], out_path)]
        else:
            if out_path.exists() and not out_path.is_dir():
                raise InvalidInputError(
                    f"{out_path} is a file; without one --document, OUT is a folder.")
            targets = [(d, out_path / _file_name(d)) for d in docs]
        results = [write_annotated_pdf(proj, d, target) for d, target in targets]
    for r in results:
        say(f"Wrote {r.path}: text on {r.text_pages} page(s), {r.redactions} redaction(s), "
            f"{r.mentions} mention(s), {r.evidence} evidence highlight(s).")
    if as_json:
        echo_json([{"path": str(r.path), "text_pages": r.text_pages, "words": r.words,
                    "redactions": r.redactions, "mentions": r.mentions,
                    "evidence": r.evidence} for r in results])


def _file_name(document) -> str:
    stem = re.sub(r"[^\w.-]+", "-", document.title).strip("-")[:60] or "document"
    return f"{stem}-{document.id[:8]}.pdf"
