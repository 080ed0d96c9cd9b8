"""A timer on the UI thread that shows how long the event loop was blocked."""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class Heartbeat:
    """Ticks every 20 ms on the UI thread; the largest gap is how long the loop was blocked."""

    def __init__(self):
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(lambda: self.ticks.append(time.monotonic()))

    def start(self):
        self.ticks = [time.monotonic()]
        self.timer.start()

    def max_gap_ms(self) -> float:
        self.timer.stop()
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)) * 1000
