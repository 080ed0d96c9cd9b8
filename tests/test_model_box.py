"""`Box.union`: the one place a line's, a quote's or a mended word's box is made from its
parts' boxes (seven modules each wrote their own before)."""
from __future__ import annotations

import pytest

from recto.annotations.model import Box


def test_the_union_holds_every_box_whatever_their_order():
    parts = [Box(10, 20, 30, 28), Box(35, 18, 60, 27), Box(62, 21, 80, 31)]
    assert Box.union(parts) == Box(10, 18, 80, 31)
    assert Box.union(reversed(parts)) == Box(10, 18, 80, 31)      # any iterable, any order
    assert Box.union([parts[1]]) == parts[1]


def test_the_union_of_no_box_is_an_error_not_a_box():
    with pytest.raises(ValueError):
        Box.union([])
