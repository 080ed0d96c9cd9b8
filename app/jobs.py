"""The handle long work reports through: progress and cancellation, no Qt inside.

A job is a plain function taking a `TaskState`; the GUI wraps it in a Qt worker
and the CLI prints its progress to stderr. Cancelling raises CancelledError at the
next `check()`, which callers treat as a normal end, never as an error.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from recto.app.errors import CancelledError

ProgressCallback = Callable[[int, int, str], None]


class TaskState:
    def __init__(self, on_progress: ProgressCallback | None = None):
        self._cancel = threading.Event()
        self._on_progress = on_progress
        self.started = time.monotonic()
        self.done = 0
        self.total = 0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise CancelledError()

    def report(self, done: int, total: int, message: str = "") -> None:
        self.done, self.total = done, total
        if self._on_progress is not None:
            self._on_progress(done, total, message)

    def eta_seconds(self) -> float | None:
        """Estimated seconds left, from the average pace so far."""
        if self.done <= 0 or self.total <= self.done:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.done * (self.total - self.done)


def null_state() -> TaskState:
    return TaskState()
