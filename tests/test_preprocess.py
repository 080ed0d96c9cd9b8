"""Preprocessing on real renders: skew found, transforms exact, absurd images refused."""
from __future__ import annotations

import time

import numpy as np
import pymupdf
import pytest

from recto.app.errors import ImageTooLargeError, InvalidInputError
from recto.app.ocr.preprocess import (
    Transform,
    binarise,
    check_image_size,
    deskew,
    despeckle,
    estimate_skew,
    preprocess,
    preprocess_full,
    rotate_quarter,
    to_gray,
)
from tests.ocr_fixtures import PDB_PLAIN, render_gray, skew


@pytest.fixture(scope="module")
def pdb_gray() -> np.ndarray:
    with pymupdf.open(PDB_PLAIN) as doc:
        return render_gray(doc[0], 300)


@pytest.mark.parametrize("degrees", [-4.0, 3.0, 5.0])
def test_skew_is_measured_within_half_a_degree(pdb_gray, degrees):
    skewed, _ = skew(pdb_gray, degrees)
    assert estimate_skew(skewed) == pytest.approx(degrees, abs=0.5)


def test_straight_page_is_left_alone(pdb_gray):
    result = preprocess_full(pdb_gray)
    assert result.deskew_angle == 0.0
    assert result.transform == Transform.identity()
    assert result.image.shape == pdb_gray.shape


def test_deskew_transform_maps_ink_back_to_the_original(pdb_gray):
    """A word's ink in the straightened image maps onto the same ink before straightening."""
    skewed, _ = skew(pdb_gray, 4.0)
    straight, transform = deskew(skewed, estimate_skew(skewed))
    ys, xs = np.nonzero(straight[1000:1100, 600:1600] < 100)
    ys, xs = ys + 1000, xs + 600
    hits = 0
    for x, y in zip(xs[::97], ys[::97], strict=True):
        ox, oy = transform.point(x + 0.5, y + 0.5)
        window = skewed[int(oy) - 2:int(oy) + 3, int(ox) - 2:int(ox) + 3]
        hits += bool((window < 128).any())
    assert hits >= 0.9 * len(xs[::97])


def test_skew_beyond_ten_degrees_is_not_corrected(pdb_gray):
    skewed, _ = skew(pdb_gray[:1600], 20.0)
    _, transform = deskew(skewed, estimate_skew(skewed))
    assert transform == Transform.identity()


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_quarter_turn_transform_points_at_the_same_pixel(pdb_gray, degrees):
    turned, transform = rotate_quarter(pdb_gray, degrees)
    ys, xs = np.nonzero(turned < 128)
    for i in range(0, len(xs), len(xs) // 50):
        ox, oy = transform.point(xs[i] + 0.5, ys[i] + 0.5)
        assert pdb_gray[int(oy), int(ox)] == turned[ys[i], xs[i]]


def test_transform_composition_order():
    shift = Transform(1, 0, 10, 0, 1, 20)
    double = Transform(2, 0, 0, 0, 2, 0)
    assert shift.then(double).point(1, 1) == (22, 42)   # shift first, then scale
    assert double.then(shift).point(1, 1) == (12, 22)


def test_preprocess_outputs_clean_black_on_white(pdb_gray):
    image, transform = preprocess(pdb_gray)
    assert set(np.unique(image)) <= {0, 255}
    assert transform == Transform.identity()


def test_despeckle_removes_dust_but_keeps_full_stops():
    page = np.full((200, 200), 255, np.uint8)
    page[50, 50] = 0                       # one-pixel dust
    page[100:105, 100:105] = 0             # a 25 px full stop at 300 dpi
    clean = despeckle(binarise(page), 5)
    assert clean[50, 50] == 255
    assert (clean[100:105, 100:105] == 0).all()


def test_rgb_and_16_bit_become_8_bit_gray():
    rgb = np.zeros((10, 20, 3), np.uint8)
    assert to_gray(rgb).shape == (10, 20)
    deep = np.linspace(0, 65535, 200, dtype=np.uint16).reshape(10, 20)
    out = to_gray(deep)
    assert out.dtype == np.uint8 and out.max() == 255


def test_huge_image_is_refused_at_once_without_allocating():
    huge = np.broadcast_to(np.uint8(255), (20000, 20000))   # a view, no 400 MB
    start = time.monotonic()
    with pytest.raises(ImageTooLargeError, match="lower DPI"):
        check_image_size(huge)
    with pytest.raises(ImageTooLargeError):
        preprocess(huge)
    assert time.monotonic() - start < 1


def test_empty_image_is_refused():
    with pytest.raises(InvalidInputError, match="empty"):
        check_image_size(np.zeros((0, 100), np.uint8))


def test_text_height_is_the_letters_and_ordinary_text_is_not_resized(pdb_gray):
    from recto.app.ocr.preprocess import text_height
    assert 15 <= text_height(preprocess(pdb_gray)[0]) <= 30   # pica at 300 dpi
    result = preprocess_full(pdb_gray, text_px=32)
    assert result.scale == 1.0 and result.image.shape == pdb_gray.shape


def test_large_text_is_shrunk_and_boxes_map_back_to_the_same_ink():
    """The same page drawn at 600 dpi: letters of about 38 px, shrunk to about 32 px."""
    from recto.app.ocr.preprocess import text_height
    with pymupdf.open(PDB_PLAIN) as doc:
        big = render_gray(doc[0], 600)[:2400]
    result = preprocess_full(big, dpi=600, text_px=32)
    assert 0.6 <= result.scale < 0.95
    assert 28 <= text_height(result.image) <= 35
    ys, xs = np.nonzero(result.image[200:800] < 100)
    ys = ys + 200
    hits = 0
    for x, y in zip(xs[::53], ys[::53], strict=True):
        ox, oy = result.transform.point(x + 0.5, y + 0.5)
        window = big[int(oy) - 2:int(oy) + 3, int(ox) - 2:int(ox) + 3]
        hits += bool((window < 128).any())
    assert hits >= 0.9 * len(xs[::53])


@pytest.mark.parametrize("dpi", [300, 600])
def test_despeckling_hands_over_the_same_ink_mask_as_labelling_again(pdb_gray, dpi):
    """The ink mask taken from despeckling's labelling is the one `ink_mask` would find
    on the despeckled page (at 600 dpi specks up to 20 px go, letter bits from 6 px stay)."""
    from recto.app.ocr.coverage import ink_mask
    from recto.app.ocr.preprocess import despeckle_with_ink, speck_area
    binary = binarise(pdb_gray)
    clean, ink = despeckle_with_ink(binary, speck_area(dpi))
    assert np.array_equal(clean, despeckle(binary, speck_area(dpi)))
    assert np.array_equal(ink, ink_mask(clean))
    assert 0 < ink.sum() <= (clean == 0).sum()
