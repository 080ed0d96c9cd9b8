"""Dock listing the project's claims: filter by actor, tag, certainty, document and
text; sort by any column (dates sort by the day they start, not as text).
Double-click opens a claim in the editor and jumps to its first evidence."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recto.annotations import documents as doc_store
from recto.annotations import tags as tag_store
from recto.annotations.claims import actor_names
from recto.annotations.model import Certainty
from recto.app.claims import service as claim_service
from recto.app.errors import RectoError
from recto.ui.named import named
from recto.ui.plain_text import PlainLabel, plain_tip
from recto.ui.tree_items import top_level_items

COLUMNS = ["Date", "Statement", "Claimants", "Certainty", "Evidence"]
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole
TABLES = ("claims", "claim_actors", "claim_evidence", "claim_links", "annotation_tags",
          "tags", "actors", "documents")
CERTAINTY_ORDER = {c.value: i for i, c in enumerate(Certainty)}


class _Item(QTreeWidgetItem):
    def __lt__(self, other) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is not None and theirs is not None:
            return mine < theirs
        return self.text(column).casefold() < other.text(column).casefold()


class ClaimsPanel(QWidget):
    claim_activated = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("claims-panel")
        self.session = session
        self.search = named(QLineEdit(), "claims-search")
        self.search.setPlaceholderText("Filter by text…")
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.filters = {key: named(QComboBox(), f"claims-filter-{key}")
                        for key in ("actor", "tag", "certainty", "document")}
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree = named(QTreeWidget(), "claims-list")
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.setColumnWidth(0, 90)
        self.tree.setColumnWidth(1, 260)
        self.tree.itemDoubleClicked.connect(
            lambda item, _c: self.claim_activated.emit(item.data(0, ID_ROLE)))
        self.tree.itemActivated.connect(
            lambda item, _c: self.claim_activated.emit(item.data(0, ID_ROLE)))
        self.count_label = PlainLabel(objectName="claims-count")
        grid = QGridLayout()
        grid.addWidget(self.search, 0, 0, 1, 2)
        for i, combo in enumerate(self.filters.values()):
            grid.addWidget(combo, 1 + i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count_label)
        session.project_opened.connect(lambda _p: self.reload_filters())
        session.project_closed.connect(self.reload_filters)
        session.changed.connect(self._on_change)
        self.reload_filters()

    def _on_change(self, changes) -> None:
        if changes is not None and changes.touches(*TABLES):
            if changes.touches("actors", "tags", "documents"):
                self.reload_filters()
            else:
                self.refresh()

    def reload_filters(self) -> None:
        """Fill the filter menus from the project, keeping what was chosen."""
        project = self.session.project
        options: dict[str, list[tuple[str, str]]] = {
            "actor": [], "tag": [], "certainty": [], "document": []}
        if project is not None:
            names = actor_names(project)
            options["actor"] = sorted(((n, i) for i, n in names.items()),
                                      key=lambda p: p[0].casefold())
            options["tag"] = [(t, t) for t in tag_store.all_tags(project)]
            options["document"] = [(d.title, d.id) for d in doc_store.list_documents(project)]
        options["certainty"] = [(c.value, c.value) for c in Certainty]
        titles = {"actor": "Any actor", "tag": "Any tag", "certainty": "Any certainty",
                  "document": "Any document"}
        for key, combo in self.filters.items():
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(titles[key], None)
            for label, value in options[key]:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.blockSignals(False)
        self.refresh()

    def set_filter(self, key: str, value) -> None:
        combo = self.filters[key]
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def refresh(self) -> None:
        project = self.session.project
        self.tree.clear()
        if project is None:
            self.count_label.setText("")
            return
        f = {k: c.currentData() for k, c in self.filters.items()}
        try:
            claims = claim_service.list_claims(project, actor_id=f["actor"], tag=f["tag"],
                                               document_id=f["document"],
                                               certainty=f["certainty"])
        except RectoError as exc:
            self.count_label.setText(exc.message)
            return
        names = actor_names(project)
        words = self.search.text().casefold().split()
        shown = [c for c in claims if all(w in _haystack(c, names) for w in words)]
        self.tree.setSortingEnabled(False)
        self.tree.addTopLevelItems([self._item(c, names) for c in shown])
        self.tree.setSortingEnabled(True)
        self.count_label.setText(f"{len(shown)} of {len(claims)} claims" if words
                                 else f"{len(claims)} claims")

    def _item(self, claim, names) -> QTreeWidgetItem:
        who = ", ".join(names.get(a, a) for a in claim.claimants)
        docs = len({e.anchor.document_id for e in claim.evidence})
        item = _Item([claim.date_text, claim.statement, who, claim.certainty.value,
                      f"{len(claim.evidence)} in {docs} doc{'s' if docs != 1 else ''}"])
        item.setData(0, ID_ROLE, claim.id)
        item.setData(0, SORT_ROLE, f"{claim.date_start or '~'} {claim.date_end or '~'}")
        item.setData(3, SORT_ROLE, CERTAINTY_ORDER[claim.certainty.value])
        item.setData(4, SORT_ROLE, len(claim.evidence))
        item.setToolTip(1, plain_tip(claim.quote or claim.statement))
        return item

    def claim_ids(self) -> list[str]:
        """Ids in the order shown."""
        return [item.data(0, ID_ROLE) for item in top_level_items(self.tree)]


def _haystack(claim, names) -> str:
    return " ".join((claim.statement, claim.quote, claim.note, claim.date_text,
                     " ".join(claim.tags),
                     " ".join(names.get(a, "") for a in (*claim.claimants, *claim.subjects)))
                    ).casefold()
