"""Placeholders and hidden-extent estimates, on a generated page with known hidden text:
the born-digital words, and real Tesseract OCR of the same page rasterised."""
from __future__ import annotations

import shutil

import pymupdf
import pytest

from recto.annotations.model import Box, OcrWord
from recto.app.redactions.evaluate import tesseract_words
from recto.app.text.placeholders import estimate_extent, text_with_placeholders

LINES = ["THE COMMITTEE MET ON 15 DECEMBER 1955 TO REVIEW THE PLAN.",
         "AGENT CARDINAL REPORTED FROM VIENNA ON THE SECOND DAY OF",
         "THE TALKS THAT THE ESTIMATE OF RETURNEES WAS ABOUT 60,000",
         "AND THAT THE SHIPS WOULD SAIL FROM NIIGATA IN DECEMBER.",
         "NO FURTHER ACTION IS REQUIRED BY THIS OFFICE AT PRESENT.",
         "THE NEXT MEETING WILL BE HELD IN GENEVA ON 3 JANUARY."]
HIDDEN = "CARDINAL REPORTED FROM"     # on line 2
TOP, PITCH, LEFT, SIZE = 100.0, 14.0, 72.0, 11.0


def _make_page(doc: pymupdf.Document) -> tuple[pymupdf.Page, Box, Box]:
    """Courier text, one black box over a word run, one over two whole lines."""
    page = doc.new_page(width=612, height=792)
    for k, line in enumerate(LINES):
        page.insert_text((LEFT, TOP + PITCH * k), line, fontname="cour", fontsize=SIZE)
    second_line = TOP + PITCH - 5
    run = [pymupdf.Rect(w[:4]) for w in page.get_text("words")
           if w[4] in HIDDEN.split() and w[1] < second_line < w[3]]
    inline = pymupdf.Rect(run[0]) | run[-1]
    inline = inline + (-1.5, 1, 1.5, -1)
    block = pymupdf.Rect(LEFT - 2, TOP + PITCH * 3 - 9, 540, TOP + PITCH * 4 + 3.5)
    for rect in (inline, block):
        page.draw_rect(rect, color=(0, 0, 0), fill=(0, 0, 0))
    return page, Box.of(inline), Box.of(block)


def _layer_words(page: pymupdf.Page) -> list[OcrWord]:
    return [OcrWord(w[4], Box.of(w[:4])) for w in page.get_text("words")]


def _check(text: str, words: list[OcrWord], inline: Box, block: Box, ocr: bool) -> None:
    lines = text.splitlines()
    second = next(line for line in lines if "AGENT" in line)
    assert second.startswith("AGENT [REDACTED ~") and second.upper().endswith(" OF")
    if not ocr:   # Tesseract misreads the words right after a bar ("VIENNA" -> "sa")
        assert second.split("]")[1].strip().startswith("VIENNA")
    assert "CARDINAL" not in text and "NIIGATA" not in text and "FURTHER" not in text
    block_line = lines.index("[REDACTED ~2 lines]")
    before = [line for line in lines[:block_line] if line.strip()]
    after = [line for line in lines[block_line + 1:] if line.strip()]  # a block may end here
    assert "RETURNEES" in before[-1] and "GENEVA" in after[0]
    chars = estimate_extent(inline, words).chars
    assert abs(chars - len(HIDDEN)) <= 0.25 * len(HIDDEN), chars
    assert f"[REDACTED ~{chars} chars]" in second


def test_placeholders_with_born_digital_words():
    with pymupdf.open() as doc:
        page, inline, block = _make_page(doc)
        words = _layer_words(page)
    _check(text_with_placeholders(words, [inline, block]), words, inline, block, ocr=False)
    extent = estimate_extent(inline, words)
    assert extent.lines == 1 and 2 <= extent.words <= 4
    assert estimate_extent(block, words).lines == 2


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_placeholders_with_tesseract_on_the_rasterised_page():
    with pymupdf.open() as doc:
        page, inline, block = _make_page(doc)
        pix = page.get_pixmap(dpi=200)
        with pymupdf.open() as scan:
            image_page = scan.new_page(width=612, height=792)
            image_page.insert_image(image_page.rect, pixmap=pix)
            assert image_page.get_text("words") == []
            words = tesseract_words(image_page, dpi=300)
    _check(text_with_placeholders(words, [inline, block]), words, inline, block, ocr=True)


def test_extent_falls_back_to_the_typewriter_default():
    extent = estimate_extent(Box(100, 100, 172, 112), [])
    assert extent == type(extent)(chars=10, words=2, lines=1)


def test_japanese_keeps_no_spaces_around_a_placeholder():
    words = [OcrWord(ch, Box(10 + 12 * i, 10, 21 + 12 * i, 22), block=1, par=1, line=1)
             for i, ch in enumerate("総連の代表は帰国事業")]
    box = Box(10 + 12 * 3, 9, 21 + 12 * 4, 23)  # hides 代表
    text = text_with_placeholders(words, [box])
    assert text.startswith("総連の[REDACTED ~") and text.endswith("]は帰国事業")
    assert text_with_placeholders(words, []) == "総連の代表は帰国事業"


def test_no_redactions_gives_plain_reading_order():
    words = [OcrWord("world", Box(60, 10, 90, 20)), OcrWord("hello", Box(10, 11, 50, 21)),
             OcrWord("next", Box(10, 30, 40, 40))]
    assert text_with_placeholders(words, []) == "hello world\nnext"
