"""The search panel in the real main window, offscreen: results as you type, every
occurrence a hit, Enter / F3 and Shift+Enter / Shift+F3 stepping through them in reading
order with the page view showing each hit's box; 総連 and 총련 still found.

Real page text: a born-digital PDF (tests/search_fixtures.py) whose text layer is stored
when it is added."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from recto.annotations.project import Project
from recto.app.documents import add_pdf
from tests.ocr_fixtures import cjk_font_file
from tests.search_fixtures import WAR, memo_pdf


@pytest.fixture
def opened(window, tmp_path, qtbot):
    path = tmp_path / "memo.recto"
    with Project.open(path, create=True) as project:
        add_pdf(project, memo_pdf(tmp_path / "memo.pdf"))
    assert window.open_project(path)
    qtbot.waitUntil(lambda: not window.view._pixmap.pixmap().isNull(), timeout=10000)
    return window


def _hit_centre(window) -> QPointF:
    (item,) = window.ocr.hit_items()
    return item.rect().center()


def test_typing_shows_hits_without_pressing_enter(opened, qtbot):
    window = opened
    panel = window.ocr.search
    window.named_actions["find_project"].trigger()
    qtbot.keyClicks(panel.query, "wa")
    qtbot.keyClicks(panel.query, "r")
    assert panel.hits.count() == 0                      # nothing yet: the query is debounced
    qtbot.waitUntil(lambda: panel.hits.count() == sum(WAR.values()), timeout=5000)
    assert panel.status.text() == "6 hits on 2 pages"
    qtbot.keyClicks(panel.query, "fare")
    qtbot.waitUntil(lambda: panel.hits.count() == 1, timeout=5000)
    assert "warfare" in panel.hits.item(0).text() and panel.status.text() == "1 hit on 1 page"


def test_enter_and_f3_step_through_the_hits_in_reading_order(opened, qtbot):
    window = opened
    panel = window.ocr.search
    window.named_actions["find_page"].trigger()          # this page: p. 1
    qtbot.keyClicks(panel.query, "war")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)       # searches at once and shows hit 1
    assert panel.hits.count() == WAR[1] and panel.hits.currentRow() == 0
    seen = [_hit_centre(window)]
    for _ in range(WAR[1] - 1):
        qtbot.keyClick(panel.query, Qt.Key.Key_Return)
        seen.append(_hit_centre(window))
    assert [(p.y(), p.x()) for p in seen] == sorted((p.y(), p.x()) for p in seen)
    assert len({(p.x(), p.y()) for p in seen}) == WAR[1]
    qtbot.keyClick(panel.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.hits.currentRow() == WAR[1] - 2 and _hit_centre(window) == seen[-2]
    window.named_actions["find_next"].trigger()          # F3
    assert panel.hits.currentRow() == WAR[1] - 1 and _hit_centre(window) == seen[-1]
    window.named_actions["find_next"].trigger()          # wraps to the first
    assert panel.hits.currentRow() == 0 and _hit_centre(window) == seen[0]
    window.named_actions["find_previous"].trigger()      # Shift+F3
    assert panel.hits.currentRow() == WAR[1] - 1
    view = window.view                                   # the hit's box is on screen
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(seen[-1])
    assert window.named_actions["find_next"].shortcut().toString() == "F3"
    assert window.named_actions["find_previous"].shortcut().toString() == "Shift+F3"


def test_next_hit_moves_to_the_next_page_in_the_document(opened, qtbot):
    window = opened
    panel = window.ocr.search
    window.named_actions["find_project"].trigger()
    panel.scope.setCurrentText("This document")
    qtbot.keyClicks(panel.query, "war")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    for _ in range(WAR[1]):
        window.named_actions["find_next"].trigger()
    assert window.session.page_index == 1 and window.view.page_index == 1
    assert len(window.ocr.hit_items()) == 1


@pytest.mark.skipif(not cjk_font_file(), reason="Noto Sans CJK (fonts-noto-cjk) is not installed")
@pytest.mark.parametrize("query, count", [("総連", 2), ("총련", 1)])
def test_two_character_cjk_names_are_found_as_you_type(opened, qtbot, query, count):
    window = opened
    panel = window.ocr.search
    window.named_actions["find_project"].trigger()
    panel.query.setText(query)
    qtbot.waitUntil(lambda: panel.hits.count() == count, timeout=5000)
    assert all("p. 2" in panel.hits.item(i).text() for i in range(count))
