"""Redactions in the main window: overlay, tool (R), panel, suggestions, statistics,
detection (Tools > Detect Redactions) and review actions. Everything writes through
app/redactions/service.py, so Ctrl+Z undoes it like any other edit."""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QScrollArea

from recto.annotations import documents as doc_store
from recto.app.errors import RectoError
from recto.app.redactions import service
from recto.ui.errors import show_error
from recto.ui.redactions.overlay import RedactionOverlay
from recto.ui.redactions.panel import RedactionPanel
from recto.ui.redactions.stats import StatsPanel
from recto.ui.redactions.suggestions import SuggestionList
from recto.ui.redactions.tool import RedactionTool


class RedactionFeature(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window, self.session = window, window.session
        self.overlay = RedactionOverlay(window)
        self.tool = RedactionTool(window, self.overlay)
        self.panel = RedactionPanel(self.session)
        self.suggestions = SuggestionList(self.session)
        self.stats = StatsPanel(self.session)
        self._unsync = None
        self.panel_dock = window.add_panel("Redaction", self.panel, role="editor", order=10)
        self.suggestions_dock = window.add_panel("Redaction suggestions", self.suggestions,
                                                 role="list", order=0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stats)
        self.stats_dock = window.add_panel("Redaction statistics", scroll, role="list", order=40)
        self._actions()
        self._connect()

    def _actions(self) -> None:
        w = self.window
        self.tool_action = w.add_action(
            "redaction_tool", "&Redaction Tool", self.toggle_tool, "R", menu="&Annotate",
            tip="Drag on the page to mark a redaction; drag a box to move it, a corner to resize.")
        self.tool_action.setCheckable(True)
        delete = w.add_action("redaction_delete", "&Delete Redaction", self.delete_selected,
                              QKeySequence(QKeySequence.StandardKey.Delete), menu="&Annotate")
        # Only while the page has focus: Delete in a text field or a list stays theirs.
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.view.addAction(delete)
        w.removeAction(delete)
        w.add_action("redaction_review", "Review Redaction &Suggestions", self.focus_suggestions,
                     "Ctrl+Shift+R", menu="&Annotate")
        w.add_action("redaction_accept_above", "Accept Suggestions Above Confidence…",
                     self.accept_above_dialog, menu="&Annotate")
        w.add_action("redaction_detect", "Detect &Redactions", self.detect_current,
                     menu="&Tools", tip="Find black bars and outlined boxes in this document.")
        w.add_action("redaction_detect_all", "Detect Redactions in All Documents",
                     self.detect_all, menu="&Tools")

    def _connect(self) -> None:
        s = self.session
        self.overlay.selection_changed.connect(self.panel.set_redaction)
        self.suggestions.chosen.connect(self.show_redaction)
        self.suggestions.centred.connect(lambda r: self.show_redaction(r, centre=True))
        s.document_selected.connect(lambda _d: self._reload_lists())
        s.changed.connect(self._on_change)
        s.project_opened.connect(self._project_opened)
        self.window.view.tool_changed.connect(
            lambda tool: self.tool_action.setChecked(tool is self.tool))
        s.project_closed.connect(self._project_closed)
        if s.project is not None:
            self._project_opened(s.project)

    # -- session --------------------------------------------------------------------
    def _project_opened(self, project) -> None:
        self._project_closed()
        self._unsync = service.keep_page_text_in_sync(project)
        self._reload_lists()

    def _project_closed(self) -> None:
        if self._unsync is not None:
            self._unsync()
            self._unsync = None
        self._reload_lists()

    def _on_change(self, changes) -> None:
        if changes.touches("redactions", "documents", "pages"):
            self._reload_lists()
        if changes.kind == "external" and changes.touches("page_texts") and self.session.project:
            # New OCR text: put the placeholders of confirmed redactions back in.
            service.sync_page_texts(self.session.project)

    def _reload_lists(self) -> None:
        self.suggestions.reload()
        self.stats.reload()

    # -- actions --------------------------------------------------------------------
    def toggle_tool(self) -> None:
        active = self.window.view.tool is not self.tool
        self.window.view.set_tool(self.tool if active else None)
        self.tool_action.setChecked(active)
        self.window.statusBar().showMessage(
            "Redaction tool: drag to mark, drag a box to move, a corner to resize; R to stop."
            if active else "Redaction tool off.", 4000)

    def delete_selected(self) -> None:
        r = self.overlay.selected()
        if r is None or self.session.project is None:
            return
        try:
            service.delete_redactions(self.session.project, [r.id])
        except RectoError as exc:
            show_error(self.window, exc)

    def focus_suggestions(self) -> None:
        self.suggestions_dock.show()
        self.suggestions_dock.raise_()
        self.suggestions.list.setFocus()
        self.suggestions.show_current()

    def show_redaction(self, r, centre: bool = False) -> None:
        """Go to a redaction's page, select it, and bring it on screen: scrolled to,
        zoomed in if it would be too small to judge, centred when asked (Enter)."""
        if self.session.document is None or self.session.document.id != r.document_id:
            return
        if self.session.page_index != r.page_index:
            self.session.select_page(r.page_index)
        self.overlay.select(r.id)
        bring_into_view(self.window.view, r.bbox, centre)

    def accept_above_dialog(self) -> None:
        if self.session.project is None or self.session.document is None:
            return
        value, ok = QInputDialog.getDouble(
            self.window, "Accept suggestions", "Accept every suggestion of this document "
            "with a confidence of at least:", 0.9, 0.0, 1.0, 2)
        if ok:
            self.accept_above(value)

    def accept_above(self, min_confidence: float) -> int:
        count = service.review_suggestions(self.session.project, True,
                                           self.session.document.id,
                                           min_confidence=min_confidence)
        self.window.statusBar().showMessage(f"Accepted {count} suggestion(s).", 4000)
        return count

    def detect_current(self) -> None:
        if self.session.document is not None:
            self._detect([self.session.document])

    def detect_all(self) -> None:
        if self.session.project is not None:
            self._detect(doc_store.list_documents(self.session.project))

    def _detect(self, documents) -> None:
        project = self.session.project
        if project is None or not documents:
            return
        self.job = self.window.jobs.run(
            "Detecting redactions",
            lambda state: service.detect_documents(project, documents, state),
            on_done=self._detected, on_error=lambda exc: show_error(self.window, exc))

    def _detected(self, reports) -> None:
        added = sum(r.added for r in reports)
        dup = sum(r.duplicates for r in reports)
        skipped = [(r.title, i) for r in reports for i, _ in r.skipped]
        filled = sum(r.codes_filled for r in reports)
        text = f"Detection: {added} new suggestion(s), {dup} already known" + (
            f", {filled} given their code." if filled else ".")
        if skipped:
            text += " Skipped: " + ", ".join(f"{t} p. {i + 1}" for t, i in skipped)
        self.window.statusBar().showMessage(text, 8000)
        self._reload_lists()
        self.overlay.reload()
        if added:
            self.focus_suggestions()


MIN_BOX_PX = 48        # a box narrower (or lower, / 4) than this on screen is zoomed to
MAX_AUTO_ZOOM = 4.0


def bring_into_view(view, box, centre: bool = False) -> None:
    """Make `box` (PDF points, which are the page's scene units) visible in `view`."""
    rect = QRectF(box.x0, box.y0, box.width, box.height)
    small = min(rect.width() * view.zoom / MIN_BOX_PX, 4 * rect.height() * view.zoom / MIN_BOX_PX)
    port = view.viewport().size()
    if 0 < small < 1 and view.zoom < MAX_AUTO_ZOOM:
        fits = min(port.width() / max(rect.width(), 1), port.height() / max(rect.height(), 1))
        view.set_zoom(min(MAX_AUTO_ZOOM, view.zoom / small, 0.8 * fits))
        centre = True
    elif rect.width() * view.zoom > port.width() or rect.height() * view.zoom > port.height():
        centre = True   # larger than the window: its middle is the best that can be shown
    if centre:
        view.centerOn(rect.center())
    else:
        view.ensureVisible(rect, 40, 40)


def install(window) -> RedactionFeature:
    feature = RedactionFeature(window)
    window.redactions = feature
    return feature
