"""Dates as EDTF (Extended Date/Time Format, ISO 8601-2), the form archives and Zotero read.

Historians rarely know the day: "late 1955" is `1955-10/1955-12`. A date is kept
as the EDTF text the person typed (so `1955-12` is never shown as `1955-12-01`)
plus the first and last day it can be, which sort and filter as plain ISO strings.

Accepted: EDTF level 0 without times (`1955-12-15`, `1955-12`, `1955`, `1959-12/1984-07`)
and the level 1 forms historians need: uncertain `1955?`, approximate `1955~`, both
`1955%`, unspecified digits `195X`, `19XX`, `1955-XX`, `1955-12-XX`, and open intervals
`1955/..`, `../1955`. An open end has no last (or first) possible day: its bound is "".
The parser is our own (the `edtf` package crashes on open intervals); tests/test_dates.py
checks it against the examples of the EDTF specification. It is plain Python so that
the export (annotations/) can read dates too; the app imports it as app.claims.dates.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from recto.annotations.errors import InvalidInputError

_PART = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{1,2}|XX)(?:-(\d{1,2}|XX))?)?([?~%])?$")
OPEN = ".."
EXAMPLES = ("1955-12-15, 1955-12, 1955 or a range such as 1955-12/1956-02 (EDTF; also "
            "uncertain 1955?, approximate 1955~, a decade 195X, open-ended 1955/..)")


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


@dataclass(frozen=True)
class DateRef:
    """An EDTF date or interval with the first and last day it covers.

    For an open interval the open side's day is that of the known side (so a timeline
    can still place it) and its ISO bound (`start_iso`/`end_iso`) is empty."""
    text: str
    start: date
    end: date
    precision: Precision  # of the start (a range may mix, e.g. 1955/1956-02)
    open_start: bool = False
    open_end: bool = False
    qualified: bool = False  # uncertain (?), approximate (~) or both (%) somewhere

    @property
    def is_range(self) -> bool:
        return "/" in self.text

    @property
    def start_iso(self) -> str:
        return "" if self.open_start else self.start.isoformat()

    @property
    def end_iso(self) -> str:
        return "" if self.open_end else self.end.isoformat()

    def date_parts(self) -> list[list[int]]:
        """CSL-JSON `date-parts`: one entry, or two for a range; unspecified digits give
        the span they cover (`195X` -> 1950, 1959) and an open side is left out."""
        known = [_csl_parts(p.rstrip("?~%")) for p in self.text.split("/") if p != OPEN]
        return known[0] if len(known) == 1 else [known[0][0], known[-1][-1]]

    def csl_date(self) -> dict:
        """A CSL-JSON date object (`issued`): date-parts, `circa` when qualified."""
        value: dict = {"date-parts": self.date_parts()}
        if self.qualified:
            value["circa"] = True
        return value


def parse_date(text: str | None) -> DateRef | None:
    """Parse an EDTF date; empty means "no date". Junk raises InvalidInputError."""
    if text is None or not text.strip():
        return None
    cleaned = text.strip().replace(" ", "").replace("x", "X")
    pieces = cleaned.split("/")
    if len(pieces) > 2 or not all(pieces) or pieces == [OPEN, OPEN] or pieces[0] == cleaned == OPEN:
        raise _junk(text)
    open_start, open_end = pieces[0] == OPEN, len(pieces) == 2 and pieces[1] == OPEN
    known = [p for p in pieces if p != OPEN]
    first = _part(known[0], text)
    last = _part(known[-1], text)
    if last[1] < first[0]:
        raise InvalidInputError(
            f"The date range \"{text.strip()}\" ends before it starts; "
            "write the earlier date first.")
    normal = "/".join(p if p == OPEN else _normal(p) for p in pieces)
    precision = first[2] if not open_start else last[2]
    return DateRef(normal, first[0], last[1], precision, open_start, open_end,
                   any(p[-1] in "?~%" for p in known))


def _part(piece: str, original: str) -> tuple[date, date, Precision]:
    match = _PART.match(piece)
    if not match:
        raise _junk(original)
    year_text, month_text, day_text, _qualifier = match.groups()
    if "X" in year_text:
        if month_text is not None:
            raise _junk(original)
        digits = year_text.rstrip("X")
        width = 10 ** (4 - len(digits))
        low = int(digits) * width
        if low + width - 1 < 1:
            raise _junk(original)
        return (date(max(low, 1), 1, 1), date(low + width - 1, 12, 31),
                Precision.DECADE if width == 10 else Precision.CENTURY)
    year = int(year_text)
    if year < 1:
        raise _junk(original)
    if month_text is None or (month_text == "XX" and day_text in (None, "XX")):
        return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
    if month_text == "XX" or not 1 <= int(month_text) <= 12:
        raise _junk(original)
    month = int(month_text)
    last_day = calendar.monthrange(year, month)[1]
    if day_text is None or day_text == "XX":
        return date(year, month, 1), date(year, month, last_day), Precision.MONTH
    day = int(day_text)
    if not 1 <= day <= last_day:
        raise InvalidInputError(f"\"{original.strip()}\" is not a real day: "
                                f"{calendar.month_name[month]} {year} has {last_day} days.")
    day_date = date(year, month, day)
    return day_date, day_date, Precision.DAY


def _normal(piece: str) -> str:
    """`1955-3-1` -> `1955-03-01`, keeping the precision and qualifier that were typed."""
    qualifier = piece[-1] if piece[-1] in "?~%" else ""
    body = piece.rstrip("?~%")
    values = body.split("-")
    return "-".join(v if i == 0 or v == "XX" else f"{int(v):02d}"
                    for i, v in enumerate(values)) + qualifier


def _csl_parts(piece: str) -> list[list[int]]:
    values = piece.split("-")
    if "X" in values[0]:
        return [[int(values[0].replace("X", "0"))], [int(values[0].replace("X", "9"))]]
    return [[int(v) for v in values if v != "XX"]]


def _junk(text: str) -> InvalidInputError:
    return InvalidInputError(f"\"{text.strip()}\" is not a date Recto understands; use {EXAMPLES}.")
