"""Two printed lines read as one are parted at the white rows between them.

Real Tesseract on the real PDB page whose release line is stamped just under its footer;
the finding of such runs on a page drawn by PyMuPDF with Tesseract's rows given.
"""
from __future__ import annotations

import numpy as np
import pymupdf

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.merged_lines import merged_runs
from tests.ocr_fixtures import SCANS, render_gray, tesseract_rows

RELEASE = ("Declassified in Part - Sanitized Copy Approved for Release 2015/07/24 : "
           "CIA-RDP79T00936A001800190001-7")


def test_a_release_line_stamped_under_the_footer_reads_as_the_one_above():
    with pymupdf.open(SCANS / "pdb_0005996489_p4.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    lines = result.text.splitlines()
    assert lines[0] == RELEASE     # the top one, clear of the text
    assert lines[-1] == RELEASE    # was "... for Neleace 3015/07/04 “Gla RDP79T...", weak
    footer = [w for w in result.words if 770 < w.bbox.y0 < 776]
    assert len(footer) >= 5 and all(w.bbox.y1 < 781 for w in footer)  # its own line, above
    # the footer's upper half (its lower half is under the stamp's box) is kept as noise
    # (test_ocr_release_stamps), so the line before the stamp is the page's last typed one
    assert all(w.noise for w in footer)
    assert [line for line in lines if line][-2] == "(Cont'd)"


def _page(*prints: tuple[str, float, float]) -> np.ndarray:
    """A 300 dpi gray page of `prints`, each (text, x, baseline) in points."""
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=60)
    for text, x, baseline in prints:
        page.insert_text((x, baseline), text, fontname="helv", fontsize=10)
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w]


def _word(image: np.ndarray, text: str, x0: float, x1: float, y0: float, y1: float,
          conf: float) -> tuple[str, int, int, int, int, float]:
    """The row Tesseract would give for the ink between x0-x1, y0-y1 (points)."""
    k = 300 / 72
    ys, xs = np.nonzero(image[round(y0 * k):round(y1 * k), round(x0 * k):round(x1 * k)] < 128)
    return (text, round(x0 * k) + int(xs.min()), round(y0 * k) + int(ys.min()),
            int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1, conf)


LOWER = [("one", 20, 45), ("two", 50, 45), ("three", 80, 45), ("four", 130, 45)]


def _line(image: np.ndarray, last_conf: float) -> dict:
    """Three confident words, then one over x 128-170 pt from the top of the page's
    upper print to the lower's baseline, at `last_conf`."""
    words = [_word(image, t, x - 1, x + 27, 34, 47, 95.0) for t, x, _ in LOWER[:3]]
    return tesseract_rows(*words, _word(image, "Neleace", 128, 170, 20, 47, last_conf))


def test_a_tall_weak_word_over_two_prints_is_a_run_parted_in_two():
    runs = merged_runs(image := _page(*LOWER, ("upper", 130, 31)), _line(image, 2.0))
    assert len(runs) == 1 and len(runs[0].parts) == 2
    assert runs[0].own == 1            # the lower print is the line's own
    assert runs[0].rows[0][-1] == "Neleace"


def test_a_tall_weak_word_over_one_print_and_a_sure_one_are_no_run():
    # "four" with "ppp" just above it: no white row parts them
    image = _page(*LOWER, ("ppp", 130, 36))
    assert merged_runs(image, _line(image, 2.0)) == []
    image = _page(*LOWER, ("upper", 130, 31))
    assert merged_runs(image, _line(image, 90.0)) == []


def test_pieces_of_a_word_read_again_are_joined_and_words_a_space_apart_are_not():
    """cib_02026614_p3: "invitation" read again as "invi" + "tation", 7 px apart at a
    height of 55 (the line's spaces are 22)."""
    from recto.app.ocr.rows import pieces_joined

    def row(text, left, width, conf=90.0):
        return {"text": text, "left": left, "top": 10, "width": width, "height": 55,
                "conf": conf}
    joined = pieces_joined([row("invi", 100, 86, 91.0), row("tation", 193, 135, 96.0),
                            row("for", 350, 72)])
    assert [(r["text"], r["left"], r["width"], r["conf"]) for r in joined] == [
        ("invitation", 100, 228, 91.0), ("for", 350, 72, 90.0)]
    assert len(pieces_joined([row("accepts", 100, 185), row("invitation", 307, 228)])) == 2


def test_a_release_date_cut_short_under_a_strike_is_read_whole():
    """cib_02733122_p2: the stamped release line runs over a struck "TOP SECRET"; the
    merged word's box ended at "2019", so "/03/14" was in no box and never read again."""
    with pymupdf.open(SCANS / "cib_02733122_p2.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    top = [w.text for w in result.words if not w.noise and w.bbox.y1 < 30]
    assert "2019/03/14" in top and "C02733122" in top and "2019" not in top


def test_a_runs_box_grows_over_its_unread_ink_up_to_the_next_word_only():
    image = _page(*LOWER[:3], ("2019/03/14", 128, 45), ("C027", 181, 45), ("upper", 130, 31))
    k = 300 / 72
    _, x, _, w, _, _ = _word(image, "", 128, 180, 36, 47, 0)
    date_end = x + w
    words = [_word(image, t, x - 1, x + 27, 34, 47, 95.0) for t, x, _ in LOWER[:3]]
    short = _word(image, "Neleace", 128, 150, 20, 47, 2.0)       # stops short of "/03/14"
    runs = merged_runs(image, tesseract_rows(*words, short,
                                             _word(image, "C027", 180.5, 205, 36, 47, 95.0)))
    x, _, w, _ = runs[0].box
    assert date_end - 2 <= x + w < 180.5 * k                      # the date, not "C027"
    alone = merged_runs(image, tesseract_rows(*words, short))     # no word after it
    assert alone[0].box[0] + alone[0].box[2] < 151 * k
