"""Redaction services: detect into a project, mark by hand, review, measure.

Detected boxes are stored as `suggested` with a confidence; a person accepts or
rejects them. Re-running detection never duplicates a box the project already
holds (IoU >= 0.5 with any redaction on the page, whatever its status), so a
rejected suggestion stays rejected. Whenever the confirmed redactions of a page
change, its searchable text is rebuilt with `[REDACTED ~N chars]` placeholders,
so search, export and copy see where something was withheld.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations import redactions as store
from recto.annotations.model import (
    Box,
    Document,
    OcrWord,
    Origin,
    Redaction,
    RedactionStyle,
    Status,
)
from recto.annotations.project import Project
from recto.annotations.redactions import RedactionStats
from recto.app.documents import resolve_path
from recto.app.errors import CancelledError, InvalidInputError
from recto.app.jobs import TaskState
from recto.app.redactions import budget
from recto.app.redactions.page_analysis import (  # noqa: F401  (constants used by batch)
    DUPLICATE_IOU,
    MARGIN_S,
    RECOVERABLE_CONFIDENCE,
    PageAnalysis,
)
from recto.app.text.page_text import (  # noqa: F401  (sync and keep_* re-exported for the UI)
    keep_page_text_in_sync,
    page_words,
    refresh_page_text,
    sync_page_texts,
)
from recto.app.text.placeholders import estimate_extent

log = logging.getLogger(__name__)

MIN_SIDE_PT = 1.0
DETECT_DPI = 150            # Compare Releases: enough to find bars, fast on long releases


@dataclass(frozen=True)
class DetectReport:
    document_id: str
    title: str
    pages: int
    found: int                 # boxes the detector saw
    added: int                 # new suggestions stored
    duplicates: int            # already in the project (any status): left alone
    recoverable: int           # new suggestions whose text is still in the PDF
    skipped: tuple[tuple[int, str], ...] = ()   # (page_index, reason)
    codes_filled: int = 0      # boxes already there that got their code now


# -- parsing what people type ---------------------------------------------------------
def parse_bbox(value) -> Box:
    """"x0,y0,x1,y1" (or four numbers) -> Box, in PDF points."""
    parts = re.split(r"[,\s]+", value.strip()) if isinstance(value, str) else list(value)
    try:
        numbers = [float(p) for p in parts if p != ""]
    except (TypeError, ValueError):
        numbers = []
    if len(numbers) != 4:
        raise InvalidInputError(f"A box is four numbers x0,y0,x1,y1 in PDF points (got {value!r}).")
    return Box.of(numbers)


def parse_style(value: str | RedactionStyle) -> RedactionStyle:
    try:
        return RedactionStyle(getattr(value, "value", value).strip().lower().replace(" ", "_"))
    except ValueError:
        names = ", ".join(s.value for s in RedactionStyle)
        raise InvalidInputError(f"Unknown redaction style {value!r}; use one of {names}.") from None


def parse_status(value: str | Status) -> Status:
    try:
        return Status(getattr(value, "value", value).strip().lower())
    except ValueError:
        raise InvalidInputError(
            f"Unknown status {value!r}; use suggested, confirmed or rejected.") from None


def parse_codes(value: str | Iterable[str]) -> tuple[str, ...]:
    """Codes as printed, "25X1, (b)(3)" -> ("25X1", "(b)(3)"); duplicates dropped."""
    items = re.split(r"[,;]", value) if isinstance(value, str) else list(value)
    return tuple(dict.fromkeys(c.strip() for c in items if c and c.strip()))


def _checked_box(project: Project, document_id: str, page_index: int, bbox) -> Box:
    box = parse_bbox(bbox) if not isinstance(bbox, Box) else Box.of(bbox.as_list())
    page = doc_store.get_page(project, document_id, page_index)
    if box.width < MIN_SIDE_PT or box.height < MIN_SIDE_PT:
        raise InvalidInputError("A redaction box must be at least 1 pt wide and high.")
    if not box.within(page.width, page.height, tolerance=1.0):
        raise InvalidInputError(
            f"The box {box.as_list()} lies outside page {page_index + 1} "
            f"({page.width:.0f} x {page.height:.0f} pt).")
    return box


# -- marking by hand -------------------------------------------------------------------
def add_redaction(project: Project, document_id: str, page_index: int, bbox, *,
                  style="black_box", codes=(), note: str = "", tags=(),
                  status="confirmed", polygon=()) -> Redaction:
    """A redaction a person drew or typed; its extent is estimated from the page's words."""
    document = doc_store.get_document(project, document_id)
    box = _checked_box(project, document.id, page_index, bbox)
    extent = estimate_extent(box, page_words(project, document, page_index))
    r = Redaction(id="", document_id=document.id, page_index=page_index, bbox=box,
                  style=parse_style(style), codes=parse_codes(codes),
                  polygon=tuple(tuple(p) for p in polygon), extent_chars=extent.chars,
                  extent_words=extent.words, extent_lines=extent.lines, origin=Origin.MANUAL,
                  status=parse_status(status), note=note.strip(), tags=tuple(tags))
    saved = store.add_redaction(project, r)
    refresh_page_text(project, document.id, page_index)
    return saved


def edit_redaction(project: Project, redaction_id: str, *, bbox=None, style=None, codes=None,
                   status=None, extent: tuple[int, int, int] | None = None, note=None,
                   tags=None, label: str = "Edit redaction") -> Redaction:
    """Change some fields as one undoable step. A new box gets a new extent estimate
    unless `extent` (chars, words, lines) is given."""
    current = store.find_redaction(project, redaction_id)
    changes: dict = {}
    if bbox is not None:
        box = _checked_box(project, current.document_id, current.page_index, bbox)
        if box != current.bbox:
            changes["bbox"] = box
            changes["polygon"] = ()
            if extent is None:
                document = doc_store.get_document(project, current.document_id)
                e = estimate_extent(box, page_words(project, document, current.page_index))
                extent = (e.chars, e.words, e.lines)
    if extent is not None:
        if any(v is not None and v < 0 for v in extent):
            raise InvalidInputError("An extent cannot be negative.")
        changes.update(extent_chars=extent[0], extent_words=extent[1], extent_lines=extent[2])
    if style is not None:
        changes["style"] = parse_style(style)
    if codes is not None:
        changes["codes"] = parse_codes(codes)
    if status is not None:
        changes["status"] = parse_status(status)
    if note is not None:
        changes["note"] = note.strip()
    saved = store.update_redaction(project, current.id, changes, tags, label)
    if {"bbox", "status"} & set(changes):
        refresh_page_text(project, current.document_id, current.page_index)
    return saved


def delete_redactions(project: Project, ids: Iterable[str]) -> int:
    found = [store.find_redaction(project, i) for i in ids]
    if not found:
        return 0
    label = "Delete redaction" if len(found) == 1 else f"Delete {len(found)} redactions"
    store.delete_redactions(project, [r.id for r in found], label)
    _refresh_pages(project, found)
    return len(found)


# -- review ----------------------------------------------------------------------------
def accept(project: Project, ids: Iterable[str]) -> int:
    return _review(project, ids, Status.CONFIRMED)


def reject(project: Project, ids: Iterable[str]) -> int:
    return _review(project, ids, Status.REJECTED)


def suggestions(project: Project, document_id: str | None = None, page_index: int | None = None,
                min_confidence: float | None = None) -> list[Redaction]:
    if document_id is not None:
        document_id = doc_store.get_document(project, document_id).id
    return store.list_redactions(project, document_id, page_index, Status.SUGGESTED,
                                 min_confidence)


def review_suggestions(project: Project, accept_them: bool, document_id: str | None = None,
                       page_index: int | None = None,
                       min_confidence: float | None = None) -> int:
    """Accept (or reject) every suggestion of a document, a page, or above a confidence."""
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise InvalidInputError("A confidence is between 0 and 1.")
    ids = [r.id for r in suggestions(project, document_id, page_index, min_confidence)]
    return _review(project, ids, Status.CONFIRMED if accept_them else Status.REJECTED)


def _review(project: Project, ids: Iterable[str], status: Status) -> int:
    found = [store.find_redaction(project, i) for i in ids]
    if not found:
        return 0
    verb = "Accept" if status is Status.CONFIRMED else "Reject"
    label = f"{verb} suggestion" if len(found) == 1 else f"{verb} {len(found)} suggestions"
    changed = store.set_status(project, [r.id for r in found], status, label)
    _refresh_pages(project, found)
    return changed


# -- detection -------------------------------------------------------------------------
@dataclass
class _Batch:
    """What one Detect command writes, kept until the end so it is one undoable step."""
    new: list[Redaction]
    codes: dict[str, tuple[str, ...]]


def detect_documents(project: Project, documents: list[Document],
                     state: TaskState | None = None, dpi: int = 150,
                     pages: dict[str, list[int]] | None = None) -> list[DetectReport]:
    """Detect on several documents (optionally only some pages of each, by document
    id, 0-based) and store everything as one undoable step; progress counts pages
    over all of them. On Cancel the pages already done are kept."""
    state = state or TaskState()
    chosen = {d.id: (pages or {}).get(d.id) or list(range(d.page_count)) for d in documents}
    for d in documents:
        outside = [i + 1 for i in chosen[d.id] if not 0 <= i < d.page_count]
        if outside:
            raise InvalidInputError(f"Page {outside[0]} is outside {d.title}, which has "
                                    f"pages 1-{d.page_count}.")
    total = sum(len(v) for v in chosen.values())
    batch = _Batch([], {})
    reports, offset = [], 0
    try:
        for document in documents:
            def page_progress(done, _total, message, offset=offset):
                state.report(offset + done, total, message)
            reports.append(_detect_one(project, document, _Relay(state, page_progress), dpi,
                                       chosen[document.id], batch))
            offset += len(chosen[document.id])
    finally:
        if batch.new or batch.codes:
            label = ("Detect redactions" if len(documents) == 1
                     else f"Detect redactions in {len(documents)} documents")
            store.add_with_codes(project, batch.new, batch.codes, label)
    return reports


class _Relay(TaskState):
    """A TaskState that shares cancellation with its parent and rescales progress."""

    def __init__(self, parent: TaskState, on_progress):
        super().__init__(on_progress)
        self._cancel = parent._cancel


def detect_document(project: Project, document: Document, state: TaskState | None = None,
                    dpi: int = 150, pages: list[int] | None = None) -> DetectReport:
    """Store suggestions for every page (or `pages`, 0-based) of a document as one step."""
    return detect_documents(project, [document], state, dpi,
                            {document.id: pages} if pages else None)[0]


def _detect_one(project: Project, document: Document, state: TaskState, dpi: int,
                pages: list[int], batch: _Batch) -> DetectReport:
    """Detect on some pages of a document into `batch`. Each page is analysed in the
    drawing helper process (`page_analysis`), never on this thread; a page that cannot be
    analysed, or not within `_page_limit()`, is reported and skipped. Boxes the project
    already holds are not added again, but one that has no code yet gets the code
    detection now reads (after OCR, say)."""
    from recto.app.pdf.render_service import IsolatedRenderer
    from recto.app.redactions.detect import gray_page
    helper = IsolatedRenderer(cache_bytes=1)
    path = str(resolve_path(project, document))
    found = duplicates = added = recoverable = filled = 0
    skipped: list[tuple[int, str]] = []
    try:
        for n, index in enumerate(pages):
            state.check()
            words = tuple(ocr_store.current_words(project, document.sha256, index)) or None
            try:
                gray = gray_page(helper, path, index, dpi)   # drawn there, with a time limit
                analysis: PageAnalysis = helper.call(
                    "recto.app.redactions.page_analysis:analyse_page", path, index, gray, words,
                    budget.PAGE_SECONDS, timeout_s=_page_limit(), cancelled=lambda: state.cancelled)
                page_found = _page_suggestions(document, index, analysis)
            except CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad page must not end the run
                reason = getattr(exc, "message", "") or str(exc) or type(exc).__name__
                log.warning("%s page %d skipped: %s", document.title, index + 1, reason)
                skipped.append((index, reason))
                page_found = []
            kept, codes = _without_duplicates(project, document.id, index, page_found)
            found += len(page_found)
            duplicates += len(page_found) - len(kept)
            added += len(kept)
            recoverable += sum(1 for r in kept if r.text_recoverable)
            filled += len(codes)
            batch.new += kept
            batch.codes.update(codes)
            state.report(n + 1, len(pages), f"{document.title}, p. {index + 1}")
    finally:
        helper.close()
    return DetectReport(document.id, document.title, document.page_count, found, added,
                        duplicates, recoverable, tuple(skipped), filled)


def _page_limit() -> float:
    """Seconds a page's analysis may take in the helper before it is replaced."""
    return budget.PAGE_SECONDS + MARGIN_S


def _page_suggestions(document: Document, index: int, analysis: PageAnalysis) -> list[Redaction]:
    words = list(analysis.words)
    return [_suggestion(document.id, index, b.bbox, b.style, b.confidence, b.codes, b.polygon,
                        words, b.hidden) for b in analysis.boxes]


def _suggestion(document_id: str, index: int, box: Box, style, confidence: float, codes,
                polygon, words: list[OcrWord], hidden) -> Redaction:
    extent = estimate_extent(box, words)
    return Redaction(
        id="", document_id=document_id, page_index=index, bbox=box, style=style,
        codes=tuple(codes), polygon=tuple(polygon), extent_chars=extent.chars,
        extent_words=extent.words, extent_lines=extent.lines, origin=Origin.DETECTED,
        status=Status.SUGGESTED, confidence=round(float(confidence), 3),
        text_recoverable=hidden is not None, hidden_text=hidden.hidden_text if hidden else "")


def _without_duplicates(project: Project, document_id: str, index: int,
                        found: list[Redaction]
                        ) -> tuple[list[Redaction], dict[str, tuple[str, ...]]]:
    """Drop boxes that overlap (IoU >= 0.5) a redaction already on the page, or each
    other; return the new ones and codes for existing suggestions or confirmed boxes
    that have none and now overlap a box with a code."""
    existing = store.list_redactions(project, document_id, index)
    taken = [r.bbox for r in existing]
    kept: list[Redaction] = []
    codes: dict[str, tuple[str, ...]] = {}
    for r in found:
        same = [e for e in existing if r.bbox.iou(e.bbox) >= DUPLICATE_IOU]
        for e in same:
            if r.codes and not e.codes and e.status is not Status.REJECTED:
                codes.setdefault(e.id, r.codes)
        if same or any(r.bbox.iou(box) >= DUPLICATE_IOU for box in taken):
            continue
        taken.append(r.bbox)
        kept.append(r)
    return kept, codes


def _refresh_pages(project: Project, redactions: list[Redaction]) -> None:
    for doc_id, index in sorted({(r.document_id, r.page_index) for r in redactions}):
        refresh_page_text(project, doc_id, index)


# -- statistics ----------------------------------------------------------------------------
def statistics(project: Project, document_id: str | None = None,
               statuses: Iterable[str] = ("confirmed", "suggested")) -> RedactionStats:
    if document_id is not None:
        document_id = doc_store.get_document(project, document_id).id
    return store.statistics(project, document_id, [parse_status(s).value for s in statuses])


def stats_json(stats: RedactionStats) -> dict:
    return {
        "count": stats.count, "pages": stats.pages, "redacted_pages": stats.redacted_pages,
        "area_share": round(stats.area_share, 4), "by_style": stats.by_style,
        "by_code": stats.by_code, "by_status": stats.by_status,
        "by_document": stats.by_document,
        "top_pages": [{"document_id": p.document_id, "page": p.page_index + 1,
                       "count": p.count, "share": round(p.share, 4)} for p in stats.top_pages],
    }


def redaction_json(r: Redaction, show_hidden: bool = False) -> dict:
    """What scripts see: 1-based page, box in PDF points, hidden text only on request."""
    row = {
        "id": r.id, "document_id": r.document_id, "page": r.page_index + 1,
        "bbox": r.bbox.as_list(), "style": r.style.value,
        "code": r.codes[0] if r.codes else None, "codes": list(r.codes),
        "status": r.status.value, "origin": r.origin.value,
        "confidence": r.confidence,
        "extent": {"chars": r.extent_chars, "words": r.extent_words, "lines": r.extent_lines},
        "text_recoverable": r.text_recoverable, "note": r.note, "tags": list(r.tags),
    }
    if show_hidden and r.text_recoverable:
        row["hidden_text"] = r.hidden_text
    return row


# -- detection without storing (Compare Releases) ----------------------------------------
def detect_document_boxes(project: Project, document: Document, words: dict[int, list[OcrWord]],
                          state: TaskState | None = None) -> dict[int, list[Box]]:
    """Boxes detected on the given pages, nothing stored: what Compare Releases uses
    for a release whose redactions were never detected."""
    from contextlib import closing

    from recto.app.documents import resolve_path
    from recto.app.pdf.reader import open_pdf
    from recto.app.pdf.render_service import IsolatedRenderer
    from recto.app.redactions.detect import detect_redactions, gray_page
    out: dict[int, list[Box]] = {}
    path = resolve_path(project, document)
    with open_pdf(path) as pdf, closing(IsolatedRenderer(cache_bytes=1)) as draw:
        for index in sorted(words):
            if state is not None:
                state.check()
            page = pdf[index]
            gray = gray_page(draw, path, index, DETECT_DPI)  # drawn with a time limit
            found = detect_redactions(gray, page.rect.width, page.rect.height, words[index])
            out[index] = [d.bbox for d in found]
    return out
