"""The main window: documents and thumbnails on the left, the page in the middle,
panels on the right. Menus hold every action with a standard shortcut."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from recto.annotations import documents as doc_store
from recto.annotations.errors import NothingToUndoError
from recto.annotations.project import SUFFIX, Project
from recto.app import documents as doc_service
from recto.app.errors import RectoError
from recto.ui import accessible
from recto.ui.document_care import confirm_undo_add, relink_document, remove_documents
from recto.ui.document_list import DocumentList
from recto.ui.errors import show_error
from recto.ui.features import install_all
from recto.ui.global_keys import GlobalKeys
from recto.ui.jobs import JobRunner
from recto.ui.page_view import PageView
from recto.ui.places import load_place, remember_place, restore_place
from recto.ui.plain_text import PlainLabel
from recto.ui.reference_panel import ReferencePanel
from recto.ui.render_worker import RenderWorker
from recto.ui.screen_fit import available, elide, fit_window, fits, is_compact, keep_on_screen
from recto.ui.session import Session
from recto.ui.shortcuts_dialog import ShortcutsDialog
from recto.ui.thumbnails import ThumbnailStrip

if TYPE_CHECKING:
    from recto.ui.actors.feature import ActorsFeature
    from recto.ui.claims.controller import ClaimsController
    from recto.ui.exchange.feature import ExportFeature
    from recto.ui.links.feature import LinkOverlay
    from recto.ui.ocr.feature import OcrFeature
    from recto.ui.redactions.feature import RedactionFeature
    from recto.ui.releases.feature import ReleasesFeature

MAX_RECENT = 8
ADD_DOCUMENT = "Add document "  # the undo label of annotations.documents.add_document


class MainWindow(QMainWindow):
    # Set by each feature's install(window) (ui/features.py) while the window is built.
    actors: ActorsFeature
    claims: ClaimsController
    export_feature: ExportFeature
    links: LinkOverlay
    ocr: OcrFeature
    redactions: RedactionFeature
    releases: ReleasesFeature
    selected_words: Callable[[], Any]  # the OCR feature's word selection, for claims/actors
    selected_text: Callable[[], str]  # that selection as the page text reads it (placeholders)

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.setObjectName("main-window")
        self.settings = settings or QSettings()
        self.session = Session(self)
        self.jobs = JobRunner(self)
        self.renderer = RenderWorker(self)
        self.renderer.start()
        self.view = PageView()
        self.view.setObjectName("page-view")
        self.view.setAccessibleName("Page")
        self.setCentralWidget(self.view)
        self.documents = DocumentList(self.session)
        self.thumbnails = ThumbnailStrip(self.renderer)
        self.reference = ReferencePanel(self.session)
        self.named_actions: dict[str, QAction] = {}  # by key; `actions` is QWidget.actions()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_status()
        self._connect()
        self.features = install_all(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            accessible.install(app)   # every window's controls named as it is shown
        self.view.context_menu_wanted.connect(self._page_menu)   # after the features' parts
        self.global_keys = GlobalKeys(self, self.view)
        self._arrange_docks()
        fit_window(self, 1600, 1000)
        self._restore_state()
        self._update_title()

    # -- layout -------------------------------------------------------------
    def _build_docks(self) -> None:
        self.setDockNestingEnabled(True)

        self._panel_roles: dict[QDockWidget, tuple[str, int]] = {}
        self.docs_dock = self.add_panel("Documents", self.documents)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.docs_dock)
        self.thumbs_dock = self.add_panel("Pages", self.thumbnails)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.thumbs_dock)
        # The document's reference and metadata are a long form: it scrolls, so it never
        # makes the window taller than a 720-pixel screen.
        self.reference_scroll = QScrollArea()
        self.reference_scroll.setWidgetResizable(True)
        self.reference_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.reference_scroll.setWidget(self.reference)
        self.ref_dock = self.add_panel("Archival reference", self.reference_scroll, role="editor",
                                       order=0)

    # Where panels go by default, by the role each feature gives its panel: editors of the
    # selected thing in one tab group, lists in another, finders beside the documents, so
    # the page keeps most of the window; a saved layout overrides this.
    ROLES = ("left", "editor", "list")

    def _arrange_docks(self) -> None:
        placed = sorted(self._panel_roles.items(), key=lambda item: item[1][1])
        left = [self.docs_dock] + [d for d, (role, _) in placed if role == "left"]
        editors = [d for d, (role, _) in placed if role == "editor"]
        lists = [d for d, (role, _) in placed if role == "list"]
        for dock in left[1:] + editors + lists:
            self.removeDockWidget(dock)
        for dock in left[1:]:
            self.tabifyDockWidget(self.docs_dock, dock)
        for group in (editors, lists):
            if group:
                self.addDockWidget(
                    Qt.DockWidgetArea.RightDockWidgetArea, group[0], Qt.Orientation.Vertical
                )
                for dock in group[1:]:
                    self.tabifyDockWidget(group[0], dock)
        for dock in left[1:] + editors + lists:
            dock.show()
        for dock in (self.docs_dock, *(group[0] for group in (editors, lists) if group)):
            dock.raise_()
        self._unelide_tabs()
        for dock in self.findChildren(QDockWidget):
            dock.dockLocationChanged.connect(lambda _a: QTimer.singleShot(0, self._unelide_tabs))
        self._limit_docks(left, editors + lists)
        if editors and lists:  # the editor (claim, reference) gets two thirds of the height
            height = available(self).height()
            self.resizeDocks(
                [editors[0], lists[0]], [height * 2 // 3, height // 3], Qt.Orientation.Vertical
            )

    # Share of the screen width each side's docks may take: the page view keeps the rest
    # (at least half of a 1366 px laptop screen, side panels and all).
    LEFT_SHARE, RIGHT_SHARE = 0.17, 0.27

    def _limit_docks(self, left: list[QDockWidget], right: list[QDockWidget]) -> None:
        """Docks between a usable minimum and a share of the screen, so they yield to the
        page; below ~1400 px the Pages strip shares a tab group with Documents."""
        width = available(self).width()
        if is_compact(self):
            self.tabifyDockWidget(self.docs_dock, self.thumbs_dock)
            self.docs_dock.raise_()
        self._side_docks = ([*left, self.thumbs_dock], right)
        self._cap_docks(width)
        self.resizeDocks([self.docs_dock], [min(250, int(width * self.LEFT_SHARE))],
                         Qt.Orientation.Horizontal)
        if right:
            self.resizeDocks([right[0]], [min(470, int(width * self.RIGHT_SHARE))],
                             Qt.Orientation.Horizontal)

    def _cap_docks(self, width: int) -> None:
        """Side panels at most a share of `width` (the screen's, or the window's when it is
        narrower, e.g. beside a word processor), never so wide that the page is squeezed."""
        left, right = getattr(self, "_side_docks", ((), ()))
        for docks, share, low in ((left, self.LEFT_SHARE, 120), (right, self.RIGHT_SHARE, 160)):
            for dock in docks:
                dock.setMinimumWidth(min(low, int(width * share)))
                dock.setMaximumWidth(max(low, int(width * share)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._cap_docks(min(available(self).width(), max(self.width(), 1)))

    def _unelide_tabs(self) -> None:
        """Panel tabs show their whole names, scrolling when they do not fit."""
        from PySide6.QtWidgets import QTabBar
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)
                bar.setExpanding(False)

    def add_panel(self, title: str, widget: QWidget, role: str | None = None,
                  order: int = 50) -> QDockWidget:
        """A dock for a feature's panel; `role` ("editor", "list" or "left") says where it goes
        by default (see _arrange_docks), `order` its place among panels of that role."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower().replace(' ', '-')}")
        dock.setWidget(widget)
        self.addDockWidget(
            Qt.DockWidgetArea.LeftDockWidgetArea
            if role == "left"
            else Qt.DockWidgetArea.RightDockWidgetArea,
            dock,
        )
        if role is not None:
            if role not in self.ROLES:
                raise ValueError(f"unknown panel role {role!r}")
            self._panel_roles[dock] = (role, order)
        if hasattr(self, "view_menu"):
            self.view_menu.addAction(dock.toggleViewAction())
        return dock

    def menu(self, title: str):
        """The top-level menu called `title` (e.g. "&Tools"), created before Help if new."""
        for action in self.menuBar().actions():
            if action.text() == title and action.menu():
                return action.menu()
        from PySide6.QtWidgets import QMenu
        menu = QMenu(title, self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        return menu

    def add_action(self, key: str, text: str, slot, shortcut=None, menu: str | None = None,
                   tip: str = "") -> QAction:
        """For feature modules: a named action with a shortcut, listed in Help > Shortcuts."""
        action = self._action(key, text, slot, shortcut, tip)
        if menu:
            self.menu(menu).addAction(action)
        return action

    def _action(self, key: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(
                shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)]
            )
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.named_actions[key] = action
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence
        self._action("new", "&New Project…", self.new_project, K.StandardKey.New)
        self._action("open", "&Open Project…", self.open_project_dialog, K.StandardKey.Open)
        self._action("add", "&Add PDFs or Photos…", self.add_pdfs_dialog, K("Ctrl+Shift+A"))
        self._action("sample", "Open &Sample Project", self.open_sample)
        self._action("relink", "&Relink Document PDF…", lambda: self.relink_document(None))
        self._action("remove_documents", "Re&move Documents from Project…",
                     lambda: self.remove_documents(self.documents.selected_documents()),
                     tip="Remove the selected documents and their annotations (undoable)")
        self._action("close", "&Close Project", self.close_project, K.StandardKey.Close)
        platform_quit = K.keyBindings(K.StandardKey.Quit)
        quit_keys = [K("Ctrl+Q")] + [k for k in platform_quit if k != K("Ctrl+Q")]
        self._action("quit", "&Quit", self.close, quit_keys)  # some platforms bind no Quit key
        # Quit also from a progress dialog or a tool window that has the focus.
        self.named_actions["quit"].setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self._action("undo", "&Undo", self.undo, K.StandardKey.Undo)
        self._action("redo", "&Redo", self.redo, [K("Ctrl+Shift+Z"), K("Ctrl+Y")])
        self._action("zoom_in", "Zoom &In", self.view.zoom_in, [K(K.StandardKey.ZoomIn),
                                                                     K("Ctrl+=")])
        self._action("zoom_out", "Zoom &Out", self.view.zoom_out, K.StandardKey.ZoomOut)
        self._action("fit_width", "Fit &Width", self.view.fit_width, K("Ctrl+1"))
        self._action("fit_page", "Fit &Page", self.view.fit_page, K("Ctrl+2"))
        self._action("actual", "Actual Size (100%)", lambda: self.view.set_zoom(1.0), K("Ctrl+0"))
        self._action("next_page", "&Next Page", lambda: self.step_page(1),
                     [K(Qt.Key.Key_PageDown), K("Ctrl+Right")])
        self._action("prev_page", "P&revious Page", lambda: self.step_page(-1),
                     [K(Qt.Key.Key_PageUp), K("Ctrl+Left")])
        self._action("first_page", "First Page", lambda: self.session.select_page(0),
                     K("Ctrl+Home"))
        self._action("last_page", "Last Page", lambda: self.session.select_page(10**9),
                     K("Ctrl+End"))
        self._action("shortcuts", "&Keyboard Shortcuts", self.show_shortcuts, K("F1"))
        self._action("about", "&About Recto", self.about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        a = self.named_actions
        file_menu = bar.addMenu("&File")
        for key in ("new", "open"):
            file_menu.addAction(a[key])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addAction(a["sample"])
        file_menu.addSeparator()
        file_menu.addAction(a["add"])
        file_menu.addAction(a["relink"])
        file_menu.addAction(a["remove_documents"])
        file_menu.addSeparator()
        file_menu.addAction(a["close"])
        file_menu.addAction(a["quit"])
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(a["undo"])
        edit_menu.addAction(a["redo"])
        view_menu = bar.addMenu("&View")
        for key in ("zoom_in", "zoom_out", "actual", "fit_width", "fit_page"):
            view_menu.addAction(a[key])
        view_menu.addSeparator()
        for dock in (self.docs_dock, self.thumbs_dock, self.ref_dock):
            view_menu.addAction(dock.toggleViewAction())
        self.view_menu = view_menu
        go_menu = bar.addMenu("&Go")
        for key in ("prev_page", "next_page", "first_page", "last_page"):
            go_menu.addAction(a[key])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(a["about"])
        self.help_menu = help_menu
        self._refresh_recent()

    def _build_status(self) -> None:
        self.page_label = PlainLabel()
        self.zoom_label = PlainLabel()
        self.saved_label = PlainLabel()
        self.saved_label.setObjectName("saved-indicator")
        for w in (self.saved_label, self.page_label, self.zoom_label):
            self.statusBar().addPermanentWidget(w)

    def _connect(self) -> None:
        s = self.session
        s.document_selected.connect(self._show_document)
        s.page_selected.connect(self._show_page)
        s.changed.connect(self._on_change)
        s.project_opened.connect(lambda _p: self._update_title())
        s.project_closed.connect(self._reset_views)
        self.documents.document_chosen.connect(lambda d: s.select_document(d))
        self.documents.files_dropped.connect(self.add_pdfs)
        self.documents.relink_wanted.connect(self.relink_document)
        self.documents.remove_wanted.connect(self.remove_documents)
        self.thumbnails.page_chosen.connect(s.select_page)
        self.view.render_wanted.connect(self.renderer.request)
        self.view.page_step.connect(self.step_page)
        self.view.zoom_changed.connect(self._zoomed)
        self.renderer.rendered.connect(self.view.set_image)
        self.renderer.failed.connect(lambda _p, _i, msg: self.view.set_message(msg))
        self.setAcceptDrops(True)

    # -- projects -------------------------------------------------------------
    def open_project(self, path: str | Path, create: bool = False) -> bool:
        try:
            project = Project.open(path, create=create)
        except RectoError as exc:
            show_error(self, exc)
            return False
        place = load_place(self.settings, str(project.path))
        self.session.open(project)
        self._remember_recent(str(project.path))
        restore_place(self, place)
        return True

    def open_last_project(self) -> bool:
        """On start: the most recent project that still exists, where it was left."""
        recent = [p for p in self.recent_projects() if Path(p).exists()]
        return bool(recent) and self.open_project(recent[0])

    def _zoomed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")
        remember_place(self)

    def _reset_views(self) -> None:
        """A closed project leaves nothing behind: page, overlays, thumbnails, messages."""
        self._path: str | None = None
        self.view.show_page(None, 0, 612, 792)
        self.view.set_message("")
        self.thumbnails.show_document(None, 0)
        self.page_label.setText("")
        self.statusBar().clearMessage()
        self._update_title()

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", str(Path.home()),
                                              f"Recto projects (*{SUFFIX})")
        if path:
            if not path.endswith(SUFFIX):
                path += SUFFIX
            self.open_project(path, create=True)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()),
                                              f"Recto projects (*{SUFFIX});;All files (*)")
        if path:
            self.open_project(path)

    def open_sample(self) -> None:
        from recto.app.sample import build_sample_project
        self.jobs.run("Preparing the sample project", lambda _s: build_sample_project(),
                      on_done=lambda path: self.open_project(path),
                      on_error=lambda exc: show_error(self, exc))

    def close_project(self) -> None:
        self.session.close()

    # -- documents ------------------------------------------------------------
    def add_pdfs_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Add PDFs or Photos", str(Path.home()),
            "PDFs and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)")
        if paths:
            self.add_pdfs(paths)

    def add_pdfs(self, paths: list[str]) -> None:
        project = self.session.project
        if project is None:
            show_error(self, RectoError("Open or create a project first (File > New Project)."))
            return
        self.jobs.run(f"Adding {len(paths)} file(s) or folder(s)",
                      lambda state: doc_service.add_pdfs(project, list(paths), state),
                      on_done=self._added, on_error=lambda exc: show_error(self, exc))

    def _added(self, outcome) -> None:
        results, failures = outcome
        if results:
            self.session.select_document(results[-1].document)
        if failures:
            lines = "\n".join(f"• {Path(p).name}: {msg}" for p, msg in failures)
            show_error(self, RectoError(f"Some files were not added:\n{lines}"))

    PAGE_MENU = (("copy_words", "actors.tag", "actors.new_from_selection", "claims.new",
                  "claims.add_evidence"),
                 ("prev_page", "next_page", "zoom_in", "zoom_out", "fit_width", "fit_page"),
                 ("ocr_pages", "redaction_tool", "select_words"))

    def _page_menu(self, menu, _point) -> None:
        """The page's part of its context menu: what the selection allows, then the page."""
        if self.session.document is None:
            return
        selected = bool(getattr(getattr(self, "ocr", None), "selected_words", lambda: None)())
        for n, group in enumerate(self.PAGE_MENU):
            if n == 0 and not selected:
                continue
            if not menu.isEmpty():
                menu.addSeparator()
            for key in group:
                if key in self.named_actions:
                    menu.addAction(self.named_actions[key])

    def remove_documents(self, docs):
        return remove_documents(self, docs)

    def relink_document(self, doc=None, path: str | None = None) -> bool:
        return relink_document(self, doc, path)

    def _show_document(self, doc) -> None:
        path: str | None = None
        if doc is not None and self.session.project is not None:
            try:
                path = str(doc_service.resolve_path(self.session.project, doc))
            except RectoError as exc:
                self.view.show_page(None, 0, 612, 792)
                self.view.set_message(exc.message)
                self.thumbnails.show_document(None, 0)
                return
        self._path = path
        self.thumbnails.show_document(path, doc.page_count if doc else 0)
        if doc is None:
            self.view.show_page(None, 0, 612, 792)
            self.page_label.setText("")
        self._update_title()

    def _show_page(self, page_index: int) -> None:
        doc = self.session.document
        if doc is None or self.session.project is None or not getattr(self, "_path", None):
            self.page_label.setText("")
            return
        page = doc_store.get_page(self.session.project, doc.id, page_index)
        self.view.show_page(self._path, page_index, page.width, page.height)
        self.thumbnails.set_current(page_index)
        self.page_label.setText(f"Page {page_index + 1} of {doc.page_count}")
        remember_place(self)

    def step_page(self, delta: int) -> None:
        self.session.select_page(self.session.page_index + delta)

    # -- undo -----------------------------------------------------------------
    def undo(self) -> None:
        project = self.session.project
        if project is None:
            return
        label = project.undo_label() or ""
        if not label.startswith(ADD_DOCUMENT):
            self._undo_redo(project.undo)
        elif getattr(self, "_undo_confirm", None) is None:
            self._confirm_undo_add(label[len(ADD_DOCUMENT):])

    def _confirm_undo_add(self, title: str) -> None:
        def undo() -> None:
            if self.session.project is not None:
                self._undo_redo(self.session.project.undo)
        self._undo_confirm = confirm_undo_add(self, title, undo)
        self._undo_confirm.finished.connect(lambda _r: setattr(self, "_undo_confirm", None))

    def redo(self) -> None:
        self._undo_redo(self.session.project.redo if self.session.project else None)

    def _undo_redo(self, fn) -> None:
        if fn is None:
            return
        try:
            changes = fn()
        except NothingToUndoError as exc:
            self.statusBar().showMessage(exc.message, 3000)
            return
        except RectoError as exc:  # locked by another program, disk full: nothing changed
            show_error(self, exc)
            return
        self.statusBar().showMessage(f"{changes.kind.title()}: {changes.label}", 3000)

    def _on_change(self, changes) -> None:
        project = self.session.project
        undo_label = project.undo_label() if project else None
        redo_label = project.redo_label() if project else None
        self.named_actions["undo"].setText(f"&Undo {undo_label}" if undo_label else "&Undo")
        self.named_actions["redo"].setText(f"&Redo {redo_label}" if redo_label else "&Redo")
        self.named_actions["undo"].setEnabled(bool(undo_label))
        self.named_actions["redo"].setEnabled(bool(redo_label))
        self.saved_label.setText("✓ All changes saved" if project else "")
        if changes is not None and changes.touches("documents"):
            self.session.refresh_document()
            self._update_title()

    # -- settings, title, recent ----------------------------------------------
    def _update_title(self) -> None:
        project = self.session.project
        doc = self.session.document
        parts = [p for p in (elide(doc.title) if doc else None,
                             project.name if project else None, "Recto") if p]
        self.setWindowTitle(" — ".join(parts))
        self._on_change(None)

    def _remember_recent(self, path: str) -> None:
        recent = [p for p in self.recent_projects() if p != path]
        self.settings.setValue("recent", [path, *recent][:MAX_RECENT])
        self._refresh_recent()

    def recent_projects(self) -> list[str]:
        value = self.settings.value("recent", []) or []
        if isinstance(value, str):  # QSettings gives back a one-item list as a bare string
            return [value]
        return [str(p) for p in value] if isinstance(value, (list, tuple)) else []

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_projects():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_project(p))
        self.recent_menu.setEnabled(bool(self.recent_projects()))

    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        state = self.settings.value("window_state")
        if isinstance(geometry, QByteArray):
            wished = self.geometry()
            self.restoreGeometry(geometry)
            self._restored_geometry = True
            if not fits(self.frameGeometry(), self) or self.isMaximized() and not fits(
                    self.normalGeometry(), self):
                # Saved on a bigger screen: keep the size fitted to this one.
                self.setGeometry(wished)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.save_state()
        self.jobs.cancel_all()
        self.renderer.stop()
        self.session.close()
        super().closeEvent(event)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.named_actions.values(), self).open()

    def about(self) -> None:
        QMessageBox.about(self, "About Recto",
                          "Recto — a workbench for declassified archival records.\n"
                          "Every edit is saved as you make it.")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_restored_geometry", False):
            self._restored_geometry = False
            keep_on_screen(self)
        QTimer.singleShot(0, self.view._apply_fit)
