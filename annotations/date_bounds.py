"""An EDTF date for a claim from its first and last possible day, for sets written
before claims carried their `date` (annotation set schema 1).

Such sets hold only `date_start`/`date_end` as full ISO days; the shortest EDTF text
covering exactly those days is recovered: `1955-01-01`..`1955-12-31` is `1955`,
`1958-06-01`..`1958-12-31` is `1958-06/1958-12`. Plain Python, so import can use it.
"""
from __future__ import annotations

import calendar
from datetime import date


def edtf_from_bounds(start: str | None, end: str | None) -> str:
    """"" when neither bound is known; an open interval when only one is."""
    first, last = _day(start), _day(end, last=True)
    if first is None and last is None:
        return ""
    if last is None:
        assert first is not None
        return f"{_as_start(first)}/.."
    if first is None:
        return f"../{_as_end(last)}"
    if first == last:
        return first.isoformat()
    if first.year == last.year and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year)
    if (first.year, first.month) == (last.year, last.month) and first.day == 1 \
            and last.day == _month_end(last):
        return f"{first.year:04d}-{first.month:02d}"
    left, right = _as_start(first), _as_end(last)
    if len(left) == 7 and len(right) == 4:  # 1958-06/1958 reads better as 1958-06/1958-12
        right = f"{last.year:04d}-12"
    elif len(left) == 4 and len(right) == 7:
        left = f"{first.year:04d}-01"
    return f"{left}/{right}"


def _as_start(day: date) -> str:
    if (day.month, day.day) == (1, 1):
        return f"{day.year:04d}"
    if day.day == 1:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _as_end(day: date) -> str:
    if (day.month, day.day) == (12, 31):
        return f"{day.year:04d}"
    if day.day == _month_end(day):
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _month_end(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _day(text: str | None, last: bool = False) -> date | None:
    """A full ISO day, or a partial one (`1955`, `1955-12`) read as its first (or last) day."""
    if not text or not text.strip():
        return None
    pieces = [int(p) for p in text.strip()[:10].split("-")]
    if len(pieces) == 1:
        pieces += [12, 31] if last else [1, 1]
    if len(pieces) == 2:
        pieces.append(calendar.monthrange(*pieces)[1] if last else 1)
    return date(*pieces)
