"""A searchable, annotated copy of a document's PDF, for Zotero and any PDF viewer.

The copy carries the page text as an invisible text layer (render mode 3, each OCR
word drawn in its own box, so a scan becomes searchable and copyable everywhere),
confirmed redactions as Square annotations (code and extent in the note), confirmed
mentions as Highlights whose note is the actor, and claim evidence as Highlights
whose note is the statement and its citation (Zotero imports highlights and their
notes from PDFs made by other programs). The original file is only read.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from recto.annotations import actors as actor_store
from recto.annotations import claims as claim_store
from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations import redactions as redaction_store
from recto.annotations.model import Box, Document, Status
from recto.annotations.project import Project
from recto.app.documents import resolve_path
from recto.app.pdf.reader import open_pdf

RED, YELLOW, BLUE = (0.8, 0.1, 0.1), (1.0, 0.9, 0.2), (0.55, 0.75, 1.0)


@dataclass(frozen=True)
class AnnotatedPdf:
    path: Path
    text_pages: int
    words: int
    redactions: int
    mentions: int
    evidence: int


def write_annotated_pdf(project: Project, document: Document,
                        out: str | os.PathLike) -> AnnotatedPdf:
    """Write the copy to `out` (atomically); the document's own file is never written."""
    out = Path(out)
    source = resolve_path(project, document)
    pages = doc_store.pages_of(project, document.id)
    pdf = open_pdf(source)
    counts = {"text_pages": 0, "words": 0, "redactions": 0, "mentions": 0, "evidence": 0}
    try:
        for info in pages:
            page = pdf[info.page_index]
            if not info.has_text_layer:
                words = ocr_store.current_words(project, document.sha256, info.page_index)
                counts["words"] += _text_layer(page, words)
                counts["text_pages"] += bool(words)
        for r in redaction_store.list_redactions(project, document.id,
                                                 status=Status.CONFIRMED):
            _square(pdf[r.page_index], r.bbox, _redaction_note(r), project.author)
            counts["redactions"] += 1
        names = {a.id: a.name for a in actor_store.list_actors(project)}
        for m in actor_store.list_mentions(project, status=Status.CONFIRMED,
                                           document_id=document.id):
            if m.anchor.bbox is not None:
                note = names.get(m.actor_id, "") + (f" (\u201c{m.text}\u201d)" if m.text else "")
                _highlight(pdf[m.anchor.page_index], m.anchor.bbox, note, "Mention", BLUE)
                counts["mentions"] += 1
        for claim in claim_store.list_claims(project, document_id=document.id):
            for ev in claim.evidence:
                if ev.anchor.document_id != document.id:
                    continue
                cite = document.citation(ev.anchor.page_index + 1)
                note = f"{claim.statement}\n\n{cite}"
                page = pdf[ev.anchor.page_index]
                _highlight(page, ev.anchor.bbox or Box(*page.rect), note, "Claim evidence",
                           YELLOW)
                counts["evidence"] += 1
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        pdf.save(str(tmp), garbage=3, deflate=True)
    finally:
        pdf.close()
    os.replace(tmp, out)
    return AnnotatedPdf(out, **counts)


def _text_layer(page: pymupdf.Page, words) -> int:
    """Each word invisible in its box, sized to fill the box's width."""
    placed = 0
    for w in words:
        text = w.text.strip()
        if not text or w.bbox.width <= 0 or w.bbox.height <= 0:
            continue
        font = _font(text)
        length = pymupdf.get_text_length(text, fontname=font, fontsize=1)
        size = min(w.bbox.height * 0.9, w.bbox.width / length if length else w.bbox.height)
        point = pymupdf.Point(w.bbox.x0, w.bbox.y1 - w.bbox.height * 0.15) * page.rotation_matrix
        page.insert_text(point, text, fontsize=max(size, 1), fontname=font, render_mode=3,
                         rotate=page.rotation)
        placed += 1
    return placed


def _square(page: pymupdf.Page, box: Box, note: str, author: str) -> None:
    annot = page.add_rect_annot(pymupdf.Rect(*box.as_list()))
    annot.set_colors(stroke=RED)
    annot.set_border(width=1.5)
    annot.set_info(content=note, title=author or "Recto", subject="Redaction")
    annot.update()


def _highlight(page: pymupdf.Page, box: Box, note: str, subject: str, color) -> None:
    annot = page.add_highlight_annot(pymupdf.Rect(*box.as_list()))
    annot.set_colors(stroke=color)
    annot.set_info(content=note, title="Recto", subject=subject)
    annot.update()


def _redaction_note(r) -> str:
    code = ", ".join(r.codes) if r.codes else "no exemption code"
    extent = [f"~{n} {unit}" for n, unit in ((r.extent_chars, "chars"),
                                             (r.extent_words, "words"),
                                             (r.extent_lines, "lines")) if n]
    parts = [f"Redaction ({r.style.value}): {code}"] + (
        [f"withheld {', '.join(extent)}"] if extent else []) + ([r.note] if r.note else [])
    return "; ".join(parts)


def _font(text: str) -> str:
    """Helvetica for Latin-1; else MuPDF's built-in CJK fonts (which also carry Cyrillic),
    the Korean one for Hangul (the Chinese one drops it)."""
    try:
        text.encode("latin-1")
        return "helv"
    except UnicodeEncodeError:
        pass
    if any("\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" for c in text):
        return "korea"
    return "china-s"
