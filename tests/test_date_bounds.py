"""Recovering a claim's EDTF date from the first and last day a schema-1 set carries."""
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recto.annotations.date_bounds import edtf_from_bounds
from recto.app.claims.dates import parse_date


@pytest.mark.parametrize("start, end, edtf", [
    ("1959-12-15", "1959-12-15", "1959-12-15"),
    ("1958-06-01", "1958-12-31", "1958-06/1958-12"),
    ("1955-01-01", "1955-12-31", "1955"),
    ("1956-02-01", "1956-02-29", "1956-02"),
    ("1955-01-01", "1956-12-31", "1955/1956"),
    ("1959-12-15", "1984-07-31", "1959-12-15/1984-07"),
    ("1955-01-01", "", "1955/.."),
    ("", "1955-12-31", "../1955"),
    ("", "", ""),
    (None, None, ""),
    ("1955", "1955-12", "1955"),  # partial bounds, as some old sets have them
])
def test_bounds_give_the_shortest_edtf(start, end, edtf):
    assert edtf_from_bounds(start, end) == edtf


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9990, 1, 1)),
       st.integers(min_value=0, max_value=5000))
def test_the_derived_date_covers_exactly_the_same_days(first, days):
    last = first + timedelta(days=days)
    parsed = parse_date(edtf_from_bounds(first.isoformat(), last.isoformat()))
    assert (parsed.start, parsed.end) == (first, last)
