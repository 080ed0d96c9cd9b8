"""The open project as the UI sees it: one object, Qt signals for what changed.

The core notifies plain callbacks (possibly from a worker thread); this adapter
re-emits them as a queued Qt signal so views always refresh on the UI thread.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from recto.annotations import documents as doc_store
from recto.annotations.changes import ChangeSet
from recto.annotations.errors import NotFoundError
from recto.annotations.model import Document
from recto.annotations.project import Project


class Session(QObject):
    changed = Signal(object)          # ChangeSet
    project_opened = Signal(object)   # Project
    project_closed = Signal()
    document_selected = Signal(object)  # Document | None
    page_selected = Signal(int)       # page_index
    _relay = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.document: Document | None = None
        self.page_index = 0
        self._unsubscribe = None
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, changes: ChangeSet) -> None:
        """Pass a change on, after making sure the current document still exists: a
        burst of undos can remove it before views hear of the earlier steps."""
        if self.project is None:
            return
        if self.document is not None:
            try:
                self.document = doc_store.get_document(self.project, self.document.id)
            except NotFoundError:
                self.select_document(None)
        self.changed.emit(changes)

    def open(self, project: Project) -> None:
        self.close()
        self.project = project
        self._unsubscribe = project.subscribe(self._relay.emit)
        self.project_opened.emit(project)
        docs = doc_store.list_documents(project)
        self.select_document(docs[0] if docs else None)

    def close(self) -> None:
        if self.project is None:
            return
        if self._unsubscribe:
            self._unsubscribe()
        self.project.close()
        self.project = None
        self.document = None
        self.project_closed.emit()

    def select_document(self, document: Document | None, page_index: int = 0) -> None:
        self.document = document
        self.page_index = page_index
        self.document_selected.emit(document)
        self.page_selected.emit(page_index)

    def go_to(self, document_id: str, page_index: int) -> None:
        """Show a page of any document: switch documents only when needed, so the views
        keep their state when the page is in the open one (search hits, evidence, mentions)."""
        if self.project is None:
            return
        if self.document is None or self.document.id != document_id:
            self.select_document(doc_store.get_document(self.project, document_id), page_index)
        elif self.page_index != page_index:
            self.select_page(page_index)

    def select_page(self, page_index: int) -> None:
        if self.document is None:
            return
        page_index = max(0, min(self.document.page_count - 1, page_index))
        if page_index != self.page_index:
            self.page_index = page_index
            self.page_selected.emit(page_index)

    def refresh_document(self) -> None:
        """Re-read the current document after an edit (title, reference)."""
        if self.project is not None and self.document is not None:
            try:
                self.document = doc_store.get_document(self.project, self.document.id)
            except Exception:
                self.document = None

    def notify_external(self, label: str, tables: set[str]) -> None:
        """Tell views about changes made outside the undo log (OCR, detection)."""
        self.changed.emit(ChangeSet(label, frozenset(tables), frozenset(), "external"))
