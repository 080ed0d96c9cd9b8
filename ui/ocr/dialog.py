"""The OCR dialog: which languages (remembered per document) and, if asked, which pages."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recto.app.ocr.engine import LANGUAGE_NAMES
from recto.ui.plain_text import PlainLabel
from recto.ui.screen_fit import cap_dialog

CHOICES = ("eng", "fra", "deu", "rus", "jpn", "jpn_vert", "kor")


class OcrDialog(QDialog):
    def __init__(self, title: str, languages: tuple[str, ...], pages: str | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ocr-dialog")
        self.setWindowTitle(title)
        self._previous = tuple(languages) or ("eng",)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, code in enumerate(CHOICES):
            box = QCheckBox(f"{LANGUAGE_NAMES[code]} ({code})")
            box.setChecked(code in self._previous)
            box.toggled.connect(self._validate)
            self.boxes[code] = box
            grid.addWidget(box, i // 2, i % 2)
        form = QFormLayout()
        self.pages = QLineEdit(pages or "")
        self.pages.setPlaceholderText("e.g. 1-5, 9")
        if pages is not None:
            form.addRow("Pages:", self.pages)
        self.force = QCheckBox("OCR pages that already have a text layer")
        self.note = PlainLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start OCR")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel("Languages on these pages (the first is tried first):"))
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.force)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        cap_dialog(self)
        self._validate()

    def languages(self) -> tuple[str, ...]:
        """Checked codes: those already chosen keep their order, new ones follow."""
        checked = [c for c in CHOICES if self.boxes[c].isChecked()]
        kept = [c for c in self._previous if c in checked]
        return tuple(kept + [c for c in checked if c not in kept])

    def set_languages(self, codes: tuple[str, ...]) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)

    def _validate(self) -> None:
        ok = bool(self.languages())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.note.setText("" if ok else "Choose at least one language.")
