"""Full stops read as commas, told apart by the mark's ink: a comma's tail hangs below
the line, a full stop sits on it about as tall as wide. A weak word's colon needs its two
marks, one above the other; its closing quote a small mark high on the line.

Drawn lines (Courier and Times) whose words are given to the rules as Tesseract's
misreading would give them; real Tesseract's marks on real pages given to them as weak;
and real pages read whole: a bulletin's "Truman." and "Korea." read with commas, a PDB
page's box edge read as a colon, a blot read as a closing quote, a frame's corner read as a
full stop; a list number read without its stop.
"""
from __future__ import annotations

import pymupdf
import pytesseract
import pytest

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.preprocess import binarise
from recto.app.ocr.punctuation import full_stops, list_stops
from tests.ocr_fixtures import (
    ROOT,
    SCANS,
    read_scan,
    render_gray,
    tesseract_rows,
    text_page,
    word_box,
)

HELDOUT = ROOT / "bench" / "data" / "heldout"


def _rows(doc: pymupdf.Document, read: list[tuple[str, float, tuple]]) -> tuple:
    """(the binarised page at 300 dpi, Tesseract-like rows: text, confidence and box in
    points for each word read)."""
    image = binarise(render_gray(doc[0]))
    k = 300 / 72
    data = {key: [] for key in ("level", "page_num", "block_num", "par_num", "line_num",
                                "word_num", "left", "top", "width", "height", "conf", "text")}
    for n, (text, conf, (x0, y0, x1, y1)) in enumerate(read):
        for key, value in (("level", 5), ("page_num", 1), ("block_num", 1), ("par_num", 1),
                           ("line_num", 1), ("word_num", n + 1),
                           ("left", int(x0 * k)), ("top", int(y0 * k)),
                           ("width", int((x1 - x0) * k) + 1), ("height", int((y1 - y0) * k) + 1),
                           ("conf", conf), ("text", text)):
            data[key].append(value)
    return image, data


def _drawn(line: str, font: str) -> tuple:
    """(the binarised page at 300 dpi, Tesseract-like rows of its words with each word's
    last mark read as a comma)."""
    doc = text_page([line], font=font, fontsize=14)
    words = doc[0].get_text("words")
    image, data = _rows(doc, [(text[:-1] + "," if text[-1] in ".," else text, 90.0, box)
                              for *box, text, _, _, _ in words])
    return image, data, [w[4] for w in words]


@pytest.mark.parametrize("font", ["cour", "tiro"])
def test_a_full_stop_read_as_a_comma_is_a_full_stop_and_a_comma_stays(font):
    image, data, printed = _drawn("Korea. Truman, said so. Then 4). and 9, came.", font)
    assert full_stops(data, image)["text"] == printed
    assert data["text"][0] == "Korea,"   # the rows given are left as they were


@pytest.mark.parametrize("font", ["cour", "tiro"])
def test_a_weak_colon_is_what_its_two_marks_show(font):
    doc = text_page(["Congo: 215); French"], font=font, fontsize=14)
    congo, number, french = [(w[4], pymupdf.Rect(w[:4])) for w in doc[0].get_text("words")]
    edge = french[1].x1 + 2   # a redaction box's left edge just after "French"
    doc[0].draw_rect(pymupdf.Rect(edge, french[1].y0 - 2, edge + 80, french[1].y1 + 2),
                     color=(0, 0, 0), width=0.5)
    stub = pymupdf.Rect(french[1].x0, french[1].y0, edge + 0.5, french[1].y1)
    read = [("Congo:", 40.0, congo[1]), ("215):", 35.0, number[1]), ("French:", 0.0, stub)]
    image, data = _rows(doc, read)
    assert full_stops(data, image)["text"] == ["Congo:", "215);", "French"]
    # read surely, a colon is left as read: a speck can stand where a dot belongs
    image, data = _rows(doc, [(t, 90.0, box) for t, _, box in read])
    assert full_stops(data, image)["text"] == ["Congo:", "215):", "French:"]


def test_a_real_pdb_page_reads_no_colon_from_a_box_edge():
    with pymupdf.open(SCANS / "pdb_0006015108_p9.pdf") as doc:
        page = doc[0]
        words = ocr_image(render_gray(page), OcrSettings(), page.rect.width,
                          page.rect.height).text.split()
    assert "French" in words and "French:" not in words


def test_a_real_bulletin_page_reads_its_full_stops_and_keeps_its_commas():
    name = "cib_02064584_p3"
    with pymupdf.open(HELDOUT / f"{name}.pdf") as doc:
        page = doc[0]
        words = ocr_image(render_gray(page), OcrSettings(), page.rect.width,
                          page.rect.height).text.split()
    assert "Truman." in words and "Korea." in words
    text = (ROOT / "bench" / "data" / "transcriptions" / f"{name}.txt").read_text()
    truth = " ".join(line for line in text.splitlines() if not line.startswith("#")).split()
    commas = [w for w in truth if w.endswith(",") and len(w) > 1]
    assert len(commas) > 5
    assert sum(w in words for w in commas) >= len(commas) - 1
    assert not [w for w in words if w.endswith(".") and w[:-1] + "," in commas
                and w not in truth]


@pytest.mark.parametrize(("pdf", "ends"), [
    (ROOT / "sample_scans" / "pdb_0006007849_p10_plain.pdf", (":",)),
    (HELDOUT / "cib_05973621_p2.pdf", (":",)),
    (HELDOUT / "cib_02993982_p3.pdf", ('"', "”"))])
def test_real_colons_and_quotes_stay_when_read_weakly(pdf, ends):
    """Real Tesseract's marks on real pages given to the rules as if read at 10: all stay.
    "Cyprus:"'s upper dot is 9 px wide and 7 tall, a release line's dots 3-4 px; a
    typewriter's '"' is one piece ('matters"', 'Asia.”')."""
    with pymupdf.open(pdf) as doc:
        image = binarise(render_gray(doc[0]))
    data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT)
    marked = [i for i, t in enumerate(data["text"]) if len(t) > 1 and t.endswith(ends)]
    assert len(marked) >= 2
    for i in marked:
        data["conf"][i] = 10.0
    out = full_stops(data, image)
    assert [out["text"][i] for i in marked] == [data["text"][i] for i in marked]


def test_a_quote_mark_read_from_a_blot_is_dropped():
    """cib_03003742_p2's header "SECURITY INFORMATION" with a half-round blot and a rule
    at its right end, read 'INFORMATION"' at 59."""
    with pymupdf.open(HELDOUT / "cib_03003742_p2.pdf") as doc:
        page = doc[0]
        words = ocr_image(render_gray(page), OcrSettings(), page.rect.width,
                          page.rect.height).text.split()
    assert "INFORMATION" in words and 'INFORMATION"' not in words


def test_real_opening_quotes_stay_and_a_frames_corner_read_as_one_is_dropped():
    """court p20's quotations open with '“' (Tesseract's own reading of the page, every
    mark kept); cib_02869423_p2's "Iran" under a redaction box's corner read "“Iran"."""
    with pymupdf.open(SCANS / "court_cacd_630649_326_p20.pdf") as doc:
        image = binarise(render_gray(doc[0]))
    data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT)
    opened = [i for i, t in enumerate(data["text"]) if t[:1] in "‘“" and t[1:2].isalnum()]
    assert len(opened) >= 2
    out = full_stops(data, image)
    assert [out["text"][i] for i in opened] == [data["text"][i] for i in opened]
    with pymupdf.open(HELDOUT / "cib_02869423_p2.pdf") as doc:
        page = doc[0]
        lines = ocr_image(render_gray(page), OcrSettings(), page.rect.width,
                          page.rect.height).text.splitlines()
    assert "2. Iran and Poland settle press differences (page 3)." in lines


def test_a_speck_or_a_box_edge_drawn_finer_than_the_letters_is_no_opening_quote():
    """cib_02003047_p2's heading "GENERAL" with a speck at its top left, read "‘GENERAL";
    pdb_0005996489_p4's "India" under a redaction box's slanted edge, read "‘India" (the
    edge's hairline is a fifth of the letters' stroke, a real mark two thirds or more)."""
    for pdf, line in ((HELDOUT / "cib_02003047_p2.pdf", "GENERAL"),
                      (SCANS / "pdb_0005996489_p4.pdf", "India would not abrogate")):
        with pymupdf.open(pdf) as doc:
            page = doc[0]
            lines = ocr_image(render_gray(page), OcrSettings(), page.rect.width,
                              page.rect.height).text.splitlines()
        assert line in lines
        assert "‘" + line not in lines


@pytest.mark.parametrize("conf, read", [(54.0, "INFORMATION"), (90.0, "INFORMATION.")])
def test_a_weak_words_stop_read_from_a_frames_corner_is_dropped_real_stops_stay(conf, read):
    """cib_02869423_p2's header "INFORMATION", its box stretched over a redaction frame's
    corner beside it, read "INFORMATION." at 54; a stop printed stays however weak."""
    doc = text_page(["SECURITY INFORMATION", "over the mainland."], font="tiro", fontsize=14)
    page = doc[0]
    info, land = word_box(page, "INFORMATION"), word_box(page, "mainland.")
    page.draw_rect(pymupdf.Rect(info.x1 + 2, info.y0 - 30, info.x1 + 80, info.y1 - 2),
                   color=(0, 0, 0), width=1)
    stretched = (info.x0, info.y0, info.x1 + 30, info.y1)
    image, data = _rows(doc, [("INFORMATION.", conf, stretched), ("mainland.", 54.0, land)])
    assert full_stops(data, image)["text"] == [read, "mainland."]


def _list(lines: list[str], read: list[str]) -> tuple:
    """(the binarised page of `lines` set in Courier, one under the other, and rows of
    their first words read as `read`, each box ending where its reading does)."""
    doc = text_page(lines, font="cour", fontsize=14)
    k = 300 / 72
    rows = []
    for n, (line, text) in enumerate(zip(lines, read, strict=True), start=1):
        box = word_box(doc[0], line.split()[0])
        x1 = box.x0 + box.width * len(text) / len(line.split()[0])
        rows.append((text, round(box.x0 * k), round(box.y0 * k), round((x1 - box.x0) * k),
                     round(box.height * k), 96.0, n, 1))
    return binarise(render_gray(doc[0])), tesseract_rows(*rows)


def test_a_list_number_read_bare_takes_the_stop_its_column_shows():
    """cib_02869423_p2's "1." beside a redaction box, read "1" at 96 where "2." and "3."
    under it were read whole."""
    image, data = _list(["1. Iran", "2. Chinese", "3 Greece"], ["1", "2.", "3"])
    out = list_stops(data, image)
    assert out["text"] == ["1.", "2.", "3"]              # "3": no stop printed
    assert out["width"][0] > data["width"][0]            # the box takes the stop in
    raised = _list(["2. Chinese", "4\u00b7 Greece"], ["2.", "4"])   # a dot off the line
    assert list_stops(raised[1], raised[0])["text"] == ["2.", "4"]
    alone = _list(["1. Iran", "2. Chinese"], ["1", "2"])  # no number read with its stop
    assert list_stops(alone[1], alone[0])["text"] == ["1", "2"]


def test_a_real_summary_page_reads_its_first_number_and_no_stop_from_a_frame():
    lines = read_scan(HELDOUT / "cib_02869423_p2.pdf").text.splitlines()
    assert "1." in lines and "SECURITY INFORMATION" in lines
