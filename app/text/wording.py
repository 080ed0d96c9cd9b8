"""Small wording helpers so messages and undo labels read as English ("1 page")."""
from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """count(1, "page") -> "1 page"; count(3, "page") -> "3 pages"."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
