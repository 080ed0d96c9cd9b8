"""The window's word selection as a mention's place (the logic lives in app.actors.places)."""
from __future__ import annotations

from recto.app.actors.places import (  # noqa: F401  (re-exported for the actor feature)
    Place,
    box_place,
    new_actor_from_place,
)
from recto.app.actors.places import selection_place as _place_of


def selection_place(project, window) -> Place | None:
    """What the OCR feature's word-selection tool has selected, as a place (or None)."""
    getter = getattr(window, "selected_words", None)
    return _place_of(project, getter() if callable(getter) else None)
