"""Words of a PDF's own text layer, in one normal form and split where the script changes.

Text layers carry ligatures (U+FB01 'ﬁ') and full-width forms that no one types:
every word and the page text are NFKC-normalised, so "confirmation" is found and
quoted as typed. Boxes come from PyMuPDF's character boxes (`rawdict`), and a
word is cut where CJK meets Latin ('Sōren総連in' is three words), so a mention of
総連 gets a box of its own two characters rather than half of its neighbours.
"""
from __future__ import annotations

import unicodedata

import pymupdf

from annotations.model import Box, OcrWord
from app.ocr_engine import CJK, char_script


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _kind(ch: str) -> str:
    """'cjk' or 'latin' for letters and digits; '' for punctuation, which joins either."""
    if char_script(ch) in CJK and ch.isalnum():
        return "cjk"
    return "latin" if ch.isalnum() else ""


def layer_words(page: pymupdf.Page) -> list[OcrWord]:
    """Words in content order, boxes in unrotated PDF points (PyMuPDF's convention)."""
    words: list[OcrWord] = []
    raw = page.get_text("rawdict", flags=pymupdf.TEXTFLAGS_WORDS)
    for b, block in enumerate(raw.get("blocks", [])):
        for n, line in enumerate(block.get("lines", [])):
            run: list[dict] = []
            kind = ""  # the script of the run's last letter
            for span in line.get("spans", []):
                for ch in span.get("chars", []):
                    c, k = ch["c"], _kind(ch["c"])
                    if c.isspace() or (k and kind and k != kind):
                        _flush(run, words, b, n)
                        run, kind = [], ""
                    if not c.isspace():
                        run.append(ch)
                        kind = k or kind
            _flush(run, words, b, n)
    return words


def _flush(run: list[dict], words: list[OcrWord], block: int, line: int) -> None:
    if not run:
        return
    text = nfkc("".join(ch["c"] for ch in run)).strip()
    if not text:
        return
    box = pymupdf.Rect()
    for ch in run:
        box |= pymupdf.Rect(ch["bbox"])
    words.append(OcrWord(text, Box(box.x0, box.y0, box.x1, box.y1), 100.0, block, 0, line))


def layer_text(page: pymupdf.Page) -> str:
    """The page's text in the normal form search, copy and quotes use."""
    return nfkc(page.get_text("text"))
