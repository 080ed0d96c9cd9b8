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

from recto.annotations.model import Box, OcrWord
from recto.app.text.reading_order import page_text

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
    """The page's reading-order text (the OCR engine's own layout: lines, blank lines
    between blocks, CJK without spaces) with each redaction shown as a placeholder where
    it sits. With no redactions it is exactly the engine's text of `words`."""
    kept = _with_lines([w for w in words
                        if w.text.strip() and not any(is_under(w, b) for b in redactions)])
    for n, box in enumerate(sorted(redactions, key=lambda b: (b.y0, b.x0))):
        extent = estimate_extent(box, words)
        host = None if extent.lines > 1 else _host_line(box, kept)
        if host is None:  # a line of its own, inside the block it interrupts
            label = (f"[REDACTED ~{extent.lines} lines]" if extent.lines > 1
                     else f"[REDACTED ~{extent.chars} chars]")
            at = next((i for i, w in enumerate(kept) if w.bbox.y0 >= box.y0), len(kept))
            near = kept[at - 1] if at > 0 else (kept[at] if kept else None)
            token = OcrWord(label, box, block=near.block if near else 0,
                            par=near.par if near else 0, line=-1 - n)
        else:
            token = OcrWord(f"[REDACTED ~{extent.chars} chars]", box, block=host.block,
                            par=host.par, line=host.line)
            at = _position_in_line(box, kept, host)
        kept.insert(at, token)
    return page_text(kept) if kept else ""


def _with_lines(words: list[OcrWord]) -> list[OcrWord]:
    """Words without line ids (all on one "line" though on several rows) get them from
    their geometry, in reading order; OCR and text-layer words keep their own."""
    if len({(w.block, w.par, w.line) for w in words}) > 1 or len(words) < 2:
        return words
    tol = 0.5 * median(w.bbox.height for w in words)
    rows: list[list[OcrWord]] = []
    for w in sorted(words, key=lambda w: (w.bbox.y0 + w.bbox.y1) / 2):
        cy = (w.bbox.y0 + w.bbox.y1) / 2
        if rows and abs(cy - sum((r.bbox.y0 + r.bbox.y1) / 2 for r in rows[-1])
                        / len(rows[-1])) <= tol:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [OcrWord(w.text, w.bbox, w.conf, 0, 0, i, w.lang)
            for i, row in enumerate(rows) for w in sorted(row, key=lambda w: w.bbox.x0)]


def _same_line(a: OcrWord, b: OcrWord) -> bool:
    return (a.block, a.par, a.line) == (b.block, b.par, b.line)


def _host_line(box: Box, words: list[OcrWord]) -> OcrWord | None:
    """A word on the text line the box sits in (most vertical overlap), if any."""
    def overlap(w: OcrWord) -> float:
        return min(w.bbox.y1, box.y1) - max(w.bbox.y0, box.y0)
    best = max(words, key=overlap, default=None)
    if best is None or overlap(best) < 0.5 * min(best.bbox.height, box.height):
        return None
    return best


def _position_in_line(box: Box, words: list[OcrWord], host: OcrWord) -> int:
    """Index in `words` where the placeholder goes: after the host line's words left of it."""
    line = [i for i, w in enumerate(words) if _same_line(w, host)]
    left = [i for i in line if words[i].bbox.x0 < box.x0]
    return left[-1] + 1 if left else line[0]


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
    gaps = [b - a for a, b in zip(lines, lines[1:], strict=False) if b - a < 2.5 * height]
    return median(gaps) if gaps else 1.2 * height
