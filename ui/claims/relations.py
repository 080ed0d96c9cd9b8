"""The lower half of the claim editor: its evidence and its links, both ways.

Evidence rows show their citation and quote; clicking one jumps to its page and
highlights the box. Links show outgoing ("this claim contradicts …") and incoming
("… supports this claim") with their type; double-click opens the other claim.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recto.app.claims import service as claim_service
from recto.app.claims.citations import evidence_citation
from recto.app.errors import RectoError
from recto.ui.named import named

DATA = Qt.ItemDataRole.UserRole


class ClaimRelations(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.claim = None
        self.evidence = named(QListWidget(), "claim-evidence")
        self.evidence.setWordWrap(True)
        self.evidence.itemClicked.connect(
            lambda item: self.controller.jump_to_evidence(item.data(DATA)))
        self.links = named(QListWidget(), "claim-links")
        self.links.setWordWrap(True)
        self.links.itemDoubleClicked.connect(
            lambda item: self.controller.open_claim(item.data(DATA)[1], jump=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._group("Evidence", self.evidence, [
            ("Add evidence from selection", "claim-add-evidence",
             self.controller.add_evidence_from_selection),
            ("Remove", "claim-remove-evidence", self._remove_evidence)]))
        layout.addWidget(self._group("Links", self.links, [
            ("Link to…", "claim-link-to", self.controller.link_dialog),
            ("Unlink", "claim-unlink", self._unlink)]))

    def _group(self, title: str, view: QListWidget, buttons) -> QGroupBox:
        group = QGroupBox(title)
        box = QVBoxLayout(group)
        box.addWidget(view)
        row = QHBoxLayout()
        for text, name, slot in buttons:
            button = named(QPushButton(text), name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        return group

    def show_claim(self, claim) -> None:
        self.claim = claim
        self.evidence.clear()
        self.links.clear()
        project = self.controller.session.project
        if claim is None or project is None:
            return
        for ev in claim.evidence:
            quote = f" — “{ev.quote}”" if ev.quote else ""
            item = QListWidgetItem(f"{evidence_citation(project, ev)}{quote}")
            item.setData(DATA, ev)
            item.setToolTip("Click to show this passage on its page")
            self.evidence.addItem(item)
        for link, outgoing in [(k, True) for k in claim.links] + [(k, False) for k in
                                                                  claim.incoming]:
            other = link.to_claim_id if outgoing else link.from_claim_id
            item = QListWidgetItem(self._link_text(project, link, outgoing, other))
            item.setData(DATA, (link.id, other, outgoing, link.type.value))
            self.links.addItem(item)

    def _link_text(self, project, link, outgoing: bool, other: str) -> str:
        try:
            statement = claim_service.get_claim(project, other).statement
        except RectoError:
            statement = other[:8]
        note = f" ({link.note})" if link.note else ""
        if outgoing:
            return f"→ this claim {link.type.value}: “{statement}”{note}"
        return f"← “{statement}” {link.type.value} this claim{note}"

    def link_rows(self) -> list[tuple[str, str, bool, str]]:
        """(link id, other claim id, outgoing?, type) of each row, for tests and tools."""
        return [self.links.item(i).data(DATA) for i in range(self.links.count())]

    def _remove_evidence(self) -> None:
        item = self.evidence.currentItem()
        if item is not None:
            self.controller.run(claim_service.remove_evidence, item.data(DATA).id)

    def _unlink(self) -> None:
        item = self.links.currentItem()
        if item is not None:
            self.controller.run(claim_service.unlink, item.data(DATA)[0])
