"""Correcting OCR words in the page view with the keyboard; copies that follow the page
text (placeholders, never hidden words); scanner noise drawn dimmed and never copied.
Real widgets offscreen, the real Qt clipboard, PDFs built with PyMuPDF."""
from __future__ import annotations

import pymupdf
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from recto.annotations import ocr_store
from recto.annotations.model import Box, OcrWord
from recto.app.documents import add_pdf
from recto.app.pdf.text_layer import import_text_layer
from recto.app.redactions import service
from tests.word_pages import open_text_page

LINES = ["Report from Chalmcrs in Geneva", "on the second convoy"]


def centre(word) -> QPointF:
    return QPointF((word.bbox.x0 + word.bbox.x1) / 2, (word.bbox.y0 + word.bbox.y1) / 2)


def click_word(qtbot, window, text: str):
    view = window.view
    word = next(w for w in window.ocr.words.words if w.text == text)
    pos = view.mapFromScene(centre(word))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert [w.text for w in window.ocr.selector.selected] == [text]
    return word


def test_a_word_is_retyped_with_the_keyboard_marked_and_undone(qtbot, window, tmp_path):
    document = open_text_page(qtbot, window, tmp_path, LINES, name="fix")
    feature, view = window.ocr, window.view
    window.named_actions["show_ocr_words"].trigger()
    feature.toggle_tool(True)
    click_word(qtbot, window, "Chalmcrs")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = feature.editor
    assert editor is not None and editor.isVisible() and editor.text() == "Chalmcrs"
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    qtbot.keyClicks(editor, "Chalmers")   # the text starts selected: typing replaces it
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    project = window.session.project
    qtbot.waitUntil(lambda: any(w.corrected for w in feature.words.words), timeout=3000)
    words = ocr_store.current_words(project, document.sha256, 0)
    assert [(w.text, w.corrected) for w in words if w.corrected] == [("Chalmers", True)]
    assert "Report from Chalmers in Geneva" in ocr_store.current_text(
        project, document.sha256, 0).text
    assert feature.editor is None and view.hasFocus()
    assert [w.text for w in feature.selector.selected] == ["Chalmers"]  # still selected
    overlay = feature.overlay
    assert overlay.corrected_item is not None and overlay.item is not None
    assert overlay.corrected_item.pen().color() != overlay.item.pen().color()
    assert overlay.corrected_item.pen().widthF() > overlay.item.pen().widthF()
    assert overlay.corrected_item.path().boundingRect().contains(
        centre(next(w for w in words if w.corrected)))
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not any(w.corrected for w in feature.words.words), timeout=3000)
    assert "Chalmcrs" in ocr_store.current_text(project, document.sha256, 0).text
    assert overlay.corrected_item is None


def test_escape_cancels_and_the_context_menu_offers_the_editor(qtbot, window, tmp_path):
    document = open_text_page(qtbot, window, tmp_path, LINES, name="cancel")
    feature, view = window.ocr, window.view
    feature.toggle_tool(True)
    word = click_word(qtbot, window, "Geneva")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = feature.editor
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    qtbot.keyClicks(editor, "Genf")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert feature.editor is None
    project = window.session.project
    assert project.undo_label() != "Correct \u201cGeneva\u201d \u2192 \u201cGenf\u201d"
    assert not any(w.corrected for w in ocr_store.current_words(project, document.sha256, 0))
    feature.selector.set_selection([])
    menu = view.context_menu(centre(word))
    labels = [a.text() for a in menu.actions()]
    assert "Correct Text…" in labels and "Copy Hidden Text" not in labels
    assert [w.text for w in feature.selector.selected] == ["Geneva"]  # right-click selects
    next(a for a in menu.actions() if a.text() == "Correct Text…").trigger()
    assert feature.editor is not None and feature.editor.text() == "Geneva"
    window.session.notify_external("OCR", {"page_texts"})  # new words under the editor
    qtbot.waitUntil(lambda: feature.editor is None, timeout=3000)  # it closes, unsaved
    assert not any(w.corrected for w in ocr_store.current_words(project, document.sha256, 0))
    click_word(qtbot, window, "Geneva")
    feature.selector.set_selection([])
    nothing = [a.text() for a in view.context_menu(QPointF(500, 700)).actions()]
    assert "Correct Text…" not in nothing  # no word there: only the page's own actions


def leaky_note(path) -> None:
    """A line with a name under a black box that still holds the text (a failed redaction)."""
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 100), "Meeting with", fontname="cour", fontsize=11)
        page.draw_rect(pymupdf.Rect(160, 89, 260, 104), color=None, fill=(0, 0, 0))
        page.insert_text((164, 100), "SOURCE RAVEN", fontname="cour", fontsize=11)
        page.insert_text((270, 100), "on Tuesday", fontname="cour", fontsize=11)
        page.insert_text((72, 120), "in the second office", fontname="cour", fontsize=11)
        doc.save(path)


def test_copy_gives_the_placeholder_and_hidden_text_only_from_the_failed_box(
        qtbot, window, tmp_path):
    pdf = tmp_path / "leak.pdf"
    leaky_note(pdf)
    window.open_project(tmp_path / "leak.recto", create=True)
    project = window.session.project
    document = add_pdf(project, pdf).document
    import_text_layer(project, document)
    report = service.detect_document(project, document)
    assert report is not None
    leak = next(r for r in service.suggestions(project, document.id) if r.text_recoverable)
    assert leak.hidden_text == "SOURCE RAVEN"
    service.accept(project, [leak.id])
    window.session.select_document(document)
    qtbot.waitUntil(lambda: len(window.ocr.words.words) > 0, timeout=5000)
    text = ocr_store.current_text(project, document.sha256, 0).text
    start = text.index("[REDACTED")
    placeholder = text[start:text.index("]", start) + 1]
    feature, view = window.ocr, window.view
    feature.toggle_tool(True)
    click_word(qtbot, window, "Meeting")
    tuesday = next(w for w in feature.words.words if w.text == "Tuesday")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier, view.mapFromScene(centre(tuesday)))
    assert "RAVEN" in " ".join(w.text for w in feature.selector.selected)  # words under it
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert copied.startswith("Meeting with") and copied.endswith("on Tuesday")
    assert placeholder in copied and copied in text  # just as the page text reads there
    assert "SOURCE" not in copied and "RAVEN" not in copied
    quote = window.claims.selection()[3]  # a claim's quote from the same selection
    assert quote == " ".join(copied.split()) and placeholder in quote and "RAVEN" not in quote
    raven = next(w for w in feature.words.words if w.text == "RAVEN")
    feature.selector.set_selection([raven])  # only a hidden word: still the placeholder
    assert feature.copy_words() == placeholder
    menu = view.context_menu(QPointF(250, 96))  # on the box, right of the hidden words
    hidden = [a for a in menu.actions() if a.text() == "Copy Hidden Text"]
    assert len(hidden) == 1
    hidden[0].trigger()
    assert QApplication.clipboard().text() == "SOURCE RAVEN"
    menu = view.context_menu(centre(next(w for w in feature.words.words
                                          if w.text == "office")))
    assert "Copy Hidden Text" not in [a.text() for a in menu.actions()]


def test_noise_words_are_drawn_dimmed_and_never_copied(qtbot, window, tmp_path):
    document = open_text_page(qtbot, window, tmp_path, LINES, name="noise")
    project = window.session.project
    words = ocr_store.current_words(project, document.sha256, 0)
    strip = [OcrWord(t, Box(72 + 30 * i, 20, 92 + 30 * i, 30), 20.0, 9, 1, 1, "eng", noise=True)
             for i, t in enumerate(["ee", "eS", "ese", "es"])]
    text = ocr_store.current_text(project, document.sha256, 0).text
    ocr_store.store_page(project, ocr_store.PageText(
        document.sha256, 0, "noisy-reading", "ocr", "ok", text), [*words, *strip])
    window.session.notify_external("OCR", {"page_texts"})
    feature = window.ocr
    qtbot.waitUntil(lambda: len(feature.words.noise) == 4, timeout=3000)
    window.named_actions["show_ocr_words"].trigger()
    overlay = feature.overlay
    assert overlay.noise_item is not None and overlay.item is not None
    assert overlay.noise_item.opacity() < 0.5 <= overlay.item.opacity()
    assert overlay.noise_item.pen().style() == Qt.PenStyle.DotLine
    assert overlay.item.pen().style() == Qt.PenStyle.SolidLine
    assert overlay.noise_item.path().boundingRect().contains(QPointF(80, 25))
    assert not overlay.item.path().boundingRect().contains(QPointF(80, 25))
    feature.toggle_tool(True)
    assert feature.selector.word_at(QPointF(80, 25)) is None  # not selectable
    feature.selector.select_rect(window.view.sceneRect())   # everything on the page
    assert len(feature.selector.selected) == len(words)
    copied = feature.copy_words()
    assert copied == "Report from Chalmcrs in Geneva\non the second convoy"
    assert QApplication.clipboard().text() == copied
