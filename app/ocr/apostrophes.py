"""A page's apostrophes as its typeface prints them.

A page is set in one face: a typewriter's apostrophe is straight, a typeset filing's curly.
Tesseract reads most of a typeset page's apostrophes curly, not all: after "ff" it read
"Plaintiff's" straight on both court filings that print it, beside "Board’s" and "Opp’n"
read curly on the same pages (court_cacd_630649_326_p10 and _p15). So where a page's words
hold a curly apostrophe between letters, a straight one between letters is that mark
misread. Of the 39 bench pages, none typewritten read a curly one (21 straight between
letters, all printed straight), and the three court filings read 11 curly and 3 straight,
all printed curly. Quote marks at a word's ends are left as read there: a typeset page may
print both.

A typewriter has one quote key, printing straight marks, and Tesseract now and then reads
one curly: "“secession." on cib_03185137_p3, whose "premier's" reads straight; one curly
double quote among five straight ones on cib_02623669_p3. So on a page whose apostrophes
between letters all read straight, or with none, whose double quotes read straight more
often than curly, every curly quote mark is the straight one misread. Of the 39 bench
pages, the three court filings read curly apostrophes and are left; 17 typewritten pages
read straight ones between letters and none curly; three typewritten pages read a curly
mark (three double quotes, one single before a word), all printed straight.
"""
from __future__ import annotations

import re
from dataclasses import replace

from recto.annotations.model import OcrWord

CURLY = "’"
BETWEEN_LETTERS = r"(?<=[^\W\d_]){}(?=[^\W\d_])"
STRAIGHT_IN_WORD = re.compile(BETWEEN_LETTERS.format("'"))
CURLY_IN_WORD = re.compile(BETWEEN_LETTERS.format(CURLY))


STRAIGHTENED = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
CURLY_MARKS = re.compile("[“”‘’]")


def page_apostrophes(words: list[OcrWord]) -> list[OcrWord]:
    """`words` with straight apostrophes between letters curled, on a page whose words
    read curly ones between letters; with curly quote marks straightened on a page whose
    marks read straight (see the module's doc)."""
    live = [w.text for w in words if not w.noise]
    if any(CURLY_IN_WORD.search(t) for t in live):
        return [replace(w, text=STRAIGHT_IN_WORD.sub(CURLY, w.text))
                if not w.noise and STRAIGHT_IN_WORD.search(w.text) else w for w in words]
    if not any(CURLY_MARKS.search(t) for t in live) or not _straight_face(live):
        return words
    return [replace(w, text=w.text.translate(STRAIGHTENED))
            if not w.noise and CURLY_MARKS.search(w.text) else w for w in words]


def _straight_face(texts: list[str]) -> bool:
    """The page's marks read straight: an apostrophe between letters (none reads curly,
    the caller has seen), or else more straight double quotes than curly ones."""
    if any(STRAIGHT_IN_WORD.search(t) for t in texts):
        return True
    straight = sum(t.count('"') for t in texts)
    return straight > sum(t.count("“") + t.count("”") for t in texts)
