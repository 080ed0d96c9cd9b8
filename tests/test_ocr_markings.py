"""A classification marking half hidden under the release stamp is read from its other,
surely read copy on the page.

Real Tesseract on real scans whose head "TOP SECRET" (a CIA bulletin) and "FOR THE
PRESIDENT ONLY" (a PDB page) show only a part of their letters, and on drawn pages: a
marking whose upper half is whitened is read, a heading in capitals is no template, and
nothing is read where no copy is.
"""
from __future__ import annotations

import numpy as np
import pymupdf

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.markings import glued_markings, hidden_markings, misread_markings
from recto.app.ocr.rows import put_block
from tests.ocr_fixtures import SCANS, render_gray, rescanned, tesseract_rows, word_box
from tests.test_ocr_gaps import HELDOUT


def _ocr(pdf):
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        return ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)


def test_the_hidden_head_of_a_bulletin_is_read_from_its_foot():
    """The head read "wilVUlr KOI" before; the foot "TOP-SECRET" (read whole since the
    struck-word pass) is the template."""
    result = _ocr(SCANS / "cib_02887897_p5.pdf")
    words = result.text.split()
    assert words.count("TOP") == 2 and words.count("SECRET") == 2
    assert "wilVUlr" not in words
    heads = [w for w in result.words if w.text == "SECRET" and w.bbox.y0 < 100]
    assert len(heads) == 1 and heads[0].bbox.x0 > 250           # where the head is printed


def test_a_struck_foot_read_weakly_but_whole_is_the_template():
    """The foot's struck "TOP SECRET" reads at 62 and 59, each word exact: the head, read
    "Wr OCUINGE 1 w" under the release line, is read from it."""
    text = _ocr(HELDOUT / "cib_03017657_p3.pdf").text
    assert text.split().count("SECRET") == 2
    assert "OCUINGE" not in text
    assert text.index("TOP SECRET") < text.index("FAR EAST")   # the head, then the heading


def test_a_line_put_between_lines_parts_the_block_it_falls_in():
    """Tesseract's one block of a release stamp and the heading below it is parted where
    the marking's line goes; without `between_lines` the line goes after the block."""
    rows = (("Approved", 200, 10, 80, 20, 96.0, 1, 1), ("for", 290, 10, 30, 20, 96.0, 1, 1),
            ("FAR", 250, 200, 40, 20, 96.0, 1, 2), ("EAST", 300, 200, 50, 20, 96.0, 1, 2),
            ("Text", 60, 400, 50, 20, 96.0, 2, 1))
    marking = [{"level": 5, "text": "SECRET", "conf": 60.0, "left": 250, "top": 60,
                "width": 90, "height": 20, "page_num": 1}]
    parted = _with_blocks(tesseract_rows(*rows))
    put_block(parted, marking, 60, between_lines=True)
    assert parted["text"] == ["", "Approved", "for", "SECRET", "FAR", "EAST", "", "Text"]
    blocks = dict(zip(parted["text"], parted["block_num"], strict=True))
    assert len({blocks["Approved"], blocks["SECRET"], blocks["FAR"], blocks["Text"]}) == 4
    assert blocks["FAR"] == blocks["EAST"]
    after = _with_blocks(tesseract_rows(*rows))
    put_block(after, marking, 60)
    assert after["text"] == ["", "Approved", "for", "FAR", "EAST", "SECRET", "", "Text"]


def _with_blocks(data: dict) -> dict:
    """`data` with a block row (level 2, no text) before each block's first word, as
    Tesseract gives them."""
    out: dict = {key: [] for key in data}
    seen = set()
    for i in range(len(data["text"])):
        if data["block_num"][i] not in seen:
            seen.add(data["block_num"][i])
            for key in data:
                out[key].append(data[key][i])
            out["level"][-1], out["text"][-1], out["conf"][-1] = 2, "", -1
        for key in data:
            out[key].append(data[key][i])
    return out


def test_a_pdb_header_cut_at_mid_height_is_read_and_the_release_line_keeps_its_colon():
    words = _ocr(SCANS / "pdb_0006015108_p9.pdf").text.split()
    assert " ".join(words).count("FOR THE PRESIDENT ONLY") == 2
    assert ":" in words                        # "Release 2016/07/19 : CIA-RDP79T..."


def _page(head: str, foot: str, hide: float) -> tuple[np.ndarray, pymupdf.Rect]:
    """A page with `head` at the top, a paragraph, and `foot` at the bottom, drawn at
    300 dpi; the head's upper `hide` share whitened, as a release stamp does."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((200, 60), head, fontsize=20, fontname="tiro")
    y = 200
    for line in ["The delegation met the committee on Tuesday and agreed on",
                 "the text of the second clause, which remains secret to this day."]:
        page.insert_text((60, y), line, fontsize=12, fontname="tiro")
        y += 24
    page.insert_text((200, 800), foot, fontsize=20, fontname="tiro")
    box = word_box(page, head.split()[0]) | word_box(page, head.split()[-1])
    gray = render_gray(page)
    scale = 300 / 72
    gray[int(box.y0 * scale):int((box.y0 + hide * box.height) * scale),
         int(box.x0 * scale) - 5:int(box.x1 * scale) + 5] = 255
    return gray, box


def test_a_marking_whose_upper_half_is_hidden_is_read_from_its_copy():
    gray, box = _page("TOP SECRET", "TOP SECRET", 0.55)
    result = ocr_image(gray, OcrSettings(), 595, 842)
    head = [w for w in result.words if w.bbox.y1 < 100 and not w.noise]
    assert [w.text for w in head] == ["TOP", "SECRET"]
    assert abs(head[0].bbox.x0 - box.x0) < 6 and abs(head[1].bbox.x1 - box.x1) < 6


def test_no_copy_is_read_without_a_marking_or_where_another_is_printed():
    # a heading in capitals, hidden the same way: no template (not a marking)
    gray, _ = _page("FAR EAST", "FAR EAST", 0.55)
    head = [w.text for w in ocr_image(gray, OcrSettings(), 595, 842).words
            if w.bbox.y1 < 100 and not w.noise]
    assert "FAR" not in head and "EAST" not in head
    # another marking at the head: the foot's is not read into it
    gray, _ = _page("SECURITY INFORMATION", "TOP SECRET", 0.0)
    words = ocr_image(gray, OcrSettings(), 595, 842).text.split()
    assert words.count("TOP") == 1 and "SECURITY" in words


def test_a_marking_read_surely_but_for_a_letter_a_word_is_spelled_as_the_marking():
    """cib_02026614_p2's struck head "TOP SECRET" read "FOP SECKET" at 93 and 82. Read so
    in the page's middle, weakly, two letters off, or as other words, it stays."""
    height = 3300

    def read(*words, y=100, conf=93.0):
        rows = tesseract_rows(*[(t, 250 + 150 * k, y, 120, 45, conf) for k, t in
                                enumerate(words)])
        return misread_markings(rows, height)["text"]

    assert read("FOP", "SECKET") == ["TOP", "SECRET"]
    assert read("TQP", "SECRET.", y=3200) == ["TOP", "SECRET."]
    assert read("FOP", "SECKET", y=1600) == ["FOP", "SECKET"]
    assert read("FOP", "SECKET", conf=40.0) == ["FOP", "SECKET"]
    assert read("FOR", "SECKET") == ["FOR", "SECKET"]
    assert read("TOP", "SECRETS") == ["TOP", "SECRETS"]


def test_a_marking_whose_last_word_is_cut_short_is_spelled_whole():
    """cib_03185137_p3's struck head read "TOP" at 89 and "SEC" at 47 (its "RET" under a
    box's edge), cib_02869423_p3's "SECURITY INFOR". In the page's middle, with its first
    word weak or misread, or two letters only, it stays."""
    height = 3300

    def read(*words, y=100, confs=(89.0, 47.0)):
        rows = tesseract_rows(*[(t, 250 + 150 * k, y, 120, 45, c) for k, (t, c) in
                                enumerate(zip(words, confs, strict=True))])
        return hidden_markings(rows, np.full((height, 2550), 255, np.uint8))["text"]

    assert read("TOP", "SEC") == ["TOP", "SECRET"]
    assert read("SECURITY", "INFOR", y=3200) == ["SECURITY", "INFORMATION"]
    assert read("TOP", "SECRET") == ["TOP", "SECRET"]
    assert read("TOP", "SEC", y=1600) == ["TOP", "SEC"]
    assert read("TOP", "SEC", confs=(40.0, 47.0)) == ["TOP", "SEC"]
    assert read("TOP", "SE") == ["TOP", "SE"]
    assert read("TOP", "SEX") == ["TOP", "SEX"]
    assert read("TOR", "SEC") == ["TOR", "SEC"]


def test_a_markings_words_read_run_together_are_parted():
    """Grayscale rescans of bulletin pages read "TOPSECRET", "Release:TOPSECRET" and
    "2020/03/13TOPSECRET": each is parted into its words, the box split by letters; a word
    merely holding the letters of one is not."""
    data = tesseract_rows(("TOPSECRET", 100, 50, 180, 40, 86.0),
                          ("Release:TOPSECRET.", 300, 50, 360, 40, 70.0),
                          ("TOPSECRETS", 700, 50, 200, 40, 90.0),
                          ("SECURITYINFORMATION", 100, 120, 380, 40, 96.0, 1, 2))
    out = glued_markings(data)
    assert out["text"] == ["TOP", "SECRET", "Release:", "TOP", "SECRET.", "TOPSECRETS",
                           "SECURITY", "INFORMATION"]
    assert out["left"][:2] == [100, 160] and out["width"][:2] == [60, 120]
    assert out["line_num"][6:] == [2, 2] and out["conf"][2:5] == [70.0] * 3


def test_a_marking_read_glued_on_a_rescan_is_one_copy_of_it(tmp_path):
    """cib_02869423_p2 scanned again in grayscale at 200 dpi: its struck head read
    "TOPSECRET" at 86, no template, and the same head read again as "TOP SECRET" beside it;
    at 400 dpi glued to the release line ("Release:TOPSECRET")."""
    for dpi in (200, 400):
        text = _ocr(rescanned(HELDOUT / "cib_02869423_p2.pdf", dpi, tmp_path)).text
        assert "TOPSECRET" not in text, dpi
        assert text.split().count("SECRET") == 2, dpi          # head and foot
