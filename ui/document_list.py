"""The project's documents, with page counts and the "file missing" state."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QMenu

from recto.annotations import documents as doc_store
from recto.annotations.model import Document
from recto.ui.plain_text import plain_tip


class DocumentList(QListWidget):
    document_chosen = Signal(object)
    files_dropped = Signal(list)
    relink_wanted = Signal(object)   # Document: show Recto where its PDF is now

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("document-list")
        self.session = session
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.currentItemChanged.connect(self._chosen)
        session.project_opened.connect(lambda _p: self.reload())
        session.project_closed.connect(self.clear)
        session.changed.connect(self._on_change)
        session.document_selected.connect(self._select)

    def reload(self) -> None:
        project = self.session.project
        self.blockSignals(True)
        self.clear()
        if project is not None:
            for doc in doc_store.list_documents(project):
                self.addItem(self._item(doc))
        self.blockSignals(False)
        self._select(self.session.document)

    def _item(self, doc: Document) -> QListWidgetItem:
        missing = not doc.path or not Path(doc.path).exists()
        pages = f"{doc.page_count} page" + ("" if doc.page_count == 1 else "s")
        text = f"{doc.title}\n{pages}"
        if missing:
            text += " · document missing"
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, doc)
        item.setToolTip(plain_tip(f"{doc.title}\n{doc.reference.cite()}\n{doc.path or 'no file'}"
                                  f"\nSHA-256 {doc.sha256[:16]}…"))
        if missing:
            item.setForeground(QColor(Qt.GlobalColor.darkRed))
        return item

    def documents(self) -> list[Document]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def _chosen(self, current, _previous) -> None:
        if current is not None:
            doc = current.data(Qt.ItemDataRole.UserRole)
            if self.session.document is None or self.session.document.id != doc.id:
                self.document_chosen.emit(doc)

    def _select(self, document) -> None:
        self.blockSignals(True)
        for i in range(self.count()):
            if (
                document is not None
                and self.item(i).data(Qt.ItemDataRole.UserRole).id == document.id
            ):
                self.setCurrentRow(i)
                break
        self.blockSignals(False)

    def _on_change(self, changes) -> None:
        if changes.touches("documents", "pages"):
            self.reload()

    def contextMenuEvent(self, event) -> None:
        item = self.itemAt(event.pos())
        if item is None:
            return
        doc = item.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        menu.setObjectName("document-menu")
        menu.addAction("Open", lambda: self.document_chosen.emit(doc))
        menu.addAction("Relink PDF…", lambda: self.relink_wanted.emit(doc))
        menu.popup(event.globalPos())

    # -- drag and drop of PDFs, photos and folders of photos ------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths)
            event.acceptProposedAction()
