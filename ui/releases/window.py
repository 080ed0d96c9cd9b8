"""Two releases side by side: synchronised scrolling and zoom, aligned pages,
redactions outlined, revealed text next to the box it fills, and the list of
findings that jumps to both places and turns one into a claim."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from recto.annotations import documents as doc_store
from recto.app.errors import RectoError
from recto.app.releases import service
from recto.app.releases.align import REVEALED_IN_B, Finding
from recto.app.releases.service import CompareResult
from recto.ui.errors import show_error
from recto.ui.page_view import PageView
from recto.ui.plain_text import PlainLabel, escaped, plain_tip
from recto.ui.releases.overlays import draw_page
from recto.ui.render_worker import RenderWorker
from recto.ui.screen_fit import elide, fit_window, narrow_combo


class ReleaseCompareWindow(QWidget):
    claim_added = Signal(object)       # ClaimRecord

    def __init__(self, project, result: CompareResult, paths: tuple[str | None, str | None],
                 renderer: RenderWorker | None = None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("release-compare")
        self.project, self.result, self.paths = project, result, paths
        a, b = result.document_a, result.document_b
        self.setWindowTitle(f"Compare releases — {elide(a.title, 40)} | {elide(b.title, 40)}")
        self._own_renderer = renderer is None
        self.renderer = renderer or RenderWorker(self)
        if self._own_renderer:
            self.renderer.start()
        self.view_a, self.view_b = PageView(), PageView()
        self.view_a.setObjectName("release-view-a")
        self.view_b.setObjectName("release-view-b")
        self._syncing = False
        self.focus: Finding | None = None
        self.accepted: set[int] = set()
        self._build()
        self._connect()
        self.show_pair(0)

    # -- layout --------------------------------------------------------------------
    def _build(self) -> None:
        r = self.result
        self.pages = QComboBox()
        self.pages.setObjectName("release-pages")
        self.pairs = [(m.page_a, m.page_b) for m in r.pages] + \
            [(i, None) for i in r.unmatched_a] + [(None, j) for j in r.unmatched_b]
        for pa, pb in self.pairs:
            self.pages.addItem(f"A p. {pa + 1 if pa is not None else '—'}  ↔  "
                               f"B p. {pb + 1 if pb is not None else '—'}")
        self.title_a = QLabel(f"<b>A</b> {escaped(r.document_a.title)}")
        self.title_b = QLabel(f"<b>B</b> {escaped(r.document_b.title)}")
        for label in (self.title_a, self.title_b):
            label.setMinimumWidth(1)  # a long title is cut, never widens the window
        narrow_combo(self.pages, 16)
        self.findings = QListWidget()
        self.findings.setObjectName("release-findings")
        self.findings.setWordWrap(True)
        self.findings.setMinimumWidth(200)
        for n, f in enumerate(r.findings, 1):
            hidden = "A" if f.direction == REVEALED_IN_B else "B"
            item = QListWidgetItem(f"{n}. hidden in {hidden} · A p. {f.page_a + 1} / "
                                   f"B p. {f.page_b + 1}\n“{f.text_revealed}”")
            item.setToolTip(plain_tip(f.text_revealed))
            self.findings.addItem(item)
        self.accept_button = QPushButton("Accept as claim")
        self.accept_button.setObjectName("release-accept")
        self.accept_button.setEnabled(False)
        self.summary = PlainLabel(self._summary())
        self.summary.setWordWrap(True)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        heads = QHBoxLayout()
        heads.addWidget(self.title_a, 1)
        heads.addWidget(self.pages)
        heads.addWidget(self.title_b, 1)
        lay.addLayout(heads)
        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.view_a)
        views.addWidget(self.view_b)
        lay.addWidget(views, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self._side_panel())
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([1100, 300])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(split)
        fit_window(self, 1400, 880)

    def _side_panel(self) -> QWidget:
        side = QWidget()
        lay = QVBoxLayout(side)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(f"<b>Revealed elsewhere</b> ({len(self.result.findings)})"))
        lay.addWidget(self.findings, 1)
        lay.addWidget(self.accept_button)
        lay.addWidget(self.summary)
        return side

    def _summary(self) -> str:
        r = self.result
        ocr = sum(1 for d in r.differences if d.kind == "ocr")
        return (f"{len(r.pages)} pages aligned; {len(r.unmatched_a)} only in A, "
                f"{len(r.unmatched_b)} only in B. {r.hidden_in_both} hidden in both. "
                f"Not findings: {ocr} OCR misreadings, {len(r.differences) - ocr} other marks "
                f"(stamps, notes). Boxes: A {r.box_source_a}, B {r.box_source_b}.")

    def _connect(self) -> None:
        for view in (self.view_a, self.view_b):
            view.render_wanted.connect(self.renderer.request)
            self.renderer.rendered.connect(view.set_image)
        self.pages.currentIndexChanged.connect(self.show_pair)
        self.findings.currentRowChanged.connect(self.jump_to_finding)
        self.accept_button.clicked.connect(self.accept_current)
        for src, dst in ((self.view_a, self.view_b), (self.view_b, self.view_a)):
            src.verticalScrollBar().valueChanged.connect(
                lambda _v, s=src, d=dst: self._sync_scroll(s, d, vertical=True))
            src.horizontalScrollBar().valueChanged.connect(
                lambda _v, s=src, d=dst: self._sync_scroll(s, d, vertical=False))
            src.zoom_changed.connect(lambda z, d=dst: self._sync_zoom(d, z))

    # -- synchronisation -------------------------------------------------------------
    def _sync_scroll(self, src: PageView, dst: PageView, vertical: bool) -> None:
        if self._syncing:
            return
        a = src.verticalScrollBar() if vertical else src.horizontalScrollBar()
        b = dst.verticalScrollBar() if vertical else dst.horizontalScrollBar()
        self._syncing = True
        try:
            share = (a.value() - a.minimum()) / max(1, a.maximum() - a.minimum())
            b.setValue(round(b.minimum() + share * (b.maximum() - b.minimum())))
        finally:
            self._syncing = False

    def _sync_zoom(self, dst: PageView, zoom: float) -> None:
        if self._syncing or abs(dst.zoom - zoom) < 1e-6:
            return
        self._syncing = True
        try:
            dst.fit_mode = None
            dst.set_zoom(zoom)
        finally:
            self._syncing = False

    # -- pages and findings ----------------------------------------------------------------
    def show_pair(self, row: int) -> None:
        if not 0 <= row < len(self.pairs):
            return
        if self.pages.currentIndex() != row:
            self.pages.blockSignals(True)
            self.pages.setCurrentIndex(row)
            self.pages.blockSignals(False)
        page_a, page_b = self.pairs[row]
        self._show(self.view_a, "a", page_a)
        self._show(self.view_b, "b", page_b)

    def _show(self, view: PageView, side: str, index: int | None) -> None:
        doc = self.result.document_a if side == "a" else self.result.document_b
        path = self.paths[0] if side == "a" else self.paths[1]
        if index is None:
            view.show_page(None, 0, 612, 792)
            view.set_message("This page is not in this release.")
            return
        page = doc_store.get_page(self.project, doc.id, index)
        view.show_page(path, index, page.width, page.height)
        if path is None:
            view.set_message("The PDF of this release is missing; relink it.")
        boxes = (self.result.boxes_a if side == "a" else self.result.boxes_b).get(index, ())
        on_page = [(f, "a" if f.direction == REVEALED_IN_B else "b") for f in self.result.findings
                   if (f.page_a if side == "a" else f.page_b) == index]
        draw_page(view, boxes, on_page, side, self.focus, page.width)

    def jump_to_finding(self, row: int) -> None:
        if not 0 <= row < len(self.result.findings):
            self.accept_button.setEnabled(False)
            return
        f = self.result.findings[row]
        self.focus = f
        self.accept_button.setEnabled(row not in self.accepted)
        pair = self.pairs.index((f.page_a, f.page_b)) if (f.page_a, f.page_b) in self.pairs else 0
        self.show_pair(pair)
        self._syncing = True
        try:
            for view, box in ((self.view_a, f.bbox_a), (self.view_b, f.bbox_b)):
                view.centerOn(QRectF(box.x0, box.y0, box.width, box.height).center())
        finally:
            self._syncing = False

    def accept_current(self) -> None:
        row = self.findings.currentRow()
        if row < 0 or row in self.accepted:
            return
        try:
            claim = service.accept_finding(self.project, self.result, row + 1)
        except RectoError as exc:
            show_error(self, exc)
            return
        self.accepted.add(row)
        item = self.findings.item(row)
        item.setText("✓ " + item.text())
        self.accept_button.setEnabled(False)
        self.claim_added.emit(claim)

    def closeEvent(self, event) -> None:
        if self._own_renderer:
            self.renderer.stop()
        super().closeEvent(event)
