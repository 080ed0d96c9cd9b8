"""A born-digital memo whose text layer is stored the moment it is added: real page text
with counted occurrences of "war", the phrase "prisoner of war" and 総連 / 총련."""
from __future__ import annotations

import pymupdf

from tests.ocr_fixtures import cjk_font_file

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PAGE_ONE = ["The prisoner of war camp at Ōmura stood toward the sea.",
            "A prisoner was sent to war, an award for no one.",
            "Prisoners of war and warfare: the prisoner of war list."]
PAGE_TWO = ["The Red Cross asked about the prisoner and the war."]
PAGE_TWO_CJK = ["総連 and 총련 sent delegates; 総連 again."]
# " war" at word starts: p. 1 war, war, war, warfare, war (not toward, award); p. 2 war
WAR = {1: 5, 2: 1}
PHRASE = {1: 2}  # "prisoner of war" side by side; "Prisoners of war" is not it


def memo_pdf(path):
    doc = pymupdf.open()
    for lines, cjk in ((PAGE_ONE, []), (PAGE_TWO, PAGE_TWO_CJK if cjk_font_file() else [])):
        page = doc.new_page(width=595, height=842)
        y = 100
        for line in lines:
            page.insert_text((60, y), line, fontsize=12, fontname="dejavu", fontfile=DEJAVU)
            y += 24
        for line in cjk:
            page.insert_text((60, y), line, fontsize=12, fontname="cjk", fontfile=cjk_font_file())
            y += 24
    doc.save(path)
    doc.close()
    return path
