"""Link the open claim to another: pick it from a searchable list, choose the type.

"This claim <supports|contradicts|qualifies|cites> the chosen claim" — stored once
and shown on both claims. The dialog only collects the choice; the editor writes it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from recto.annotations.model import LinkType
from recto.ui.plain_text import PlainLabel
from recto.ui.screen_fit import cap_dialog

ID_ROLE = Qt.ItemDataRole.UserRole


class LinkDialog(QDialog):
    def __init__(self, claims, names: dict[str, str], current_id: str, parent=None):
        super().__init__(parent)
        self.setObjectName("claim-link-dialog")
        self.setWindowTitle("Link to another claim")
        self.filter = QLineEdit()
        self.filter.setObjectName("link-filter")
        self.filter.setPlaceholderText("Search statements, quotes, claimants, dates…")
        self.filter.textChanged.connect(self._apply_filter)
        self.candidates = QListWidget()
        self.candidates.setObjectName("link-candidates")
        for claim in claims:
            if claim.id == current_id:
                continue
            who = ", ".join(names.get(a, a) for a in claim.claimants)
            label = f"{claim.statement}" + (f"  [{claim.date_text}]" if claim.date_text else "")
            item = QListWidgetItem(label + (f" — {who}" if who else ""))
            item.setData(ID_ROLE, claim.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, " ".join(
                (claim.statement, claim.quote, who, claim.date_text, " ".join(claim.tags))
            ).casefold())
            self.candidates.addItem(item)
        self.candidates.itemDoubleClicked.connect(lambda _i: self.accept())
        self.type = QComboBox()
        self.type.setObjectName("link-type")
        for kind in LinkType:
            self.type.addItem(kind.value, kind.value)
        self.note = QLineEdit()
        self.note.setObjectName("link-note")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("This claim", self.type)
        form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(PlainLabel("…the claim chosen here:"))
        layout.addWidget(self.candidates, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        cap_dialog(self, 560, 440)
        if self.candidates.count():
            self.candidates.setCurrentRow(0)

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        first_visible = None
        for i in range(self.candidates.count()):
            item = self.candidates.item(i)
            hay = item.data(Qt.ItemDataRole.UserRole + 1)
            hidden = not all(w in hay for w in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        current = self.candidates.currentItem()
        if current is None or current.isHidden():
            if first_visible is None:
                self.candidates.setCurrentRow(-1)  # nothing matches: nothing chosen
            else:
                self.candidates.setCurrentItem(first_visible)

    def choice(self) -> tuple[str, str, str] | None:
        """(other claim id, link type, note) or None when nothing is chosen."""
        item = self.candidates.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(ID_ROLE), self.type.currentData(), self.note.text().strip()
