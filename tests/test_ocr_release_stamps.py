"""Release stamps ("Approved for Release: 2019/03/14 C02003047") read with their first
word cut short by a struck header, or run into "for", are spelled as stamped; a copy that
lost letters to a struck header is spelled as the page's whole copy; what is read on the
strip the stamp's box cut is kept out of the page text but for a marking's words.

Real Tesseract on the real CIA bulletin pages where this happened, and the rules on
rows as Tesseract gives them over a stamp drawn by PyMuPDF.
"""
from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.preprocess import binarise
from recto.app.ocr.release_stamps import release_stamps, stamp_cut_words, twin_stamps
from tests.ocr_fixtures import ROOT, read_scan, render_gray, tesseract_rows, word_box

HELDOUT = ROOT / "bench" / "data" / "heldout"
SCANS = ROOT / "tests" / "data" / "scans"


@pytest.mark.parametrize("name", ["cib_02003047_p2", "cib_03169410_p3"])
def test_both_stamps_of_a_real_page_read_as_stamped(name):
    """cib_02003047_p2's head read "roved for Release:", cib_03169410_p3's
    "Approvedfor Release:"."""
    with pymupdf.open(HELDOUT / f"{name}.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    stamps = [line for line in result.text.splitlines() if "Release:" in line]
    assert len(stamps) == 2
    assert all(line.startswith("Approved for Release: 20") for line in stamps)
    words = [w for w in result.words if not w.noise]
    pairs = [(a, b) for a, b in zip(words, words[1:], strict=False)
             if (a.text, b.text) == ("Approved", "for")]
    assert len(pairs) == 2
    assert all(a.bbox.x1 <= b.bbox.x0 + 0.5 for a, b in pairs)   # each ends before its "for"


def _stamp() -> tuple[np.ndarray, list[tuple]]:
    """A stamp drawn at 300 dpi and its words' boxes in pixels."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=200)
    page.insert_text((150, 60), "Approved for Release: 2019/03/14 C02003047", fontsize=9,
                     fontname="helv")
    k = 300 / 72
    boxes = [tuple(round(v * k) for v in word_box(page, t)) for t in
             ("Approved", "for", "Release:", "2019/03/14", "C02003047")]
    return binarise(render_gray(page)), [(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes]


@pytest.mark.parametrize("read, spelled", [
    ("roved", "Approved"), ("proved", "Approved"), ("ved", "Approved"),
    ("Oproved", "Approved"),     # its "A" against a black bar (cib_02993982_p2)
    ("Oxoved", "Oxoved"),        # two letters off: left as read
    ("xed", "xed"),              # a first letter misread in too short an end: left as read
    ("ed", "ed"),                # too little to tell from a speck
    ("Approved", "Approved"),
])
def test_the_cut_first_word_is_spelled_as_stamped(read, spelled):
    image, boxes = _stamp()
    texts = [read, "for", "Release:", "2019/03/14", "C02003047"]
    data = tesseract_rows(*((t, *b, 90.0) for t, b in zip(texts, boxes, strict=True)))
    out = release_stamps(data, image)
    assert out["text"] == [spelled, *texts[1:]]
    assert data["text"][0] == read                   # the rows given are left as they were


def test_a_first_word_stretched_over_for_ends_at_its_ink_and_prose_is_left_alone():
    image, boxes = _stamp()
    (x, y, w, h), (fx, *_) = boxes[0], boxes[1]
    stretched = (x, y, fx + 30 - x, h)               # over "for", as on cib_03169410_p3
    texts = ["Approved", "for", "Release:", "2019/03/14", "C02003047"]
    data = tesseract_rows(*((t, *b, 90.0) for t, b in zip(texts, [stretched, *boxes[1:]],
                                                          strict=True)))
    out = release_stamps(data, image)
    assert out["left"][0] == x and abs(out["width"][0] - w) <= 3 and x + out["width"][0] < fx
    prose = tesseract_rows(("roved", *boxes[0], 90.0), ("to", *boxes[1], 90.0),
                           ("Release:", *boxes[2], 90.0))
    assert release_stamps(prose, image) is prose


def test_a_stamp_damaged_by_the_struck_header_is_spelled_as_its_twin_at_the_foot():
    """cib_02003047_p3's head stamp read "Approved for Release: 9/03/14 02003047"."""
    result = read_scan(HELDOUT / "cib_02003047_p3.pdf")
    stamps = [line for line in result.text.splitlines() if "Release:" in line]
    assert len(stamps) == 2
    assert all(line.startswith("Approved for Release: 2019/03/14 C02003047") for line in stamps)


def _twins(head: list[str], foot: list[str], gap: int = 40) -> dict:
    """A head and a foot stamp as Tesseract's rows, words `gap` px apart."""
    rows = []
    for line, (words, y) in enumerate(((head, 60), (foot, 3200)), start=1):
        x = 600
        for text in words:
            rows.append((text, x, y, 20 * len(text), 30, 90.0, 1, line))
            x += 20 * len(text) + gap
    return tesseract_rows(*rows)


def test_a_bulletins_head_stamp_read_with_junk_first_and_its_row_of_stars_are_read():
    """cib_02733122_p2: its head stamp's "Approved" read "“P_s" (a struck "TOP" under it
    ran into it); its "* * * *" read "%* Ok ok Ok", no "*" alone to show the stars' shape."""
    text = read_scan(SCANS / "cib_02733122_p2.pdf").text
    assert text.count("Approved for Release: 2019/03/14 C02733122") == 2
    assert "* * * *" in text


WHOLE = ["Approved", "for", "Release:", "2019/03/14", "C02003047"]


@pytest.mark.parametrize("damaged, whole", [
    (["Approved", "for", "Release:", "9/03/14", "02003047", "3.5(c)"], WHOLE),  # code stays
    (["Approved", "for", "Release:", "2019/08/02", "602993982"],
     ["Approved", "for", "Release:", "2019/08/02", "C02993982"]),
    (["Approved", "for", "Release.", "2020/03/13", "C03160568"],
     ["Approved", "for", "Release:", "2020/03/13", "C03160568"]),
    # the first word read as junk where a struck "TOP" ran into it (cib_02733122_p2)
    (["“P_s", "for", "Release:", "2019/03/14", "C02733122"],
     ["Approved", "for", "Release:", "2019/03/14", "C02733122"]),
])
def test_a_damaged_copy_takes_the_whole_copys_words(damaged, whole):
    data = _twins(damaged, whole)
    out = twin_stamps(data)
    assert out["text"] == whole + damaged[5:] + whole
    assert data["text"][:len(damaged)] == damaged            # the rows given are left as they were
    upside = twin_stamps(_twins(whole, damaged))             # the foot damaged: the same
    assert upside["text"] == whole + whole + damaged[5:]


@pytest.mark.parametrize("head, foot", [
    (["Approved", "for", "Release:", "2019/11/27", "02003047"], WHOLE),   # 4 digits off
    (["Approved", "for", "Release:", "9/03/14", "02003047"],
     ["Approved", "for", "Release:", "2019/03/14", "C0200304"]),          # neither whole
    (WHOLE, ["Approved", "for", "Release:", "2019/03/14", "C02003041"]),   # both whole
    (["“P_s", "for", "Release:", "2019/11/27", "C02003047"], WHOLE),   # junk and a date off
])
def test_stamps_that_differ_in_more_than_damage_or_are_both_damaged_are_left(head, foot):
    data = _twins(head, foot)
    assert twin_stamps(data)["text"] == head + foot


def test_a_number_read_in_two_pieces_is_no_damaged_copy():
    """pdb_0006007849_p4's "CIA-RDP79T00936A01230001" "0026-2" overlap: mending joins them
    later; spelling the first as the whole number would print its end twice."""
    pdb = ["Approved", "for", "Release", "2016/07/15", ":", "CIA-RDP79T00936A012300010026-2"]
    split = [*pdb[:5], "CIA-RDP79T00936A01230001", "0026-2"]
    for gap in (-10, 40):            # overlapping, or set apart by a space
        assert twin_stamps(_twins(split, pdb, gap))["text"] == split + pdb
    damaged = [*pdb[:5], "CIA-RDP79T00936A01230001-2"]    # its end lost: damaged
    assert twin_stamps(_twins(damaged, pdb))["text"] == pdb + pdb


def test_a_footer_half_hidden_under_the_stamp_is_no_page_text():
    """pdb_0005996489_p4's "For The President Only - Top Secret", its lower half under the
    stamp's box, read "Far Tha Pracidant C\\yn lu Tan" at 64-95: kept as noise words."""
    result = read_scan(SCANS / "pdb_0005996489_p4.pdf")
    lines = result.text.splitlines()
    assert not any("Pracidant" in line or "Far Tha" in line for line in lines)
    assert "(Cont'd)" in lines                                     # the line above it stays
    assert any(line.startswith("Declassified in Part - Sanitized Copy Approved for Release")
               for line in lines)
    cut = [w for w in result.words if w.text in ("Far", "Tha", "Pracidant")]
    assert len(cut) == 3 and all(w.noise for w in cut)             # kept for the overlay


def _stamped(words: list[tuple[str, int, int]], foot: bool = True) -> dict:
    """A stamp 30 px tall (its "for" from y0 to y0 + 30) at the head or foot of a page 3300
    px high, and `words` (text, x, gap in stamp heights: above the foot's "for", below the
    head's) as Tesseract's rows, each 40 px tall, on a line of their own."""
    y0 = 3000 if foot else 60
    rows = [(text, 600 + 200 * k, y0, 180, 30, 95.0, 1, 1)
            for k, text in enumerate(["Approved", "for", "Release:", "2020/03/13", "C03185137"])]
    for n, (text, x, gap) in enumerate(words, start=2):
        y = round(y0 - gap * 30 - 40) if foot else round(y0 + 30 + gap * 30)
        rows.append((text, x, y, 120, 40, 93.0, n, 1))
    return tesseract_rows(*rows)


@pytest.mark.parametrize("foot", [True, False])
def test_words_on_the_strip_the_stamp_cut_are_noise_but_a_markings(foot):
    cut, near = (0.27, 0.45) if foot else (0.3, 0.7)
    data = _stamped([("TAD", 800, cut), ("eT", 1000, near), ("TOP", 1200, cut),
                     ("SECRET.", 1400, cut)], foot)
    assert {data["text"][i] for i in stamp_cut_words(data, 3300)} == {"TAD", "eT"}


@pytest.mark.parametrize("foot, gap", [
    (True, 0.6), (True, 1.14),      # a real code "50X1" 1.14 stamp heights above a foot
    (False, 0.85), (False, 1.35),
    (True, -0.93), (False, -0.93),  # on the stamp's line ("Sanitized" before a PDB's stamp)
])
def test_words_off_the_strip_are_left(foot, gap):
    data = _stamped([("50X1", 800, gap)], foot)
    assert stamp_cut_words(data, 3300) == set()


def test_words_beside_the_stamp_and_pages_without_one_are_left():
    data = _stamped([("18", 3000, 0.2), ("3.5(c)", 300, 0.2)])   # right, left of its words
    assert stamp_cut_words(data, 3300) == set()
    no_stamp = tesseract_rows(("Approved", 600, 3000, 180, 30, 95.0),
                              ("TAD", 800, 2950, 120, 40, 93.0, 2))
    assert stamp_cut_words(no_stamp, 3300) == set()
