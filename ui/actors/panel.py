"""The Actors dock: every actor with its type and mention counts, a type-ahead filter
(any script: 総 finds 総連, "omu" finds Ōmura), and the registry's buttons.

The panel only lists and reports; New / Edit / Delete / Merge / Split are signals
the feature answers (it owns the dialogs and writes through app.actors.service).
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recto.app.actors import service
from recto.ui.plain_text import PlainLabel, plain_tip
from recto.ui.tree_items import top_level_items

ID_ROLE = Qt.ItemDataRole.UserRole


class ActorsPanel(QWidget):
    actor_selected = Signal(object)   # actor id or None
    requested = Signal(str)           # "new", "edit", "delete", "merge", "split"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("actors-panel")
        self.session = session
        self.filter = QLineEdit()
        self.filter.setObjectName("actors-filter")
        self.filter.setPlaceholderText("Filter: name or alias, any script…")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("actors-list")
        self.tree.setHeaderLabels(["Actor", "Type", "Confirmed", "Suggested"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.message = PlainLabel()
        self.message.setObjectName("actors-message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, tip in (
                ("new", "New…", "A new actor with its aliases"),
                ("edit", "Edit", "Show the selected actor in the Actor view"),
                ("delete", "Delete", "Delete the selected actor and its mentions (undoable)"),
                ("merge", "Merge…", "Select two actors: merge B into A"),
                ("split", "Split…", "Move the mentions selected in the Actor view to a new "
                                    "actor")):
            button = QToolButton()
            button.setText(text)
            button.setObjectName(f"actors-{key}")
            button.setToolTip(plain_tip(tip))
            button.clicked.connect(lambda _c=False, k=key: self.requested.emit(k))
            self.buttons[key] = button
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.filter.textChanged.connect(lambda _t: self.reload())
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemActivated.connect(lambda _i, _c: self.requested.emit("edit"))
        self.reload()

    # -- reading ------------------------------------------------------------------
    def reload(self) -> None:
        project = self.session.project
        query = self.filter.text().strip()
        keep = set(self.selected_ids())
        summaries = service.list_actors(project) if project is not None else []
        if query and project is not None:
            order = [a.id for a in service.search_actors(project, query, limit=10_000)]
            by_id = {s.actor.id: s for s in summaries}
            summaries = [by_id[i] for i in order if i in by_id]
        self.tree.blockSignals(True)
        self.tree.clear()
        for s in summaries:
            item = QTreeWidgetItem([s.actor.name, s.actor.type.value,
                                    str(s.counts.get("confirmed", 0)),
                                    str(s.counts.get("suggested", 0))])
            item.setData(0, ID_ROLE, s.actor.id)
            aliases = ", ".join(a.alias for a in s.actor.aliases)
            item.setToolTip(0, plain_tip(aliases or s.actor.name))
            for col in (2, 3):
                item.setTextAlignment(
                    col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            self.tree.addTopLevelItem(item)
            item.setSelected(s.actor.id in keep)
        self.tree.blockSignals(False)
        if keep != set(self.selected_ids()):
            self._selection_changed()
        self._update_buttons()

    def ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in top_level_items(self.tree)]

    def selected_ids(self) -> list[str]:
        """In list order, so "merge B into A" proposes the upper one as A."""
        chosen = {id(i) for i in self.tree.selectedItems()}
        return [item.data(0, ID_ROLE) for item in top_level_items(self.tree)
                if id(item) in chosen]

    def current_id(self) -> str | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    # -- writing the selection ----------------------------------------------------------
    def select(self, *actor_ids: str) -> None:
        wanted = set(actor_ids)
        self.tree.blockSignals(True)
        for item in top_level_items(self.tree):
            item.setSelected(item.data(0, ID_ROLE) in wanted)
            if item.data(0, ID_ROLE) in wanted:
                self.tree.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.tree.scrollToItem(item)
        self.tree.blockSignals(False)
        self._selection_changed()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _selection_changed(self) -> None:
        self._update_buttons()
        self.actor_selected.emit(self.current_id())

    def _update_buttons(self) -> None:
        n = len(self.selected_ids())
        has_project = self.session.project is not None
        self.buttons["new"].setEnabled(has_project)
        for key in ("edit", "delete", "split"):
            self.buttons[key].setEnabled(n == 1)
        self.buttons["merge"].setEnabled(n == 2)
