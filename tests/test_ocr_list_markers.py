"""List numbers hanging left of their items are read and put first in their lines.

Real Tesseract on a real bulletin contents page whose numbers the layout dropped; the
rule on Tesseract rows given by hand, with real Tesseract reading the crops of a page
drawn by PyMuPDF.
"""
from __future__ import annotations

import numpy as np
import pymupdf

from recto.app.ocr.engine import OcrSettings, _run_tesseract, ocr_image
from recto.app.ocr.gaps import read_weak_and_unread
from recto.app.ocr.list_markers import line_led
from tests.ocr_fixtures import SCANS, render_gray, tesseract_rows


def test_a_contents_pages_numbers_lead_their_items():
    with pymupdf.open(SCANS / "cib_02733122_p2.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    lines = result.text.splitlines()
    # items 2, 4 and 7 are redacted boxes; the layout had dropped every number shown here
    for line in ("1. USSR munitions production increased (page 3).",
                 "3. Enemy armor contacted in Chinese Communist sector (page 4).",
                 "9. Anti-Communist resistance in Poland (page 7)."):
        assert line in lines
    numbers = [int(t.split(".")[0]) for t in lines if t[:1].isdigit() and t.split(".")[0].isdigit()
               and t.split(".")[1:2] and t.split(".")[1].startswith(" ")]
    assert numbers == sorted(numbers) and len(numbers) >= 6


def _page(lines: list[str]) -> np.ndarray:
    """300 dpi gray image of `lines`, each (number, text) at fixed columns."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=120)
    for k, line in enumerate(lines):
        number, text = line.split(" ", 1)
        page.insert_text((20, 40 + 30 * k), number, fontname="tibo", fontsize=12)
        page.insert_text((50, 40 + 30 * k), text, fontname="tibo", fontsize=12)
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w].copy()


def _box(image: np.ndarray, x0: float, x1: float, y0: float, y1: float):
    k = 300 / 72
    sub = image[round(y0 * k):round(y1 * k), round(x0 * k):round(x1 * k)] < 128
    ys, xs = np.nonzero(sub)
    return (round(x0 * k) + int(xs.min()), round(y0 * k) + int(ys.min()),
            int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1)


def test_a_number_read_as_junk_or_not_read_is_read_again_with_its_items_first_word():
    image = _page(["4. Egyptian Government", "5. Arab agitation"])
    egypt, govt = _box(image, 48, 110, 28, 44), _box(image, 112, 200, 28, 44)
    arab = _box(image, 48, 82, 58, 74)
    # line 1: "4." read as "»" at 38 in a block of its own; line 2: "5." not read at all
    data = tesseract_rows(("»", *_box(image, 18, 34, 28, 44), 38.0, 1),
                 ("Egyptian", *egypt, 96.0, 2), ("Government", *govt, 95.0, 2),
                 ("Arab", *arab, 96.0, 3))
    data["line_num"] = [1, 1, 1, 2]
    ink = (image < 128)
    out = read_weak_and_unread(image, ink, data,
                               lambda sheet: _run_tesseract(sheet, OcrSettings(), 60, 6))
    words = [t for t in out["text"] if t.strip()]
    assert words[:3] == ["4.", "Egyptian", "Government"] and "»" not in words
    assert words[3:] == ["5.", "Arab"]
    five = out["text"].index("5.")
    assert out["line_num"][five] == 2 and out["left"][five] < arab[0]


def test_a_word_left_of_the_row_or_far_from_it_leads_nothing():
    data = tesseract_rows(("see", 100, 100, 60, 30, 95.0, 1), ("item", 200, 100, 80, 30, 95.0, 1))
    assert line_led((170, 100, 20, 30), data) is None        # a word left of it
    assert line_led((0, 100, 10, 20), data) is None          # 90 px off: over 4 heights
    assert line_led((70, 100, 20, 30), data)[0] == (1, 1, 1)


def test_numbers_read_as_a_block_of_their_own_move_to_their_items():
    from recto.app.ocr.list_markers import moved_to_their_items
    # Tesseract read "3." and "6." as block 1, before the items (blocks 2 and 3)
    data = tesseract_rows(("3.", 100, 500, 30, 40, 90.0, 1), ("6.", 100, 900, 30, 40, 88.0, 1),
                 ("Laos:", 180, 500, 100, 40, 95.0, 2), ("Chiang", 300, 500, 120, 40, 95.0, 2),
                 ("Brazil:", 180, 900, 130, 40, 95.0, 3), ("see", 180, 1300, 60, 40, 95.0, 4))
    data["line_num"] = [1, 2, 1, 1, 1, 1]
    out = moved_to_their_items(data)
    assert out["text"] == ["3.", "Laos:", "Chiang", "6.", "Brazil:", "see"]
    assert out["block_num"] == [2, 2, 2, 3, 3, 4]
    # a number with a word left of it, or alone with nothing beside it, stays put
    lone = tesseract_rows(("7.", 100, 1700, 30, 40, 90.0, 1), ("Bonn", 180, 500, 80, 40, 95.0, 2))
    assert moved_to_their_items(lone) == lone
