"""The exemption code printed beside a redaction box, from the page's OCR words.

The codes themselves are parsed in `recto.app.text.exemption_codes` (shared with the
OCR's correction of how Tesseract spells them); this module adds the geometry.
"""
from __future__ import annotations

from recto.annotations.model import Box, OcrWord
from recto.app.text.exemption_codes import find_codes, parse_code

__all__ = ["code_near", "find_codes", "parse_code"]

# How far from a box a code may be printed (PDF points).
_MAX_SIDE_GAP = 420.0   # codes sit in the right margin, far from short boxes
_BAND_SLACK = 14.0
_ABOVE_BELOW = 24.0


def code_near(box: Box, words: list[OcrWord]) -> str | None:
    """The code printed inside or beside `box`: same line band first (the margin or
    the end of the line), then just above or below. None if nothing is close."""
    best: tuple[float, str] | None = None
    for word in words:
        code = parse_code(word.text)
        if code is None:
            continue
        score = _distance(box, word.bbox)
        if score is not None and (best is None or score < best[0]):
            best = (score, code)
    return best[1] if best else None


def _distance(box: Box, wb: Box) -> float | None:
    """A cost for `wb` as the code of `box`; None when it is too far to belong to it."""
    cy = (wb.y0 + wb.y1) / 2
    dx = max(0.0, wb.x0 - box.x1, box.x0 - wb.x1)
    dy = max(0.0, box.y0 - cy, cy - box.y1)
    if dx == 0 and dy == 0:
        return 0.0
    if dy <= _BAND_SLACK and dx <= _MAX_SIDE_GAP:
        # Beside the box: prefer the line band, then the nearer side.
        return dx * 0.05 + dy * 2.0 + 1.0
    if dy <= _ABOVE_BELOW + box.height * 0.1 and dx <= 40:
        return 50.0 + dy * 2.0 + dx
    return None
