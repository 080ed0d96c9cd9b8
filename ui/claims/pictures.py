"""The windows that show the claims timeline and network, with Refresh and Save.

Reading the claims and laying them out runs in `window.jobs.run` (off the UI
thread); the items are then built on the UI thread in one pass. Both steps are
timed and shown in the status bar, so a slow project is visible, not guessed.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QToolBar

from recto.app.claims import graph as claim_graph
from recto.app.errors import RectoError
from recto.ui.claims.network_view import NetworkView
from recto.ui.claims.picture_export import save_picture
from recto.ui.claims.timeline_view import TimelineView
from recto.ui.errors import show_error
from recto.ui.plain_text import PlainLabel
from recto.ui.screen_fit import fit_window

READABLE = 0.75  # the smallest zoom at which node labels stay legible
CLAIM_TABLES = ("claims", "claim_actors", "claim_links", "annotation_tags", "actors", "tags")


@dataclass(frozen=True)
class Timing:
    compute_ms: float
    build_ms: float
    count: int


def compute_timeline(project, _state=None):
    start = time.perf_counter()
    items = claim_graph.timeline_items(project)
    return items, (time.perf_counter() - start) * 1000


def compute_network(project, _state=None):
    start = time.perf_counter()
    graph = claim_graph.claim_graph(project)
    claims = sum(1 for n in graph.nodes if n.kind == "claim")
    # wider rows for big projects, so the picture is landscape like the window
    positions = claim_graph.layered_layout(graph, max_per_row=max(12, round((claims * 2) ** 0.5)))
    return (graph, positions), (time.perf_counter() - start) * 1000


class ClaimPictureWindow(QMainWindow):
    """A separate window holding one picture; `kind` is "timeline" or "network"."""
    claim_activated = Signal(str)
    loaded = Signal(object)  # Timing

    def __init__(self, main_window, kind: str):
        super().__init__(main_window, Qt.WindowType.Window)
        self.main_window, self.kind = main_window, kind
        self.setObjectName(f"claims-{kind}-window")
        self.setWindowTitle(f"Claims {kind} — Recto")
        self.view = TimelineView() if kind == "timeline" else NetworkView()
        self.view.claim_activated.connect(self.claim_activated)
        self.setCentralWidget(self.view)
        self.status = PlainLabel()
        self.statusBar().addWidget(self.status)
        self.timing: Timing | None = None
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(400)
        self._stale.timeout.connect(self.load)
        self._toolbar()
        main_window.session.changed.connect(self._on_change)
        fit_window(self, 1100, 720)

    def _toolbar(self) -> None:
        bar = QToolBar("Picture")
        bar.setObjectName("picture-toolbar")
        self.addToolBar(bar)
        bar.addAction("Refresh", self.load).setShortcut(QKeySequence.StandardKey.Refresh)
        bar.addAction("Zoom In", lambda: self.view.scale(1.25, 1.25)).setShortcut(
            QKeySequence.StandardKey.ZoomIn)
        bar.addAction("Zoom Out", lambda: self.view.scale(0.8, 0.8)).setShortcut(
            QKeySequence.StandardKey.ZoomOut)
        bar.addAction("Fit", self.fit).setShortcut(QKeySequence("Ctrl+2"))
        bar.addSeparator()
        bar.addAction("Save PNG…", lambda: self.save_dialog("png")).setShortcut(
            QKeySequence.StandardKey.Save)
        bar.addAction("Save SVG…", lambda: self.save_dialog("svg"))

    # -- loading ----------------------------------------------------------------
    def load(self) -> None:
        project = self.main_window.session.project
        if project is None:
            self.status.setText("Open a project to see its claims.")
            return
        fn = compute_timeline if self.kind == "timeline" else compute_network
        self.status.setText("Laying out claims…")
        self.main_window.jobs.run(f"Laying out the claims {self.kind}",
                                  lambda state: fn(project, state), on_done=self._build,
                                  on_error=lambda exc: show_error(self, exc))

    def _build(self, outcome) -> None:
        data, compute_ms = outcome
        start = time.perf_counter()
        if isinstance(self.view, TimelineView):
            self.view.set_items(data)
            count = len(data)
        else:
            self.view.set_graph(*data)
            count = sum(1 for n in data[0].nodes if n.kind == "claim")
        build_ms = (time.perf_counter() - start) * 1000
        self.timing = Timing(compute_ms, build_ms, count)
        noun = "dated claims" if self.kind == "timeline" else "claims"
        self.status.setText(f"{count} {noun} · laid out in {compute_ms:.0f} ms · "
                            f"drawn in {build_ms:.0f} ms · click a claim to open it")
        if not getattr(self, "_fitted", False):
            self.readable()
            self._fitted = True
        self.loaded.emit(self.timing)

    def _on_change(self, changes) -> None:
        if changes is not None and changes.touches(*CLAIM_TABLES) and self.isVisible():
            self._stale.start()

    def readable(self) -> None:
        """Open at a zoom where labels can be read: fit if that is big enough, else the top."""
        rect = self.view.scene().itemsBoundingRect()
        if self.kind == "timeline":
            self.fit()
            return
        port = self.view.viewport()
        scale = min(port.width() / max(rect.width(), 1.0), port.height() / max(rect.height(), 1.0))
        if scale >= READABLE:
            self.fit()
            return
        self.view.resetTransform()
        self.view.scale(READABLE, READABLE)
        self.view.centerOn(rect.center().x(), rect.top() + port.height() / READABLE / 2)

    def fit(self) -> None:
        rect = self.view.scene().itemsBoundingRect()
        if self.kind == "timeline":  # readable text first: fit the height, scroll sideways
            scale = min(1.0, self.view.viewport().height() / max(rect.height(), 1.0))
            self.view.resetTransform()
            self.view.scale(max(scale, 0.5), max(scale, 0.5))
            self.view.centerOn(rect.left(), rect.top())
            self.view.horizontalScrollBar().setValue(self.view.horizontalScrollBar().minimum())
            self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().minimum())
        else:
            self.view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    # -- saving -----------------------------------------------------------------
    def save_dialog(self, fmt: str) -> None:
        name = f"claims-{self.kind}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, f"Save {self.kind} as {fmt.upper()}", name,
                                              f"{fmt.upper()} files (*.{fmt})")
        if path:
            try:
                saved = save_picture(self.view.scene(), path)
            except RectoError as exc:
                show_error(self, exc)
                return
            self.statusBar().showMessage(f"Saved {saved}", 4000)

    def save(self, path) -> object:
        return save_picture(self.view.scene(), path)
