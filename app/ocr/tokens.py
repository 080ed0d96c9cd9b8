"""Tesseract's word boundaries mended where a scan misleads them.

Specks in the gap between two words read as two dots gluing them ("400..miles" on a
speckled PDB page), and a long code can come back as two words, the second lying
inside the first ("CIA-RDP79T00936A01230001" + "0026-2", boxes overlapping), or beside
it, and so can a release date ("201" + "9/05/28") or an exemption code ("3." + "5(c)");
a margin code stamped against a word reads as part of it ("violer25x1"), a rule drawn
against a document number as its tail ("C05973621——"). A historian quotes and searches
these words as printed.
"""
from __future__ import annotations

import re
from dataclasses import replace

from recto.annotations.model import Box, OcrWord
from recto.app.text.exemption_codes import canonical_token

# No typed text has exactly two full stops between letters or digits.
GLUED_BY_SPECKS = re.compile(r"^([^\W_]+)\.\.([^\W_]+)$")
# A margin code stamped against the word before it ("violer25x1": a box cut "violence").
GLUED_TO_CODE = re.compile(r"^([^\W\d_]{2,})(\d{2}[xX×]\d{1,2})$")
# A CIA document number, as every release line prints it: CIA-RDP79T00936A013400010001-7.
CIA_NUMBER = re.compile(r"^CIA-RDP\d{2}[A-Z]\d{5}[A-Z]\d{12}-\d$")
# A release date as release lines print it (2019/05/28), or all of it but the day's last
# digit ("201" + "9/07/1" + "0", measured); its pieces are digits and '/'.
DATE = re.compile(r"^(19|20)\d\d/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])$")
DATE_BUT_ONE = re.compile(r"^(19|20)\d\d/(0[1-9]|1[0-2])/[0-3]$")
DATE_PIECE = re.compile(r"^[\d/]+$")
# A rule drawn against the end of a number: no typed word ends in two dashes or underscores.
RULED_TAIL = re.compile(r"^(.*\d)[—_]{2,}$")
# A word whose box lies inside the previous word's, ending where it ends, is the rest
# of that word when that box is no wider per letter than this many times its own: the
# release line's halves measured 1.3; "Sanitized" stretched over "Copy" 2.6, a speck
# line read "ii" over "as" 6 (PDB and court bench pages).
SPLIT_WIDTH_RATIO = 1.6
# A word read again over the start of the next one covers this share of its width at least
# (0.9 measured). Words overlapping as much elsewhere on the 39 bench pages are a vertical
# strip's junk read in a stack ("ED" over "ELLEN"), none of them the next one's start.
ECHO_OVERLAP = 0.8
# An ordinal whose digit 1 was read as the letter it looks like in typewriter faces
# ("lst" for "1st", pdb_0005996489_p4); changed only where the suffix agrees with the
# number so spelled ("llth" -> "11th", never "lth" -> "1th"). Not "I": German "Ist".
ORDINAL_ONES = re.compile(r"^([l\d]*l[l\d]*)(st|nd|rd|th)([.,;:)]?)$")


def mend_words(words: list[OcrWord]) -> list[OcrWord]:
    """`words` (Tesseract's order) with glued words split, split words joined, a word's
    start read twice dropped and ordinals spelled with their digits."""
    out: list[OcrWord] = []
    for word in (spelled_ordinal(part) for w in words for part in unglue(w)):
        if out and _echo(out[-1], word):
            out[-1] = word
            continue
        if out and (_inside(out[-1], word) or _halves(out[-1], word)):
            out[-1] = joined(out[-1], word, out[-1].text + word.text)
        else:
            out.append(word)
    return out


def joined(prev: OcrWord, word: OcrWord, text: str) -> OcrWord:
    """Two pieces of one word read apart, as that word: `text`, over both boxes, as sure as
    the weaker piece."""
    return replace(prev, text=text, conf=min(prev.conf, word.conf),
                   bbox=Box.union((prev.bbox, word.bbox)))


def spelled_ordinal(word: OcrWord) -> OcrWord:
    """`word` with the l's of an ordinal's number read as the 1's they are."""
    m = ORDINAL_ONES.match(word.text)
    if not m:
        return word
    number = int(m.group(1).replace("l", "1"))
    if m.group(2) != _suffix(number):
        return word
    return replace(word, text=f"{number}{m.group(2)}{m.group(3)}")


def _suffix(number: int) -> str:
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def unglue(word: OcrWord) -> list[OcrWord]:
    """Two words glued by specks read as '..', or a word and the code stamped against
    it, apart; the box split by letters."""
    ruled = RULED_TAIL.match(word.text)
    if ruled:
        b, left = word.bbox, ruled.group(1)
        return [replace(word, text=left,
                        bbox=replace(b, x1=b.x0 + b.width * len(left) / len(word.text)))]
    m = GLUED_BY_SPECKS.match(word.text) or GLUED_TO_CODE.match(word.text)
    if not m or (m.re is GLUED_TO_CODE and canonical_token(m.group(2)) is None):
        return [word]
    left, right = m.group(1), m.group(2)
    b = word.bbox
    per_char = b.width / len(word.text)
    return [replace(word, text=left, bbox=replace(b, x1=b.x0 + per_char * len(left))),
            replace(word, text=right, bbox=replace(b, x0=b.x1 - per_char * len(right)))]


def _halves(prev: OcrWord, word: OcrWord) -> bool:
    """`prev` and `word`, side by side on one line, together spell a CIA document number
    ("CIA-RDP79T00936A01" + "3400010001-7"), a release date ("201" + "9/07/10", gap 2.1
    pt against 3.8 between words) or an exemption code ("3." + "5(c)"): all measured on
    release lines, where a narrow "1" or "." lets Tesseract see a space."""
    if (prev.block, prev.par, prev.line) != (word.block, word.par, word.line):
        return False
    if word.bbox.x0 - prev.bbox.x1 >= word.bbox.height:
        return False
    joined = prev.text + word.text
    if prev.text.startswith("CIA-RDP"):
        return bool(CIA_NUMBER.match(joined))
    if DATE_PIECE.match(prev.text) and DATE_PIECE.match(word.text):
        return bool(DATE.match(joined) or DATE_BUT_ONE.match(joined)) and not DATE.match(prev.text)
    return (prev.text[-1:] == "." and prev.text[:-1].isdigit()
            and canonical_token(joined) == joined)


def _echo(prev: OcrWord, word: OcrWord) -> bool:
    """`prev` is the start of `word` read twice: its box lies over the start of the word's
    and its text begins the word's ("ag" at 96 over "agreement." where a box's edge runs
    under its first letters, pdb_0005996489_p4: Tesseract's own reading, measured)."""
    if (prev.block, prev.par, prev.line) != (word.block, word.par, word.line):
        return False
    if len(prev.text) < 2 or len(prev.text) >= len(word.text) or not word.text.startswith(
            prev.text):
        return False
    p, b = prev.bbox, word.bbox
    overlap = min(p.x1, b.x1) - max(p.x0, b.x0)
    return p.width > 0 and overlap >= ECHO_OVERLAP * p.width and p.x0 < b.x0 + p.width / 2


def _inside(prev: OcrWord, word: OcrWord) -> bool:
    """`word` is the rest of `prev`: it lies inside its end, `prev`'s box is not just
    stretched (over specks, or over the next word), and the break falls mid-word (a box
    stretched over a speck after "Friday." holds the next word "at" as well, measured)."""
    if (prev.block, prev.par, prev.line) != (word.block, word.par, word.line):
        return False
    if not (prev.text[-1:].isalnum() and word.text[:1].isalnum()):
        return False
    p, b = prev.bbox, word.bbox
    if b.width <= 0 or b.x0 < p.x0 or abs(b.x1 - p.x1) > 0.2 * b.width:
        return False
    return p.width / len(prev.text) <= SPLIT_WIDTH_RATIO * b.width / len(word.text)
