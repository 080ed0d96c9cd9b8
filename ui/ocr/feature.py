"""OCR in the window: run it (Tools menu), see the words, select and copy them, search.

Actions: Tools > OCR Document… (Ctrl+Shift+O) and OCR Selected Pages…; View > Show
OCR Words (Ctrl+Alt+W); Tools > Select Words tool (T); Edit > Copy Selected Words
(Ctrl+C: the page text's view of them, a confirmed redaction as its placeholder);
Edit > Correct Text… (F2, or right-click a word) retypes the selection in place;
Find on Page (Ctrl+F) and Find in Project (Ctrl+Shift+F) open the Search panel; Find
Next / Previous (F3 / Shift+F3) step through its hits. OCR runs through the window's
JobRunner: a plain app/ job in a worker thread (which itself drives the OCR processes),
with progress and Cancel.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from recto.annotations.model import Box
from recto.app import documents as doc_service
from recto.app.errors import RectoError
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.many import ocr_documents, read
from recto.app.ocr.pipeline import OcrRunReport, parse_pages
from recto.app.text.corrections import correct
from recto.app.text.page_text import confirmed_page_boxes
from recto.app.text.placeholders import selection_text
from recto.app.text.search import SearchHit
from recto.app.text.wording import count
from recto.ui.errors import show_error
from recto.ui.ocr.dialog import OcrDialog
from recto.ui.ocr.search_panel import SCOPES, SearchPanel
from recto.ui.ocr.word_edit import WordEditor
from recto.ui.ocr.word_overlay import PageWords, WordOverlay
from recto.ui.ocr.word_select import WordSelectTool

HIT_LAYER = "search-hits"


class OcrFeature(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.words = PageWords(window)
        self.overlay = WordOverlay(window.view, self.words)
        self.selector = WordSelectTool(window.view, self.words, self)
        self.search = SearchPanel(window.session)
        self.search_dock = window.add_panel("Search", self.search, role="left")
        self.dialog: OcrDialog | None = None
        self.job = None
        self.editor: WordEditor | None = None
        self.last_report: OcrRunReport | None = None
        self._hit: SearchHit | None = None
        self._actions()
        self.search.hit_chosen.connect(self.show_hit)
        window.view.page_shown.connect(lambda *_: self._draw_hit())
        window.view.tool_changed.connect(
            lambda tool: self.tool_action.setChecked(tool is self.selector))
        window.view.add_context_entries(self._context_entries)
        self.words.changed.connect(self._cancel_edit)  # another page, or new OCR under it
        window.view.context_menu_wanted.connect(self._word_menu)

    def _actions(self) -> None:
        add = self.window.add_action
        add("ocr_document", "&OCR Document…", self.ocr_document_dialog, "Ctrl+Shift+O",
            menu="&Tools", tip="Read the text of every page (pages done before are skipped).")
        add("ocr_pages", "OCR &Selected Pages…", self.ocr_pages_dialog, menu="&Tools")
        add("ocr_documents", "OCR Selected &Documents",
            lambda: self.run_documents(self.window.documents.selected_documents()),
            menu="&Tools", tip="Read every selected document (Documents panel) as one job, "
                               "each in its own languages.")
        self.window.documents.add_menu_action("OCR {n} Document{s}", self.run_documents)
        self.tool_action = add("select_words", "Select &Words", self.toggle_tool, "T",
                               menu="&Tools", tip="Drag over OCR words, or shift-click them.")
        self.tool_action.setCheckable(True)
        self.overlay_action = add("show_ocr_words", "Show OCR &Words", self.overlay.set_visible,
                                  "Ctrl+Alt+W", menu="&View")
        self.overlay_action.setCheckable(True)
        add("copy_words", "&Copy Selected Words", self.copy_words, QKeySequence.StandardKey.Copy,
            menu="&Edit")
        add("correct_text", "Co&rrect Text…", self.edit_selection, "F2", menu="&Edit",
            tip="Retype the selected OCR words (Enter saves, Escape cancels); undoable.")
        add(
            "find_page",
            "&Find on Page…",
            lambda: self.open_search(SCOPES[0]),
            QKeySequence.StandardKey.Find,
            menu="&Edit",
        )
        add("find_project", "Find in &Project…", lambda: self.open_search(SCOPES[2]),
            "Ctrl+Shift+F", menu="&Edit")
        add("find_next", "Find Ne&xt", lambda: self.search.step(1), "F3", menu="&Edit",
            tip="The next search hit, in reading order (Enter in the search field).")
        add("find_previous", "Find Pre&vious", lambda: self.search.step(-1), "Shift+F3",
            menu="&Edit", tip="The previous search hit (Shift+Enter in the search field).")

    def _word_menu(self, _menu, point) -> None:
        """A right-click on a word outside the selection selects that word, so the page
        menu offers what a selection allows (copy, mention, claim) for it."""
        word = self.selector.word_at(point)
        if word is not None and word not in self.selector.selected:
            self.selector.set_selection([word])

    # -- running OCR ------------------------------------------------------------------
    def ocr_document_dialog(self) -> OcrDialog | None:
        return self._open_dialog("OCR document", None)

    def ocr_pages_dialog(self) -> OcrDialog | None:
        return self._open_dialog("OCR selected pages", str(self.window.session.page_index + 1))

    def _open_dialog(self, title: str, pages: str | None) -> OcrDialog | None:
        doc = self.window.session.document
        if doc is None:
            self.window.statusBar().showMessage("Open a document first.", 4000)
            return None
        self.dialog = OcrDialog(title, doc.languages, pages, self.window)
        self.dialog.accepted.connect(lambda d=self.dialog: self._accepted(d, pages is not None))
        self.dialog.open()
        return self.dialog

    def _accepted(self, dialog: OcrDialog, ask_pages: bool) -> None:
        doc = self.window.session.document
        try:
            codes = dialog.languages()
            settings = OcrSettings(languages="+".join(codes), force_ocr=dialog.force.isChecked())
            pages = parse_pages(dialog.pages.text(), doc.page_count) if ask_pages else None
        except Exception as exc:  # noqa: BLE001 - bad page ranges etc. are shown, not raised
            show_error(self.window, exc)
            return
        self.run(settings, pages, remember=codes if codes != tuple(doc.languages) else None)

    def run(self, settings: OcrSettings, pages: list[int] | None = None, jobs: int | None = None,
            remember: tuple[str, ...] | None = None):
        """Start OCR of the current document; returns the Job (tests wait on it).

        `remember`: languages to store on the document first (an undoable edit), written
        in the job thread like the pages, so the window never waits for the disk."""
        project, doc = self.window.session.project, self.window.session.document

        def job(state):
            if remember is not None:
                doc_service.set_languages(project, doc.id, remember)
            return read(project, doc, settings, pages, jobs, state)
        self.job = self.window.jobs.run(
            f"OCR of {doc.title}", job,
            on_done=self._finished, on_error=lambda exc: self._failed(exc),
            on_cancel=self._cancelled)
        return self.job

    def run_documents(self, documents, settings: OcrSettings | None = None):
        """OCR several documents as one job (one progress bar, one Cancel); returns the Job."""
        project = self.window.session.project
        if project is None or not documents:
            return None
        settings = settings or OcrSettings()
        self.job = self.window.jobs.run(
            f"OCR of {count(len(documents), 'document')}",
            lambda state: ocr_documents(project, list(documents), settings, state),
            on_done=self._finished_many, on_error=lambda exc: self._failed(exc),
            on_cancel=self._cancelled)
        return self.job

    def _finished_many(self, reports: list[OcrRunReport]) -> None:
        done = sum(len(r.done) for r in reports)
        failed = [f"{r.title} p. {i + 1}" for r in reports for i, _ in r.failed]
        self.window.statusBar().showMessage(
            f"OCR of {count(len(reports), 'document')}: {count(done, 'page')} read, "
            f"{sum(len(r.skipped) - len(r.from_store) for r in reports)} already done"
            + _stored(sum(len(r.from_store) for r in reports))
            + (f", failed: {', '.join(failed[:5])}" if failed else "."), 10000)
        self.window.session.notify_external("OCR", {"page_texts"})

    def _finished(self, report: OcrRunReport) -> None:
        self.last_report = report
        failed = ", ".join(f"p. {i + 1}" for i, _ in report.failed)
        self.window.statusBar().showMessage(
            f"OCR: {count(len(report.done), 'page')} read, "
            f"{len(report.skipped) - len(report.from_store)} already done"
            + _stored(len(report.from_store))
            + (f", failed: {failed} (see Tools > OCR to retry)" if failed else "."), 10000)
        self.window.session.notify_external("OCR", {"page_texts"})

    def _failed(self, exc: BaseException) -> None:
        self.window.session.notify_external("OCR", {"page_texts"})
        show_error(self.window, exc)

    def _cancelled(self) -> None:
        self.window.statusBar().showMessage("OCR cancelled; the pages read are kept.", 6000)
        self.window.session.notify_external("OCR", {"page_texts"})

    # -- words ------------------------------------------------------------------------
    def toggle_tool(self, on: bool) -> None:
        view = self.window.view
        if on:
            view.set_tool(self.selector)
        elif view.tool is self.selector:
            view.set_tool(None)

    def copy_text(self) -> str:
        """The selection as the page text reads it: placeholders, never hidden words."""
        project, key = self.window.session.project, self.words.key
        if not self.selector.selected or project is None or key is None:
            return ""
        boxes = confirmed_page_boxes(project, *key)
        return selection_text(self.words.all, self.selector.selected, boxes)

    def copy_words(self) -> str:
        text = self.copy_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.window.statusBar().showMessage(
                f"Copied {len(self.selector.selected)} words.", 3000)
        return text

    # -- correcting -------------------------------------------------------------------
    def edit_selection(self) -> WordEditor | None:
        """Open the in-place editor over the selected words (F2)."""
        if self.editor is not None:
            return self.editor
        words = self.selector.selected
        box = self.selector.bbox()
        if not words or box is None:
            self.window.statusBar().showMessage(
                "Select a word or a line first (Tools > Select Words, then click or drag).", 5000)
            return None
        rect = QRectF(box.x0, box.y0, box.width, box.height)
        self.editor = WordEditor(self.window.view, rect, " ".join(w.text for w in words))
        self.editor.saved.connect(self.save_correction)
        self.editor.closed.connect(self._editor_closed)
        self.editor.open()
        return self.editor

    def _cancel_edit(self) -> None:
        if self.editor is not None:
            self.editor.cancel()

    def _editor_closed(self) -> None:
        self.editor = None
        self.window.view.setFocus()

    def save_correction(self, text: str) -> None:
        project, key, words = self.window.session.project, self.words.key, self.selector.selected
        if project is None or key is None or not words:
            return
        numbers = {w.seq: i for i, w in enumerate(self.words.all)}
        try:
            result = correct(project, key[0], key[1], [numbers[w.seq] for w in words], text)
        except RectoError as exc:
            show_error(self.window, exc)
            return
        self.window.statusBar().showMessage(
            f"Corrected {count(len(result.changed), 'word')}; Edit > Undo takes it back."
            if result.changed else "Nothing changed.", 5000)

    def _context_entries(self, point, menu) -> None:
        word = self.selector.word_at(point)
        if word is not None and all(w is not word for w in self.selector.selected):
            self.selector.set_selection([word])
        if word is None and not self.selector.selected:
            return
        menu.addAction("Correct Text…", self.edit_selection)
        menu.addAction("Copy", self.copy_words)

    def selected_words(self):
        """(document, page_index, words in reading order, bbox) or None: for claims/mentions."""
        if not self.selector.selected or self.words.key is None:
            return None
        return (self.window.session.document, self.words.key[1], list(self.selector.selected),
                self.selector.bbox())

    # -- search -----------------------------------------------------------------------
    def open_search(self, scope: str) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus(scope)

    def show_hit(self, hit: SearchHit) -> None:
        session = self.window.session
        self._hit = hit
        session.go_to(hit.document_id, hit.page_index)
        self._draw_hit()

    def _draw_hit(self) -> None:
        view = self.window.view
        view.clear_layer(HIT_LAYER)
        hit, doc = self._hit, self.window.session.document
        if hit is None or doc is None or (doc.id, view.page_index) != (hit.document_id,
                                                                        hit.page_index):
            return
        group = view.layer(HIT_LAYER, z=25)
        for box in hit.bboxes:
            item = QGraphicsRectItem(QRectF(box.x0 - 1, box.y0 - 1, box.width + 2,
                                            box.height + 2))
            pen = QPen(QColor(230, 120, 0), 1.5)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.setBrush(QBrush(QColor(255, 200, 0, 90)))
            group.addToGroup(item)
        if hit.bboxes:  # scrolled into view with a margin, not re-centred at every step
            box = Box.union(hit.bboxes)
            view.ensureVisible(QRectF(box.x0, box.y0, box.width, box.height), 60, 80)

    def hit_items(self) -> list[QGraphicsRectItem]:
        return list(self.window.view.layer(HIT_LAYER, z=25).childItems())


def install(window) -> None:
    feature = OcrFeature(window)
    window.ocr = feature
    window.selected_words = feature.selected_words
    window.selected_text = feature.copy_text


def _stored(taken: int) -> str:
    return f", {count(taken, 'page')} from the archive store" if taken else ""
