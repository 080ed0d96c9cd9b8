"""Tools > Compare Releases: pick two releases, compare them off the UI thread, and
open the side-by-side window. Linking is offered in the same dialog."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from recto.annotations import releases as link_store
from recto.app.documents import resolve_path
from recto.app.errors import RectoError
from recto.app.redactions import service as redactions
from recto.app.releases import service
from recto.ui.errors import show_error
from recto.ui.releases.dialog import ReleasePairDialog
from recto.ui.releases.window import ReleaseCompareWindow


class ReleasesFeature:
    def __init__(self, window):
        self.window = window
        self.windows: list[ReleaseCompareWindow] = []
        window.add_action("releases.compare", "Compare &Releases…", self.choose,
                          "Ctrl+Alt+R", menu="&Tools",
                          tip="Compare two releases of a document: what one hides, the other shows")

    def choose(self) -> None:
        session = self.window.session
        project = session.project
        if project is None:
            show_error(self.window, RectoError("Open a project first."))
            return
        suggested: dict[str, str] = {}
        for s in service.suggest_links(project):
            suggested.setdefault(s.document_a, s.document_b)
            suggested.setdefault(s.document_b, s.document_a)
        current = session.document.id if session.document else None
        dialog = ReleasePairDialog(project, current, suggested, parent=self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        a, b = dialog.pair()
        if a == b:
            show_error(self.window, RectoError("Choose two different documents."))
            return
        if dialog.link_box.isChecked() and link_store.find_link(project, a, b) is None:
            try:
                service.link_releases(project, a, b)
            except RectoError as exc:
                show_error(self.window, exc)
                return
        self.compare(a, b)

    def compare(self, a: str, b: str) -> None:
        project = self.window.session.project
        self.window.jobs.run("Comparing releases",
                             lambda state: service.compare(
                                 project, a, b, state, detect=redactions.detect_document_boxes),
                             on_done=self.open_window,
                             on_error=lambda exc: show_error(self.window, exc))

    def open_window(self, result) -> ReleaseCompareWindow:
        project = self.window.session.project
        paths = (self._path(project, result.document_a), self._path(project, result.document_b))
        win = ReleaseCompareWindow(project, result, paths, self.window.renderer, self.window)
        win.claim_added.connect(lambda c: self.window.statusBar().showMessage(
            f"Added claim: {c.statement[:80]}", 5000))
        win.destroyed.connect(lambda _=None, w=win: self.windows.remove(w)
                              if w in self.windows else None)
        self.windows.append(win)
        win.show()
        return win

    @staticmethod
    def _path(project, document) -> str | None:
        try:
            return str(resolve_path(project, document))
        except RectoError:
            return None


def install(window) -> None:
    window.releases = ReleasesFeature(window)
