"""Dates a claim refers to, with their precision: `1955-12-15`, `1955-12`, `1955`, ranges.

Historians rarely know the day: "late 1955" is `1955-10/1955-12`. A date is kept
as the text the person typed (so `1955-12` is never shown as `1955-12-01`) plus
the first and last day it covers, which sort and filter as plain ISO strings.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from app.errors import InvalidInputError

_PART = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
EXAMPLES = "1955-12-15, 1955-12, 1955 or a range such as 1955-12/1956-02"


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class DateRef:
    """A date or period as typed, with the first and last day it covers."""
    text: str
    start: date
    end: date
    precision: Precision  # of the start (a range may mix, e.g. 1955/1956-02)

    @property
    def is_range(self) -> bool:
        return "/" in self.text

    @property
    def start_iso(self) -> str:
        return self.start.isoformat()

    @property
    def end_iso(self) -> str:
        return self.end.isoformat()

    def date_parts(self) -> list[list[int]]:
        """CSL-JSON `date-parts`: one entry, or two for a range, at the typed precision."""
        return [_parts(p) for p in self.text.split("/")]


def parse_date(text: str | None) -> DateRef | None:
    """Parse a claim date; empty means "no date". Junk raises InvalidInputError."""
    if text is None or not text.strip():
        return None
    cleaned = text.strip().replace(" ", "")
    pieces = cleaned.split("/")
    if len(pieces) > 2 or not all(pieces):
        raise _junk(text)
    first = _part(pieces[0], text)
    last = _part(pieces[-1], text)
    if last[1] < first[0]:
        raise InvalidInputError(
            f"The date range \"{text.strip()}\" ends before it starts; "
            "write the earlier date first.")
    normal = "/".join(_normal(p) for p in pieces)
    return DateRef(normal, first[0], last[1], first[2])


def _part(piece: str, original: str) -> tuple[date, date, Precision]:
    match = _PART.match(piece)
    if not match:
        raise _junk(original)
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < 1 or (month is not None and not 1 <= month <= 12):
        raise _junk(original)
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
    last_day = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, 1), date(year, month, last_day), Precision.MONTH
    if not 1 <= day <= last_day:
        raise InvalidInputError(f"\"{original.strip()}\" is not a real day: "
                                f"{calendar.month_name[month]} {year} has {last_day} days.")
    day_date = date(year, month, day)
    return day_date, day_date, Precision.DAY


def _normal(piece: str) -> str:
    """`1955-3-1` -> `1955-03-01`, keeping the precision that was typed."""
    return "-".join(f"{int(v):02d}" if i else v for i, v in enumerate(piece.split("-")))


def _parts(piece: str) -> list[int]:
    return [int(v) for v in piece.split("-")]


def _junk(text: str) -> InvalidInputError:
    return InvalidInputError(f"\"{text.strip()}\" is not a date Recto understands; use {EXAMPLES}.")
