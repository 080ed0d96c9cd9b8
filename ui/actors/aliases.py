"""The aliases of one actor: a table (alias, language tag, kind, where attested) with
an add row and Remove. Writes go through app.actors.service, one undoable step each; a bad
alias (empty, duplicate, bad tag) shows its message under the table, and warnings
(a one-letter alias, one shared with another actor) show there too."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recto.annotations.model import Actor, AliasKind
from recto.app.actors import service
from recto.app.errors import RectoError
from recto.ui.plain_text import plain_tip

ID_ROLE = Qt.ItemDataRole.UserRole


class AliasEditor(QWidget):
    message = Signal(str, bool)   # text, is_error

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("actor-aliases")
        self.session = session
        self.actor: Actor | None = None
        self.titles: dict[str, str] = {}
        self.table = QTreeWidget()
        self.table.setObjectName("actor-alias-list")
        self.table.setHeaderLabels(["Alias", "Lang", "Kind", "Attested"])
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(170)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.alias = QLineEdit()
        self.alias.setObjectName("actor-alias-input")
        self.alias.setPlaceholderText("New alias (総連, Chongryun…)")
        self.lang = QLineEdit()
        self.lang.setObjectName("actor-alias-lang")
        self.lang.setPlaceholderText("lang: ja, ko-Latn…")
        self.lang.setMaximumWidth(130)
        self.kind = QComboBox()
        self.kind.setObjectName("actor-alias-kind")
        for k in AliasKind:
            self.kind.addItem(k.value.replace("_", " "), k)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("actor-alias-add")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("actor-alias-remove")
        row = QHBoxLayout()
        row.addWidget(self.lang)
        row.addWidget(self.kind, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.alias)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add)
        self.alias.returnPressed.connect(self.add)
        self.lang.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)

    def show_actor(self, actor: Actor | None, titles: dict[str, str]) -> None:
        self.actor, self.titles = actor, titles
        self.table.clear()
        for a in (actor.aliases if actor else ()):
            where, tip = "researcher", "added by the researcher"
            if a.attested_document_id:
                title = titles.get(a.attested_document_id, a.attested_document_id[:8])
                page = f", p. {a.attested_page_index + 1}" if a.attested_page_index is not None \
                    else ""
                where = tip = f"{title}{page}"
            item = QTreeWidgetItem([a.alias, a.lang, a.kind.value.replace("_", " "), where])
            item.setData(0, ID_ROLE, a.id)
            item.setToolTip(3, plain_tip(tip))
            item.setToolTip(0, plain_tip(a.alias))
            self.table.addTopLevelItem(item)
        self.setEnabled(actor is not None)

    def add(self) -> None:
        project = self.session.project
        if self.actor is None or project is None or not self.alias.text().strip():
            return
        given = service.AliasInput(self.alias.text(), self.lang.text(),
                                   self.kind.currentData())
        try:
            result = service.add_aliases(project, self.actor.id, [given])
        except RectoError as exc:
            self.message.emit(exc.message, True)
            return
        self.alias.clear()
        self.message.emit(" ".join(result.warnings), False)

    def remove_selected(self) -> None:
        project = self.session.project
        ids = [i.data(0, ID_ROLE) for i in self.table.selectedItems()]
        if project is None or not ids:
            return
        try:
            for alias_id in ids:
                service.remove_alias(project, alias_id)
        except RectoError as exc:
            self.message.emit(exc.message, True)
