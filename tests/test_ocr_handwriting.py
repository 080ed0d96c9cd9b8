"""Lines read from joined-up ink: a handwritten note is no page text, typed words stay.

Real Tesseract on the real bulletin pages with a handwritten "No articles selected" and
a pencilled "ICELAND / US"; `joined_up_lines` on drawn ink: the same weak words over
joined strokes and over typed letters, and read surely; `pen_words` on words drawn with a
pen's thin line and typed.
"""
from __future__ import annotations

import cv2
import numpy as np
import pymupdf

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.handwriting import joined_up_lines, pen_words
from tests.ocr_fixtures import ROOT, read_scan, render_gray, tesseract_rows

HELDOUT = ROOT / "bench" / "data" / "heldout"


def test_a_handwritten_note_stays_out_of_the_page_text_and_on_the_overlay():
    with pymupdf.open(HELDOUT / "cib_03003742_p2.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    # the note stands between item 3 and the "* * * *" (y 365-392 pt)
    note = [w for w in result.words if 360 < w.bbox.y0 < 395 and w.bbox.x0 < 330]
    assert len(note) >= 4 and all(w.noise for w in note)
    lines = [t for t in result.text.splitlines() if t.strip()]
    item = lines.index("3. Monnet takes stand against steel export cartel (page 4).")
    assert lines[item + 1] == "* * * *"     # the note between them left out
    assert "2. Announced merger may restore Liberal majority in Japanese Diet" in lines


def _rows(words: list[tuple[str, float, tuple[int, int, int, int]]]) -> dict:
    """(text, conf, box) each, as Tesseract's rows of one line."""
    return tesseract_rows(*[(text, *box, conf) for text, conf, box in words])


def test_weak_words_over_joined_strokes_are_flagged_and_over_letters_not():
    page = np.full((200, 900), 255, np.uint8)
    # two "words" of joined-up strokes: one piece of ink each
    for x0 in (20, 260):
        pts = np.array([(x0 + 12 * k, 60 + (20 if k % 2 else 0)) for k in range(16)], np.int32)
        cv2.polylines(page, [pts], False, 0, 3)
    cv2.putText(page, "Kehoe", (500, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)  # typed
    joined = [("Pickte", 20.0, (15, 55, 190, 30)), ("Kehoe", 20.0, (255, 55, 190, 30))]
    assert joined_up_lines(_rows(joined), page) == {0, 1}
    typed = [("Kehoe", 30.0, (495, 45, 130, 45))]
    assert joined_up_lines(_rows(typed), page) == set()
    sure = [(t, 90.0, box) for t, _, box in joined]
    assert joined_up_lines(_rows(sure), page) == set()


def test_weak_underlined_typed_words_are_not_taken_for_handwriting():
    """An underline joins a typed word's letters into one piece, as cursive does."""
    page = np.full((200, 900), 255, np.uint8)
    cv2.putText(page, "Kehoe mission", (20, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    cv2.line(page, (18, 80), (300, 80), 0, 3)        # touching the letters' feet
    weak = [("Kehoe", 30.0, (15, 45, 130, 50)), ("mission", 30.0, (150, 45, 160, 50))]
    assert joined_up_lines(_rows(weak), page) == set()


def test_a_pencilled_margin_note_stays_out_of_the_page_text_and_on_the_overlay():
    """cib_02003047_p3: "ICELAND / US" beside item 2's heading, read "Tob Ae" (on the
    heading's line) and "IWS"."""
    result = read_scan(HELDOUT / "cib_02003047_p3.pdf")
    note = [w for w in result.words if 485 < w.bbox.y0 < 520 and w.bbox.x0 > 530
            and not any(ch.isdigit() for ch in w.text)]
    assert len(note) >= 2 and all(w.noise for w in note)
    lines = [t for t in result.text.splitlines() if t.strip()]
    assert "2. Negotiations for defense of Iceland being finalized:" in lines


def _typed_and_pen(pen_conf: float, pen_text: str = "Kehoe") -> tuple[np.ndarray, dict]:
    """Six typed words (strokes ~6 px) and one word written with a 1 px line."""
    page = np.full((300, 1400), 255, np.uint8)
    words = []
    for k in range(6):
        cv2.putText(page, "Meeting", (20 + 200 * (k % 3), 60 + 60 * (k // 3)),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
        words.append(("Meeting", 95.0, (15 + 200 * (k % 3), 25 + 60 * (k // 3), 180, 45)))
    page = cv2.erode(page, np.ones((3, 3), np.uint8))      # the type's strokes thickened
    cv2.putText(page, pen_text, (20, 250), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 1)
    words.append((pen_text, pen_conf, (15, 215, 160, 45)))
    return page, _rows(words)


def test_weak_words_in_a_pens_thin_line_are_flagged_and_typed_or_sure_ones_not():
    page, rows = _typed_and_pen(40.0)
    assert pen_words(rows, page) == {6}
    page, rows = _typed_and_pen(85.0)         # read surely: text, however thin
    assert pen_words(rows, page) == set()
    page, rows = _typed_and_pen(40.0, "3.5(c)")   # a code in a thin sans-serif
    assert pen_words(rows, page) == set()
    page, rows = _typed_and_pen(40.0)
    page[210:265, 10:180] = cv2.erode(page[210:265, 10:180], np.ones((3, 3), np.uint8))  # typed
    assert pen_words(rows, page) == set()
