"""Choose two releases to compare (or to link): the current document and, by default,
a document already linked to it, else the one whose text is most similar."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
)

from recto.annotations import documents as doc_store
from recto.annotations import releases as link_store
from recto.ui.plain_text import PlainLabel
from recto.ui.screen_fit import cap_dialog, elide, narrow_combo


class ReleasePairDialog(QDialog):
    def __init__(self, project, current_id: str | None, suggested: dict[str, str],
                 title: str = "Compare releases", parent=None):
        super().__init__(parent)
        self.setObjectName("release-pair-dialog")
        self.setWindowTitle(title)
        cap_dialog(self)
        self.docs = doc_store.list_documents(project)
        self.combo_a, self.combo_b = QComboBox(), QComboBox()
        for combo in (self.combo_a, self.combo_b):
            narrow_combo(combo)
            for d in self.docs:
                combo.addItem(f"{elide(d.title)} ({d.page_count} p.)", d.id)
                combo.setItemData(combo.count() - 1, d.title, Qt.ItemDataRole.ToolTipRole)
        ids = [d.id for d in self.docs]
        first = current_id if current_id in ids else (ids[0] if ids else None)
        linked = [link.other(first) for link in link_store.list_links(project, first)] \
            if first else []
        second = linked[0] if linked else suggested.get(first) if first else None
        if second not in ids:
            second = next((i for i in ids if i != first), None)
        if first:
            self.combo_a.setCurrentIndex(ids.index(first))
        if second:
            self.combo_b.setCurrentIndex(ids.index(second))
        self.link_box = QCheckBox("Mark them as releases of the same record")
        self.link_box.setChecked(bool(first and second and not linked))
        form = QFormLayout(self)
        intro = PlainLabel("Two releases of one document, compared page by page.")
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow("Release A:", self.combo_a)
        form.addRow("Release B:", self.combo_b)
        form.addRow(self.link_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def pair(self) -> tuple[str, str]:
        return self.combo_a.currentData(), self.combo_b.currentData()
