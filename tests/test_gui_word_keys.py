"""Extending a word selection with the keyboard, as mentions and claims need it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.word_pages import open_text_page

LINES = ["The General Association of Korean", "Residents in Japan sent a list", "of names"]


def test_shift_arrows_extend_the_selection_in_reading_order(qtbot, window, tmp_path):
    document = open_text_page(qtbot, window, tmp_path, LINES, name="keys")
    assert [w.text for w in window.ocr.words.words] == " ".join(LINES).split()
    window.ocr.toggle_tool(True)
    view = window.view
    view.setFocus()
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.ocr.selector.text() == "The General"
    qtbot.keyClick(
        view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier
    )  # to the end of the next line
    assert window.ocr.selector.text() == "The General Association of Korean\n" \
                                         "Residents in Japan sent a list"
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert window.ocr.selector.text().endswith("sent a")
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().endswith("sent a")
    document_, page_index, words, bbox = window.selected_words()
    assert document_.id == document.id and page_index == 0 and len(words) == 10
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.selected_words() is None
