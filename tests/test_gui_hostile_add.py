"""Adding a hostile PDF in the app: MuPDF reads it in a helper process, never on a thread
of the GUI process (it holds Python's lock while it works), so the window stays live and
the file is refused with one sentence when a page takes too long."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from recto.annotations import documents as store
from recto.app.pdf import reader_process
from tests.gui_drop import drop_files
from tests.heartbeat import Heartbeat
from tests.pdf_factory import operator_bomb, text_bomb, text_pdf

# Reading the bomb's page on a job thread blocked the loop for over a minute; a loaded
# 2-core machine's scheduler alone gives gaps of a few hundred ms.
MAX_GAP_MS = 2000


def _visible_error(window) -> str | None:
    boxes = [b for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]
    return boxes[0].text() if boxes else None


def test_dropping_a_pdf_of_a_gigabyte_of_operators_keeps_the_window_live(
        window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(reader_process, "READ_TIMEOUT_S", 4.0)  # 20 s in use
    bomb = operator_bomb(tmp_path / "bomb.pdf", megabytes=1024)
    good = text_pdf(tmp_path / "letter.pdf", ["Dear colleague, the minutes follow."])
    window.open_project(tmp_path / "p.recto", create=True)
    heartbeat = Heartbeat()
    heartbeat.start()
    drop_files(window, [bomb, good])
    qtbot.waitUntil(lambda: _visible_error(window) is not None, timeout=180000)
    gap = heartbeat.max_gap_ms()
    assert gap < MAX_GAP_MS, f"the window froze for {gap:.0f} ms while adding"
    message = _visible_error(window)
    assert "bomb.pdf could not be read: reading page 1 took longer than 4 s" in message
    assert "code=" not in message and "Error" not in message
    titles = [d.title for d in store.list_documents(window.session.project)]
    assert titles == ["letter"]   # the rest of the drop still goes in


@pytest.mark.slow
def test_detecting_redactions_on_a_page_of_300000_text_runs_keeps_the_window_live(
        window, qtbot, tmp_path, monkeypatch):
    """Redaction analysis reads the page's text trace in the drawing helper: on the job
    thread MuPDF held Python's lock for seconds at a time and the window froze."""
    from recto.app.documents import add_pdf
    from recto.app.redactions import service
    monkeypatch.setattr(reader_process, "READ_TIMEOUT_S", 300.0)  # adding is not under test
    path = tmp_path / "p.recto"
    window.open_project(path, create=True)
    document = add_pdf(window.session.project, text_bomb(tmp_path / "bomb.pdf")).document
    heartbeat = Heartbeat()
    heartbeat.start()
    window.redactions._detect([document])
    job = window.redactions.job
    with qtbot.waitSignal(job.ended, timeout=240000):
        pass
    gap = heartbeat.max_gap_ms()
    assert gap < MAX_GAP_MS, f"the window froze for {gap:.0f} ms while detecting"
    assert window.statusBar().currentMessage().startswith("Detection: 0 new suggestion(s)")
    assert service.suggestions(window.session.project, document.id) == []
