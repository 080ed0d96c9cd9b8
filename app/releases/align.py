"""Align two releases of a document: pages first, then the words of matching pages.

Pages are matched by how many word pairs (bigrams) they share, a measure that
ignores what is redacted on either side and shrugs off OCR slips; the matching
keeps page order (a monotone assignment, so dropped or inserted pages cost
nothing), then pairs what is left with a high score (reordered pages).

Words of a matched pair are put in reading order with one placeholder per
redaction box where the box sits, and aligned with rapidfuzz's LCS opcodes
(`Indel.opcodes`). Equal words are anchors; a box is then mapped into the other
release by an affine transform fitted on its nearest anchors (so skew, shift and
scale between scans do not matter), and the other release's unmatched visible
words inside it are what that release reveals. Without enough anchors nearby,
the words in the same alignment gap as the placeholder are taken instead.
Differences in gaps that hold no placeholder are OCR noise (similar strings) or
other marks (a different stamp, a note): reported apart, never as findings.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from statistics import median

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from recto.annotations.model import Box, OcrWord
from recto.app.text.placeholders import is_under

PAGE_MIN_SCORE = 0.30       # shared bigrams / bigrams of the smaller page, to pair pages
PAGE_REORDER_SCORE = 0.50   # pages paired out of order need more evidence
MIN_BIGRAMS = 8             # a near-empty page cannot score high on a handful of bigrams
NEAREST_ANCHORS = 16
MIN_ANCHORS = 6
MAX_RESIDUAL_PT = 4.0
PAD_X_PT, PAD_Y_PT = 1.5, 2.0
OCR_NOISE_RATIO = 60        # rapidfuzz ratio above which a difference is a misreading
REVEALED_IN_A, REVEALED_IN_B = "revealed_in_a", "revealed_in_b"


@dataclass(frozen=True)
class PageInput:
    page_index: int
    words: tuple[OcrWord, ...]
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class PageMatch:
    page_a: int
    page_b: int
    score: float


@dataclass(frozen=True)
class Finding:
    """Text one release hides under a box and the other shows; pages 0-based."""
    page_a: int
    bbox_a: Box
    page_b: int
    bbox_b: Box
    text_revealed: str
    direction: str            # REVEALED_IN_B: hidden in A, shown in B; REVEALED_IN_A: reverse
    method: str = "geometry"  # or "sequence" (too few anchors near the box)

    @property
    def hidden_page(self) -> tuple[int, Box]:
        return (self.page_a, self.bbox_a) if self.direction == REVEALED_IN_B \
            else (self.page_b, self.bbox_b)


@dataclass(frozen=True)
class Difference:
    """Text that differs for reasons other than redaction."""
    page_a: int
    page_b: int
    kind: str                 # "ocr" (a misreading) or "other" (a stamp, a note, a mark)
    text_a: str
    text_b: str


@dataclass(frozen=True)
class PageComparison:
    findings: tuple[Finding, ...]
    differences: tuple[Difference, ...]
    hidden_in_both: int
    anchors: int


@dataclass(frozen=True)
class _Token:
    key: str                  # normalised word, or a unique placeholder for a box
    word: int | None          # index into the page's words
    box: int | None           # index into the page's boxes
    x0: float
    y0: float


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """What alignment compares: NFKC, casefolded, letters and digits only."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


# -- pages -------------------------------------------------------------------------------
def hidden_words(page: PageInput) -> set[int]:
    """Indexes of the words a redaction box covers (OCR of the bar, or text under it)."""
    out = set()
    for i, w in enumerate(page.words):
        for b in page.boxes:
            if (b.y0 < w.bbox.y1 and b.y1 > w.bbox.y0 and b.x0 < w.bbox.x1
                    and b.x1 > w.bbox.x0 and is_under(w, b)):
                out.add(i)
                break
    return out


def visible_keys(page: PageInput) -> list[str]:
    hidden = hidden_words(page)
    return [k for i, w in enumerate(page.words) if i not in hidden and (k := norm(w.text))]


def bigrams(keys: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(zip(keys, keys[1:], strict=False))


def page_scores(sigs_a: list[frozenset], sigs_b: list[frozenset]) -> dict[tuple[int, int], float]:
    """Shared bigrams / bigrams of the smaller page, for every pair sharing any."""
    index: dict[tuple[str, str], list[int]] = {}
    for j, sig in enumerate(sigs_b):
        for gram in sig:
            index.setdefault(gram, []).append(j)
    scores: dict[tuple[int, int], float] = {}
    for i, sig in enumerate(sigs_a):
        shared: dict[int, int] = {}
        for gram in sig:
            for j in index.get(gram, ()):
                shared[j] = shared.get(j, 0) + 1
        for j, n in shared.items():
            scores[(i, j)] = n / max(MIN_BIGRAMS, min(len(sig), len(sigs_b[j])))
    return scores


def match_pages(sigs_a: list[frozenset], sigs_b: list[frozenset]) -> list[tuple[int, int, float]]:
    """(i, j, score) pairs: an order-keeping assignment, then confident leftovers."""
    scores = page_scores(sigs_a, sigs_b)
    n, m = len(sigs_a), len(sigs_b)
    dp = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev = dp[i], dp[i - 1]
        for j in range(1, m + 1):
            s = scores.get((i - 1, j - 1), 0.0)
            best = max(prev[j], row[j - 1])
            if s >= PAGE_MIN_SCORE:
                best = max(best, prev[j - 1] + s)
            row[j] = best
    pairs, i, j = [], n, m
    while i > 0 and j > 0:
        s = scores.get((i - 1, j - 1), 0.0)
        if s >= PAGE_MIN_SCORE and dp[i][j] == dp[i - 1][j - 1] + s:
            pairs.append((i - 1, j - 1, s))
            i, j = i - 1, j - 1
        elif dp[i][j] == dp[i - 1][j]:
            i -= 1
        else:
            j -= 1
    used_a, used_b = {p[0] for p in pairs}, {p[1] for p in pairs}
    for (a, b), s in sorted(scores.items(), key=lambda kv: -kv[1]):
        if s >= PAGE_REORDER_SCORE and a not in used_a and b not in used_b:
            pairs.append((a, b, s))
            used_a.add(a)
            used_b.add(b)
    return sorted(pairs)


# -- reading order with placeholders -------------------------------------------------------
def reading_tokens(page: PageInput, side: str) -> list[_Token]:
    """Visible words and one placeholder per box, row by row, left to right."""
    rows = _rows(page.words)
    hidden = hidden_words(page)
    tokens: list[tuple[int, _Token]] = []
    for r, members in enumerate(rows):
        for i in members:
            w = page.words[i]
            key = norm(w.text)
            if key and i not in hidden:
                tokens.append((2 * r + 1, _Token(key, i, None, w.bbox.x0, w.bbox.y0)))
    bands = [_band([page.words[i] for i in members]) for members in rows]
    for k, box in enumerate(page.boxes):
        tokens.append((_box_row(box, bands), _Token(f"\x00{side}{k}", None, k, box.x0, box.y0)))
    tokens.sort(key=lambda t: (t[0], t[1].x0))
    return [t for _, t in tokens]


def _rows(words: tuple[OcrWord, ...]) -> list[list[int]]:
    """OCR lines (block, par, line) merged into visual rows when they sit side by side
    (a black bar often splits one typed line into two OCR blocks)."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, w in enumerate(words):
        lines.setdefault((w.block, w.par, w.line), []).append(i)
    ordered = sorted(lines.values(), key=lambda ids: _band([words[i] for i in ids]))
    rows: list[list[int]] = []
    row_band = (0.0, 0.0)
    for ids in ordered:
        band = _band([words[i] for i in ids])
        overlap = min(band[1], row_band[1]) - max(band[0], row_band[0])
        if rows and overlap >= 0.5 * min(band[1] - band[0], row_band[1] - row_band[0]):
            rows[-1].extend(ids)
            row_band = (min(band[0], row_band[0]), max(band[1], row_band[1]))
        else:
            rows.append(list(ids))
            row_band = band
    return rows


def _band(words: list[OcrWord]) -> tuple[float, float]:
    """Vertical extent of a line at its median (a tall capital or comma does not skew it)."""
    return (median(w.bbox.y0 for w in words), median(w.bbox.y1 for w in words))


def _box_row(box: Box, bands: list[tuple[float, float]]) -> int:
    """Sort rank of a box: on the row its top line overlaps, else between rows."""
    pitch = median([b[1] - b[0] for b in bands] or [10.0])
    top = (box.y0, box.y0 + min(box.height, 1.5 * pitch))
    best, best_overlap = None, 0.3 * pitch
    for r, band in enumerate(bands):
        overlap = min(top[1], band[1]) - max(top[0], band[0])
        if overlap > best_overlap:
            best, best_overlap = r, overlap
    if best is not None:
        return 2 * best + 1
    return 2 * sum(1 for band in bands if (band[0] + band[1]) / 2 < box.y0)


# -- one page pair ---------------------------------------------------------------------------
def compare_pages(a: PageInput, b: PageInput) -> PageComparison:
    ta, tb = reading_tokens(a, "a"), reading_tokens(b, "b")
    ops = Indel.opcodes([t.key for t in ta], [t.key for t in tb])
    anchors: list[tuple[int, int]] = []
    gaps: list[tuple[list[_Token], list[_Token]]] = []
    for op in ops:
        if op.tag == "equal":
            anchors += [(wa, wb) for k in range(op.src_end - op.src_start)  # equal keys: words
                        if (wa := ta[op.src_start + k].word) is not None
                        and (wb := tb[op.dest_start + k].word) is not None]
            gaps.append(([], []))
        else:
            if not gaps:
                gaps.append(([], []))
            gaps[-1][0].extend(ta[op.src_start:op.src_end])
            gaps[-1][1].extend(tb[op.dest_start:op.dest_end])
    gaps = [g for g in gaps if g[0] or g[1]]
    matched_a, matched_b = {p[0] for p in anchors}, {p[1] for p in anchors}
    findings, both = [], 0
    sides = ((a, b, anchors, matched_b, REVEALED_IN_B, gaps, tb),
             (b, a, [(j, i) for i, j in anchors], matched_a, REVEALED_IN_A,
              [(g[1], g[0]) for g in gaps], ta))
    for src, dst, pairs, matched, direction, side_gaps, dst_tokens in sides:
        rank = {t.word: n for n, t in enumerate(dst_tokens) if t.word is not None}
        centres = _anchor_centres(src, dst, pairs)
        for k, box in enumerate(src.boxes):
            found, hidden_too = _reveal(src, dst, k, box, (centres, matched, side_gaps, rank),
                                        direction)
            both += hidden_too if direction == REVEALED_IN_B else 0
            if found is not None:
                findings.append(found)
    differences = [d for g in gaps if (d := _difference(a, b, g, findings)) is not None]
    return PageComparison(tuple(findings), tuple(differences), both, len(anchors))


def _reveal(src: PageInput, dst: PageInput, k: int, box: Box, alignment,
            direction: str) -> tuple[Finding | None, int]:
    """What `dst` shows where `src` has box k; second value 1 if dst hides it too."""
    centres, matched, gaps, rank = alignment
    mapped = _map_box(box, centres)
    method = "geometry"
    if mapped is not None:
        chosen = [j for j, w in enumerate(dst.words)
                  if j not in matched and _centre_in(w.bbox, mapped) and norm(w.text)
                  and _visible(w, dst.boxes)]
        hidden_too = any(_share(mapped, b) >= 0.3 for b in dst.boxes)
    else:
        method = "sequence"
        empty: tuple[list[_Token], list[_Token]] = ([], [])
        gap = next((g for g in gaps if any(t.box == k for t in g[0])), empty)
        chosen = [t.word for t in gap[1] if t.word is not None]
        hidden_too = any(t.box is not None for t in gap[1])
    chosen.sort(key=lambda j: rank.get(j, len(rank)))
    text = " ".join(dst.words[j].text for j in chosen)
    if len(norm(text)) < 2:
        return None, int(hidden_too)
    shown = Box.union([dst.words[j].bbox for j in chosen])
    if direction == REVEALED_IN_B:
        return Finding(src.page_index, box, dst.page_index, shown, text, direction, method), 0
    return Finding(dst.page_index, shown, src.page_index, box, text, direction, method), 0


def _visible(w: OcrWord, boxes: tuple[Box, ...]) -> bool:
    return not any(is_under(w, b) for b in boxes)


def _centre_in(w: Box, box: Box) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
    return box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1


def _share(a: Box, b: Box) -> float:
    smaller = min(a.area, b.area)
    return a.intersection(b) / smaller if smaller > 0 else 0.0




def _centre(b: Box) -> tuple[float, float]:
    return ((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2)


def _anchor_centres(src: PageInput, dst: PageInput, pairs) -> tuple | None:
    if len(pairs) < MIN_ANCHORS:
        return None
    return (np.array([_centre(src.words[i].bbox) for i, _ in pairs]),
            np.array([_centre(dst.words[j].bbox) for _, j in pairs]))


def _map_box(box: Box, centres: tuple | None) -> Box | None:
    """`box` in the other release's coordinates, by an affine fit on the nearest anchors;
    None if there are too few anchors or they disagree (a reflowed, retyped release)."""
    if centres is None:
        return None
    src_c, dst_c = centres
    cx, cy = _centre(box)
    near = np.argsort(np.hypot(src_c[:, 0] - cx, src_c[:, 1] - cy))[:NEAREST_ANCHORS]
    design = np.column_stack([src_c[near], np.ones(len(near))])
    coef, _, rank, _ = np.linalg.lstsq(design, dst_c[near], rcond=None)
    if rank < 3:
        shift = np.median(dst_c[near] - src_c[near], axis=0)
        coef = np.vstack([np.eye(2), shift])
    residual = np.hypot(*(design @ coef - dst_c[near]).T)
    if np.median(residual) > MAX_RESIDUAL_PT:
        return None
    corners = np.array([[x, y, 1.0] for x in (box.x0, box.x1) for y in (box.y0, box.y1)]) @ coef
    return Box(corners[:, 0].min() - PAD_X_PT, corners[:, 1].min() - PAD_Y_PT,
               corners[:, 0].max() + PAD_X_PT, corners[:, 1].max() + PAD_Y_PT)


def _difference(a: PageInput, b: PageInput, gap, findings: list[Finding]) -> Difference | None:
    """A gap's leftover words (not hidden, not revealed) as OCR noise or another mark."""
    if any(t.box is not None for t in (*gap[0], *gap[1])):
        return None
    revealed_a = {w for f in findings if f.direction == REVEALED_IN_A for w in (f.bbox_a,)}
    revealed_b = {w for f in findings if f.direction == REVEALED_IN_B for w in (f.bbox_b,)}
    words_a = [a.words[t.word] for t in gap[0]
               if not any(_centre_in(a.words[t.word].bbox, r) for r in revealed_a)]
    words_b = [b.words[t.word] for t in gap[1]
               if not any(_centre_in(b.words[t.word].bbox, r) for r in revealed_b)]
    text_a, text_b = " ".join(w.text for w in words_a), " ".join(w.text for w in words_b)
    if not (norm(text_a) or norm(text_b)):
        return None
    kind = "ocr" if fuzz.ratio(norm(text_a), norm(text_b)) >= OCR_NOISE_RATIO else "other"
    return Difference(a.page_index, b.page_index, kind, text_a, text_b)
