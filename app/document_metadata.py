"""A document's own metadata (date, creator, type, language, rights) and page numbering.

The document's date is EDTF like a claim's date (app/claims/dates.py), but it is what the
citation's `issued` carries: the date of the cable, not of the events it reports.
Page numbering maps the PDF's pages to the original's printed pages: labels read
from the PDF's /PageLabels (PyMuPDF) when it has them, or an offset set by hand
("this PDF's page 1 is p. 10"), so two excerpts of one original cite different pages.
"""
from __future__ import annotations

import re
from dataclasses import replace

import pymupdf

from recto.annotations import documents as store
from recto.annotations.edtf import parse_date
from recto.annotations.model import Document
from recto.annotations.project import Project
from recto.app.errors import InvalidInputError
from recto.app.pdf.reader import open_pdf

DOCUMENT_TYPES = ("cable", "memorandum", "minutes", "letter", "report", "telegram",
                  "note", "transcript", "newspaper", "photograph", "map")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def edit_metadata(project: Project, document_id: str, **changes: str | None) -> Document:
    """Change some of date, creator, type, language, rights (None keeps a field);
    the date is checked and normalised as EDTF, the language as a BCP 47 tag."""
    unknown = set(changes) - set(store.METADATA_FIELDS)
    if unknown:
        raise InvalidInputError(f"Unknown document field {sorted(unknown)[0]!r}.")
    document = store.get_document(project, document_id)
    values = {k: " ".join(v.split()) for k, v in changes.items() if v is not None}
    if "date" in values:
        parsed = parse_date(values["date"])
        values["date"] = parsed.text if parsed else ""
    if "type" in values:
        values["type"] = values["type"].lower()
    if values.get("language") and not _LANGUAGE.match(values["language"]):
        raise InvalidInputError(
            f"\"{values['language']}\" is not a language tag; use one such as en, ja, ko, "
            "fr or zh-Hant.")
    metadata = replace(document.metadata, **values)
    return store.set_metadata(project, document.id, metadata)


def set_first_page(project: Project, document_id: str, first_page: int | None) -> Document:
    """"This PDF's page 1 is p. `first_page` of the original"; None goes back to the
    PDF's own numbering. Printed labels read from the PDF still win."""
    if first_page is not None and first_page < 1:
        raise InvalidInputError("The first page number must be 1 or more.")
    return store.set_page_numbering(project, document_id, first_page)


def pdf_page_labels(pdf: pymupdf.Document) -> tuple[str, ...]:
    """The printed label of each page from the PDF's /PageLabels, or () when it has none
    (a PDF without labels would otherwise give "" or the bare page numbers)."""
    try:
        if not pdf.get_page_labels():
            return ()
        labels = tuple(pdf[i].get_label() for i in range(pdf.page_count))
    except (RuntimeError, ValueError, TypeError):  # a damaged label tree: cite PDF pages
        return ()
    if all(label == str(i + 1) for i, label in enumerate(labels)):
        return ()
    return labels


def read_page_labels(project: Project, document_id: str) -> Document:
    """Store the labels of the document's PDF (if it has any) for its citations."""
    document = store.get_document(project, document_id)
    if not document.path:
        raise InvalidInputError(f"The PDF of \"{document.title}\" is missing; relink it first.")
    pdf = open_pdf(document.path)
    try:
        labels = pdf_page_labels(pdf)
    finally:
        pdf.close()
    return store.set_page_numbering(project, document.id, document.first_page, labels)


def metadata_json(document: Document) -> dict:
    return {**{f: getattr(document.metadata, f) for f in store.METADATA_FIELDS},
            "first_page": document.first_page, "page_labels": list(document.page_labels)}

