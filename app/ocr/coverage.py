"""Does a reading cover the page's ink? If not, which page layout reads more of it.

Tesseract's automatic layout (psm 3) can drop whole lines: on a clean six-line
Korean scan it keeps one or two (char-F1 0.34) where psm 6 or 4 reads all six
(0.97-0.98, measured). So after the first reading the page's ink, as OpenCV
connected components, is compared with the word boxes; when much ink is left
unread the page is read again as one uniform block (psm 6), as a column of lines
(psm 4) and, last, as sparse text (psm 11), and the reading whose sure words cover
the most ink, with the highest confidence, wins. The winner is recorded per page ("psm 3",
"psm 6", ...), so a reader can see how the text came about.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from recto.app.components import connected_components

# Below this share of ink inside word boxes a reading has missed text (clean pages
# read by psm 3 cover 0.9-0.99 of their ink; the Korean page that loses four lines, 0.3).
MIN_COVERAGE = 0.8
FALLBACK_PSMS = (6, 4, 11)
SPARSE_PSM = 11
MIN_INK_AREA = 6            # px at 300 dpi; smaller is dust
MAX_INK_SHARE = 0.02        # one component larger than this share of the page is a bar or a frame


# A layout is scored by the ink its sure words cover: a layout that reads a map's globes
# as lines of junk at 20-60 covers more ink, not more text (psm 6 on cib_02977806_p3: all
# words 0.71 of the ink, words read from 70 up 0.44; psm 3: 0.43 and 0.42, measured).
SURE_CONF = 70.0


@dataclass(frozen=True)
class Reading:
    """One Tesseract reading of the page with its layout and how well it covers the ink."""
    data: dict
    psm: int
    coverage: float
    confidence: float
    sure_coverage: float            # share of the ink inside words read from SURE_CONF up

    @property
    def score(self) -> float:
        return self.sure_coverage * self.confidence / 100

    @property
    def layout(self) -> str:
        return f"psm {self.psm}"


def ink_mask(binary: np.ndarray) -> np.ndarray:
    """Dark pixels of letter-sized components: dust, black bars and page frames are left out."""
    ink = (binary < 128).astype(np.uint8)
    count, labels, stats, _ = connected_components(ink, connectivity=8)
    return letter_sized(stats[:, cv2.CC_STAT_AREA], binary.size)[labels]


def letter_sized(areas: np.ndarray, image_size: int) -> np.ndarray:
    """Which connected components (by area, label 0 the background) count as ink; shared
    with despeckling, which finds the same components and so hands the mask over for free."""
    keep = (areas >= MIN_INK_AREA) & (areas <= MAX_INK_SHARE * image_size)
    keep[0] = False  # background
    return keep


def _words(data: dict):
    for i, text in enumerate(data["text"]):
        if (text or "").strip() and float(data["conf"][i]) >= 0:
            yield i


def coverage(data: dict, ink: np.ndarray, min_conf: float = 0.0) -> float:
    """Share of the ink's pixels that lie inside a word box of `data` (same pixels), of
    the words read with at least `min_conf`."""
    return coverages(data, ink, min_conf)[1]


def coverages(data: dict, ink: np.ndarray, sure: float) -> tuple[float, float]:
    """(coverage of all words, coverage of the words read with at least `sure`), the
    boxes drawn once."""
    dark = np.flatnonzero(ink)   # a few % of the page: looked up, not masked
    total = dark.size
    if not total:
        return 1.0, 1.0
    boxes = np.zeros(ink.shape, dtype=np.uint8)     # 1: a word's box, 2: a sure word's
    for i in _words(data):
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        cut = boxes[max(0, y):y + h, max(0, x):x + w]
        np.maximum(cut, 2 if float(data["conf"][i]) >= sure else 1, out=cut)
    inked = boxes.ravel()[dark]
    return float(np.count_nonzero(inked)) / total, float(np.count_nonzero(inked == 2)) / total


def confidence(data: dict) -> float:
    """Mean word confidence, each word weighted by its length (0 when nothing was read)."""
    pairs = [(float(data["conf"][i]), len(data["text"][i].strip())) for i in _words(data)]
    weight = sum(n for _, n in pairs)
    return sum(c * n for c, n in pairs) / weight if weight else 0.0


def reading(data: dict, psm: int, ink: np.ndarray) -> Reading:
    every, sure = coverages(data, ink, SURE_CONF)
    return Reading(data, psm, every, confidence(data), sure)


def best_reading(first: Reading, read_with, ink: np.ndarray, read_many=None) -> Reading:
    """`first` when it covers the ink; else the best-scoring of it and the fallback
    layouts: psm 6 and 4 are both read (either may win: 4 keeps columns apart), psm 11
    only when neither covers the ink. `read_with(psm)` runs Tesseract on the same image;
    `read_many(psms)`, when given, runs several such passes at once (in the order given)."""
    if first.coverage >= MIN_COVERAGE:
        return first
    both = [psm for psm in FALLBACK_PSMS if psm not in (first.psm, SPARSE_PSM)]
    readings = (read_many or (lambda psms: [read_with(p) for p in psms]))(both)
    best = first
    for psm, data in zip(both, readings, strict=True):
        other = reading(data, psm, ink)
        if other.score > best.score:
            best = other
    if first.psm != SPARSE_PSM and best.coverage < MIN_COVERAGE:
        other = reading(read_with(SPARSE_PSM), SPARSE_PSM, ink)
        if other.score > best.score:
            best = other
    return best
