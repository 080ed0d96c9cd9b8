"""A page's apostrophes as its typeface prints them.

A page is set in one face: a typewriter's apostrophe is straight, a typeset filing's curly.
Tesseract reads most of a typeset page's apostrophes curly, not all: after "ff" it read
"Plaintiff's" straight on both court filings that print it, beside "Board’s" and "Opp’n"
read curly on the same pages (court_cacd_630649_326_p10 and _p15). So where a page's words
hold a curly apostrophe between letters, a straight one between letters is that mark
misread. Of the 39 bench pages, none typewritten read a curly one (21 straight between
letters, all printed straight), and the three court filings read 11 curly and 3 straight,
all printed curly. Quote marks at a word's ends are left as read: a page may print both.
"""
from __future__ import annotations

import re
from dataclasses import replace

from recto.annotations.model import OcrWord

CURLY = "’"
BETWEEN_LETTERS = r"(?<=[^\W\d_]){}(?=[^\W\d_])"
STRAIGHT_IN_WORD = re.compile(BETWEEN_LETTERS.format("'"))
CURLY_IN_WORD = re.compile(BETWEEN_LETTERS.format(CURLY))


def page_apostrophes(words: list[OcrWord]) -> list[OcrWord]:
    """`words` with straight apostrophes between letters curled, on a page whose words
    read curly ones between letters."""
    if not any(CURLY_IN_WORD.search(w.text) for w in words if not w.noise):
        return words
    return [replace(w, text=STRAIGHT_IN_WORD.sub(CURLY, w.text))
            if not w.noise and STRAIGHT_IN_WORD.search(w.text) else w for w in words]
