"""Run in a subprocess on an offscreen screen of a given size (the screen of a process
is fixed when its QApplication starts): opens the main window and every window and
dialog with real content, and prints one JSON line per window with its geometry,
the screen's, and the buttons that are not wholly on screen and visible.

Usage: python -m tests.laptop_fit_worker FOLDER   (QT_QPA_PLATFORM sets the screen)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QMessageBox,
    QScrollArea,
    QWidget,
)

LONG_TITLE = ("Memorandum for the Director of Central Intelligence concerning the "
              "repatriation talks in Geneva between the Red Cross societies of Japan and the "
              "northern republic, with annexes, minutes and the cables of December 1959")


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _out_of_sight(button: QWidget, top: QWidget) -> bool:
    """Inside a scroll area (reachable by scrolling) or a panel whose tab is not raised."""
    w = button.parentWidget()
    while w is not None and w is not top:
        if isinstance(w, QScrollArea):
            return True
        if isinstance(w, QDockWidget) and w.visibleRegion().isEmpty():
            return True
        w = w.parentWidget()
    return False


def measure(name: str, widget: QWidget) -> dict:
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()
    area = widget.screen().availableGeometry()
    frame = widget.frameGeometry()
    hidden = []
    for button in widget.findChildren(QAbstractButton):
        if not button.isVisibleTo(widget) or _out_of_sight(button, widget):
            continue
        top_left = button.mapToGlobal(button.rect().topLeft())
        rect = QRect(top_left, button.size())
        whole = button.visibleRegion().boundingRect().size() == button.size()
        if not (area.contains(rect) and whole):
            hidden.append(button.text() or button.objectName() or type(button).__name__)
    record = {"name": name, "frame": _rect(frame), "screen": _rect(area), "hidden": hidden,
              "fits": area.contains(frame)}
    view = getattr(widget, "view", None)
    if view is not None and hasattr(widget, "statusBar"):
        record["view_width"] = view.width()
        status = widget.statusBar()
        record["status_on_screen"] = area.contains(
            QRect(status.mapToGlobal(status.rect().topLeft()), status.size()))
    return record


def main(folder: Path) -> None:
    from recto.annotations.model import ArchivalReference
    from recto.annotations.project import Project
    from recto.app import documents as doc_service
    from recto.app.actors import service as actors
    from recto.app.claims import service as claims
    from recto.app.export import ImportReport
    from recto.app.redactions.service import detect_document_boxes
    from recto.app.releases import service as releases
    from recto.ui.app import make_application
    from tests.release_fixtures import quick_project

    make_application()
    path, a, b = quick_project(folder)
    with Project.open(path) as project:
        doc_service.edit_reference(project, a, ArchivalReference(), title=LONG_TITLE[:200])
        soren = actors.add_actor(project, "Sōren").actor
        kim = actors.add_actor(project, "Kim Il-sung").actor
        claims.create_claim(project, "The talks opened in Geneva.", a, 0)
        claims.create_claim(project, "Ships will sail from Niigata.", a, 0)

    from recto.ui.main_window import MainWindow
    window = MainWindow(QSettings(str(folder / "recto.ini"), QSettings.Format.IniFormat))
    window.show()
    window.open_project(path)
    project = window.session.project
    out = [measure("main window", window)]
    area = window.screen().availableGeometry()
    window.resize(area.width() // 2, window.height())   # beside a word processor
    half = measure("main window", window)
    out[0]["half_width"], out[0]["half_view_width"] = window.width(), half["view_width"]
    window.resize(area.width(), window.height())

    from recto.annotations.claims import actor_names
    from recto.ui.actors.dialogs import ActorDialog, MergeDialog
    from recto.ui.actors.picker import ActorPicker
    from recto.ui.claims.link_dialog import LinkDialog
    from recto.ui.claims.pictures import ClaimPictureWindow
    from recto.ui.errors import show_error
    from recto.ui.exchange.export_dialog import ExportDialog
    from recto.ui.exchange.import_report import ImportReportDialog
    from recto.ui.first_run import FirstRunDialog
    from recto.ui.ocr.dialog import OcrDialog
    from recto.ui.releases.dialog import ReleasePairDialog
    from recto.ui.shortcuts_dialog import ShortcutsDialog

    claim_list = claims.list_claims(project)
    report = ImportReport(str(folder / "colleague.recto-set"), {"claims": 3}, {}, 0, (), (), 0)
    factories = {
        "shortcuts": lambda: ShortcutsDialog(window.named_actions.values(), window),
        "first run": lambda: FirstRunDialog(window),
        "ocr": lambda: OcrDialog(f"OCR — {LONG_TITLE}", ("eng",), "1-3", window),
        "export": lambda: ExportDialog(project, window.settings, window),
        "import report": lambda: ImportReportDialog(report, window),
        "claim link": lambda: LinkDialog(claim_list, actor_names(project), claim_list[0].id,
                                         window),
        "network": lambda: ClaimPictureWindow(window, "network"),
        "timeline": lambda: ClaimPictureWindow(window, "timeline"),
        "actor picker": lambda: ActorPicker(window.session, "", "", window),
        "new actor": lambda: ActorDialog(lambda _d: None, "VISIT TO", window),
        "merge actors": lambda: MergeDialog(soren, kim, lambda _k, _g: None, window),
        "compare dialog": lambda: ReleasePairDialog(project, a, {}, parent=window),
    }
    for name, make in factories.items():
        widget = make()
        widget.show()
        out.append(measure(name, widget))
        widget.close()
    result = releases.compare(project, a, b, detect=detect_document_boxes)
    compare = window.releases.open_window(result)
    out.append(measure("compare window", compare))
    compare.close()
    show_error(window, RuntimeError("x" * 400))
    (box,) = [w for w in window.findChildren(QMessageBox) if w.objectName() == "error-dialog"]
    out.append(measure("error dialog", box))
    window.close()
    for record in out:
        print(json.dumps(record))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
