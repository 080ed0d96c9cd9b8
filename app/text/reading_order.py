"""Reading-order text from OCR words: lines, blocks, vertical columns, CJK spacing.

Shared by OCR, page text with redaction placeholders and release comparison, so
every feature turns words into the same text.
"""
from __future__ import annotations

import numpy as np

from recto.annotations.model import Box, OcrWord
from recto.app.text.scripts import CJK, char_script

# Hangul syllables are set on a 1 em pitch; a word space adds ~0.25 em. Between
# Tesseract's Korean tokens the centre-to-centre distance was 0.8-1.11 x the line's
# glyph height inside a word and 1.33-1.48 x across a space (measured, Noto CJK), while
# the plain ink gaps overlap (0.22-0.43 vs 0.36-0.92), so the pitch decides.
HANGUL_SPACE_PITCH = 1.22
# A CJK/Latin pair closer than this (x glyph height) is one run: "1959年", "USの".
TIGHT_GAP = 0.3


def _span(word: OcrWord, vertical: bool) -> tuple[float, float, float]:
    """(start, end, thickness) of a word along the reading direction of its line."""
    b = word.bbox
    return (b.y0, b.y1, b.width) if vertical else (b.x0, b.x1, b.height)


def _separator(a: OcrWord, b: OcrWord, size: float, vertical: bool) -> str:
    left, right = char_script(a.text[-1]), char_script(b.text[0])
    a0, a1, _ = _span(a, vertical)
    b0, b1, _ = _span(b, vertical)
    if left in CJK and right in CJK:
        if "hangul" not in (left, right):
            return ""  # Japanese/Chinese never separate words with spaces
        last_centre = a0 + (len(a.text) - 0.5) * (a1 - a0) / len(a.text)
        first_centre = b0 + 0.5 * (b1 - b0) / len(b.text)
        return " " if first_centre - last_centre > HANGUL_SPACE_PITCH * size else ""
    if (left in CJK or right in CJK) and b0 - a1 < TIGHT_GAP * size:
        return ""
    return " "


def _join_line(words: list[OcrWord], vertical: bool) -> str:
    size = float(np.median([_span(w, vertical)[2] for w in words]))
    parts = [words[0].text]
    for a, b in zip(words, words[1:], strict=False):
        parts.append(_separator(a, b, size, vertical))
        parts.append(b.text)
    return "".join(parts)


def _group_lines(words) -> dict[int, list[list[OcrWord]]]:
    """block -> its lines (each a word list), in the order Tesseract emitted them."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    blocks: dict[int, list[list[OcrWord]]] = {}
    for (block, _, _), line in lines.items():
        blocks.setdefault(block, []).append(line)
    return blocks


def _line_box(line: list[OcrWord]) -> Box:
    return Box.union(w.bbox for w in line)


def looks_vertical(blocks: dict[int, list[list[OcrWord]]]) -> bool:
    """Most multi-character lines are tall and narrow: vertical writing."""
    boxes = [_line_box(line) for lines in blocks.values() for line in lines
             if sum(len(w.text) for w in line) >= 2]
    tall = sum(1 for b in boxes if b.height > 1.5 * b.width)
    return bool(boxes) and tall > len(boxes) / 2


def page_text(words, vertical: bool | None = None) -> str:
    """Reading-order text: lines joined by newlines, blocks by a blank line.

    Vertical pages (jpn_vert, or tall narrow lines when `vertical` is None) read
    columns right to left, each top to bottom; CJK runs are joined without spaces.
    """
    blocks = _group_lines([w for w in words if w.text])  # "" is a word deleted by hand
    if vertical is None:
        vertical = looks_vertical(blocks)
    ordered = list(blocks.values())
    if vertical:
        ordered = [sorted(lines, key=lambda ln: -(_line_box(ln).x0 + _line_box(ln).x1))
                   for lines in ordered]
        ordered.sort(key=lambda lines: (-max(_line_box(ln).x1 for ln in lines),
                                        min(_line_box(ln).y0 for ln in lines)))
        ordered = [[sorted(ln, key=lambda w: w.bbox.y0) for ln in lines] for lines in ordered]
    return "\n\n".join("\n".join(_join_line(ln, vertical) for ln in lines) for lines in ordered)
