"""Find redactions on scanned pages: solid black bars and outlined white boxes.

Two detectors, both morphological (OpenCV), both scale with the render DPI:

- black bars: dark pixels opened with a square kernel thicker than any text stroke,
  so letters vanish and only solid blocks survive; a block must be uniformly dark
  and nearly rectangular (a photo is neither).
- outlined boxes: long horizontal and vertical runs (faint grey allowed) form a
  line mask, plus short edge stubs where a box hides part of another and the
  missing edge of U shapes (a box top lost under the release stamp); the white
  regions this mask encloses are candidate boxes, so touching and stacked boxes
  come out one by one. A box is kept when its inside is empty of ink (a table
  cell, a page frame or a stamp holds text), its outline is a thin line on
  paper (the counter of a bold letter is walled by thick strokes), and it is
  not one of a row of identical small frames (the scanner's perforation strip).

Boxes come back in PDF points, origin top-left, so the caller's DPI never leaks
into stored data.
"""
from __future__ import annotations

import logging
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from recto.annotations.model import Box, OcrWord, RedactionStyle
from recto.app.components import connected_components
from recto.app.jobs import TaskState
from recto.app.redactions.budget import PageBudget, check
from recto.app.redactions.exemption_codes import code_near

log = logging.getLogger(__name__)

# Tunables in PDF points (1/72 inch), converted to pixels per page.
MIN_PX_PER_PT = 150 / 72  # work at 150 dpi or finer
BAR_STROKE_PT = 3.2      # thicker than any text stroke: opening removes letters
BAR_MIN_W_PT = 12.0     # punch marks of the perforation strip are about 7 x 5 pt
BAR_MIN_H_PT = 7.0
BAR_MAX_GRAY = 90        # mean grey level of a black bar
BAR_MIN_FILL = 0.80      # component area / bbox area
BAR_MAX_RING = 0.40      # a bar sits on paper: its surroundings are mostly light
LINE_GRAY = 232          # faint grey outlines still count as ink for lines
INK_GRAY = 160           # what counts as ink inside a box (text, stamps)
H_LINE_PT = 14.0         # shortest horizontal outline edge
V_LINE_PT = 7.0          # shortest vertical outline edge
CORNER_GAP_PT = 2.0      # corners this far apart still close a box
STUB_PT = 3.0            # shortest edge piece kept where it meets a long line
BOX_MIN_W_PT = 12.0
BOX_MIN_H_PT = 4.5
BOX_MAX_INK = 0.004      # ink fraction allowed inside an outlined box (specks)
SPECK_PT = 2.0           # this much ink squared is dirt, not a letter
BOX_MIN_FILL = 0.55      # region area / bbox area (stepped polygons allowed)
RING_PT = 4.0            # width of the band outside an outline that must be mostly paper
RING_MAX_INK = 0.30
GRID_TOUCH_PT = 4.0      # boxes this close share an edge
GRID_REACH_PT = 12.0     # a grid line runs on at least this far past a cell's corner
GRID_MIN_CELLS = 6       # a mesh of this many edge-sharing boxes is a map grid or a table
AXIS_TOL_DEG = 4.0       # an outline edge this close to horizontal or vertical is "square"
MIN_SQUARE_SHARE = 0.55  # share of a box's outline that must run square to the page
SQUARE_CLOSE_PT = 5.0    # notches narrower than this (stamp letters on an edge) filled first
SQUARE_EPS_PT = 1.5      # the outline polygon may stray this far from the region's edge


@dataclass(frozen=True)
class DetectedRedaction:
    bbox: Box
    style: RedactionStyle
    confidence: float
    code: str | None = None
    polygon: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class _Scale:
    """Pixels per point on both axes, so a non-square render still maps back."""
    sx: float
    sy: float

    def px(self, pt: float) -> int:
        return max(1, int(round(pt * (self.sx + self.sy) / 2)))

    def box(self, x: int, y: int, w: int, h: int, pad: float = 0.0) -> Box:
        return Box((x - pad) / self.sx, (y - pad) / self.sy,
                   (x + w + pad) / self.sx, (y + h + pad) / self.sy)


def detect_redactions(gray: np.ndarray, page_width_pt: float, page_height_pt: float,
                      words: list[OcrWord] | None = None,
                      budget: PageBudget | None = None) -> list[DetectedRedaction]:
    """Redactions on one page image (8-bit grey), in PDF points, top-left origin.
    Past `budget` (app.redactions.budget) raises PageTooComplexError."""
    if gray.ndim != 2 or gray.size == 0:
        raise ValueError("detect_redactions needs a non-empty 2-D grey image")
    if gray.dtype != np.uint8:
        gray = np.clip(gray, 0, 255).astype(np.uint8)
    if gray.shape[1] / page_width_pt < MIN_PX_PER_PT:
        # Thin outlines need a few pixels to survive; small renders are enlarged.
        factor = MIN_PX_PER_PT * page_width_pt / gray.shape[1]
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_LINEAR)
    scale = _Scale(gray.shape[1] / page_width_pt, gray.shape[0] / page_height_pt)
    found = _black_bars(gray, scale, budget) + _outlined_boxes(gray, scale, budget)
    found = _drop_nested(found)
    found.sort(key=lambda r: (round(r.bbox.y0), r.bbox.x0))
    if words:
        found = [_with_code(r, words) for r in found]
    return found


def _with_code(r: DetectedRedaction, words: list[OcrWord]) -> DetectedRedaction:
    code = code_near(r.bbox, words)
    if code is None:
        return r
    return DetectedRedaction(r.bbox, r.style, r.confidence, code, r.polygon)


# ---------------------------------------------------------------- black bars

def _black_bars(gray: np.ndarray, scale: _Scale,
                budget: PageBudget | None = None) -> list[DetectedRedaction]:
    dark = (gray < 110).astype(np.uint8)
    k = scale.px(BAR_STROKE_PT)
    solid = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, labels, stats, _ = connected_components(solid, connectivity=8)
    toned = (gray < 200).astype(np.uint8)
    out = []
    for i in range(1, n):
        if i % 256 == 0:
            check(budget)
        x, y, w, h, area = (int(v) for v in stats[i])
        if w < scale.px(BAR_MIN_W_PT) or h < scale.px(BAR_MIN_H_PT):
            continue
        if _ring_ink(toned, labels[y:y + h, x:x + w] == i, x, y, scale) > BAR_MAX_RING:
            continue   # a dark patch inside a photo or a shaded area, not on paper
        fill = area / float(w * h)
        if fill < BAR_MIN_FILL:
            continue
        inside = gray[y:y + h, x:x + w][labels[y:y + h, x:x + w] == i]
        mean, spread = float(inside.mean()), float(inside.std())
        if mean > BAR_MAX_GRAY or spread > 45:
            continue   # a photo or a dark halftone: textured, not one flat block
        conf = _clamp(0.5 + 0.5 * fill - spread / 200 - mean / 400)
        out.append(DetectedRedaction(scale.box(x, y, w, h), RedactionStyle.BLACK_BOX,
                                     round(conf, 3)))
    return out


# ------------------------------------------------------------ outlined boxes

def _line_mask(gray: np.ndarray, scale: _Scale, budget: PageBudget | None = None) -> np.ndarray:
    """Long horizontal and vertical runs of (possibly faint) ink, slightly thickened.
    Short runs count too where they meet a long line of the other direction: the
    visible stub of an edge that another box hides (stacked, overlapping boxes)."""
    ink = (gray < LINE_GRAY).astype(np.uint8)
    horiz_in, vert_in = _thicken(ink, scale, horizontal=True), _thicken(ink, scale, False)
    horiz = _runs(horiz_in, scale.px(H_LINE_PT), horizontal=True)
    vert = _runs(vert_in, scale.px(V_LINE_PT), horizontal=False)
    stub = scale.px(STUB_PT)
    horiz |= _touching(_runs(horiz_in, stub, True), vert)
    vert |= _touching(_runs(vert_in, stub, False), horiz)
    # Lengthen every edge a little so corners that almost meet do meet.
    ext = 2 * scale.px(CORNER_GAP_PT) + 1
    horiz = cv2.dilate(horiz, np.ones((1, ext), np.uint8))
    vert = cv2.dilate(vert, np.ones((ext, 1), np.uint8))
    lines = np.bitwise_or(np.bitwise_or(horiz, vert), _close_open_sides(horiz, vert, scale,
                                                                           budget))
    return cv2.dilate(lines, np.ones((3, 3), np.uint8))


def _close_open_sides(horiz: np.ndarray, vert: np.ndarray, scale: _Scale,
                      budget: PageBudget | None = None) -> np.ndarray:
    """Edges closing U-shaped outlines: an edge with a vertical rising (or falling) from
    both ends to the same height gets its opposite edge drawn. A box whose top runs
    under the release stamp has lost that edge on the scan but is still a box; where
    the edge exists the drawn line just overlays it."""
    out = np.zeros_like(horiz)
    _, _, hstats, _ = connected_components(horiz, connectivity=8)
    _, _, vstats, _ = connected_components(vert, connectivity=8)
    tol, same = scale.px(2.5), scale.px(3.0)
    vstats = vstats[1:]
    vx = vstats[:, 0] + vstats[:, 2] / 2
    for n, (hx, hy, hw, hh, _) in enumerate(hstats[1:]):
        if n % 256 == 0:
            check(budget)
        if hw < scale.px(BOX_MIN_W_PT):
            continue
        mid = hy + hh / 2
        spans = (vstats[:, 1] - tol <= mid) & (mid <= vstats[:, 1] + vstats[:, 3] + tol)
        lefts = vstats[spans & (np.abs(vx - hx) <= tol)]
        rights = vstats[spans & (np.abs(vx - hx - hw) <= tol)]
        for left in lefts:
            for right in rights:
                _close_pair(out, hx, hy, hw, hh, left, right, scale, same)
    return out


def _close_pair(out, hx, hy, hw, hh, left, right, scale: _Scale, same: int) -> None:
    """Draw the far edge where the two verticals of a U end at the same height."""
    min_h = scale.px(BOX_MIN_H_PT)
    top_l, top_r = left[1], right[1]
    bot_l, bot_r = left[1] + left[3], right[1] + right[3]
    if abs(top_l - top_r) <= same and hy - max(top_l, top_r) >= min_h:
        row = int(max(top_l, top_r))
        out[row, hx:hx + hw] = 1
    if abs(bot_l - bot_r) <= same and min(bot_l, bot_r) - (hy + hh) >= min_h:
        row = int(min(bot_l, bot_r)) - 1
        out[row, hx:hx + hw] = 1


def _thicken(ink: np.ndarray, scale: _Scale, horizontal: bool) -> np.ndarray:
    """Thicken across the line so a slightly skewed edge still has a long straight run,
    and bridge pin-hole gaps along it."""
    bridge = max(2, scale.px(1.0))
    across, along = ((3, 1), (1, bridge)) if horizontal else ((1, 3), (bridge, 1))
    out = cv2.dilate(ink, np.ones(across, np.uint8))
    return cv2.morphologyEx(out, cv2.MORPH_CLOSE, np.ones(along, np.uint8))


def _runs(mask: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    kernel = np.ones((1, length) if horizontal else (length, 1), np.uint8)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)


def _touching(pieces: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """The connected pieces of `pieces` that touch `lines`."""
    n, labels = cv2.connectedComponents(pieces, connectivity=8)
    near = cv2.dilate(lines, np.ones((5, 5), np.uint8)) > 0
    hit = np.unique(labels[near & (labels > 0)])
    return np.isin(labels, hit).astype(np.uint8)


def _outlined_boxes(gray: np.ndarray, scale: _Scale,
                    budget: PageBudget | None = None) -> list[DetectedRedaction]:
    lines = _line_mask(gray, scale, budget)
    check(budget)
    free = (lines == 0).astype(np.uint8)
    n, labels, stats, _ = connected_components(free, connectivity=4)
    ink = _text_ink(gray, scale)
    raw = (gray < LINE_GRAY).astype(np.uint8)
    H, W = gray.shape
    cands = []
    for i in range(1, n):
        if i % 256 == 0:
            check(budget)
        x, y, w, h, area = (int(v) for v in stats[i])
        if x == 0 or y == 0 or x + w >= W or y + h >= H:
            continue   # open to the page edge: not enclosed
        if w < scale.px(BOX_MIN_W_PT) or h < scale.px(BOX_MIN_H_PT):
            continue
        fill = area / float(w * h)
        if fill < BOX_MIN_FILL:
            continue
        region = labels[y:y + h, x:x + w] == i
        inked = _ink_fraction(ink[y:y + h, x:x + w], region, scale)
        if inked > BOX_MAX_INK or _ring_ink(raw, region, x, y, scale) > RING_MAX_INK:
            continue
        cands.append((x, y, w, h, fill, inked, region))
    check(budget)
    cands = _drop_repeated_frames(cands, scale, budget)
    cands = [c for c in _drop_grids(cands, scale, budget) if not _graticule_cell(lines, c, scale)]
    return [_outline_result(c, scale) for c in cands]


def _text_ink(gray: np.ndarray, scale: _Scale) -> np.ndarray:
    """Dark pixels that are not part of a straight rule: letters, stamps, pictures.
    Built without the bridging of the line mask, so lettering merged into "lines"
    there still counts as ink here."""
    dark = (gray < INK_GRAY).astype(np.uint8)
    rules = _runs(dark, scale.px(H_LINE_PT), True) | _runs(dark, scale.px(H_LINE_PT), False)
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    return np.bitwise_and(dark, 1 - rules)


def _ink_fraction(ink: np.ndarray, region: np.ndarray, scale: _Scale) -> float:
    """Share of the region's inner part that is ink. Holes in the region (text the
    line mask swallowed) are filled first; a thin rim is ignored because stamp text
    and edge specks often touch the outline from inside."""
    rim = scale.px(1.5)
    contours, _ = cv2.findContours(region.astype(np.uint8), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros(region.shape, np.uint8)
    cv2.drawContours(filled, contours, -1, 1, thickness=cv2.FILLED)
    inner = cv2.erode(filled, np.ones((2 * rim + 1, 2 * rim + 1), np.uint8))
    count = int(inner.sum())
    inked = int((ink & inner).sum())
    if count == 0 or inked <= scale.px(SPECK_PT) ** 2:
        return 0.0   # a few scanner specks, not text
    return inked / count


def _ring_ink(raw: np.ndarray, region: np.ndarray, x: int, y: int, scale: _Scale) -> float:
    """Ink share in a band just outside the region's outline. A redaction's outline is
    a thin line with paper (or another thin outline) around it; the counter of a bold
    letter or a frame printed among text is surrounded by thick strokes."""
    m = scale.px(RING_PT)
    h, w = region.shape
    y0, x0 = max(0, y - m), max(0, x - m)
    y1, x1 = min(raw.shape[0], y + h + m), min(raw.shape[1], x + w + m)
    local = np.zeros((y1 - y0, x1 - x0), np.uint8)
    local[y - y0:y - y0 + h, x - x0:x - x0 + w] = region
    outer = cv2.dilate(local, np.ones((2 * m + 1, 2 * m + 1), np.uint8))
    inner = cv2.dilate(local, np.ones((7, 7), np.uint8))
    ring = (outer > 0) & (inner == 0)
    return float(raw[y0:y1, x0:x1][ring].mean()) if ring.any() else 0.0


def _graticule_cell(lines: np.ndarray, c, scale: _Scale) -> bool:
    """A cell of a map's graticule rather than a redaction: its walls are mostly curves
    and slants, or lines run on through most of its corners. Checked after the mesh
    test, which needs every cell. (Two "+" corners are not enough: the release stamp
    line runs through both top corners of many header boxes.)"""
    return _square_share(c[6], scale) < MIN_SQUARE_SHARE or _crossings(lines, c, scale) >= 3


def _square_share(region: np.ndarray, scale: _Scale) -> float:
    """Share of the region's outline (as a polygon) running within AXIS_TOL_DEG of
    horizontal or vertical. A redaction is drawn as a rectangle or a stepped
    rectilinear polygon, so nearly all of its outline is square to the page even when
    a stamp frays one edge; a cell of a map's graticule or a stretch of coastline is
    walled by curves and slanted lines. Notches narrower than SQUARE_CLOSE_PT (the
    letters of a release stamp printed across a header box's edge) are closed first."""
    k = scale.px(SQUARE_CLOSE_PT)
    padded = np.pad(region.astype(np.uint8), k)   # room for the closing at the edges
    closed = cv2.morphologyEx(padded, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return 0.0
    outline = max(contours, key=cv2.contourArea)
    poly = cv2.approxPolyDP(outline, scale.px(SQUARE_EPS_PT), True)[:, 0, :]
    edges = np.roll(poly, -1, axis=0) - poly
    lengths = np.hypot(edges[:, 0], edges[:, 1]).astype(float)
    angles = np.degrees(np.arctan2(np.abs(edges[:, 1]), np.abs(edges[:, 0])))
    square = np.minimum(angles, 90 - angles) <= AXIS_TOL_DEG
    total = float(lengths.sum())
    return float(lengths[square].sum()) / total if total else 0.0


def _drop_repeated_frames(cands: list, scale: _Scale, budget: PageBudget | None = None) -> list:
    """Rows of many near-identical small frames are a perforation strip or a form,
    not redactions."""
    keep = []
    for c in cands:
        check(budget)
        x, y, w, h = c[:4]
        twins = [d for d in cands if abs(d[1] - y) < scale.px(3) and abs(d[3] - h) < scale.px(3)
                 and abs(d[2] - w) < max(scale.px(4), 0.15 * w)]
        if len(twins) >= 4 and h < scale.px(20):
            continue
        keep.append(c)
    return keep


def _drop_grids(cands: list, scale: _Scale, budget: PageBudget | None = None) -> list:
    """Empty cells of a map's graticule (or a ruled form) are enclosed white boxes too,
    but they come as a mesh: many boxes each sharing edges with others. Stacked
    redactions share edges in twos and threes, never in a mesh of six or more."""
    touch = scale.px(GRID_TOUCH_PT)
    n = len(cands)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        check(budget)
        xi, yi, wi, hi = cands[i][:4]
        for j in range(i + 1, n):
            xj, yj, wj, hj = cands[j][:4]
            gap_x = max(xi, xj) - min(xi + wi, xj + wj)
            gap_y = max(yi, yj) - min(yi + hi, yj + hj)
            if gap_x <= touch and gap_y <= touch and (gap_x < 0 or gap_y < 0):
                parent[root(i)] = root(j)
    sizes: dict[int, int] = {}
    for i in range(n):
        sizes[root(i)] = sizes.get(root(i), 0) + 1
    return [c for i, c in enumerate(cands) if sizes[root(i)] < GRID_MIN_CELLS]


def _crossings(lines: np.ndarray, c, scale: _Scale) -> int:
    """Corners where the outline's lines run on past the box both ways (a "+"), as
    where meridians cross parallels. A redaction's corners are "L"s, or "T"s where
    boxes are stacked."""
    x, y, w, h = c[:4]
    d, band = scale.px(GRID_REACH_PT), scale.px(3.0)
    H, W = lines.shape

    def any_in(y0, y1, x0, x1) -> bool:
        y0, y1, x0, x1 = max(0, y0), min(H, y1), max(0, x0), min(W, x1)
        return y1 > y0 and x1 > x0 and bool(lines[y0:y1, x0:x1].any())

    count = 0
    for cx, cy, sx, sy in ((x, y, -1, -1), (x + w, y, 1, -1), (x, y + h, -1, 1),
                           (x + w, y + h, 1, 1)):
        ex = cx + sx * d   # beyond the corner, along the horizontal edge
        ey = cy + sy * d   # beyond the corner, along the vertical edge
        along_h = any_in(cy - band, cy + band, min(ex, ex + sx), max(ex, ex + sx) + 1)
        along_v = any_in(min(ey, ey + sy), max(ey, ey + sy) + 1, cx - band, cx + band)
        count += along_h and along_v
    return count


def _outline_result(c, scale: _Scale) -> DetectedRedaction:
    x, y, w, h, fill, inked, region = c
    pad = scale.px(1.0)   # the region is the inside of the outline; the box includes it
    polygon: tuple = ()
    if fill < 0.97:
        contours, _ = cv2.findContours(region.astype(np.uint8), cv2.RETR_EXTERNAL,
                                       cv2.CHAIN_APPROX_SIMPLE)
        if contours:
            cnt = max(contours, key=cv2.contourArea)
            approx = cv2.approxPolyDP(cnt, scale.px(1.5), True)
            polygon = tuple((round((x + float(p[0][0])) / scale.sx, 1),
                             round((y + float(p[0][1])) / scale.sy, 1)) for p in approx)
    conf = _clamp(0.55 + 0.4 * fill - 10 * inked)
    return DetectedRedaction(scale.box(x, y, w, h, pad), RedactionStyle.OUTLINE_BOX,
                             round(conf, 3), None, polygon)


def _drop_nested(found: list[DetectedRedaction]) -> list[DetectedRedaction]:
    """Anything lying wholly inside a black bar (or a bar inside a box) is a duplicate;
    outlined boxes may legitimately sit inside another's bounding box."""
    keep = []
    for r in found:
        inside = any(o is not r and o.bbox.area > r.bbox.area
                     and RedactionStyle.BLACK_BOX in (o.style, r.style)
                     and r.bbox.intersection(o.bbox) > 0.9 * r.bbox.area for o in found)
        if not inside:
            keep.append(r)
    return keep


def _clamp(v: float) -> float:
    return max(0.0, min(1.0, v))


# ------------------------------------------------------------------ PDF pages

def render_gray(page, dpi: int) -> np.ndarray:
    """A page as an 8-bit grey array (PyMuPDF render, no alpha)."""
    import pymupdf
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.stride)[:, :pix.width]


def page_text_words(page) -> list[OcrWord]:
    """The words of a page's text layer (empty for image-only scans)."""
    return [OcrWord(w[4], Box.of(w[:4]), block=w[5], line=w[6]) for w in page.get_text("words")]


def detect_in_pdf(path: str | Path, dpi: int = 150,
                  words_by_page: dict[int, list[OcrWord]] | None = None,
                  state: TaskState | None = None,
                  skipped: list[tuple[int, str]] | None = None,
                  pages: list[int] | None = None) -> list[tuple[int, DetectedRedaction]]:
    """Detect on every page (or `pages`; 0-based page indexes). Codes are read from
    `words_by_page`, else from the page's text layer, else by Tesseract from the
    margins beside the boxes. A page that cannot be analysed is logged, put in
    `skipped` as (page_index, reason), and the run goes on."""
    from recto.app.pdf.reader import open_pdf
    from recto.app.pdf.render_service import IsolatedRenderer
    results: list[tuple[int, DetectedRedaction]] = []
    draw = IsolatedRenderer(cache_bytes=1)  # MuPDF can spin on a damaged scan: time-limited
    with open_pdf(path) as doc, closing(draw):
        chosen = pages if pages is not None else list(range(doc.page_count))
        total = len(chosen)
        for n, index in enumerate(chosen):
            if state is not None:
                state.check()
            try:
                gray = gray_page(draw, path, index, dpi)
                words = (words_by_page or {}).get(index)
                if words is None:   # the text layer, read in the renderer's child too
                    words = draw.call("recto.app.redactions.detect:text_words_at", str(path),
                                      index, timeout_s=draw.timeout_s)
                results.extend((index, r) for r in _detect_page(
                    doc[index], gray, words, PageBudget(index)))
            except Exception as exc:  # noqa: BLE001 - one bad page must not end the run
                log.warning("page %d skipped: %s", index + 1, exc)
                if skipped is not None:
                    skipped.append((index, str(exc)))
            if state is not None:
                state.report(n + 1, total, f"page {index + 1}")
    return results


def text_words_at(path: str, page_index: int) -> list[OcrWord]:
    """`page_text_words` of one page of the PDF at `path`: run in IsolatedRenderer's child,
    where a hostile page's text layer cannot stall the caller past the time limit."""
    from recto.app.pdf.reader import open_pdf
    with open_pdf(path) as doc:
        return page_text_words(doc[page_index])


def _detect_page(page, gray: np.ndarray, words: list[OcrWord],
                 budget: PageBudget | None = None) -> list[DetectedRedaction]:
    found = detect_redactions(gray, page.rect.width, page.rect.height, words, budget)
    return with_margin_codes(found, gray, page.rect.width, page.rect.height)


def with_margin_codes(found: list[DetectedRedaction], gray: np.ndarray, width_pt: float,
                      height_pt: float) -> list[DetectedRedaction]:
    """Boxes still without a code (no words yet, or an OCR layer that garbled the
    margin) get the code Tesseract reads beside them."""
    todo = [r for r in found if r.code is None]
    if not todo:
        return found
    from recto.app.redactions.margin_codes import margin_codes
    read = dict(zip(map(id, todo), margin_codes(gray, width_pt, height_pt,
                                                  [r.bbox for r in todo]), strict=True))
    return [DetectedRedaction(r.bbox, r.style, r.confidence, read[id(r)], r.polygon)
            if id(r) in read else r for r in found]


def gray_page(draw, path, page_index: int, dpi: int) -> np.ndarray:
    """A page as a gray array, drawn by an IsolatedRenderer (which has a time limit)."""
    image = draw.render(str(path), page_index, dpi / 72, gray=True)
    rows = np.frombuffer(image.samples, np.uint8).reshape(image.height, image.stride)
    return rows[:, :image.width]

