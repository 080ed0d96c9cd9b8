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

from recto.annotations.model import Box, OcrWord
from recto.app.text.scripts import CJK, char_script


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


# --- whether a page's text layer is real text ----------------------------------------

MIN_VISIBLE_CHARS = 20      # fewer is a page number or a title, OCR will find it too
MIN_VISIBLE_CHARS_ON_SCAN = 200  # a stamp or Bates number on a scan is not a text layer


def text_layer_words(page: pymupdf.Page) -> list[OcrWord]:
    """Words of a born-digital page; conf 100 because the text is exact, not recognised.

    NFKC-normalised and cut where the script changes (see app.pdf.text_layer_words); boxes
    in unrotated-page coordinates whatever `page.rotation` is, Recto's convention.
    """
    return layer_words(page)


def has_real_text_layer(page: pymupdf.Page) -> bool:
    """Whether the page's text can be used instead of OCR.

    Invisible text (render mode 3, opacity 0) and text painted under a full-page
    image is somebody's earlier OCR of unknown quality (the CIA's CIB scans carry
    one): Recto does not trust it and OCRs the page itself. Visible text counts,
    but on top of a scan it must be plentiful, since stamps are text too.
    """
    area = page.rect.width * page.rect.height
    scan_at = max((i for i, (kind, bbox) in enumerate(page.get_bboxlog())
                   if kind in ("fill-image", "fill-imgmask")
                   and pymupdf.Rect(bbox).get_area() >= 0.5 * area), default=-1)
    visible = 0
    for span in page.get_texttrace():
        if span["type"] == 3 or span["opacity"] <= 0 or span["seqno"] < scan_at:
            continue
        visible += sum(1 for ch in span["chars"] if ch[0] not in (32, 0xFFFD))
    return visible >= (MIN_VISIBLE_CHARS_ON_SCAN if scan_at >= 0 else MIN_VISIBLE_CHARS)
