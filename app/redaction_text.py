"""Page text that respects redactions: no garbage from black bars, a placeholder instead.

OCR of a black bar yields noise ("I|ll", "—"), and a historian quoting the page
needs to see *where* something was withheld and roughly how much. Words mostly
under a redaction are dropped and `[REDACTED ~N chars]` (or `[REDACTED ~K lines]`
for a box over several lines) takes their place in reading order. The size of
what is hidden is estimated from the box and the type around it: median
character width and line pitch of nearby words, then of the page, then a
typewriter's 10 characters per inch and 12 pt lines.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from annotations.model import Box, OcrWord

TYPEWRITER_CHAR_PT = 7.2     # 10 characters per inch
TYPEWRITER_LINE_PT = 12.0
UNDER_SHARE = 0.5            # a word this much under a box is hidden
NEAR_LINES = 4               # neighbourhood for local metrics, in line pitches
MIN_NEIGHBOURS = 3


@dataclass(frozen=True)
class Extent:
    chars: int
    words: int
    lines: int


@dataclass(frozen=True)
class _Metrics:
    char_w: float
    line_h: float
    word_len: float          # mean characters per word, plus the space after it


def is_under(word: OcrWord, box: Box, share: float = UNDER_SHARE) -> bool:
    area = word.bbox.area
    return area > 0 and word.bbox.intersection(box) >= share * area


def estimate_extent(box: Box, words: list[OcrWord]) -> Extent:
    """How much text `box` probably hides, from the type around it."""
    visible = [w for w in words if not is_under(w, box) and w.text.strip()]
    m = _metrics(_near(box, visible)) or _metrics(visible) or _Metrics(
        TYPEWRITER_CHAR_PT, TYPEWRITER_LINE_PT, 6.0)
    lines = max(1, round(box.height / m.line_h))
    chars = max(1, round(box.width / m.char_w)) * lines
    return Extent(chars=chars, words=max(1, round((chars + 1) / m.word_len)), lines=lines)


def text_with_placeholders(words: list[OcrWord], redactions: list[Box]) -> str:
    """Reading-order text (top to bottom, left to right within a line) with each
    redaction shown as a placeholder where it sits."""
    kept = [w for w in words if w.text.strip() and not any(is_under(w, b) for b in redactions)]
    tokens: list[tuple[Box, str]] = [(w.bbox, w.text) for w in kept]
    blocks: list[tuple[Box, str]] = []
    for box in redactions:
        extent = estimate_extent(box, words)
        if extent.lines > 1:
            blocks.append((box, f"[REDACTED ~{extent.lines} lines]"))
        else:
            tokens.append((box, f"[REDACTED ~{extent.chars} chars]"))
    rows = _group_lines(tokens)
    rows += [(b.y0, [(b, text)]) for b, text in blocks]
    rows.sort(key=lambda row: row[0])
    return "\n".join(" ".join(text for _, text in sorted(row, key=lambda t: t[0].x0))
                     for _, row in rows)


def _group_lines(tokens: list[tuple[Box, str]]) -> list[tuple[float, list]]:
    """Tokens whose vertical centres lie within half a line of each other form a line."""
    if not tokens:
        return []
    tol = 0.5 * median(b.height for b, _ in tokens)
    rows: list[tuple[float, list]] = []
    for box, text in sorted(tokens, key=lambda t: (t[0].y0 + t[0].y1) / 2):
        cy = (box.y0 + box.y1) / 2
        if rows and abs(cy - rows[-1][0]) <= tol:
            centre, members = rows[-1]
            members.append((box, text))
            rows[-1] = ((centre * (len(members) - 1) + cy) / len(members), members)
        else:
            rows.append((cy, [(box, text)]))
    return [(min(b.y0 for b, _ in members), members) for _, members in rows]


def _near(box: Box, words: list[OcrWord]) -> list[OcrWord]:
    """Words within a few lines above or below the box (its own lines included)."""
    reach = NEAR_LINES * max(TYPEWRITER_LINE_PT, median([w.bbox.height for w in words] or [0]))
    return [w for w in words
            if w.bbox.y1 >= box.y0 - reach and w.bbox.y0 <= box.y1 + reach]


def _metrics(words: list[OcrWord]) -> _Metrics | None:
    """Median character width and line pitch of `words`; None if too few to tell."""
    sized = [w for w in words if len(w.text.strip()) >= 2 and w.bbox.width > 0]
    if len(sized) < MIN_NEIGHBOURS:
        return None
    char_w = median(w.bbox.width / len(w.text.strip()) for w in sized)
    word_len = sum(len(w.text.strip()) + 1 for w in sized) / len(sized)
    return _Metrics(char_w, _line_pitch(sized), word_len)


def _line_pitch(words: list[OcrWord]) -> float:
    """Median distance between successive line centres, ignoring paragraph gaps;
    a single line gives 1.2 x the word height (the usual leading)."""
    height = median(w.bbox.height for w in words)
    centres = sorted((w.bbox.y0 + w.bbox.y1) / 2 for w in words)
    lines = [centres[0]]
    for c in centres[1:]:
        if c - lines[-1] > 0.5 * height:
            lines.append(c)
    gaps = [b - a for a, b in zip(lines, lines[1:]) if b - a < 2.5 * height]
    return median(gaps) if gaps else 1.2 * height
