"""The search panel: a query, a scope (page, document, project) and the hits.

Search runs on the UI thread: the trigram index answers in milliseconds even on
thousands of pages. A chosen hit is emitted; the OCR feature opens its page and
draws its boxes.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
from recto.annotations import ocr_store
from recto.annotations.ocr_store import SearchHit
from recto.ui.plain_text import PlainLabel

SCOPES = ("This page", "This document", "Whole project")


class SearchPanel(QWidget):
    hit_chosen = Signal(object)  # SearchHit

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("search-panel")
        self.query = QLineEdit(placeholderText="Search the OCR text (any script)…")
        self.query.setClearButtonEnabled(True)
        self.scope = QComboBox()
        self.scope.addItems(SCOPES)
        self.hits = QListWidget()
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
        self.query.returnPressed.connect(self.run)
        self.scope.currentIndexChanged.connect(lambda _i: self.run() if self.query.text() else None)
        self.hits.itemActivated.connect(self._chosen)
        self.hits.itemClicked.connect(self._chosen)
        self.results: list[SearchHit] = []

    def focus(self, scope: str) -> None:
        """Ctrl+F / Ctrl+Shift+F: pick the scope and put the cursor in the query."""
        self.scope.setCurrentText(scope)
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def run(self) -> list[SearchHit]:
        self.hits.clear()
        self.results = self._search(self.query.text())
        titles: dict[str, str] = {}
        for hit in self.results:
            if hit.document_id not in titles:
                titles[hit.document_id] = self._title(hit.document_id)
            item = QListWidgetItem(f"{titles[hit.document_id]} — p. {hit.page_index + 1}\n"
                                   f"{hit.snippet}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.hits.addItem(item)
        if self.query.text().strip():
            self.status.setText(f"{len(self.results)} hit" + ("" if len(self.results) == 1 else "s")
                               if self.results else
                                "No hits. Pages without OCR text are not searched.")
        return self.results

    def _search(self, query: str) -> list[SearchHit]:
        project, doc = self.session.project, self.session.document
        if project is None or not query.strip():
            return []
        scope = self.scope.currentText()
        if scope != SCOPES[2] and doc is None:
            return []
        hits = ocr_store.search(project, query, None if scope == SCOPES[2] else [doc.id])
        if scope == SCOPES[0]:
            hits = [h for h in hits if h.page_index == self.session.page_index]
        return sorted(hits, key=lambda h: (h.document_id != getattr(doc, "id", None),
                                           h.document_id, h.page_index))

    def _title(self, document_id: str) -> str:
        try:
            return doc_store.get_document(self.session.project, document_id).title
        except Exception:  # noqa: BLE001 - a hit in a deleted document keeps its id
            return document_id[:8]

    def _chosen(self, item: QListWidgetItem) -> None:
        self.hit_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
