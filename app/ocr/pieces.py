"""A page's ink as connected pieces, labelled once for the passes that look at line art."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recto.app.components import connected_components

DARK = 128   # a binarised page's ink: darker than this (the OCR passes' one threshold)


@dataclass(frozen=True, eq=False)
class Pieces:
    """The dark pixels of a page image (black text on white) and their 8-connected
    pieces: OpenCV's labels and stats (x, y, width, height, area; row 0 the background)."""
    ink: np.ndarray
    count: int
    labels: np.ndarray
    stats: np.ndarray


def ink_pieces(image: np.ndarray) -> Pieces:
    ink = (image < DARK).astype(np.uint8)
    count, labels, stats, _ = connected_components(ink, connectivity=8)
    return Pieces(ink, count, labels, stats)
