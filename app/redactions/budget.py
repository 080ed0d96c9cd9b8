"""A time budget for analysing one page.

Detection's Python loops (outline candidates, U-shaped edges, words under shapes)
grow with what a page draws: a hostile page with tens of thousands of rules or words
under shapes could keep one page busy for minutes. Each loop checks the budget; past
it the page is skipped with one sentence and the run goes on with the next page.
"""
from __future__ import annotations

import time

from recto.app.errors import RectoError

PAGE_SECONDS = 30.0   # a real scan takes 1-4 s on a loaded 2-core laptop


class PageTooComplexError(RectoError):
    """The page was skipped; the run goes on."""


class PageBudget:
    def __init__(self, page_index: int, seconds: float | None = None):
        self.page_index = page_index
        self.seconds = PAGE_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise PageTooComplexError(
                f"Page {self.page_index + 1} has too many lines and shapes to analyse in "
                f"{self.seconds:g} s; it was skipped.")


def check(budget: PageBudget | None) -> None:
    if budget is not None:
        budget.check()
