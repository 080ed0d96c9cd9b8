"""Feature modules plug into the main window without editing it.

Each `ui/feature_*.py` module defines `install(window)`, which adds its actions,
menus and panels. They are installed in name order after the window is built,
so OCR, redactions, actors, claims and export each live in their own files.
"""
from __future__ import annotations

import importlib
import pkgutil

import ui


def install_all(window) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(ui.__path__)
                   if m.name.startswith("feature_"))
    for name in names:
        importlib.import_module(f"ui.{name}").install(window)
    return names
