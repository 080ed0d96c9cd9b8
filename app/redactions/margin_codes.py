"""Exemption codes for redactions on pages that have no words yet.

Detection used to take its codes from OCR words only, so a page detected before
OCR got every box and no code ("(none) 17"). Here Tesseract reads just the line
band beside each box (the margin where "25X1" is stamped), with the boxes
themselves painted white so the bars do not come back as noise. Bands that
overlap are read in one call; a page costs a few small calls, not a full OCR.
"""
from __future__ import annotations

import logging
import os

import numpy as np

from recto.annotations.model import Box, OcrWord
from recto.app.redactions.exemption_codes import code_near

log = logging.getLogger(__name__)

BAND_PT = 14.0        # codes sit on the box's line, a little above or below it
READ_PX_PER_PT = 300 / 72   # Tesseract reads small type best at about 300 dpi
TIMEOUT_S = 20


def margin_codes(gray: np.ndarray, page_width_pt: float, page_height_pt: float,
                 boxes: list[Box]) -> list[str | None]:
    """The code printed beside each box (None where none is read), from `gray`,
    the page image the boxes were detected on."""
    if not boxes:
        return []
    sx, sy = gray.shape[1] / page_width_pt, gray.shape[0] / page_height_pt
    page = gray.copy()
    for b in boxes:   # the bars themselves only make noise
        page[max(0, int(b.y0 * sy) - 1):int(b.y1 * sy) + 2,
             max(0, int(b.x0 * sx) - 1):int(b.x1 * sx) + 2] = 255
    words: list[OcrWord] = []
    for y0, y1 in _bands(boxes, page_height_pt):
        words += _read_band(page, y0, y1, sx, sy)
    return [code_near(b, words) for b in boxes]


def _bands(boxes: list[Box], page_height_pt: float) -> list[tuple[float, float]]:
    """Vertical bands around the boxes, overlapping ones merged."""
    spans = sorted((max(0.0, b.y0 - BAND_PT), min(page_height_pt, b.y1 + BAND_PT))
                   for b in boxes)
    merged: list[list[float]] = []
    for y0, y1 in spans:
        if merged and y0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], y1)
        else:
            merged.append([y0, y1])
    return [(a, b) for a, b in merged]


def _read_band(page: np.ndarray, y0: float, y1: float, sx: float, sy: float) -> list[OcrWord]:
    import cv2
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"
    top, bottom = int(y0 * sy), int(np.ceil(y1 * sy))
    crop = page[top:bottom]
    if crop.size == 0:
        return []
    f = READ_PX_PER_PT / ((sx + sy) / 2)
    if f > 1.05:
        crop = cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    crop = cv2.copyMakeBorder(crop, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    try:
        data = pytesseract.image_to_data(crop, config="--psm 11", timeout=TIMEOUT_S,
                                         output_type=pytesseract.Output.DICT)
    except (RuntimeError, pytesseract.TesseractError,
            pytesseract.TesseractNotFoundError) as exc:
        log.warning("margin codes not read: %s", exc)
        return []
    fx, fy = sx * (f if f > 1.05 else 1), sy * (f if f > 1.05 else 1)
    words = []
    for k, text in enumerate(data["text"]):
        if not text.strip():
            continue
        x = (data["left"][k] - 20) / fx
        y = (data["top"][k] - 20) / fy + y0
        words.append(OcrWord(text, Box(x, y, x + data["width"][k] / fx,
                                       y + data["height"][k] / fy)))
    return words
