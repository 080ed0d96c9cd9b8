"""Connected components of a mask, the one call OCR and redaction detection share.

OpenCV's default algorithm for 8-connectivity with statistics (Spaghetti) took 48-50 ms
on a letter page at 300 dpi with OpenCV 5.1; Grana's block-based one (BBDT; SAUF for
4-connectivity) took 16 ms and gave the same labels, statistics and centroids on 25 real
pages (bench/ocr_speed.py's profile counted 20 labellings a page).
"""
from __future__ import annotations

import cv2
import numpy as np


def connected_components(mask: np.ndarray, connectivity: int = 8
               ) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """(count, labels, stats, centroids) of the non-zero pixels of `mask`, as
    `cv2.connectedComponentsWithStats` returns them."""
    return cv2.connectedComponentsWithStatsWithAlgorithm(mask, connectivity, cv2.CV_32S,
                                                         cv2.CCL_GRANA)
