"""A day in the archive, as one person would spend it in the real window (issue 8, item 1).

Offscreen, real Tesseract, a real project file, three real scans from sample_scans/:
create a project, drop the PDFs, OCR them with progress, detect redactions and review
them from the keyboard, create an actor with a Japanese and a romanised alias, accept
its suggested mentions, make two claims on different documents and link them as
contradicting, export the set, close, reopen, find everything, then Ctrl+Z back to the
empty project and Ctrl+Shift+Z forward, the store checked against each stage's snapshot.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from recto.annotations import actors as actor_store
from recto.annotations import ocr_store
from recto.annotations import redactions as redaction_store
from recto.annotations.model import Status
from recto.app.claims import service as claim_service
from tests.conftest import SAMPLES
from tests.gui_drop import drop_files

pytestmark = pytest.mark.slow

NOTES = "pdb_0006007849_p10_plain"      # typewritten PDB NOTES page: Cyprus, Makarios
BOXES = "pdb_0006007849_p4"             # 17 outlined 25X1 boxes
COURT = "court_cacd_630649_326_p10"     # black bars in a court ruling
ACTOR, ALIASES = "Makarios III", ("マカリオス@ja", "Makarios@el-Latn")
COURT_BOARD = (70, 60, 306, 85)         # "Board approved the 35 basis point advisory fee"
TABLES = ("documents", "pages", "redactions", "actors", "actor_aliases", "mentions", "claims",
          "claim_actors", "claim_evidence", "claim_links", "tags", "annotation_tags")


# -- helpers: the store --------------------------------------------------------------------
def snapshot(project) -> dict[str, list[str]]:
    """Every row of every annotation table, plus each page's searchable text (exactly:
    undoing every confirmed redaction gives the page its original text back)."""
    out = {t: sorted(json.dumps(r, sort_keys=True, ensure_ascii=False)
                     for r in project.query(f"SELECT * FROM {t}")) for t in TABLES}
    rows = project.query("SELECT c.doc_sha256, c.page_index, p.text FROM current_text c "
                         "JOIN page_texts p USING (doc_sha256, page_index, settings_key)")
    out["page_text"] = sorted(json.dumps([r["doc_sha256"], r["page_index"], r["text"]],
                                         ensure_ascii=False) for r in rows)
    return out


def done_steps(project) -> int:
    return project.query("SELECT count(*) AS n FROM undo_steps WHERE undone = 0")[0]["n"]


class Stages:
    """Snapshots of the project at the end of each stage, keyed by the undo depth then."""

    def __init__(self):
        self.marks: list[tuple[str, int, dict]] = []

    def mark(self, name: str, project) -> dict:
        self.marks.append((name, done_steps(project), snapshot(project)))
        return snapshot(project)

    def at(self, depth: int) -> tuple[str, dict] | None:
        return next(((n, s) for n, d, s in reversed(self.marks) if d == depth), None)


# -- helpers: the person at the keyboard ---------------------------------------------------
def new_window(qtbot, settings):
    from recto.ui.main_window import MainWindow
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1300, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A shortcut as a person types it: the main window active, focus on the page."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10000)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


def type_text(qtbot, widget, text: str) -> None:
    """ASCII from the keyboard, other scripts through the input method (QTest cannot
    synthesise keys for マ), newlines as Return."""
    for ch in text:
        if ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def click_row(qtbot, view, row: int) -> None:
    view.scrollToItem(view.item(row))
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose_document(qtbot, window, title: str):
    """Click the document in the Documents panel and wait for its page to show."""
    docs = window.documents
    row = next(i for i, d in enumerate(docs.documents()) if d.title == title)
    click_row(qtbot, docs, row)
    qtbot.waitUntil(lambda: window.session.document is not None
                    and window.session.document.title == title, timeout=10000)
    qtbot.waitUntil(lambda: window.view.path is not None
                    and not window.view._pixmap.pixmap().isNull(), timeout=10000)
    return window.session.document


def drag_box(qtbot, window, box) -> None:
    """Drag a rectangle on the page from (x0, y0) to (x1, y1) in PDF points."""
    view = window.view
    view.centerOn(QPointF((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
    start = view.mapFromScene(QPointF(box[0], box[1]))
    end = view.mapFromScene(QPointF(box[2], box[3]))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), (start + end) / 2)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def wait_idle(qtbot, window, timeout=30000) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=timeout)


def no_errors(window) -> list[str]:
    return [b.text() for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]


# -- the stages ----------------------------------------------------------------------------
def drop_pdfs(qtbot, window, paths: list[Path]) -> None:
    drop_files(window, paths)
    qtbot.waitUntil(lambda: window.documents.count() == 3, timeout=20000)
    wait_idle(qtbot, window)
    assert sorted(d.title for d in window.documents.documents()) == sorted([NOTES, BOXES, COURT])


def ocr_current(qtbot, window) -> list[tuple[int, int]]:
    """Tools > OCR Document… (Ctrl+Shift+O), English, Start; the progress dialog shows."""
    press(
        qtbot,
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.ocr.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=10000)
    assert [c for c, box in dialog.boxes.items() if box.isChecked()] == ["eng"]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    job, progress, seen, ended = window.ocr.job, [], [], []
    job.progress.connect(lambda d, t, _m: progress.append((d, t)))
    job.ended.connect(lambda: ended.append(True))

    def finished() -> bool:
        seen.append(job.dialog.isVisible())
        return bool(ended)
    qtbot.waitUntil(finished, timeout=120000)     # ~3 s a page, 2 busy cores
    assert any(seen), "no progress dialog while a page was being read"
    assert window.ocr.last_report.done == (0,) and window.ocr.last_report.failed == ()
    assert "1 page read" in window.statusBar().currentMessage()
    return progress


def ocr_all(qtbot, window) -> None:
    texts = {}
    for title in (NOTES, BOXES, COURT):
        doc = choose_document(qtbot, window, title)
        assert ocr_current(qtbot, window)[-1] == (1, 1)      # progress: 1 of 1 pages
        texts[title] = ocr_store.current_text(window.session.project, doc.sha256, 0).text
    assert all(text.strip() for text in texts.values())
    assert all(word in texts[NOTES] for word in ("Cyprus", "Makarios", "Ethiopia"))


def detect_and_review(qtbot, window) -> None:
    """Tools > Detect Redactions in All Documents, then A / X / Shift+A in the list."""
    project, feature = window.session.project, window.redactions
    window.named_actions["redaction_detect_all"].trigger()  # as the Tools menu item does
    wait_idle(qtbot, window)
    assert "new suggestion(s)" in window.statusBar().currentMessage()
    boxes = choose_document(qtbot, window, BOXES)
    lst = feature.suggestions.list
    qtbot.waitUntil(lambda: lst.count() == 17, timeout=10000)
    press(
        qtbot,
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # review
    qtbot.waitUntil(lst.hasFocus, timeout=10000)
    first = feature.suggestions.current()
    qtbot.keyClick(lst, Qt.Key.Key_A)
    assert redaction_store.get_redaction(project, first.id).status is Status.CONFIRMED
    rejected = feature.suggestions.current()
    qtbot.keyClick(lst, Qt.Key.Key_X)
    qtbot.keyClick(lst, Qt.Key.Key_A)
    qtbot.keyClick(lst, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # the rest of the page
    qtbot.waitUntil(lambda: lst.count() == 0, timeout=10000)
    mine = redaction_store.list_redactions(project, boxes.id)
    assert sum(r.status is Status.CONFIRMED for r in mine) == 16
    assert [r.id for r in mine if r.status is Status.REJECTED] == [rejected.id]
    court = choose_document(qtbot, window, COURT)      # black bars: accept the first two
    qtbot.waitUntil(lambda: lst.count() >= 2, timeout=10000)
    press(
        qtbot,
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lst.hasFocus, timeout=10000)
    found = lst.count()
    for _ in range(2):
        qtbot.keyClick(lst, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: lst.count() == found - 2, timeout=10000)
    assert len(redaction_store.list_redactions(project, court.id, status=Status.CONFIRMED)) == 2


def create_actor(qtbot, window):
    """Actors panel > New…: name typed, aliases typed one a line (Japanese via the IME)."""
    project, feature = window.session.project, window.actors
    feature.panel_dock.show()
    feature.panel_dock.raise_()
    qtbot.mouseClick(feature.panel.buttons["new"], Qt.MouseButton.LeftButton)
    dialog = feature.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    type_text(qtbot, dialog.name, ACTOR)
    dialog.type.setCurrentIndex(dialog.type.findText("person"))
    dialog.aliases.setFocus()
    type_text(qtbot, dialog.aliases, "\n".join(ALIASES))
    assert dialog.alias_lines() == list(ALIASES)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    [actor] = actor_store.list_actors(project)
    assert actor.name == ACTOR and actor.type.value == "person"
    assert {(a.alias, a.lang) for a in actor.aliases} == {
        ("マカリオス", "ja"), ("Makarios", "el-Latn")}
    qtbot.waitUntil(lambda: feature.panel.ids() == [actor.id], timeout=10000)
    window.activateWindow()               # as the desktop does when a dialog closes
    qtbot.waitUntil(window.isActiveWindow, timeout=10000)
    return actor


def accept_mentions(qtbot, window, actor) -> None:
    """Tools > Suggest Mentions, then A on each suggestion in the review list."""
    project, feature = window.session.project, window.actors
    window.named_actions["actors.suggest"].trigger()            # as the Tools menu item does
    wait_idle(qtbot, window)
    lst = feature.suggestions.list
    qtbot.waitUntil(lambda: lst.count() == 2, timeout=10000)
    assert project.undo_label() == "Suggest 2 mentions"
    qtbot.waitUntil(lst.hasFocus, timeout=10000)
    assert {m.text.rstrip(".") for m in feature.suggestions.items()} == {"Makarios"}
    for left in (1, 0):
        qtbot.keyClick(lst, Qt.Key.Key_A)
        qtbot.waitUntil(lambda left=left: lst.count() == left, timeout=10000)
    confirmed = actor_store.list_mentions(project, actor_id=actor.id, status=Status.CONFIRMED)
    assert len(confirmed) == 2
    notes = next(d for d in window.documents.documents() if d.title == NOTES)
    assert {m.anchor.document_id for m in confirmed} == {notes.id}


def line_box(project, doc, word: str) -> tuple[float, float, float, float]:
    """The OCR line holding `word`, as a person would drag around it."""
    words = ocr_store.current_words(project, doc.sha256, 0)
    hit = next(w for w in words if w.text.startswith(word))
    line = [w for w in words if (w.block, w.par, w.line) == (hit.block, hit.par, hit.line)]
    return (min(w.bbox.x0 for w in line) - 2, min(w.bbox.y0 for w in line) - 2,
            max(w.bbox.x1 for w in line) + 2, max(w.bbox.y1 for w in line) + 2)


def new_claim(qtbot, window, box, statement: str, subject: str = "") -> str:
    """Ctrl+K, drag a box on the page, (an actor it is about,) the statement, Enter."""
    project, editor = window.session.project, window.claims.editor
    before = {c.id for c in claim_service.list_claims(project)}
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.view.tool is not None              # no word selection: the box tool
    drag_box(qtbot, window, box)
    assert window.view.tool is None and editor.draft is not None
    if subject:
        qtbot.keyClicks(editor.subjects.line, subject)
        qtbot.keyClick(editor.subjects.line, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.statement, statement)
    qtbot.keyClick(editor.statement, Qt.Key.Key_Return)
    after = {c.id for c in claim_service.list_claims(project)}
    assert len(after - before) == 1, editor.message.text()
    return (after - before).pop()


def claims_and_link(qtbot, window, actor) -> tuple[str, str]:
    project, editor = window.session.project, window.claims.editor
    notes = choose_document(qtbot, window, NOTES)
    first = new_claim(qtbot, window, line_box(project, notes, "Archbishop"),
                      "Greek Cypriots demonstrate for the return of Makarios", "Makarios")
    claim = claim_service.get_claim(project, first)
    assert "Archbishop Makarios" in claim.quote and claim.subjects == (actor.id,)
    assert [e.anchor.document_id for e in claim.evidence] == [notes.id]
    court = choose_document(qtbot, window, COURT)
    second = new_claim(qtbot, window, COURT_BOARD,
                       "No demonstration was reported anywhere that week")
    claim = claim_service.get_claim(project, second)
    assert claim.quote.startswith("Board approved the 35 basis point")
    assert [e.anchor.document_id for e in claim.evidence] == [court.id]
    assert editor.claim.id == second
    # Link to… in the editor: search the picker, choose "contradicts", Enter.
    qtbot.mouseClick(editor.relations.findChild(type(editor.create_button), "claim-link-to"),
                     Qt.MouseButton.LeftButton)
    dialog = window.claims.link_picker
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=10000)
    qtbot.keyClicks(dialog.filter, "Cypriots")
    visible = [dialog.candidates.item(i) for i in range(dialog.candidates.count())
               if not dialog.candidates.item(i).isHidden()]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in visible] == [first]
    dialog.type.setCurrentIndex(dialog.type.findData("contradicts"))
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)      # the dialog's OK
    qtbot.waitUntil(lambda: bool(claim_service.get_claim(project, second).links), timeout=10000)
    [link] = claim_service.get_claim(project, second).links
    assert (link.to_claim_id, link.type.value) == (first, "contradicts")
    qtbot.waitUntil(lambda: editor.relations.link_rows() != [], timeout=10000)
    return first, second


def q(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def export_set(qtbot, window, out: Path, expected: dict) -> None:
    """File > Export Annotation Set… (Ctrl+E): type the path, Export; then read the file."""
    press(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_feature.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=10000)
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(out))
    assert dialog.export_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert no_errors(window) == [] and window.export_feature.last_result.path == out
    assert q(out, "SELECT value FROM metadata WHERE key = 'format'") == [("recto-annotation-set",)]
    assert q(out, "PRAGMA foreign_key_check") == []
    for table in ("documents", "actors", "actor_aliases", "mentions", "claims", "claim_evidence",
                  "claim_actors", "claim_links"):
        assert q(out, f"SELECT count(*) FROM {table}") == [(len(expected[table]),)], table
    assert q(out, "SELECT count(*) FROM redactions WHERE status = 'confirmed'") == [(18,)]
    assert q(out, "SELECT count(*) FROM pages WHERE text LIKE '%[REDACTED ~%'") == [(2,)]
    assert q(out, "SELECT alias, lang FROM actor_aliases ORDER BY lang") == [
        ("Makarios", "el-Latn"), ("マカリオス", "ja")]
    assert q(out, "SELECT type FROM claim_links") == [("contradicts",)]
    assert q(out, "SELECT count(DISTINCT document_id) FROM claim_evidence") == [(2,)]
    assert q(out, "SELECT count(*) FROM mentions WHERE status = 'confirmed'") == [(2,)]


def reopen_and_check(qtbot, settings, path: Path, full: dict, claim_ids):
    """A new window; File > Open Recent > the project; everything is where it was."""
    window = new_window(qtbot, settings)
    recent = window.recent_menu.actions()
    assert recent and recent[0].text() == str(path)
    recent[0].trigger()
    qtbot.waitUntil(lambda: window.session.project is not None, timeout=10000)
    project = window.session.project
    assert snapshot(project) == full
    assert window.documents.count() == 3
    qtbot.waitUntil(lambda: window.view.path is not None, timeout=10000)
    # The page texts are searchable: Find in Project (Ctrl+Shift+F), type, Enter.
    press(
        qtbot,
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    search = window.ocr.search
    qtbot.waitUntil(search.query.hasFocus, timeout=10000)
    qtbot.keyClicks(search.query, "Makarios")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    notes = next(d for d in window.documents.documents() if d.title == NOTES)
    hits = search.results                           # both places on one page, a hit each
    assert [(h.document_id, h.page_index, len(h.bboxes)) for h in hits] == [(notes.id, 0, 1)] * 2
    click_row(qtbot, search.hits, 0)                # the page opens with the word lit
    qtbot.waitUntil(lambda: window.session.document.id == notes.id, timeout=10000)
    qtbot.waitUntil(lambda: len(window.ocr.hit_items()) == 1, timeout=10000)
    search.query.clear()
    qtbot.keyClicks(search.query, "REDACTED")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    assert len({(h.document_id, h.page_index) for h in search.results}) == 2
    # The panels show the actor, the claims and (Enter on the first claim) the link.
    [actor] = actor_store.list_actors(project)
    qtbot.waitUntil(lambda: window.actors.panel.ids() == [actor.id], timeout=10000)
    tree = window.claims.panel.tree
    assert sorted(window.claims.panel.claim_ids()) == sorted(claim_ids)
    window.claims.list_dock.raise_()
    tree.setCurrentItem(tree.topLevelItem(window.claims.panel.claim_ids().index(claim_ids[0])))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.claims.editor.claim.id == claim_ids[0]
    rows = window.claims.editor.relations.link_rows()
    assert [(r[1], r[2], r[3]) for r in rows] == [(claim_ids[1], False, "contradicts")]
    return window


def check_stage(project, stages: Stages, why: str) -> str | None:
    """If the undo depth is a stage boundary, the store must equal that stage's snapshot."""
    mark = stages.at(done_steps(project))
    if mark is None:
        return None
    name, snap = mark
    now = snapshot(project)
    if not snap["page_text"]:       # before OCR: OCR is not an edit, undo keeps its text
        assert len(now["page_text"]) == 3
        now["page_text"] = []
    sizes = {t: (len(now[t]), len(snap[t])) for t in snap if now[t] != snap[t]}
    assert now == snap, f"{why}: stage {name!r} differs in (now, then) {sizes}"
    return name


def menu_label(qtbot, window, project) -> None:
    """The Edit menu names the next undo and redo once the window has taken in the
    change, as it has by the time a person presses the key again."""
    undo, redo = project.undo_label(), project.redo_label()
    want = (f"&Undo {undo}" if undo else "&Undo", f"&Redo {redo}" if redo else "&Redo")
    qtbot.waitUntil(lambda: (window.named_actions["undo"].text(),
                             window.named_actions["redo"].text()) == want, timeout=10000)


def walk(qtbot, window, stages: Stages, direction: str) -> list[str]:
    """Ctrl+Z (or Ctrl+Shift+Z) until nothing is left, checking every stage boundary on
    the way. Returns the labels in the order they were undone (or redone)."""
    project = window.session.project
    undo = direction == "undo"
    mods = Qt.KeyboardModifier.ControlModifier | (
        Qt.KeyboardModifier.NoModifier if undo else Qt.KeyboardModifier.ShiftModifier
    )
    labels, seen = [], [check_stage(project, stages, f"before {direction}")]
    while (label := project.undo_label() if undo else project.redo_label()) is not None:
        depth = done_steps(project)
        press(qtbot, window, Qt.Key.Key_Z, mods)
        if undo and label.startswith("Add document "):   # removing a document asks first
            from PySide6.QtWidgets import QMessageBox, QPushButton
            confirm = window.findChild(QMessageBox, "undo-add-document")
            assert confirm is not None and confirm.isVisible(), label
            assert done_steps(project) == depth, "nothing is undone before the answer"
            confirm.findChild(QPushButton, "undo-add-document-remove").click()
        assert done_steps(project) == depth + (-1 if undo else 1), label
        assert window.statusBar().currentMessage() == f"{'Undo' if undo else 'Redo'}: {label}"
        labels.append(label)
        menu_label(qtbot, window, project)
        seen.append(check_stage(project, stages, f"after {direction} of {label!r}"))
    assert [n for n in seen if n] == [n for n, _d, _s in
                                      (reversed(stages.marks) if undo else stages.marks)]
    return labels


UNDO_LABELS = [                                  # newest first, as the day went
    "Link claims (contradicts)", "Add claim", "Add claim", "Accept 1 mention",
    "Accept 1 mention", "Suggest 2 mentions", f"Add actor {ACTOR}", "Accept suggestion",
    "Accept suggestion", "Accept 14 suggestions", "Accept suggestion", "Reject suggestion",
    "Accept suggestion", "Detect redactions in 3 documents",
    *["Set document languages"] * 3, *[f"Add document {t}" for t in (COURT, BOXES, NOTES)]]


def undo_and_redo_the_day(qtbot, window, stages: Stages, full: dict, claim_ids) -> None:
    """Ctrl+Z down to the empty project, Ctrl+Shift+Z up to the full one; the panels follow."""
    project = window.session.project
    [actor_id] = window.actors.panel.ids()
    undone = walk(qtbot, window, stages, "undo")
    assert undone == UNDO_LABELS
    qtbot.waitUntil(lambda: window.documents.count() == 0, timeout=10000)
    assert window.actors.panel.ids() == [] and window.claims.panel.claim_ids() == []
    redone = walk(qtbot, window, stages, "redo")
    assert redone == undone[::-1]
    assert snapshot(project) == full                  # page texts too, to the letter
    qtbot.waitUntil(lambda: window.documents.count() == 3, timeout=10000)
    qtbot.waitUntil(lambda: sorted(window.claims.panel.claim_ids()) == sorted(claim_ids),
                    timeout=10000)
    assert window.actors.panel.ids() == [actor_id]
    assert no_errors(window) == []


def test_a_day_in_the_archive(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "recto.ini"), QSettings.Format.IniFormat)
    pdfs = [tmp_path / f"{name}.pdf" for name in (NOTES, BOXES, COURT)]
    for pdf in pdfs:
        shutil.copy(SAMPLES / pdf.name, pdf)
    path = tmp_path / "archive-day.recto"
    stages = Stages()

    window = new_window(qtbot, settings)
    assert window.open_project(path, create=True)        # File > New after its file dialog
    project = window.session.project
    stages.mark("empty", project)
    drop_pdfs(qtbot, window, pdfs)
    stages.mark("documents", project)
    ocr_all(qtbot, window)
    stages.mark("ocr", project)
    detect_and_review(qtbot, window)
    stages.mark("redactions", project)
    actor = create_actor(qtbot, window)
    stages.mark("actor", project)
    accept_mentions(qtbot, window, actor)
    stages.mark("mentions", project)
    claim_ids = claims_and_link(qtbot, window, actor)
    full = stages.mark("linked", project)
    assert no_errors(window) == []
    export_set(qtbot, window, tmp_path / "set.db", full)
    window.close()
    assert window.session.project is None

    window = reopen_and_check(qtbot, settings, path, full, claim_ids)
    undo_and_redo_the_day(qtbot, window, stages, full, claim_ids)
    window.close()
