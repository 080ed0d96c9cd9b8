"""The labelling OCR and redaction detection share gives OpenCV's default answer, faster."""
from __future__ import annotations

import cv2
import numpy as np
import pymupdf
import pytest

from recto.app.components import connected_components
from recto.app.ocr.preprocess import binarise, normalise_contrast
from tests.ocr_fixtures import ROOT, SCANS, render_gray


@pytest.mark.parametrize("name", ["cib_02977806_p3", "court_cacd_630649_326_p10"])
@pytest.mark.parametrize("connectivity", [4, 8])
def test_same_labels_stats_and_centroids_as_opencv_default(name, connectivity):
    # a map page (thousands of pieces) and a court page with black bars
    path = SCANS / f"{name}.pdf"
    if not path.exists():
        path = ROOT / "bench" / "data" / "heldout" / f"{name}.pdf"
    with pymupdf.open(path) as pdf:
        gray = render_gray(pdf[0])
    ink = (binarise(normalise_contrast(gray)) < 128).astype(np.uint8)
    count, labels, stats, centroids = connected_components(ink, connectivity)
    want = cv2.connectedComponentsWithStats(ink, connectivity=connectivity)
    assert count == want[0] > 100
    assert np.array_equal(labels, want[1])
    assert np.array_equal(stats, want[2])
    assert np.allclose(centroids, want[3])


def test_more_components_than_16_bits_can_number_are_labelled_all():
    dots = np.zeros((1200, 1200), np.uint8)
    dots[::4, ::4] = 1          # 90,000 single-pixel components
    count, labels, stats, _ = connected_components(dots)
    assert count == 90_001 and labels.dtype == np.int32
    assert labels[1196, 1196] == 90_000 and stats[90_000, cv2.CC_STAT_AREA] == 1
