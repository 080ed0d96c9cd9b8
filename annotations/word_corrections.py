"""Hand corrections of OCR words: spreading retyped text over word boxes, and carrying
corrections onto a new reading of the page (a re-OCR must not undo a person's work).

Retyping keeps the words' boxes and numbers (mentions and evidence point at word
numbers): the new text is split at spaces and each piece goes to the word whose place
in the old line is nearest its own (by character position), so "The | cat" retyped as
"The cat" empties the "|" and "Chal mers" retyped "Chalmers" fills the first box and
empties the second. An emptied word stays stored with empty text: a deletion.

A re-OCR is matched to the corrections by box overlap: a new word takes the text of
the corrected word it shares most ink with, when that overlap is at least MATCH_SHARE
of the smaller box (boxes of the same ink move a point or two between runs, and a
word read as two, or two as one, still overlaps that much). Several corrections on
one new word are joined in their old order; other new words (almost) wholly inside a
correction's box, COVER_SHARE, are emptied (its text already holds them). A correction that finds
no word in the new reading is kept as a line of its own at the end of the page, so
nothing a person typed is lost silently.
"""
from __future__ import annotations

from dataclasses import replace

from recto.annotations.model import Box, OcrWord

MATCH_SHARE = 0.5
COVER_SHARE = 0.9  # Tesseract's neighbouring boxes can overlap by 70% of a short word


def spread(old: list[str], new_text: str) -> list[str]:
    """One new text per old word (in reading order), from the line retyped as `new_text`."""
    tokens = new_text.split()
    if len(tokens) == len(old):
        return tokens
    if len(old) == 1:
        return [" ".join(tokens)]
    if not tokens:
        return [""] * len(old)
    old_at, new_at = _centres(old), _centres(tokens)
    out: list[list[str]] = [[] for _ in old]
    for token, at in zip(tokens, new_at, strict=True):
        out[min(range(len(old)), key=lambda i: abs(old_at[i] - at))].append(token)
    return [" ".join(parts) for parts in out]


def _centres(parts: list[str]) -> list[float]:
    """Where each part's middle falls along the parts joined by spaces, 0..1."""
    total = max(1, len(" ".join(parts)))
    at, out = 0, []
    for p in parts:
        out.append((at + len(p) / 2) / total)
        at += len(p) + 1
    return out


def share(a: Box, b: Box) -> float:
    """Overlap as a share of the smaller box."""
    smaller = min(a.area, b.area)
    return a.intersection(b) / smaller if smaller > 0 else 0.0


def carry(corrected: list[OcrWord], new: list[OcrWord]) -> list[OcrWord]:
    """`new` (a fresh reading of the page) with the `corrected` words' text laid over it."""
    if not corrected:
        return new
    taken: dict[int, list[OcrWord]] = {}
    covered: set[int] = set()
    lost: list[OcrWord] = []
    for old in corrected:
        shares = [(share(old.bbox, w.bbox), i) for i, w in enumerate(new)]
        best_share, best = max(shares, default=(0.0, -1))
        if best_share < MATCH_SHARE:
            if old.text:
                lost.append(old)
            continue
        taken.setdefault(best, []).append(old)
        covered |= {i for _, i in shares if i != best and new[i].bbox.area > 0
                    and new[i].bbox.intersection(old.bbox) >= COVER_SHARE * new[i].bbox.area}
    out = []
    for i, w in enumerate(new):
        if i in taken:
            text = " ".join(o.text for o in taken[i] if o.text)
            out.append(replace(w, text=text, corrected=True, noise=w.noise and not text))
        elif i in covered:
            out.append(replace(w, text="", corrected=True))
        else:
            out.append(w)
    block = max((w.block for w in new), default=0) + 1
    out += [replace(w, block=block, par=0, line=n, noise=False, corrected=True)
            for n, w in enumerate(lost)]
    return out
