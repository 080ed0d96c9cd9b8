"""Dragging over OCR words selects them in text flow, as a PDF viewer does: a diagonal
drag across lines takes the rest of the first line, a horizontal drag works, Shift+click
extends. Real PDF with a text layer, real main window, real mouse events."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from tests.word_pages import open_text_page

LINES = ["The General Association of Korean", "Residents in Japan sent a list",
         "of names to the Red Cross"]


@pytest.fixture
def selector(qtbot, window, tmp_path):
    open_text_page(qtbot, window, tmp_path, LINES, name="flow")
    window.ocr.toggle_tool(True)
    return window


def word(window, text):
    return next(w for w in window.ocr.words.words if w.text == text)


def drag(qtbot, window, start: QPointF, end: QPointF) -> None:
    view = window.view
    view.centerOn(QPointF(200, 130))
    a, b = view.mapFromScene(start), view.mapFromScene(end)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), (a + b) / 2)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)


def centre(w) -> QPointF:
    return QPointF((w.bbox.x0 + w.bbox.x1) / 2, (w.bbox.y0 + w.bbox.y1) / 2)


def test_a_diagonal_drag_selects_from_the_first_word_to_the_last_in_text_flow(qtbot, selector):
    window = selector
    drag(qtbot, window, centre(word(window, "Association")), centre(word(window, "Japan")))
    assert window.ocr.selector.text() == "Association of Korean\nResidents in Japan"
    # the same drag backwards selects the same words
    drag(qtbot, window, centre(word(window, "Japan")), centre(word(window, "Association")))
    assert window.ocr.selector.text() == "Association of Korean\nResidents in Japan"


def test_a_perfectly_horizontal_drag_selects_the_words_it_crosses(qtbot, selector):
    window = selector
    general, korean = word(window, "General"), word(window, "Korean")
    y = (general.bbox.y0 + general.bbox.y1) / 2
    drag(qtbot, window, QPointF(general.bbox.x0 + 1, y), QPointF(korean.bbox.x1 + 30, y))
    assert window.ocr.selector.text() == "General Association of Korean"


def test_shift_click_extends_the_selection_in_reading_order(qtbot, selector):
    window = selector
    view = window.view
    view.centerOn(QPointF(200, 130))
    point = lambda text: view.mapFromScene(centre(word(window, text)))  # noqa: E731
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point("Residents"))
    assert window.ocr.selector.text() == "Residents"
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        pos=point("names"),
    )
    assert window.ocr.selector.text() == "Residents in Japan sent a list\nof names"
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        pos=point("Japan"),
    )
    assert window.ocr.selector.text() == "Residents in Japan"      # from the same anchor
