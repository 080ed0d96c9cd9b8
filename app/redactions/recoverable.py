"""Failed redactions on born-digital pages: text a reader cannot see but a copy can.

A word leaks when it is extractable (copy-paste, search, an invisible OCR layer)
and not visible where it sits. Paint order alone gets this wrong both ways: black
text typed after a black box is black on black, and red text on a white stamp is
perfectly legible. So visibility is decided as a reader decides it, from pixels:
the page is drawn with and without its text, and a word whose box looks the same
both ways is hidden. Paint order and colours only pick which words need looking at.

A hidden word is a failed redaction when something covers it (a dark background,
a shape or annotation painted over it, an unapplied Redact annotation); hidden
text on a plain light background (white on white) is reported as invisible text.
Each redaction is the dark region around its words, so three stacked bars are
three boxes and visible lines between them are not "hidden". A word on the box
that names the redaction ("Redacted", "Privilege", "(b)(6)") is not a leak.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pymupdf

from recto.annotations.model import Box
from recto.app.components import connected_components
from recto.app.redactions.budget import PageBudget, check
from recto.app.redactions.exemption_codes import parse_code

log = logging.getLogger(__name__)

MAX_ZOOM = 2.0           # render at 144 dpi ...
MAX_PIXELS = 8_000_000   # ... unless the page is huge
INK_DIFF = 48            # a pixel the text changes by this much (0-255) shows the text
VISIBLE_SHARE = 0.03     # share of a word's box the text must change to be seen
DARK = 100               # background darker than this hides black text
DARK_SHARE = 0.5         # share of a word's box that must be dark to call it covered
SCAN_INK = 160           # an image pixel darker than this is scanned ink
SCAN_INK_SHARE = 0.05    # a word over this much ink is shown by the image (OCR layer)
COVER_SHARE = 0.5        # share of a word's box a shape painted after it must cover
LIGHT_LUMA = 0.8         # text this light may vanish on paper
BRIDGE_PT = 3.0          # hatch lines thinner than this do not split a bar
_LABELS = {"redacted", "redaction", "privilege", "privileged", "withheld", "exempt",
           "exemption", "deleted", "excised", "sanitized", "confidential-redacted"}
_SHORT_CODE = re.compile(r"^\(?b\)?\(?[1-9]\)?(\([a-f]\))?$", re.IGNORECASE)
_COVERS = ("fill-path", "fill-image", "fill-imgmask", "fill-shade")


@dataclass(frozen=True)
class RecoverableText:
    """A failed redaction: its box and the words still extractable under it."""
    bbox: Box
    hidden_text: str
    source: str           # "drawing", "image", "colour" or "annotation:<type>"


@dataclass(frozen=True)
class InvisibleText:
    """Text no reader sees that no redaction covers (white on white, invisible layer)."""
    bbox: Box
    text: str


@dataclass(frozen=True)
class HiddenText:
    failed: tuple[RecoverableText, ...]
    invisible: tuple[InvisibleText, ...]


@dataclass(frozen=True)
class _Word:
    rect: pymupdf.Rect
    text: str
    key: tuple[int, int]   # (block, line) for grouping invisible text by line


def find_recoverable(page: pymupdf.Page,
                     budget: PageBudget | None = None) -> list[RecoverableText]:
    """Failed redactions on `page`, in reading order."""
    return list(find_hidden(page, budget).failed)


def find_hidden(page: pymupdf.Page, budget: PageBudget | None = None) -> HiddenText:
    """Failed redactions and invisible text on `page` (past `budget`, PageTooComplexError)."""
    words = [_Word(pymupdf.Rect(w[:4]), w[4], (w[5], w[6]))
             for w in page.get_text("words", sort=True)]
    words = [w for w in words if not w.rect.is_empty]
    if not words:
        return HiddenText((), ())
    log = page.get_bboxlog()
    index = _Index(log, _trace(page))
    annots = [(pymupdf.Rect(a.rect), a.type[0], a.type[1]) for a in page.annots() or []]
    redact = [r for r, kind, _ in annots if kind == pymupdf.mupdf.PDF_ANNOT_REDACT]
    failed: list[tuple[Box, _Word, str]] = []
    suspects = []
    for n, w in enumerate(words):
        if n % 64 == 0:
            check(budget)
        marked = next((r for r in redact if _share(w.rect, r) >= COVER_SHARE), None)
        if marked is not None:   # marked for redaction, never applied: a leak by intent
            failed.append((Box.of(marked), w, "annotation:Redact"))
        elif index.suspect(w.rect):
            suspects.append(w)
    invisible: list[_Word] = []
    if suspects:
        seen = _Renders(page)
        for w in suspects:
            check(budget)
            verdict = seen.verdict(w.rect, lambda r=w.rect: index.covered_after(r),
                                   index.colour(w))
            if verdict == "covered":
                box, source = seen.cover_box(w.rect, log, annots)
                failed.append((box, w, source))
            elif verdict == "invisible":
                invisible.append(w)
    return HiddenText(_group_failed(failed), _group_invisible(invisible))


def recoverable_in_pdf(path: str | Path) -> list[tuple[int, RecoverableText]]:
    """Every failed redaction of a PDF as (page_index, finding)."""
    return [(i, r) for i, h in hidden_in_pdf(path) for r in h.failed]


def hidden_in_pdf(path: str | Path, pages: list[int] | None = None,
                  skipped: list[tuple[int, str]] | None = None
                  ) -> list[tuple[int, HiddenText]]:
    """Failed redactions and invisible text of every page (or the 0-based `pages`).
    A page that cannot be read is logged, put in `skipped` as (index, reason), and
    the run goes on."""
    from recto.app.pdf.reader import open_pdf
    out = []
    with open_pdf(path) as doc:
        for index in pages if pages is not None else range(doc.page_count):
            try:
                out.append((index, find_hidden(doc[index], PageBudget(index))))
            except Exception as exc:  # noqa: BLE001 - one bad page must not end the run
                log.warning("page %d skipped: %s", index + 1, exc)
                if skipped is not None:
                    skipped.append((index, str(exc) or type(exc).__name__))
    return out


def is_label(word: str) -> bool:
    """True for a word that names the redaction itself: "Redacted", "(b)(6)", "25X1"."""
    token = word.strip(" .,:;[]{}\"'").lower()
    return (token in _LABELS or bool(_SHORT_CODE.match(token))
            or parse_code(word) is not None)


# ----------------------------------------------------------------- fast filter

class _Index:
    """The paint log and text spans as arrays, so a page of thousands of table cells
    and words is filtered in numpy, not in a Python loop per pair."""

    def __init__(self, log, spans):
        self.kinds = [k for k, _ in log]
        self.rects = np.array([r for _, r in log] or np.zeros((0, 4)), float).reshape(-1, 4)
        self.cover = np.array([k in _COVERS for k in self.kinds], bool)
        self.opaque = self.cover & np.array([k != "fill-image" for k in self.kinds], bool)
        self.shape = np.array([k in _COVERS or k.startswith("stroke-path")
                               or k == "ignore-text" for k in self.kinds], bool)
        self.text = np.array(["text" in k for k in self.kinds], bool)
        self.spans = spans
        self.span_rects = np.array([s["bbox"] for s in spans] or np.zeros((0, 4)),
                                   float).reshape(-1, 4)
        self.span_odd = np.array([s.get("type") == 3 or s.get("opacity", 1.0) < 0.5
                                  or _luma(s.get("color") or (0,)) >= LIGHT_LUMA
                                  for s in spans], bool)
        self.span_text = ["".join(chr(c[0]) for c in s.get("chars", ())) for s in spans]

    def suspect(self, rect: pymupdf.Rect) -> bool:
        """Worth drawing: the word shares its box with a filled shape, an image, an
        annotation or invisible text, or its own text is invisible or light. Plain
        dark text on bare paper is visible and skipped without rendering."""
        return bool((_hits(self.rects, rect) & self.shape).any()
                    or (_hits(self.span_rects, rect) & self.span_odd).any())

    def covered_after(self, rect: pymupdf.Rect) -> bool:
        """Something opaque (not an image) was painted over the word after its text."""
        text_at = np.flatnonzero(_hits(self.rects, rect) & self.text)
        if not len(text_at):
            return False
        later = np.zeros(len(self.kinds), bool)
        later[text_at[0] + 1:] = True
        later &= self.opaque
        return bool((later & (_shares(self.rects, rect) >= COVER_SHARE)).any())

    def colour(self, w: _Word) -> tuple[int, int, int] | None:
        """The fill colour (0-255 RGB) of the span that draws the word, if it can be told."""
        areas = _overlaps(self.span_rects, w.rect)
        best = None
        for k in np.argsort(-areas):
            if areas[k] <= 0:
                break
            if w.text[:3] in self.span_text[k]:
                best = self.spans[k]
                break
        if best is None or not best.get("color"):
            return None
        c = best["color"]
        if len(c) == 1:
            rgb = (c[0],) * 3
        elif len(c) == 4:
            rgb = tuple((1 - v) * (1 - c[3]) for v in c[:3])
        else:
            rgb = tuple(c[:3])
        r, g, b = (int(round(255 * v)) for v in rgb)
        return r, g, b


def _overlaps(rects: np.ndarray, r: pymupdf.Rect) -> np.ndarray:
    w = np.minimum(rects[:, 2], r.x1) - np.maximum(rects[:, 0], r.x0)
    h = np.minimum(rects[:, 3], r.y1) - np.maximum(rects[:, 1], r.y0)
    return np.maximum(w, 0) * np.maximum(h, 0)


def _hits(rects: np.ndarray, r: pymupdf.Rect) -> np.ndarray:
    return _overlaps(rects, r) > 0


def _shares(rects: np.ndarray, r: pymupdf.Rect) -> np.ndarray:
    area = r.get_area()
    return _overlaps(rects, r) / area if area > 0 else np.zeros(len(rects))


def _trace(page: pymupdf.Page):
    return page.get_texttrace()


# ------------------------------------------------------------------ rendering

class _Renders:
    """The page drawn with and without its text, on the same pixel grid."""

    def __init__(self, page: pymupdf.Page):
        area = max(1.0, page.rect.width * page.rect.height)
        self.zoom = min(MAX_ZOOM, (MAX_PIXELS / area) ** 0.5)
        self.origin = page.rect.tl
        with pymupdf.open() as copy:
            copy.insert_pdf(page.parent, from_page=page.number, to_page=page.number)
            p = copy[0]
            for annot in list(p.annots() or []):
                if annot.type[0] == pymupdf.mupdf.PDF_ANNOT_REDACT:
                    p.delete_annot(annot)   # handled by intent, not by pixels
            self.with_text = self._rgb(p)
            p.add_redact_annot(p.rect, fill=False)
            p.apply_redactions(images=pymupdf.mupdf.PDF_REDACT_IMAGE_NONE,
                               graphics=pymupdf.mupdf.PDF_REDACT_LINE_ART_NONE,
                               text=pymupdf.mupdf.PDF_REDACT_TEXT_REMOVE)
            self.without = self._rgb(p)
        self.luma = cv2.cvtColor(self.without, cv2.COLOR_RGB2GRAY)
        bridge = max(1, int(round(BRIDGE_PT * self.zoom)))
        dark = (self.luma < DARK).astype(np.uint8)
        closed = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((bridge, bridge), np.uint8))
        _, self.regions, self.stats, _ = connected_components(closed, connectivity=4)

    def _rgb(self, page: pymupdf.Page) -> np.ndarray:
        pix = page.get_pixmap(matrix=pymupdf.Matrix(self.zoom, self.zoom), alpha=False,
                              colorspace=pymupdf.csRGB)
        rows = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.stride)
        return rows[:, :pix.width * 3].reshape(pix.height, pix.width, 3).copy()

    def _px(self, rect: pymupdf.Rect) -> tuple[slice, slice]:
        h, w = self.luma.shape
        x0 = int(np.clip((rect.x0 - self.origin.x) * self.zoom, 0, w - 1))
        y0 = int(np.clip((rect.y0 - self.origin.y) * self.zoom, 0, h - 1))
        x1 = int(np.clip(np.ceil((rect.x1 - self.origin.x) * self.zoom), x0 + 1, w))
        y1 = int(np.clip(np.ceil((rect.y1 - self.origin.y) * self.zoom), y0 + 1, h))
        return slice(y0, y1), slice(x0, x1)

    def verdict(self, rect: pymupdf.Rect, painted_over,
                colour: tuple[int, int, int] | None) -> str:
        """"visible", "covered" (a failed redaction) or "invisible" (hidden, not redacted).
        Only pixels the text moved towards the word's own colour count: a white label
        printed over the bar shows itself, not the black words under it."""
        ys, xs = self._px(rect)
        shown = self.with_text[ys, xs].astype(np.int16)
        bare = self.without[ys, xs].astype(np.int16)
        if colour is None:
            changed = np.abs(shown - bare).max(axis=2) > INK_DIFF
        else:   # the pixel moved towards the word's colour
            ink = np.array(colour, np.int16)
            changed = (np.abs(bare - ink).max(axis=2) - np.abs(shown - ink).max(axis=2)
                       > INK_DIFF)
        if changed.mean() >= VISIBLE_SHARE:
            return "visible"
        under = self.luma[ys, xs]
        if (under < DARK).mean() >= DARK_SHARE or painted_over():
            return "covered"
        if (under < SCAN_INK).mean() >= SCAN_INK_SHARE:
            return "visible"   # an OCR layer over the scanned word it was read from
        return "invisible"

    def cover_box(self, rect: pymupdf.Rect, log, annots) -> tuple[Box, str]:
        """The box of what hides the word: its dark region, else the shape over it."""
        ys, xs = self._px(rect)
        labels = self.regions[ys, xs]
        ids, counts = np.unique(labels[labels > 0], return_counts=True)
        source = _source(rect, log, annots)
        if len(ids):
            x, y, w, h, _ = self.stats[int(ids[np.argmax(counts)])]
            z = self.zoom
            seen = Box(self.origin.x + x / z, self.origin.y + y / z,
                       self.origin.x + (x + w) / z, self.origin.y + (y + h) / z)
            exact = [Box.of(r) for kind, r in log if kind in _COVERS]
            exact += [Box.of(r) for r, _, _ in annots]
            best = max(exact, key=seen.iou, default=None)
            # The drawn shape, when it is this region: exact, not rounded to pixels.
            return (best if best is not None and seen.iou(best) >= 0.8 else seen), source
        for kind, r in reversed(log):
            if kind in _COVERS and _share(rect, pymupdf.Rect(r)) >= COVER_SHARE:
                return Box.of(r), source
        return Box.of(rect), source


def _source(rect: pymupdf.Rect, log, annots) -> str:
    for r, _kind, name in annots:
        if _share(rect, r) >= COVER_SHARE:
            return f"annotation:{name}"
    kinds = [k for k, r in log if k in _COVERS and _share(rect, pymupdf.Rect(r)) >= COVER_SHARE]
    if any(k == "fill-path" for k in kinds):
        return "drawing"
    return "image" if kinds else "colour"


# ------------------------------------------------------------------- grouping

def _group_failed(found: list[tuple[Box, _Word, str]]) -> tuple[RecoverableText, ...]:
    """One finding per covering box, labels dropped, words in reading order."""
    by_box: dict[tuple, list[tuple[_Word, str]]] = {}
    for box, word, source in found:
        by_box.setdefault(tuple(round(v, 1) for v in box.as_list()), []).append((word, source))
    out = []
    for key, items in by_box.items():
        text = [w.text for w, _ in items if not is_label(w.text)]
        if text:
            out.append(RecoverableText(Box.of(key), " ".join(text), items[0][1]))
    out.sort(key=lambda r: (round(r.bbox.y0), r.bbox.x0))
    return tuple(out)


def _group_invisible(words: list[_Word]) -> tuple[InvisibleText, ...]:
    by_line: dict[tuple[int, int], list[_Word]] = {}
    for w in words:
        by_line.setdefault(w.key, []).append(w)
    out = []
    for items in by_line.values():
        rect = pymupdf.Rect(items[0].rect)
        for w in items[1:]:
            rect |= w.rect
        out.append(InvisibleText(Box.of(rect), " ".join(w.text for w in items)))
    out.sort(key=lambda r: (round(r.bbox.y0), r.bbox.x0))
    return tuple(out)


def _share(word: pymupdf.Rect, cover: pymupdf.Rect) -> float:
    area = word.get_area()
    return (pymupdf.Rect(word) & cover).get_area() / area if area > 0 else 0.0


def _luma(color) -> float:
    if isinstance(color, (int, float)):
        return float(color)
    if len(color) == 1:
        return float(color[0])
    if len(color) == 4:   # CMYK
        c, m, y, k = color
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        r, g, b = color[:3]
    return 0.299 * r + 0.587 * g + 0.114 * b
