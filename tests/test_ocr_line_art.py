"""Map pages: ringed item numbers read as their digits, words read from a drawing kept out
of the page text.

Real Tesseract on two real CIA bulletin map pages (bench/data/heldout, both transcribed in
bench/data/transcriptions), and on pages drawn by PyMuPDF: a ringed digit beside a line of
text, an empty ring, a letter "O" and a typed line with no drawing near it.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pymupdf

from recto.app.ocr.drawings import drawn_words
from recto.app.ocr.engine import DIGITS_ONLY, OcrSettings, _run_tesseract, ocr_image
from recto.app.ocr.gaps import read_crops
from recto.app.ocr.pieces import ink_pieces
from recto.app.ocr.preprocess import binarise
from recto.app.ocr.rings import _digit_ink, _read_weak_larger, ringed_numbers
from tests.ocr_fixtures import ROOT, read_scan, render_gray, tesseract_rows

HELDOUT = ROOT / "bench" / "data" / "heldout"


def _ocr(name: str):
    with pymupdf.open(HELDOUT / f"{name}.pdf") as doc:
        page = doc[0]
        return ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)


def _truth(name: str) -> list[str]:
    text = (ROOT / "bench" / "data" / "transcriptions" / f"{name}.txt").read_text()
    return " ".join(line for line in text.splitlines() if not line.startswith("#")).split()


def test_a_map_page_reads_its_ringed_numbers_and_leaves_its_globes_out():
    """cib_03169410_p3 (read as sparse text): 36 junk words from the globes' coastlines were
    in its text, and its ringed numbers were '@', '©' or missing."""
    result = _ocr("cib_03169410_p3")
    words = result.text.split()
    junk = {"rovd", "a4", "fos", "pol", "éo3/", "177", "2A", "Ss", "V4"}
    assert not junk & set(words)
    assert junk & {w.text for w in result.words if w.noise}     # kept, flagged
    assert not {"@", "©", "‘@"} & set(words)
    counts = Counter(w for w in words if w.isdigit() and len(w) == 1)
    truth = Counter(w for w in _truth("cib_03169410_p3") if w.isdigit() and len(w) == 1)
    assert set(counts) == set(truth)                     # 1-7, none made up
    assert sum((counts & truth).values()) >= 12          # of 14: two rings print touching
    # every word of the typed captions stays
    captions = [w for w in _truth("cib_03169410_p3") if len(w) >= 4 and w.isalpha()]
    assert sum(w in words for w in captions) >= len(captions) - 1


def test_ringed_numbers_read_in_place_of_the_marks_tesseract_made_of_them():
    text = _ocr("cib_02977806_p3").text
    assert "Congo. 3" in text and "coup. 6" in text and "©" not in text   # '®' and '©' before
    lines = [line.strip() for line in text.splitlines()]
    assert {"1", "4"} <= set(lines)              # beside their captions: read before as nothing


def test_ringed_numbers_standing_on_a_maps_lines_are_read():
    """cib_03185137_p3 prints 16 ringed numbers (8 beside its items, 7 on the upper globe,
    1 on the lower; of the globes', one stands free of the map's lines) and a "1 July": 8 of
    the 17 digits were read before rings on lines were looked for, 14 since."""
    result = read_scan(HELDOUT / "cib_03185137_p3.pdf")
    counts = Counter(w for w in result.text.split() if w.isdigit() and len(w) == 1)
    truth = Counter(w for w in _truth("cib_03185137_p3") if w.isdigit() and len(w) == 1)
    assert sum(truth.values()) == 17
    assert sum((counts & truth).values()) >= 13
    assert not counts - truth                            # none made up
    # "West.②": the ring's box took in the stop, its disc a piece of the ring's arc: the
    # disc read as nothing, and Tesseract's "2)" stayed
    assert "with step-by-step harassment of the West 2" in result.text.splitlines()


def _drawn_rings() -> tuple[np.ndarray, float]:
    """A page (300 dpi, binarised) with a ringed 4 beside a typed line, an empty ring and a
    large "O"; and the typed text's height in pixels."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 200), "Jordanian federation a greater threat.", fontsize=10,
                     fontname="cour")
    for centre, digit in (((300, 196), "4"), ((360, 196), None)):
        page.draw_circle(centre, 6.5, color=(0, 0, 0), width=0.9)
        if digit:
            page.insert_text((centre[0] - 3, centre[1] + 3.5), digit, fontsize=10,
                             fontname="helv")
    page.insert_text((420, 204), "O", fontsize=22, fontname="helv")
    return binarise(render_gray(page)), 10 / 72 * 300 * 0.9


def test_a_ring_with_a_digit_is_read_as_the_digit_an_empty_ring_or_an_o_is_not():
    image, height = _drawn_rings()
    crops_read = []

    def digits(crops):
        crops_read.append(len(crops))
        return read_crops(crops, lambda sheet: _run_tesseract(sheet, OcrSettings(), 30, 6,
                                                              DIGITS_ONLY), height)
    data = tesseract_rows(("Jordanian", 250, 800, 380, 40, 95.0), ("@", 1230, 795, 50, 52, 40.0))
    out, rings = ringed_numbers(data, image, ink_pieces(image), height, digits)
    assert crops_read == [1]                      # the empty ring and the O are not read
    assert [t for t in out["text"] if t.strip()] == ["Jordanian", "4"]   # '@' replaced
    (x, y, w, h), = rings
    assert abs(x + w / 2 - 300 * 300 / 72) < 10 and abs(y + h / 2 - 196 * 300 / 72) < 10
    assert data["text"][-1] == "@"                # the rows given are left as they were


def _map_rings() -> tuple[np.ndarray, float]:
    """Three free ringed numbers beside typed lines; on the "map", a ringed 5 with a thin
    grid line through it and its digit, a ringed 6 on a coast, a loop of coast the rings'
    size with a figure in it (its rim broken: no ring) and an empty ring on a line."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)

    def ring(centre, digit=None):
        page.draw_circle(centre, 6.5, color=(0, 0, 0), width=0.9)
        if digit:
            page.insert_text((centre[0] - 3, centre[1] + 3.5), digit, fontsize=10,
                             fontname="helv")
    for k in range(3):
        page.insert_text((60, 200 + 40 * k), "Jordanian federation a greater threat.",
                         fontsize=10, fontname="cour")
        ring((300, 196 + 40 * k), str(k + 1))
    page.draw_line((380, 400), (560, 400), width=0.3)            # a grid line ...
    ring((450, 400), "5")                                          # ... through a ring
    page.draw_line((380, 481), (560, 451), width=0.3)               # a coast through ...
    ring((470, 466), "6")                                          # ... a ring
    page.draw_circle((420, 560), 6.5, color=(0, 0, 0), width=0.9)   # a loop of coast ...
    page.draw_rect(pymupdf.Rect(417, 550, 423, 556), color=(1, 1, 1), fill=(1, 1, 1))  # broken
    page.draw_line((400, 560), (440, 560), width=0.3)              # ... on a grid line,
    page.insert_text((417, 563.5), "8", fontsize=10, fontname="helv")   # a figure in it
    page.draw_line((380, 620), (560, 620), width=0.3)
    ring((500, 620))                                               # an empty ring on a line
    return binarise(render_gray(page)), 10 / 72 * 300 * 0.9


def test_ringed_numbers_on_a_maps_lines_are_found_and_read_and_nothing_else():
    image, height = _map_rings()

    def digits(crops):
        return read_crops(crops, lambda sheet: _run_tesseract(sheet, OcrSettings(), 30, 6,
                                                              DIGITS_ONLY), height)
    data = tesseract_rows(("Jordanian", 250, 800, 380, 40, 95.0))
    out, rings = ringed_numbers(data, image, ink_pieces(image), height, digits)
    read = sorted((t, round(x * 72 / 300), round(y * 72 / 300))
                  for t, x, y in zip(out["text"], out["left"], out["top"], strict=True)
                  if t.strip().isdigit())
    assert [t for t, _, _ in read] == ["1", "2", "3", "5", "6"]
    assert all(abs(x - 450) < 10 and abs(y - 394) < 10 for t, x, y in read if t == "5")
    assert all(abs(x - 464) < 10 and abs(y - 460) < 10 for t, x, y in read if t == "6")


def test_no_ring_no_pass():
    image, height = _drawn_rings()
    image[:, 1150:] = 255                          # rings and O whitened
    data = tesseract_rows(("Jordanian", 250, 800, 380, 40, 95.0))
    out, rings = ringed_numbers(data, image, ink_pieces(image), height,
                                lambda crops: [][0])   # never called
    assert out is data and rings == []


def _drawing_page(seed: int = 7) -> np.ndarray:
    """A page with typed lines at the top and, below them, a 'map': hundreds of short
    thin arcs, as a faint scan breaks a globe's coastlines."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for n in range(6):
        page.insert_text((60, 80 + 16 * n), "Polish Foreign Minister Rapacki proposes addition",
                         fontsize=11, fontname="cour")
    rng = np.random.default_rng(seed)
    for _ in range(500):
        x, y = rng.uniform(120, 480), rng.uniform(300, 700)
        a = rng.uniform(0, 6.3)
        shape = page.new_shape()
        shape.draw_bezier((x, y), (x + 3 * np.cos(a), y + 4 * np.sin(a)),
                          (x + 6 * np.cos(a + 0.8), y + 2 * np.sin(a + 0.8)),
                          (x + 8 * np.cos(a + 0.3), y + 7 * np.sin(a + 0.3)))
        shape.finish(color=(0, 0, 0), width=0.25)
        shape.commit()
    return binarise(render_gray(page))


def test_weak_words_in_a_drawing_are_drawn_a_typed_line_and_a_sure_label_are_not():
    image = _drawing_page()
    k = 300 / 72
    rows = []
    for n in range(6):      # the typed lines, read surely
        rows += [(w, int((60 + 60 * m) * k), int((70 + 16 * n) * k), 180, 40, 95.0, 1, n + 1)
                 for m, w in enumerate(["Polish", "Foreign", "Minister"])]
    rows += [("Celebes", int(150 * k), int(480 * k), 150, 40, 95.0, 6, 1),  # a caption line
             ("comander", int(190 * k), int(480 * k), 180, 40, 45.0, 6, 1),  # in the map
             ("rovd", int(250 * k), int(450 * k), 60, 30, 40.0, 2, 1),   # junk in the map
             ("a4", int(300 * k), int(520 * k), 50, 30, 61.0, 3, 1),
             ("@", int(200 * k), int(600 * k), 40, 40, 75.0, 4, 1),
             ("Moscow", int(350 * k), int(400 * k), 150, 40, 93.0, 5, 1)]  # a label read surely
    data = tesseract_rows(*rows)
    height = 11 / 72 * 300 * 0.9
    drawn = {data["text"][i] for i in drawn_words(data, ink_pieces(image), height)}
    assert drawn == {"rovd", "a4", "@"}
    # no drawing, no drawn words: the same rows on the typed lines alone
    plain = image.copy()
    plain[int(280 * k):, :] = 255
    assert drawn_words(data, ink_pieces(plain), height) == set()


def test_a_ring_printed_touching_the_stop_before_it_is_read_and_the_stop_kept():
    """cib_02977806_p3 prints "coup.②" and "disturbances.⑤" with the stop against the
    ring: one piece of ink, no ring's shape, and Tesseract read both words without it."""
    text = _ocr("cib_02977806_p3").text
    lines = [line.strip() for line in text.splitlines()]
    assert "elements rumored planning an early coup. 2" in lines     # on the line, as printed
    assert "gin today may produce some disturbances. 5" in lines
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 200), "planning an early coup", fontsize=10, fontname="cour")
    end = 60 + pymupdf.get_text_length("planning an early coup", fontname="cour", fontsize=10)
    page.draw_circle((end + 1.5, 199.0), 1.0, color=(0, 0, 0), fill=(0, 0, 0))   # the stop
    page.draw_circle((end + 8.0, 196), 6.5, color=(0, 0, 0), width=0.9)         # touching it
    page.insert_text((end + 5.2, 199.5), "2", fontsize=10, fontname="helv")
    image, height = binarise(render_gray(page)), 10 / 72 * 300 * 0.9
    pieces = ink_pieces(image)
    k = 300 / 72
    data = tesseract_rows(("early", round(60 * k + 720), 800, 200, 40, 95.0),
                          ("coup", round((end - 24) * k), 800, round(24 * k), 40, 95.0))

    def digits(crops):
        return read_crops(crops, lambda sheet: _run_tesseract(sheet, OcrSettings(), 30, 6,
                                                              DIGITS_ONLY), height)
    out, rings = ringed_numbers(data, image, pieces, height, digits)
    assert len(rings) == 1 and [t for t in out["text"] if t.strip()] == ["early", "coup.", "2"]
    assert out["line_num"][2] == out["line_num"][1] and out["word_num"][2] == 3


def test_a_weak_ringed_digit_read_again_larger_is_kept_when_the_readings_agree():
    """cib_03160568_p3's ⑥ on the map (a coast through it) read "6" at 43 and was dropped
    from the text as a weak mark; twice the size it reads "6" at 92. The ⑤ a line crosses
    is not read, not made up: larger, with its top taken by the line, it reads "3"."""
    result = _ocr("cib_03160568_p3")
    counts = Counter(w for w in result.text.split() if w.isdigit() and len(w) == 1)
    truth = Counter(w for w in _truth("cib_03160568_p3") if w.isdigit() and len(w) == 1)
    assert counts["6"] == truth["6"] == 2
    assert not counts - truth                            # none made up


def test_only_an_agreeing_sure_larger_reading_changes_a_weak_digit():
    """The vote alone, on given readings: the reader stands in for Tesseract's two passes."""
    crops = [np.full((40, 40), 255, np.uint8) for _ in range(4)]
    sizes: list[list[int]] = []

    def again(found):
        def read(images):
            sizes.append([image.shape[0] for image in images])
            return [{"text": [t], "conf": [c]} for t, c in found]
        return read
    digits = [("6", 43.0), ("5", 60.0), ("4", 95.0), ("3", 50.0)]
    out = _read_weak_larger(digits, crops, again([("6", 92.0), ("3", 89.0), ("3", 70.0)]))
    assert out == [("6", 92.0), ("5", 60.0), ("4", 95.0), ("3", 50.0)]
    assert sizes == [[80, 80, 80]]                      # the weak ones alone, twice the size
    assert _read_weak_larger([("4", 95.0), None], crops[:2], lambda c: [][0]) == [("4", 95.0),
                                                                                  None]


def test_a_rings_disc_keeps_its_digits_ink_not_an_arc_beside_it():
    crop = np.full((44, 44), 255, np.uint8)
    crop[12:32, 18:30] = 0                               # the digit (one piece)
    crop[12:16, 31:33] = 0                               # a speck right of it
    crop[14:30, 3:5] = 0                                 # the ring's arc, left of it
    crop[33:35, 20:24] = 0                               # a piece under the digit
    kept = _digit_ink(crop) < 128
    assert kept[12:32, 18:30].all() and kept[33:35, 20:24].all()
    assert not kept[14:30, 3:5].any() and not kept[12:16, 31:33].any()
    one = np.full((44, 44), 255, np.uint8)
    one[12:32, 18:30] = 0
    assert _digit_ink(one) is one


def test_a_ring_inside_a_word_read_surely_is_a_letter_of_it():
    """pdb_0006007849_p4's foot "FOR THE PRESIDENT ONLY", rescanned at 150 dpi, had its "D"
    pass for a ring, read "0", put in the place of "PRESIDENT" (read at 96). Here the ringed
    4 stands where a word five times its width was read surely: the word stays, no digit."""
    image, height = _drawn_rings()

    def digits(crops):
        return read_crops(crops, lambda sheet: _run_tesseract(sheet, OcrSettings(), 30, 6,
                                                              DIGITS_ONLY), height)
    word = tesseract_rows(("Jordanian", 250, 800, 380, 40, 95.0),
                          ("PRESIDENT", 1100, 795, 300, 52, 96.0))
    out, rings = ringed_numbers(word, image, ink_pieces(image), height, digits)
    assert out is word and rings == []
    weak = tesseract_rows(("Jordanian", 250, 800, 380, 40, 95.0),
                          ("PRESIDENT", 1100, 795, 300, 52, 60.0))     # a weak word: misread ring
    out, rings = ringed_numbers(weak, image, ink_pieces(image), height, digits)
    assert [t for t in out["text"] if t.strip()] == ["Jordanian", "4"] and len(rings) == 1
