"""The side-by-side window of two releases, driven offscreen as a person would."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from recto.annotations import claims as claim_store
from recto.annotations.project import Project
from recto.app.redactions.service import detect_document_boxes
from recto.app.releases import service as releases
from recto.app.releases.align import REVEALED_IN_A
from tests.release_fixtures import quick_project


@pytest.fixture
def pair(tmp_path):
    return quick_project(tmp_path)


@pytest.fixture
def compare_window(qtbot, pair):
    from recto.ui.releases.window import ReleaseCompareWindow
    path, a, b = pair
    project = Project.open(path)
    result = releases.compare(project, a, b, detect=detect_document_boxes)
    paths = (result.document_a.path, result.document_b.path)
    win = ReleaseCompareWindow(project, result, paths)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    project.close()


def _rendered(view) -> bool:
    return not view._pixmap.pixmap().isNull()


def test_the_window_shows_both_releases_with_aligned_pages(qtbot, compare_window):
    win = compare_window
    qtbot.waitUntil(lambda: _rendered(win.view_a) and _rendered(win.view_b), timeout=10000)
    assert win.pairs[:2] == [(0, 0), (2, 1)] and (1, None) in win.pairs
    assert win.findings.count() == 3
    outlines = [i for i in win.view_a.layer("releases").childItems()]
    assert outlines, "redactions of release A are outlined"
    win.show_pair(win.pairs.index((1, None)))
    assert win.view_b.path is None                     # page 2 is not in release B
    assert "not in this release" in win.view_b._message.text()


def test_scrolling_and_zoom_are_synchronised(qtbot, compare_window):
    win = compare_window
    win.view_a.set_zoom(2.0)
    assert win.view_b.zoom == pytest.approx(2.0)
    bar_a, bar_b = win.view_a.verticalScrollBar(), win.view_b.verticalScrollBar()
    qtbot.waitUntil(lambda: bar_a.maximum() > 0 and bar_b.maximum() > 0, timeout=5000)
    bar_a.setValue(bar_a.maximum() // 2)
    assert bar_b.value() == pytest.approx(bar_b.maximum() // 2, abs=3)
    win.view_b.horizontalScrollBar().setValue(win.view_b.horizontalScrollBar().maximum())
    assert win.view_a.horizontalScrollBar().value() == win.view_a.horizontalScrollBar().maximum()


def test_a_finding_jumps_to_both_places_and_labels_the_box(qtbot, compare_window):
    win = compare_window
    win.view_a.set_zoom(3.0)
    row = next(i for i, f in enumerate(win.result.findings) if f.page_a == 2)
    win.findings.setCurrentRow(row)
    f = win.result.findings[row]
    assert (win.view_a.page_index, win.view_b.page_index) == (2, 1)
    for view, box in ((win.view_a, f.bbox_a), (win.view_b, f.bbox_b)):
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        assert visible.contains((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    hidden_view = win.view_b if f.direction == REVEALED_IN_A else win.view_a
    texts = [i.text() for i in hidden_view.layer("releases").childItems() if hasattr(i, "text")]
    assert any("Washington" in t for t in texts), texts


def test_accept_creates_a_claim_with_evidence_on_both_releases(qtbot, compare_window):
    win = compare_window
    win.findings.setCurrentRow(0)
    assert win.accept_button.isEnabled()
    with qtbot.waitSignal(win.claim_added, timeout=5000) as signal:
        win.accept_button.click()
    claim = claim_store.get_claim(win.project, signal.args[0].id)
    docs = {e.anchor.document_id for e in claim.evidence}
    assert docs == {win.result.document_a.id, win.result.document_b.id}
    assert not win.accept_button.isEnabled()
    assert win.findings.item(0).text().startswith("✓")


def test_the_tools_menu_compares_and_opens_the_window(qtbot, tmp_path, pair, monkeypatch):
    from recto.ui.main_window import MainWindow
    from recto.ui.releases.dialog import ReleasePairDialog
    path, a, b = pair
    win = MainWindow(QSettings(str(tmp_path / "recto.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    assert win.open_project(path)
    monkeypatch.setattr(ReleasePairDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    win.named_actions["releases.compare"].trigger()
    qtbot.waitUntil(lambda: bool(win.releases.windows), timeout=20000)
    opened = win.releases.windows[0]
    assert {opened.result.document_a.id, opened.result.document_b.id} == {a, b}
    assert len(opened.result.findings) == 3
    from recto.annotations import releases as link_store
    assert link_store.find_link(win.session.project, a, b) is not None
    opened.close()
    win.close()
