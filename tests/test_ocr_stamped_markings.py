"""A marking cut by a release stamp's box, with no copy on the page, is read from the
marking drawn in the stamps' typefaces.

Real Tesseract on real bulletin pages whose only "TOP SECRET" left shows its upper half
(a foot) or its lower two thirds (a head), on a page whose cut head was read already, and
on drawn pages: a marking drawn in a typeface Recto does not draw is read; a heading cut
the same way is not, nor is a sliver of a marking.
"""
from __future__ import annotations

import pymupdf
import pytest

from recto.app.ocr.engine import OcrSettings, ocr_image
from tests.ocr_fixtures import SCANS, read_scan, render_gray, word_box
from tests.test_ocr_gaps import HELDOUT

STAMP = "Approved for Release: 2020/03/13 C03160568"
SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def _lines(result) -> list[str]:
    return [line for line in result.text.splitlines() if line.strip()]


def test_a_foot_whose_upper_half_shows_is_read_before_the_release_line():
    result = read_scan(HELDOUT / "cib_03185137_p2.pdf")
    lines = _lines(result)
    assert lines[-2:] == ["TOP SECRET", "Approved for Release: 2020/03/13 C03185137"]
    assert lines.count("TOP SECRET") == 1   # the head shows only its letters' feet
    top, secret = (w for w in result.words if w.text in ("TOP", "SECRET") and not w.noise)
    # where it is printed: x 272-343 pt, its upper half above the stamp at y 729
    assert 266 < top.bbox.x0 < 278 and 336 < secret.bbox.x1 < 380
    assert 712 < top.bbox.y0 < 728 and top.bbox.y1 > 728


@pytest.mark.parametrize("name", ["cib_02977806_p2", "cib_03185137_p3"])
def test_a_foot_cut_under_a_rule_or_beside_a_box_is_read(name):
    """cib_02977806_p2's foot has a rule printed along its cut, taking more off some of
    its letters; cib_03185137_p3's stands beside a redaction box, whose edges run down
    to the stamp."""
    lines = _lines(read_scan(HELDOUT / f"{name}.pdf"))
    stamp = f"Approved for Release: 2020/03/13 C{name[4:12]}"
    foot = max(k for k, line in enumerate(lines) if line == stamp)
    assert lines[foot - 1] == "TOP SECRET"
    assert lines.count("TOP SECRET") == (1 if name == "cib_02977806_p2" else 2)


def test_a_head_whose_lower_part_shows_is_read_after_the_release_line():
    lines = _lines(read_scan(HELDOUT / "cib_03160568_p2.pdf"))
    assert lines[:2] == ["Approved for Release: 2020/03/13 C03160568", "TOP SECRET"]
    assert lines.count("TOP SECRET") == 1   # the foot shows a sliver of tops


def test_a_cut_head_read_already_is_not_read_again():
    words = read_scan(SCANS / "cib_02623669_p3.pdf").text.split()
    assert " ".join(words).count("TOP SECRET") == 2


def _page(text: str, fontfile: str, shown: float) -> tuple:
    """A page with a release stamp at its foot and `text` standing on it, only its upper
    `shown` share above the stamp's white box, drawn at 300 dpi."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((150, 200), "The delegation met the committee on Tuesday.", fontsize=12,
                     fontname="tiro")
    page.insert_text((180, 800), text, fontsize=18, fontname="f", fontfile=fontfile)
    box = word_box(page, text.split()[0]) | word_box(page, text.split()[-1])
    cut = box.y1 - (1 - shown) * box.height
    page.draw_rect(pymupdf.Rect(120, cut, 480, 830), color=None, fill=(1, 1, 1))
    page.insert_text((185, 816), STAMP, fontsize=10, fontname="helv")
    return render_gray(page), box


def _foot(gray) -> list[str]:
    words = ocr_image(gray, OcrSettings(), 595, 842).words
    return [w.text for w in words if w.bbox.y0 > 700 and not w.noise]


@pytest.mark.parametrize(("font", "shown"), [(SANS_BOLD, 0.5), (SERIF_BOLD, 0.4)])
def test_a_marking_cut_by_the_stamp_in_another_typeface_is_read(font, shown):
    gray, _ = _page("TOP SECRET", font, shown)
    assert _foot(gray)[:3] == ["TOP", "SECRET", "Approved"]   # its junk reading taken out


def test_a_heading_or_a_sliver_of_a_marking_cut_the_same_way_is_not_read():
    gray, _ = _page("FAR EAST", SERIF_BOLD, 0.5)
    assert not {"TOP", "SECRET", "EYES", "ONLY"} & set(_foot(gray))
    gray, _ = _page("TOP SECRET", SANS_BOLD, 0.2)   # the tops alone: no letter tells
    assert "SECRET" not in _foot(gray)
    gray, _ = _page("SECRET", SANS_BOLD, 0.5)   # one word: "EYES ONLY" came nearest, at 0.31
    assert not {"TOP", "EYES", "ONLY"} & set(_foot(gray))
