"""Redactions in the real main window: draw with the mouse, review with the keyboard,
undo with Ctrl+Z; the store is checked after each step."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPointF, Qt

from recto.annotations import redactions as store
from recto.annotations.model import Status
from recto.app import documents as doc_service
from recto.app.redactions import service
from tests.conftest import SCANS


@pytest.fixture
def scan_project(tmp_path):
    """A project with one real scan (7 outlined boxes) and its detected suggestions."""
    from recto.annotations.project import Project
    path = tmp_path / "gui.recto"
    shutil.copy(SCANS / "cib_02733122_p2.pdf", tmp_path / "cib.pdf")
    with Project.open(path, create=True) as project:
        doc = doc_service.add_pdf(project, tmp_path / "cib.pdf").document
        report = service.detect_document(project, doc)
        assert report.added == 7
    return path


def _open(qtbot, window, path):
    assert window.open_project(path)
    qtbot.waitUntil(lambda: window.view.path is not None, timeout=5000)
    window.view.set_zoom(1.0)
    return window.session.project, window.session.document


def _drag(qtbot, window, start_pt, end_pt):
    view = window.view
    start = view.mapFromScene(QPointF(*start_pt))
    end = view.mapFromScene(QPointF(*end_pt))
    middle = (start + end) / 2
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(vp, middle)
    qtbot.mouseMove(vp, end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_draw_accept_and_undo_both(qtbot, window, scan_project):
    project, doc = _open(qtbot, window, scan_project)
    feature = window.redactions
    qtbot.waitUntil(lambda: len(feature.overlay.items) == 7, timeout=5000)

    # Draw a box with the mouse (tool on with R), on paper clear of the detected boxes.
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_R)
    assert window.view.tool is feature.tool
    _drag(qtbot, window, (100.0, 200.0), (300.0, 230.0))
    manual = [r for r in store.list_redactions(project, doc.id) if r.origin.value == "manual"]
    assert len(manual) == 1
    box = manual[0].bbox
    assert box.as_list() == pytest.approx([100.0, 200.0, 300.0, 230.0], abs=1.0)
    assert manual[0].status is Status.CONFIRMED and manual[0].extent_chars > 0
    qtbot.waitUntil(lambda: manual[0].id in feature.overlay.items, timeout=3000)

    # Accept the first suggestion with the keyboard only.
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    lst = feature.suggestions.list
    qtbot.waitUntil(lambda: lst.hasFocus(), timeout=3000)
    assert lst.count() == 7
    qtbot.keyClick(lst, Qt.Key.Key_Down)
    second = feature.suggestions.current()
    assert feature.overlay.selected_id == second.id
    qtbot.keyClick(lst, Qt.Key.Key_A)
    assert store.get_redaction(project, second.id).status is Status.CONFIRMED
    qtbot.waitUntil(lambda: lst.count() == 6, timeout=3000)
    assert project.undo_label() == "Accept suggestion"

    # Ctrl+Z twice: the acceptance, then the drawn box.
    qtbot.keyClick(lst, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.get_redaction(project, second.id).status is Status.SUGGESTED
    qtbot.keyClick(lst, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r for r in store.list_redactions(project, doc.id)
            if r.origin.value == "manual"] == []
    qtbot.waitUntil(lambda: lst.count() == 7 and len(feature.overlay.items) == 7, timeout=3000)


def test_move_resize_delete_and_reject(qtbot, window, scan_project):
    project, doc = _open(qtbot, window, scan_project)
    feature = window.redactions
    r = service.add_redaction(project, doc.id, 0, [100, 200, 300, 230])
    qtbot.waitUntil(lambda: r.id in feature.overlay.items, timeout=3000)
    feature.toggle_tool()
    _drag(qtbot, window, (150.0, 215.0), (170.0, 225.0))          # move by (20, 10)
    assert store.get_redaction(project, r.id).bbox.as_list() == pytest.approx(
        [120, 210, 320, 240], abs=1.0)
    assert project.undo_label() == "Move redaction"
    qtbot.waitUntil(lambda: feature.overlay.selected_id == r.id, timeout=3000)
    _drag(qtbot, window, (320.0, 240.0), (350.0, 260.0))          # bottom-right corner
    assert store.get_redaction(project, r.id).bbox.as_list() == pytest.approx(
        [120, 210, 350, 260], abs=1.0)
    assert project.undo_label() == "Resize redaction"
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert all(x.id != r.id for x in store.list_redactions(project, doc.id))

    lst = feature.suggestions.list
    lst.setFocus()
    lst.setCurrentRow(0)
    first = feature.suggestions.current()
    qtbot.keyClick(lst, Qt.Key.Key_X)
    assert store.get_redaction(project, first.id).status is Status.REJECTED
    qtbot.keyClick(lst, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # the rest of the page
    assert store.list_redactions(project, doc.id, status=Status.SUGGESTED) == []


def test_panel_edits_and_hidden_text_on_request(qtbot, window, scan_project):
    project, doc = _open(qtbot, window, scan_project)
    feature = window.redactions
    target = service.suggestions(project, doc.id)[0]
    feature.show_redaction(target)
    panel = feature.panel
    assert panel.redaction.id == target.id
    panel.codes.setText("25X1, (b)(3)")
    panel.codes.editingFinished.emit()
    assert store.get_redaction(project, target.id).codes == ("25X1", "(b)(3)")
    panel.tags.setText("budget")
    panel.tags.editingFinished.emit()
    assert store.get_redaction(project, target.id).tags == ("budget",)
    assert not panel.hidden_button.isEnabled()          # nothing recoverable on a scan
    assert feature.stats.by_code.data                   # the chart has bars
    feature.stats.scope.setCurrentIndex(1)
    assert feature.stats.summary.text().startswith("7 redaction(s)")


def test_detect_action_runs_as_a_job(qtbot, window, tmp_path):
    from recto.annotations.project import Project
    path = tmp_path / "detect.recto"
    shutil.copy(SCANS / "court_cacd_630649_326_p20.pdf", tmp_path / "court.pdf")
    with Project.open(path, create=True) as project:
        doc_service.add_pdf(project, tmp_path / "court.pdf")
    project, doc = _open(qtbot, window, path)
    window.named_actions["redaction_detect"].trigger()
    qtbot.waitUntil(lambda: window.redactions.suggestions.list.count() == 11, timeout=20000)
    assert len(store.list_redactions(project, doc.id)) == 11


def _on_screen(view, r) -> bool:
    from PySide6.QtCore import QRectF
    box = view.mapFromScene(QRectF(r.bbox.x0, r.bbox.y0, r.bbox.width, r.bbox.height))
    return box.boundingRect().intersects(view.viewport().rect())


def _centred(view, r) -> bool:
    from PySide6.QtCore import QPointF
    at = view.mapFromScene(QPointF((r.bbox.x0 + r.bbox.x1) / 2, (r.bbox.y0 + r.bbox.y1) / 2))
    port = view.viewport().rect()
    return abs(at.x() - port.center().x()) <= 3 and abs(at.y() - port.center().y()) <= 3


def test_selected_suggestion_is_always_on_screen_and_enter_centres_it(
        qtbot, window, scan_project):
    _open(qtbot, window, scan_project)
    view, feature = window.view, window.redactions
    view.set_zoom(3.0)
    first = feature.suggestions.items()[0]
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert not _on_screen(view, first)
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    lst = feature.suggestions.list
    assert feature.suggestions.current() == first
    assert _on_screen(view, first)                  # the first row, before any move
    for _ in range(lst.count() - 1):
        qtbot.keyClick(lst, Qt.Key.Key_Down)
        assert _on_screen(view, feature.suggestions.current())
    middle = [k for k, r in enumerate(feature.suggestions.items()) if _centrable(view, r)]
    assert len(middle) >= 2
    lst.setCurrentRow(middle[0])
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    chosen = feature.suggestions.current()
    assert not _centred(view, chosen)
    qtbot.keyClick(lst, Qt.Key.Key_Return)
    assert _centred(view, chosen)
    lst.setCurrentRow(middle[1])
    view.verticalScrollBar().setValue(0)
    other = feature.suggestions.current()
    assert not _centred(view, other)
    at = lst.visualItemRect(lst.item(middle[1])).center()
    qtbot.mouseClick(
        lst.viewport(), Qt.MouseButton.LeftButton, pos=at
    )  # a real double-click's first press
    assert _on_screen(view, other)
    view.verticalScrollBar().setValue(0)
    assert not _centred(view, other)
    qtbot.mouseDClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert _centred(view, other)


def _centrable(view, r) -> bool:
    """The box's middle is at least half a window from the edges of the scrollable page."""
    scene, port, z = view.sceneRect(), view.viewport().rect(), view.zoom
    cx, cy = (r.bbox.x0 + r.bbox.x1) / 2, (r.bbox.y0 + r.bbox.y1) / 2
    return (min(cx - scene.left(), scene.right() - cx) * z >= port.width() / 2 + 4
            and min(cy - scene.top(), scene.bottom() - cy) * z >= port.height() / 2 + 4)


def test_a_small_suggestion_is_zoomed_to(qtbot, window, scan_project):
    project, doc = _open(qtbot, window, scan_project)
    view, feature = window.view, window.redactions
    tiny = service.add_redaction(project, doc.id, 0, "300,700,306,703", status="suggested")
    view.set_zoom(0.5)
    feature.show_redaction(store.get_redaction(project, tiny.id))
    assert view.zoom > 0.5 and tiny.bbox.width * view.zoom >= 20
    assert _on_screen(view, tiny)
