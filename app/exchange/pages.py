"""A page as the exchange formats write it: lines of OCR words, with confirmed
redactions as withheld spans and confirmed mentions marked on the words they cover.

TEI, ALTO and the REFI-QDA text representation all say the same thing about a
page, so they read it from here: words under a confirmed redaction box are OCR
noise from the black bar and are never written; the box becomes one withheld
span (a TEI <gap>, a placeholder in plain text) with its estimated extent.
"""
from __future__ import annotations

from dataclasses import dataclass

from recto.annotations import actors as actor_store
from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations import redactions as redaction_store
from recto.annotations.model import Box, Document, Mention, OcrWord, Page, Redaction, Status
from recto.annotations.project import Project
from recto.app.text.placeholders import estimate_extent, is_under


@dataclass(frozen=True)
class Token:
    """One word, or one withheld span (`redaction` set, `text` empty)."""
    text: str
    box: Box
    conf: float = -1.0
    mention: Mention | None = None
    redaction: Redaction | None = None
    extent_chars: int = 0


@dataclass(frozen=True)
class Line:
    box: Box
    block: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class PageContent:
    page: Page
    lines: tuple[Line, ...]
    redactions: tuple[Redaction, ...]  # confirmed ones, in reading order
    mentions: tuple[Mention, ...]  # confirmed ones with a box


def document_pages(project: Project, document: Document) -> list[PageContent]:
    redactions = redaction_store.list_redactions(project, document.id, status=Status.CONFIRMED)
    mentions = [m for m in actor_store.list_mentions(project, status=Status.CONFIRMED,
                                                     document_id=document.id)
                if m.anchor.bbox is not None]
    out = []
    for page in doc_store.pages_of(project, document.id):
        words = [w for w in ocr_store.current_words(project, document.sha256, page.page_index)
                 if w.text.strip() and not w.noise]
        reds = [r for r in redactions if r.page_index == page.page_index]
        mens = [m for m in mentions if m.anchor.page_index == page.page_index]
        out.append(PageContent(page, tuple(_lines(words, reds, mens)), tuple(reds),
                               tuple(mens)))
    return out


def extent_label(token: Token) -> str:
    return f"~{token.extent_chars} chars"


def centre_in(box: Box, outer: Box) -> bool:
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return outer.x0 <= cx <= outer.x1 and outer.y0 <= cy <= outer.y1


def _lines(words: list[OcrWord], reds: list[Redaction], mens: list[Mention]) -> list[Line]:
    """Words grouped into their OCR lines (in stored reading order); each confirmed
    redaction replaces the words it hides, or joins the line it sits on, or its own."""
    hidden: dict[int, Redaction] = {}
    for r in reds:
        for i, w in enumerate(words):
            if i not in hidden and is_under(w, r.bbox):
                hidden[i] = r
    groups: dict[tuple[int, int, int], list[Token]] = {}
    placed: set[str] = set()
    for i, w in enumerate(words):
        key = (w.block, w.par, w.line)
        if i in hidden:
            r = hidden[i]
            if r.id not in placed:
                placed.add(r.id)
                groups.setdefault(key, []).append(_gap(r, words))
            continue
        mention = next((m for m in mens if m.anchor.bbox and centre_in(w.bbox, m.anchor.bbox)),
                       None)
        groups.setdefault(key, []).append(Token(w.text, w.bbox, w.conf, mention))
    lines = [Line(Box.union([t.box for t in toks]), key[0], tuple(toks))
             for key, toks in groups.items()]
    for r in reds:
        if r.id in placed:
            continue
        gap = _gap(r, words)
        host = next((i for i, ln in enumerate(lines)
                     if ln.box.y0 <= (r.bbox.y0 + r.bbox.y1) / 2 <= ln.box.y1), None)
        if host is None:
            at = next((i for i, ln in enumerate(lines) if ln.box.y0 > r.bbox.y0), len(lines))
            lines.insert(at, Line(r.bbox, -1, (gap,)))
        else:
            ln = lines[host]
            toks = sorted((*ln.tokens, gap), key=lambda t: t.box.x0)
            lines[host] = Line(Box.union([ln.box, r.bbox]), ln.block, tuple(toks))
    return lines


def _gap(r: Redaction, words: list[OcrWord]) -> Token:
    chars = r.extent_chars or estimate_extent(r.bbox, words).chars
    return Token("", r.bbox, redaction=r, extent_chars=chars)


