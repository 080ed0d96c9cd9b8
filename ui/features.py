"""The features the main window is built from, listed where a reader can see them.

Each feature module defines `install(window)`, which adds its actions, menus and
panels. The order is the order of their menus and of their panels within a role.
"""
from __future__ import annotations

from ui import appearance
from ui.actors import feature as actors
from ui.claims import feature as claims
from ui.exchange import feature as exchange
from ui.links import feature as links
from ui.ocr import feature as ocr
from ui.redactions import feature as redactions
from ui.releases import feature as releases

FEATURES = {
    "actors": actors, "appearance": appearance, "claims": claims, "export": exchange,
    "links": links, "ocr": ocr, "redactions": redactions, "releases": releases,
}


def install_all(window) -> list[str]:
    for module in FEATURES.values():
        module.install(window)
    return list(FEATURES)
