"""Connected components of a mask, the one call OCR and redaction detection share.

At 300 dpi a letter page's labels are 8.4 million pixels. With 32-bit labels (a 34 MB
image a call) OpenCV 5.1's default 8-connected labelling with statistics took 49 ms a
page, with 16-bit labels 16 ms, the same labels (the 15 pages of tests/data/scans, mean;
bench/ocr_speed.py's profile counted one to three page-size labellings a page). 16 bits
hold 65,535 components; a page with more (a field of noise) is labelled with 32-bit
labels and Grana's algorithm, the faster one at that width (23 ms).
"""
from __future__ import annotations

import cv2
import numpy as np


def connected_components(mask: np.ndarray, connectivity: int = 8
                         ) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """(count, labels, stats, centroids) of the non-zero pixels of `mask`, as
    `cv2.connectedComponentsWithStats` returns them; labels are uint16 when they fit."""
    try:
        return cv2.connectedComponentsWithStatsWithAlgorithm(mask, connectivity, cv2.CV_16U,
                                                             cv2.CCL_DEFAULT)
    except cv2.error:   # more components than 16 bits can number
        return cv2.connectedComponentsWithStatsWithAlgorithm(mask, connectivity, cv2.CV_32S,
                                                             cv2.CCL_GRANA)
