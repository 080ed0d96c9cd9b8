"""The features the main window is built from, listed where a reader can see them.

Each feature module defines `install(window)`, which adds its actions, menus and
panels. The order is the order of their menus and of their panels within a role.
They are imported when the window is built, not before: some make Qt objects
(cursors, pixmaps) at import, which needs the QApplication to exist.
"""
from __future__ import annotations

import importlib

FEATURES = {
    "actors": "recto.ui.actors.feature", "appearance": "recto.ui.appearance", "claims": "recto.ui.claims.feature",
    "export": "recto.ui.exchange.feature", "links": "recto.ui.links.feature", "ocr": "recto.ui.ocr.feature",
    "redactions": "recto.ui.redactions.feature", "releases": "recto.ui.releases.feature",
}


def install_all(window) -> list[str]:
    for module in FEATURES.values():
        importlib.import_module(module).install(window)
    return list(FEATURES)
