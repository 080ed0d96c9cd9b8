"""Roman section numbers read as the count they are: unit cases on Tesseract-like rows,
and real Tesseract on a real bulletin page whose "II." and "III." it read "Il." and "II,"."""
from __future__ import annotations

import pymupdf
import pytest

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.headings import section_numbers
from tests.ocr_fixtures import ROOT, render_gray


def _rows(*lines: str) -> dict:
    data = {key: [] for key in ("level", "block_num", "par_num", "line_num", "conf", "text")}
    for n, line in enumerate(lines):
        for word in line.split():
            for key, value in (("level", 5), ("block_num", 1), ("par_num", 1),
                               ("line_num", n + 1), ("conf", 90.0), ("text", word)):
                data[key].append(value)
    return data


def _firsts(data: dict, count: int) -> list[str]:
    seen, out = set(), []
    for line, text in zip(data["line_num"], data["text"], strict=True):
        if line not in seen:
            seen.add(line)
            out.append(text)
    return out[:count]


@pytest.mark.parametrize("read, meant", [
    (["1. THE COMMUNIST BLOC", "II, ASIA-AFRICA", "Ill. THE WEST"], ["I.", "II.", "III."]),
    (["I. THE COMMUNIST BLOC", "Il. ASIA-AFRICA", "II, THE WEST"], ["I.", "II.", "III."]),
    (["IV. LATIN AMERICA", "V, AFRICA"], ["IV.", "V."]),            # a continued page
    (["Il, ASIA-AFRICA"], ["II."]),                                  # alone, read with letters
    (["1. INTRODUCTION", "11. BACKGROUND"], ["1.", "11."]),          # digits only
    (["1. AIMS", "2. BACKGROUND", "11. SUMMARY", "II, HEADS"], ["1.", "2.", "11.", "II."]),
    (["1. THE PLAN"], ["1."]),                                       # a list number maybe
    (["II, Spanish Monarchists seek control"], ["II,"]),             # no heading: lower case
    (["I. ONE", "I. TWO", "I. THREE"], ["I.", "I.", "I."]),          # not a count: left
])
def test_headings_count_up(read, meant):
    data = _rows(*read, "Some text that follows.")
    assert _firsts(section_numbers(data), len(read)) == meant


def test_a_real_bulletin_page_numbers_its_sections_in_order():
    with pymupdf.open(ROOT / "bench" / "data" / "heldout" / "cib_03185137_p3.pdf") as doc:
        page = doc[0]
        text = ocr_image(render_gray(page), OcrSettings(), page.rect.width,
                         page.rect.height).text
    lines = text.splitlines()
    assert "I. THE COMMUNIST BLOC" in lines
    assert "II. ASIA-AFRICA" in lines
    assert "III. THE WEST" in lines
