"""The first-run screen: what Recto is for in three steps, and a way in."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from recto.ui.screen_fit import cap_dialog

STEPS = (
    "<h2>Welcome to Recto</h2>"
    "<p>A workbench for declassified archival records. Everything you do is saved as you "
    "do it, and can be undone.</p>"
    "<ol>"
    "<li><b>Add your scans.</b> Drag PDFs, photos or folders of photos onto the document list "
    "(or File &gt; Add PDFs or Photos). "
    "Recto keeps them where they are and recognises them even if you rename or move them.</li>"
    "<li><b>Read and mark.</b> OCR the pages (Tools &gt; OCR Document), let Recto suggest the "
    "redactions, tag who appears and record what each page claims — every mark points at "
    "its page.</li>"
    "<li><b>Export and cite.</b> Export the annotation set to SQLite to query it, share it "
    "with co-authors and merge theirs back; copy page-precise citations.</li>"
    "</ol>"
    "<p>Not sure where to start? Open the sample project: real declassified briefs and a "
    "redacted court ruling.</p>")


class FirstRunDialog(QDialog):
    SAMPLE, NEW, OPEN = 1, 2, 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("first-run")
        self.setWindowTitle("Welcome to Recto")
        text = QLabel(STEPS)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        for label, code, name in (("Open the sample project", self.SAMPLE, "first-run-sample"),
                                  ("New project…", self.NEW, "first-run-new"),
                                  ("Open project…", self.OPEN, "first-run-open")):
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, c=code: self.done(c))
            buttons.addWidget(button)
            if code == self.SAMPLE:
                button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        cap_dialog(self, 560, 380)


def show_first_run(window) -> None:
    dialog = FirstRunDialog(window)
    dialog.finished.connect(lambda code: {
        FirstRunDialog.SAMPLE: window.open_sample,
        FirstRunDialog.NEW: window.new_project,
        FirstRunDialog.OPEN: window.open_project_dialog,
    }.get(code, lambda: None)())
    dialog.open()
