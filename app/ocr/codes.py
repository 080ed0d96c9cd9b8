"""Exemption codes spelled as printed: Tesseract's slips in margin codes corrected.

Historians quote and count the codes ("25X1" beside every box), so "25x1", "5OX1",
"3.5(¢)" are written canonically, and a code read with one digit too many ("25X11":
the box edge beside it as a trailing "1") takes the digit the page's other codes
confirm (codes read surely); when the page does not say which, the token is left as read.
A speck read as a mark before a code ("~3.3(h)(2)") is dropped from it, and a code whose
faint full stop was lost, read as two words ("3" and "3(h)(2)", cib_02003047_p3), is one
word again where the page's other copies of the code were read surely.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from recto.annotations.model import OcrWord
from recto.app.ocr.tokens import joined
from recto.app.text.exemption_codes import canonical_token, overlong_choices

# A code read this surely says which codes the page has: a "25X1" under a speck read as
# "25X4" at 0 made every "25x14" on the page ambiguous (pdb_0006015108_p9, measured).
WITNESS_CONF = 50.0
# Marks a speck or a box's corner or edge before a code reads as ("~3.3(h)(2)", "£50X1",
# "'3.3(h)(2)" on the bench pages): no code is printed with one, so a code after them is
# read without them.
SPECK_MARKS = "~£«»•·°'‘`"
# A code's halves are this near (x the line's height): the full stop between them is
# ~0.2 wide; a word space is 0.3-0.5 (rows.PIECE_GAP's measure).
HALVES_GAP = 0.3


def correct_codes(words: list[OcrWord]) -> list[OcrWord]:
    """`words` with their exemption codes spelled canonically, in the same order."""
    canonical = [canonical_token(w.text) for w in words]
    on_page = Counter(c for c, w in zip(canonical, words, strict=True)
                      if c and w.conf >= WITNESS_CONF)
    out = []
    for word, code in zip(words, canonical, strict=True):
        if code is None:
            code = _overlong(word.text, on_page)
        if code is None and word.text[:1] in SPECK_MARKS:
            code = canonical_token(word.text.lstrip(SPECK_MARKS))
        out.append(replace(word, text=code) if code and code != word.text else word)
    return _rejoined(out, on_page)


def _rejoined(words: list[OcrWord], on_page: Counter) -> list[OcrWord]:
    """`words` with the halves of a code split at its full stop joined."""
    out: list[OcrWord] = []
    for word in words:
        code = _halves(out[-1], word) if out else None
        if code and on_page[code]:
            out[-1] = joined(out[-1], word, code)
        else:
            out.append(word)
    return out


def _halves(prev: OcrWord, word: OcrWord) -> str | None:
    """The code `prev` and `word` spell with a full stop between them, if they are its
    halves: a number, then the rest, on one line and near."""
    if not (prev.text.isdigit() and len(prev.text) <= 2 and canonical_token(word.text) is None
            and (prev.block, prev.par, prev.line) == (word.block, word.par, word.line)):
        return None
    height = max(prev.bbox.height, word.bbox.height)
    if not 0 <= word.bbox.x0 - prev.bbox.x1 <= HALVES_GAP * height:
        return None
    return canonical_token(f"{prev.text}.{word.text}")


def _overlong(token: str, on_page: Counter) -> str | None:
    choices = overlong_choices(token)
    if choices is None:
        return None
    first, last = choices
    if first == last:
        return first
    seen = [c for c in (first, last) if on_page[c]]
    return seen[0] if len(seen) == 1 else None
