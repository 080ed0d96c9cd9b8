"""The search panel: a query, a scope (page, document, project) and the hits.

Results come as you type (200 ms after the last keystroke); Enter / Shift+Enter in the
query (and F3 / Shift+F3 anywhere) go to the next / previous hit. Every occurrence is a
hit, listed in reading order within its page. The first screen runs on the UI thread:
SQLite matches the pages without reading their text, and only the hits listed get
snippets and boxes (`bench/search_speed.py`); more are fetched when the list is
scrolled to its end. Counting every occurrence reads each matching page, so on many
pages it runs in a thread and the count arrives after the hits.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recto.annotations import documents as doc_store
from recto.app.text.search import SearchHit, SearchResult, count_hits, parse_query, search
from recto.app.text.wording import count
from recto.ui.plain_text import PlainLabel

SCOPES = ("This page", "This document", "Whole project")
DEBOUNCE_MS = 200
SCREEN = 50  # hits fetched at a time
COUNT_INLINE = 200  # matching pages counted before the status shows; more: in a thread


class SearchPanel(QWidget):
    hit_chosen = Signal(object)  # SearchHit
    counted = Signal(object, int)  # SearchResult, every occurrence (from a thread)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("search-panel")
        self.query = QLineEdit(placeholderText='Search the text: words, "a phrase", 総連…')
        self.query.setClearButtonEnabled(True)
        self.scope = QComboBox()
        self.scope.setAccessibleName("Search in")
        self.scope.addItems(SCOPES)
        self.hits = QListWidget()
        self.hits.setAccessibleName("Search results")
        self.hits.setWordWrap(True)
        self.status = PlainLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.hits, 1)
        layout.addWidget(self.status)
        self._typing = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._typing.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _t: self._typing.start())
        self.query.installEventFilter(self)
        self.scope.currentIndexChanged.connect(lambda _i: self.run() if self.query.text() else None)
        self.hits.itemActivated.connect(self._chosen)
        self.hits.itemClicked.connect(self._chosen)
        self.hits.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.counted.connect(self._counted)
        self.result: SearchResult | None = None
        self._ran_for: tuple | None = None
        self._titles: dict[str, str] = {}

    @property
    def results(self) -> list[SearchHit]:
        """The hits listed so far (more are fetched on scroll)."""
        return [self.hits.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.hits.count())]

    def focus(self, scope: str) -> None:
        """Ctrl+F / Ctrl+Shift+F: pick the scope and put the cursor in the query."""
        self.scope.setCurrentText(scope)
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter: next hit (after searching, if the query changed); Shift+Enter: previous."""
        if watched is self.query and isinstance(event, QKeyEvent) and \
                event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return True
        return super().eventFilter(watched, event)

    # -- searching --------------------------------------------------------------------
    def run(self) -> list[SearchHit]:
        self._typing.stop()
        self.hits.clear()
        self._titles.clear()
        self.result = self._search(self.query.text(), 0)
        self._ran_for = self._key()
        self._add(self.result.hits if self.result else ())
        self._show_status()
        return self.results

    def _key(self) -> tuple:
        """What the listed hits depend on: the query, the scope and where it points."""
        scope, doc = self.scope.currentText(), self.session.document
        return (self.query.text(), scope, id(self.session.project),
                getattr(doc, "id", None) if scope != SCOPES[2] else None,
                self.session.page_index if scope == SCOPES[0] else None)

    def _search(self, query: str, offset: int) -> SearchResult | None:
        project, doc = self.session.project, self.session.document
        scope = self.scope.currentText()
        if project is None or not parse_query(query).terms or (scope != SCOPES[2]
                                                                and doc is None):
            return None
        if scope == SCOPES[2]:
            return search(project, query, limit=SCREEN, offset=offset, count=False)
        page = self.session.page_index if scope == SCOPES[0] else None
        return search(project, query, [doc.id], limit=SCREEN, offset=offset, page_index=page,
                      order="reading", count=False)

    def _add(self, hits) -> None:
        for hit in hits:
            title = self._title(hit.document_id)
            where = f"{title} — p. {hit.page_index + 1}"
            if hit.on_page > 1:
                where += f" ({hit.number} of {hit.on_page})"
            item = QListWidgetItem(f"{where}\n{hit.snippet}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.hits.addItem(item)

    def _show_status(self) -> None:
        """Pages at once; every occurrence counted then, in a thread when many pages match
        (counting reads each page's text), so the next keystroke never waits for it."""
        r = self.result
        if not self.query.text().strip():
            self.status.setText("")
        elif r is None or not r.hits:
            self.status.setText("No hits. Pages without text (not yet OCR'd) are not searched.")
        elif r.page_count <= COUNT_INLINE:
            self._counted(r, count_hits(self.session.project, r.query, *r.scope))
        else:
            self.status.setText(f"Counting hits on {count(r.page_count, 'page')}…")
            project = self.session.project
            threading.Thread(target=lambda: self.counted.emit(
                r, count_hits(project, r.query, *r.scope)), daemon=True).start()

    def _counted(self, result: SearchResult, total: int) -> None:
        if result is self.result:  # not a query typed over since
            self.status.setText(f"{count(total, 'hit')} on {count(result.page_count, 'page')}")

    def more(self) -> bool:
        """Fetch the next screen of hits; False when all are listed."""
        r = self.result
        if r is None or not r.more:
            return False
        nxt = self._search(r.query.text, r.offset + len(r.hits))
        if nxt is None or not nxt.hits:
            return False
        self.result = SearchResult(r.query, r.total, r.hits + nxt.hits, r.offset, r.pages,
                                   r.scope)
        self._add(nxt.hits)
        return True

    def _scrolled(self, value: int) -> None:
        if value >= self.hits.verticalScrollBar().maximum() - 2:
            self.more()

    # -- going through the hits ---------------------------------------------------------
    def step(self, delta: int) -> SearchHit | None:
        """Next (+1) or previous (-1) hit, shown on its page (wrapping around); searches
        first when the query or scope changed since the list was made."""
        if self._ran_for != self._key() or self._typing.isActive():
            self.run()
            row = -1
        else:
            row = self.hits.currentRow()
        if not self.hits.count():
            return None
        if row < 0:
            target = 0 if delta > 0 else self.hits.count() - 1
        else:
            target = row + delta
            if target >= self.hits.count():
                self.more()
            target %= self.hits.count()
        self.hits.setCurrentRow(target)
        return self._chosen(self.hits.item(target))

    def _title(self, document_id: str) -> str:
        if document_id not in self._titles:
            try:
                self._titles[document_id] = doc_store.get_document(self.session.project,
                                                                   document_id).title
            except Exception:  # noqa: BLE001 - a hit in a deleted document keeps its id
                return document_id[:8]
        return self._titles[document_id]

    def _chosen(self, item: QListWidgetItem) -> SearchHit:
        hit = item.data(Qt.ItemDataRole.UserRole)
        self.hit_chosen.emit(hit)
        return hit
