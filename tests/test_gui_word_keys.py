"""Extending a word selection with the keyboard, as mentions and claims need it."""
from __future__ import annotations

import pymupdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

LINES = ["The General Association of Korean", "Residents in Japan sent a list", "of names"]


def test_shift_arrows_extend_the_selection_in_reading_order(qtbot, window, tmp_path):
    from app.documents import add_pdf
    from app.pdf.text_layer import import_text_layer
    pdf = tmp_path / "note.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        for i, line in enumerate(LINES):
            page.insert_text((72, 100 + 20 * i), line, fontsize=14)
        doc.save(pdf)
    window.open_project(tmp_path / "keys.recto", create=True)
    document = add_pdf(window.session.project, pdf).document
    import_text_layer(window.session.project, document)
    window.session.select_document(document)
    qtbot.waitUntil(lambda: len(window.ocr.words.words) > 0, timeout=5000)
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
