"""File > Export Annotation Set… (Ctrl+E) and File > Import Annotation Set… (Ctrl+Shift+I).

Both run off the UI thread through the window's job runner (progress after
600 ms, Cancel). A refused target (missing folder, read-only, a set open in
another program) is an ExportTargetError shown as its one sentence. The import
is one undoable edit: its ChangeSet refreshes the document list, and Ctrl+Z
takes the whole import back.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from recto.app.errors import RectoError
from recto.app.export import ExportResult, ImportReport, export_annotations, import_annotations
from recto.app.text.page_text import page_text_with_placeholders
from recto.ui.errors import show_error
from recto.ui.exchange.export_dialog import ExportDialog
from recto.ui.exchange.import_report import ImportReportDialog, summary

NO_PROJECT = "Open or create a project first (File > New Project)."


class ExportFeature(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window, self.session = window, window.session
        self.page_text_for = page_text_with_placeholders  # how pages get their placeholders
        self.dialog: ExportDialog | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.job = None
        self.last_result: ExportResult | None = None
        self._actions()

    def _actions(self) -> None:
        w = self.window
        self.import_action = w.add_action(
            "import_set", "&Import Annotation Set…", self.choose_import, "Ctrl+Shift+I",
            tip="Merge a colleague's annotation set into this project (undoable).")
        self.export_action = w.add_action(
            "export_set", "&Export Annotation Set…", self.open_export_dialog, "Ctrl+E",
            tip="Write the annotations to SQLite, W3C JSON-LD or CSV, with filters.")
        file_menu = w.menu("&File")
        before = w.named_actions.get("close")
        if before is None:
            file_menu.addActions([self.import_action, self.export_action])
        else:
            file_menu.insertActions(before, [self.import_action, self.export_action])
            file_menu.insertSeparator(before)
        self.session.project_opened.connect(lambda _p: self._enable(True))
        self.session.project_closed.connect(lambda: self._enable(False))
        self._enable(self.session.project is not None)

    def _enable(self, on: bool) -> None:
        self.import_action.setEnabled(on)
        self.export_action.setEnabled(on)

    # -- export -------------------------------------------------------------------
    def open_export_dialog(self) -> ExportDialog | None:
        if self.session.project is None:
            show_error(self.window, RectoError(NO_PROJECT))
            return None
        self.dialog = ExportDialog(self.session.project, self.window.settings, self.window)
        dialog = self.dialog
        dialog.accepted.connect(lambda: self.start_export(dialog.out_path(), dialog.options()))
        dialog.open()
        return dialog

    def start_export(self, out: Path, options):
        project = self.session.project
        page_text = self.page_text_for(project)
        self.job = self.window.jobs.run(
            f"Exporting to {Path(out).name}",
            lambda state: export_annotations(project, out, options, state, page_text),
            on_done=self._exported, on_error=self._failed, on_cancel=self._export_cancelled)
        return self.job

    def _exported(self, result: ExportResult) -> None:
        self.last_result = result
        counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in result.counts.items()
                           if n and t in ("documents", "redactions", "mentions", "claims"))
        self.window.statusBar().showMessage(
            f"Exported to {result.path} ({counts or 'nothing to export'}).", 8000)

    def _export_cancelled(self) -> None:
        self.window.statusBar().showMessage(
            "Export cancelled: nothing was written, and any earlier file there is unchanged.",
            8000)

    def _failed(self, exc: BaseException) -> None:
        show_error(self.window, exc)

    # -- import -------------------------------------------------------------------
    def choose_import(self) -> None:
        if self.session.project is None:
            show_error(self.window, RectoError(NO_PROJECT))
            return
        folder = str(self.window.settings.value("export/folder", "") or
                     self.session.project.path.parent)
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import annotation set", folder,
            "Annotation sets (*.db *.sqlite);;All files (*)")
        if path:
            self.import_set(path)

    def import_set(self, path: str | Path):
        project = self.session.project
        self.job = self.window.jobs.run(
            f"Importing {Path(path).name}",
            lambda state: import_annotations(project, path, state),
            on_done=self._imported, on_error=self._failed,
            on_cancel=lambda: self.window.statusBar().showMessage(
                "Import cancelled: the project is unchanged.", 8000))
        return self.job

    def _imported(self, report: ImportReport) -> None:
        self.window.statusBar().showMessage(summary(report), 8000)
        self.report_dialog = ImportReportDialog(report, self.window)
        self.report_dialog.open()


def install(window) -> ExportFeature:
    feature = ExportFeature(window)
    window.export_feature = feature
    return feature
