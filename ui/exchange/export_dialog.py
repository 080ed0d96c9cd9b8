"""File > Export Annotation Set…: format, target, OCR words and filters, as one ExportOptions.

The dialog only gathers choices; the export itself runs in ui/exchange/feature.py
through the job runner. Unticked document and tag lists mean "all"; kinds and
statuses start all ticked, and untick to narrow. The format, folder, OCR and
spreadsheet choices are remembered between exports.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recto.annotations import documents as doc_store
from recto.annotations import export_choices
from recto.annotations import tags as tag_store
from recto.annotations.project import Project
from recto.app.export import ExportFilters, ExportOptions
from recto.app.export_folder import default_folder
from recto.ui.appearance import set_tone
from recto.ui.named import named
from recto.ui.plain_text import PlainLabel
from recto.ui.screen_fit import cap_dialog

FORMAT_LABELS = (("sqlite", "SQLite database (.db)"),
                 ("w3c", "W3C Web Annotation JSON-LD (.jsonld)"),
                 ("csv", "CSV folder (one file per table)"),
                 ("csl-json", "CSL-JSON for Zotero: cited documents (.json)"),
                 ("qdpx", "REFI-QDA for QualCoder, NVivo, MAXQDA, ATLAS.ti (.qdpx)"),
                 ("tei", "TEI P5 folder (one file per document)"),
                 ("alto", "ALTO XML folder (one file per page)"),
                 ("gexf", "Claims network for Gephi (.gexf)"),
                 ("graphml", "Claims network as GraphML (.graphml)"))
SUFFIX = {"sqlite": ".db", "w3c": ".jsonld", "csv": "", "csl-json": ".json", "qdpx": ".qdpx",
          "tei": "", "alto": "", "gexf": ".gexf", "graphml": ".graphml"}
FOLDERS = ("csv", "tei", "alto")
KIND_LABELS = (("redactions", "Redactions"), ("actors", "Actors and mentions"),
               ("claims", "Claims"))
STATUS_LABELS = (("suggested", "Suggested"), ("confirmed", "Confirmed"),
                 ("rejected", "Rejected"))


class ExportDialog(QDialog):
    def __init__(self, project: Project, settings: QSettings | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("export-dialog")
        self.setWindowTitle("Export Annotation Set")
        self.project, self.settings = project, settings
        self.format_box = named(QComboBox(), "export-format")
        for key, label in FORMAT_LABELS:
            self.format_box.addItem(label, key)
        self.path_edit = named(QLineEdit(), "export-path")
        self.path_edit.setAccessibleName("Export to this file or folder")
        self.choose_button = named(QPushButton("Choose…"), "export-choose")
        self.with_ocr = named(QCheckBox("Include OCR words (every word with its box)"),
                              "export-with-ocr")
        self.excel = named(
            QCheckBox("For spreadsheets: byte-order mark, formula-like cells as text"),
            "export-excel")
        self.excel.setToolTip("Excel and LibreOffice read the CSVs as UTF-8, and a cell that "
                              "begins with = + - @ is shown as text, never run as a formula. "
                              "Leave it off for pandas and R: plain CSV is exact.")
        self.documents = _checklist("export-documents")
        self.tags = _checklist("export-tags")
        self.kinds = {k: _ticked(label) for k, label in KIND_LABELS}
        self.statuses = {k: _ticked(label) for k, label in STATUS_LABELS}
        self.author = named(QComboBox(), "export-author")
        self.author.setEditable(True)
        self.message = PlainLabel(objectName="export-message", wordWrap=True)
        set_tone(self.message, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("export-ok")
        self._layout()
        self._fill()
        self._connect()
        self._validate()

    # -- building ------------------------------------------------------------------
    def _layout(self) -> None:
        target = QHBoxLayout()
        target.addWidget(self.path_edit, 1)
        target.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("Save to:", target)
        form.addRow("", self.with_ocr)
        form.addRow("", self.excel)
        filters = QFormLayout()
        filters.addRow("Documents:", self.documents)
        filters.addRow("Tags:", self.tags)
        filters.addRow("Kinds:", _row(self.kinds.values()))
        filters.addRow("Status:", _row(self.statuses.values()))
        filters.addRow("Author:", self.author)
        group = QGroupBox("Filters (tick documents or tags to export only those)")
        group.setLayout(filters)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(group)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for box in self.statuses.values():
            box.setToolTip("Applies to redactions and mentions; claims have a certainty instead.")
        cap_dialog(self, 560, 600)

    def _fill(self) -> None:
        for doc in doc_store.list_documents(self.project):
            pages = f"{doc.page_count} page" + ("" if doc.page_count == 1 else "s")
            _add_check(self.documents, f"{doc.title} ({pages})", doc.id)
        for name in tag_store.all_tags(self.project):
            _add_check(self.tags, name, name)
        self.author.addItem("", "")
        author_edit = self.author.lineEdit()
        assert author_edit is not None  # the box is editable
        author_edit.setPlaceholderText("any author")
        for name in export_choices.authors(self.project):
            self.author.addItem(name, name)
        fmt = self._setting("format", "sqlite")
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        self.with_ocr.setChecked(self._setting("with_ocr", "false") == "true")
        self.excel.setChecked(self._setting("excel", "false") == "true")
        self.excel.setEnabled(self.format() == "csv")
        folder = default_folder(self.project.path, self._setting("folder", ""),
                                self._setting("folder_project", ""))
        name = f"{self.project.path.stem}-set{SUFFIX[self.format()]}"
        self.path_edit.setText(str(folder / name))

    def _connect(self) -> None:
        self.format_box.currentIndexChanged.connect(self._retarget)
        self.choose_button.clicked.connect(self.choose_path)
        self.path_edit.textChanged.connect(self._validate)
        for box in (*self.kinds.values(), *self.statuses.values()):
            box.toggled.connect(self._validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- reading the choices ------------------------------------------------------
    def format(self) -> str:
        return self.format_box.currentData()

    def out_path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def options(self) -> ExportOptions:
        return ExportOptions(self.format(), self.with_ocr.isChecked(), ExportFilters(
            document_ids=tuple(_checked(self.documents)), tags=tuple(_checked(self.tags)),
            kinds=_narrowed(self.kinds), statuses=_narrowed(self.statuses),
            authors=(self.author.currentText().strip(),) if self.author.currentText().strip()
            else ()), excel=self.excel.isChecked() and self.format() == "csv")

    def problem(self) -> str:
        """Why Export is disabled (shown under the filters), or "" if all is well."""
        if not self.path_edit.text().strip():
            return "Choose where to write the set."
        if not any(b.isChecked() for b in self.kinds.values()):
            return "Tick at least one kind of annotation."
        if not any(b.isChecked() for b in self.statuses.values()):
            return "Tick at least one status."
        return ""

    # -- reacting -----------------------------------------------------------------
    def choose_path(self) -> None:
        current = str(self.out_path())
        if self.format() in FOLDERS:
            path = QFileDialog.getExistingDirectory(self, "Export files into folder", current)
        else:
            suffix = SUFFIX[self.format()]
            pattern = f"{self.format_box.currentText()} (*{suffix})"
            path, _ = QFileDialog.getSaveFileName(self, "Export annotation set", current, pattern)
        if path:
            self.path_edit.setText(path)
            self._retarget()

    def _retarget(self, *_args) -> None:
        """Keep the file name's suffix (and the spreadsheet option) in step with the format."""
        self.excel.setEnabled(self.format() == "csv")
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text)
        stem = path.stem if path.suffix in {s for s in SUFFIX.values() if s} else path.name
        self.path_edit.setText(str(path.with_name(stem + SUFFIX[self.format()])))

    def _validate(self, *_args) -> None:
        problem = self.problem()
        self.message.setText(problem)
        self.export_button.setEnabled(not problem)

    def accept(self) -> None:
        if self.problem():
            return
        if self.settings is not None:
            self.settings.setValue("export/format", self.format())
            self.settings.setValue("export/with_ocr", "true" if self.with_ocr.isChecked()
                                   else "false")
            self.settings.setValue("export/folder", str(self.out_path().parent))
            self.settings.setValue("export/folder_project", str(self.project.path))
            self.settings.setValue("export/excel", "true" if self.excel.isChecked() else "false")
        super().accept()

    def _setting(self, key: str, default: str) -> str:
        if self.settings is None:
            return default
        return str(self.settings.value(f"export/{key}", default) or default)


def _ticked(label: str) -> QCheckBox:
    box = QCheckBox(label)
    box.setChecked(True)
    return box


def _checklist(name: str) -> QListWidget:
    widget = named(QListWidget(), name)
    widget.setMaximumHeight(110)
    return widget


def _add_check(widget: QListWidget, text: str, value: str) -> None:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, value)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    widget.addItem(item)


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def _narrowed(boxes: dict[str, QCheckBox]) -> tuple[str, ...]:
    """All ticked means no filter (so the set's metadata records none)."""
    ticked = tuple(k for k, b in boxes.items() if b.isChecked())
    return () if len(ticked) == len(boxes) else ticked


def _row(widgets) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    layout.addStretch(1)
    return row
