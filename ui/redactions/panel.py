"""The side panel for the selected redaction: a thin two-way binding.

It shows the redaction's fields under blocked signals and writes each change
back through app/redactions/service.py as one undoable step. Hidden text recovered
from under a failed redaction is shown only when the person asks for it.
"""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recto.annotations.model import Redaction, RedactionStyle, Status
from recto.app.errors import RectoError
from recto.app.redactions import service
from recto.ui.appearance import set_tone
from recto.ui.plain_text import PlainLabel


class RedactionPanel(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("redaction-panel")
        self.session = session
        self.redaction: Redaction | None = None
        self.title = PlainLabel("No redaction selected.")
        self.title.setWordWrap(True)
        self.style_box = QComboBox()
        self.style_box.addItems([s.value for s in RedactionStyle])
        self.status = QComboBox()
        self.status.addItems([s.value for s in Status])
        self.codes = QLineEdit()
        self.codes.setPlaceholderText("e.g. 25X1, (b)(1)")
        self.chars, self.words, self.lines = QSpinBox(), QSpinBox(), QSpinBox()
        for box in (self.chars, self.words, self.lines):
            box.setRange(0, 100000)
        for box, what in ((self.chars, "characters"), (self.words, "words"),
                          (self.lines, "lines")):
            box.setAccessibleName(f"Hidden {what} (estimate)")

        self.note = QLineEdit()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("comma-separated")
        self.hidden_button = QPushButton("Show hidden text")
        self.hidden_text = QPlainTextEdit()
        self.hidden_text.setReadOnly(True)
        self.hidden_text.setAccessibleName("Text still under the box")
        self.hidden_text.setVisible(False)
        self.message = PlainLabel()
        self.message.setObjectName("redaction-panel-message")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self._layout()
        self._connect()
        self.set_redaction(None)

    def _layout(self) -> None:
        extent = QHBoxLayout()
        for label, box in (("chars", self.chars), ("words", self.words), ("lines", self.lines)):
            extent.addWidget(box)
            extent.addWidget(PlainLabel(label))
        form = QFormLayout()
        form.addRow("Style", self.style_box)
        form.addRow("Code(s)", self.codes)
        form.addRow("Status", self.status)
        form.addRow("Extent ~", extent)
        form.addRow("Note", self.note)
        form.addRow("Tags", self.tags)
        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addLayout(form)
        outer.addWidget(self.hidden_button)
        outer.addWidget(self.hidden_text)
        outer.addWidget(self.message)
        outer.addStretch(1)

    def _connect(self) -> None:
        self.style_box.activated.connect(lambda _i: self._write(style=self.style_box.currentText()))
        self.status.activated.connect(lambda _i: self._write(status=self.status.currentText()))
        self.codes.editingFinished.connect(lambda: self._write(codes=self.codes.text()))
        self.note.editingFinished.connect(lambda: self._write(note=self.note.text()))
        self.tags.editingFinished.connect(self._write_tags)
        for box in (self.chars, self.words, self.lines):
            box.editingFinished.connect(self._write_extent)
        self.hidden_button.clicked.connect(self._toggle_hidden)

    # -- model -> widgets --------------------------------------------------------------
    def set_redaction(self, redaction: Redaction | None) -> None:
        same = (redaction is not None and self.redaction is not None
                and redaction.id == self.redaction.id)
        self.redaction = redaction
        if not same:
            self.message.clear()
            self.hidden_text.setVisible(False)
            self.hidden_button.setText("Show hidden text")
        editors = (self.style_box, self.status, self.codes, self.chars, self.words, self.lines,
                   self.note, self.tags)
        for w in editors:
            w.setEnabled(redaction is not None)
        self.hidden_button.setEnabled(bool(redaction and redaction.text_recoverable))
        if redaction is None:
            self.title.setText("No redaction selected. Press R and drag on the page to mark one.")
            return
        blockers = [QSignalBlocker(w) for w in editors]
        self.style_box.setCurrentText(redaction.style.value)
        self.status.setCurrentText(redaction.status.value)
        self.codes.setText(", ".join(redaction.codes))
        self.chars.setValue(redaction.extent_chars or 0)
        self.words.setValue(redaction.extent_words or 0)
        self.lines.setValue(redaction.extent_lines or 0)
        self.note.setText(redaction.note)
        self.tags.setText(", ".join(redaction.tags))
        del blockers
        self.hidden_text.setPlainText(redaction.hidden_text if self.hidden_text.isVisible() else "")
        self.title.setText(_summary(redaction))

    # -- widgets -> model --------------------------------------------------------------
    def _write(self, **changes) -> None:
        if self.redaction is None or self.session.project is None:
            return
        current = {"style": self.redaction.style.value, "status": self.redaction.status.value,
                   "codes": ", ".join(self.redaction.codes), "note": self.redaction.note}
        if all(current.get(k) == v for k, v in changes.items()):
            return
        try:
            saved = service.edit_redaction(self.session.project, self.redaction.id, **changes)
        except RectoError as exc:
            self.message.setText(exc.message)
            return
        self.message.clear()
        self.set_redaction(saved)

    def _write_extent(self) -> None:
        if self.redaction is None:
            return
        values = (self.chars.value(), self.words.value(), self.lines.value())
        old = (self.redaction.extent_chars or 0, self.redaction.extent_words or 0,
               self.redaction.extent_lines or 0)
        if values != old:
            self._write(extent=values)

    def _write_tags(self) -> None:
        if self.redaction is None:
            return
        tags = tuple(t.strip() for t in self.tags.text().split(",") if t.strip())
        if sorted(tags) != sorted(self.redaction.tags):
            self._write(tags=tags)

    def _toggle_hidden(self) -> None:
        if self.redaction is None:
            return
        show = not self.hidden_text.isVisible()
        self.hidden_text.setPlainText(self.redaction.hidden_text if show else "")
        self.hidden_text.setVisible(show)
        self.hidden_button.setText("Hide hidden text" if show else "Show hidden text")


def _summary(r: Redaction) -> str:
    bits = [f"p. {r.page_index + 1}", r.origin.value]
    if r.confidence is not None:
        bits.append(f"confidence {r.confidence:.2f}")
    b = r.bbox
    text = " · ".join(bits) + f"\n[{b.x0:.1f}, {b.y0:.1f}, {b.x1:.1f}, {b.y1:.1f}] pt"
    if r.text_recoverable:
        text += "\n⚠ The text under this box is still in the PDF (a failed redaction)."
    return text
