"""Claim dates: the forms historians write, their precision, and refusing junk."""
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recto.app.claims.dates import Precision, parse_date
from recto.app.errors import InvalidInputError


def test_day_month_year():
    day = parse_date("1955-12-15")
    assert (day.text, day.start, day.end, day.precision) == (
        "1955-12-15", date(1955, 12, 15), date(1955, 12, 15), Precision.DAY)
    month = parse_date("1955-12")
    assert (month.start, month.end, month.precision) == (
        date(1955, 12, 1), date(1955, 12, 31), Precision.MONTH)
    year = parse_date("1955")
    assert (year.start, year.end, year.precision) == (
        date(1955, 1, 1), date(1955, 12, 31), Precision.YEAR)


def test_february_knows_leap_years():
    assert parse_date("1956-02").end == date(1956, 2, 29)
    assert parse_date("1955-02").end == date(1955, 2, 28)


def test_range_covers_first_day_of_start_to_last_day_of_end():
    span = parse_date("1955-12/1956-02")
    assert span.is_range
    assert (span.start_iso, span.end_iso) == ("1955-12-01", "1956-02-29")
    assert span.date_parts() == [[1955, 12], [1956, 2]]
    mixed = parse_date("1955/1956-03-04")
    assert (mixed.start_iso, mixed.end_iso, mixed.precision) == (
        "1955-01-01", "1956-03-04", Precision.YEAR)


def test_typed_text_is_normalised_but_keeps_its_precision():
    assert parse_date(" 1955-3 ").text == "1955-03"
    assert parse_date("1955-3-1").text == "1955-03-01"
    assert parse_date("1955-12 / 1956").text == "1955-12/1956"


def test_empty_means_no_date():
    assert parse_date(None) is None
    assert parse_date("   ") is None


@pytest.mark.parametrize("junk", [
    "15 December 1955", "1955-13", "1955-00", "12/1955", "1955//1956", "1955/", "/1955",
    "1955-12-15/1956/1957", "55", "late 1955", "1955-12-15T10:00", "0000",
])
def test_junk_is_refused_with_the_accepted_forms(junk):
    with pytest.raises(InvalidInputError) as err:
        parse_date(junk)
    assert "1955-12-15" in err.value.message and junk.strip() in err.value.message


def test_impossible_day_says_why():
    with pytest.raises(InvalidInputError, match="February 1955 has 28 days"):
        parse_date("1955-02-29")


def test_range_backwards_is_refused():
    with pytest.raises(InvalidInputError, match="ends before it starts"):
        parse_date("1956-02/1955-12")


@given(st.dates(min_value=date(1, 1, 1)))
def test_any_day_round_trips(day):
    parsed = parse_date(day.isoformat())
    assert parsed.start == parsed.end == day
    assert parsed.text == day.isoformat()


@given(st.dates(min_value=date(1000, 1, 1)), st.dates(min_value=date(1000, 1, 1)))
def test_iso_start_strings_sort_like_the_dates(a, b):
    """What lets the store sort claims by date with plain text comparison."""
    ka, kb = parse_date(a.isoformat()[:7]).start_iso, parse_date(b.isoformat()[:7]).start_iso
    assert (ka < kb) == (a.replace(day=1) < b.replace(day=1))


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 1, 1)),
       st.integers(min_value=0, max_value=3000))
def test_ranges_contain_their_ends(first, days):
    last = first + timedelta(days=days)
    span = parse_date(f"{first.isoformat()}/{last.isoformat()}")
    assert span.start == first and span.end == last


# -- EDTF: the examples of the EDTF specification (levels 0 and 1, without times) ----------
@pytest.mark.parametrize("text, start, end", [
    ("1985-04-12", "1985-04-12", "1985-04-12"),
    ("1985-04", "1985-04-01", "1985-04-30"),
    ("1985", "1985-01-01", "1985-12-31"),
    ("1964/2008", "1964-01-01", "2008-12-31"),
    ("2004-06/2006-08", "2004-06-01", "2006-08-31"),
    ("2004-02-01/2005-02-08", "2004-02-01", "2005-02-08"),
    ("2004-02-01/2005-02", "2004-02-01", "2005-02-28"),
    ("2004-02-01/2005", "2004-02-01", "2005-12-31"),
    ("2005/2006-02", "2005-01-01", "2006-02-28"),
    ("1984?", "1984-01-01", "1984-12-31"),
    ("2004-06~", "2004-06-01", "2004-06-30"),
    ("2004-06-11%", "2004-06-11", "2004-06-11"),
    ("201X", "2010-01-01", "2019-12-31"),
    ("20XX", "2000-01-01", "2099-12-31"),
    ("2004-XX", "2004-01-01", "2004-12-31"),
    ("1985-04-XX", "1985-04-01", "1985-04-30"),
    ("1985-XX-XX", "1985-01-01", "1985-12-31"),
    ("1985-04-12/..", "1985-04-12", ""),
    ("../1985-04-12", "", "1985-04-12"),
    ("1985-04/..", "1985-04-01", ""),
    ("1984?/2004-06~", "1984-01-01", "2004-06-30"),
    ("1984~/2004~", "1984-01-01", "2004-12-31"),
])
def test_edtf_specification_examples(text, start, end):
    parsed = parse_date(text)
    assert (parsed.text, parsed.start_iso, parsed.end_iso) == (text, start, end)
    assert parse_date(parsed.text) == parsed  # the stored text reads back the same


@pytest.mark.parametrize("junk", [
    "..", "../..", "195X-12", "1985-XX-12", "1985-04-12T23:20:30", "Y170000002", "2001-21",
    "-1985", "1985??",
])
def test_edtf_beyond_what_recto_accepts_is_refused(junk):
    with pytest.raises(InvalidInputError, match="EDTF"):
        parse_date(junk)


def test_qualified_and_open_dates_for_citations():
    assert parse_date("1955?").csl_date() == {"date-parts": [[1955]], "circa": True}
    assert parse_date("195X").csl_date() == {"date-parts": [[1950], [1959]]}
    assert parse_date("1959-12/1984-07").csl_date() == {"date-parts": [[1959, 12], [1984, 7]]}
    assert parse_date("1955/..").date_parts() == [[1955]]
    open_end = parse_date("1955-03/..")
    assert open_end.open_end and open_end.end == date(1955, 3, 31)  # the timeline can place it
    assert parse_date("195x").text == "195X"
