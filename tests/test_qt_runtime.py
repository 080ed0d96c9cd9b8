"""The Qt binding in use must not leak or drop references on plain calls.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call
(setPen, setWidthF, ...), so a long session aborts with "none_dealloc". This
pins the behaviour the app relies on, whatever version gets installed.
"""
from __future__ import annotations

import sys

from PySide6.QtGui import QPen


def test_void_calls_keep_none_alive():
    pen = QPen()
    before = sys.getrefcount(None)
    for _ in range(1000):
        pen.setWidthF(2.0)
    assert abs(sys.getrefcount(None) - before) < 10
