"""Actors in the main window: the Actors dock (list, filter, New / Edit / Delete /
Merge / Split), the Actor view, the mention suggestions review list, mention boxes
on the page, and the actions below. Every write goes through app.actors.service /
app.actors.mentions as one undoable step, so Ctrl+Z undoes it like any other edit.

M               tag the word selection as a mention (type-ahead picker; Enter picks),
                or, with no selection, drag a rectangle on the page and then pick
Ctrl+Shift+N    new actor named by the selected words, with them as its first mention
Ctrl+Shift+M    review suggested mentions (A accept, X reject, Shift+A/X all of an actor)
Tools > Suggest Mentions   find every alias in every page with text (background job)
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit

from recto.app.actors import service
from recto.app.errors import RectoError
from recto.ui.actors.dialogs import ActorDialog, MergeDialog
from recto.ui.actors.overlay import MentionOverlay, MentionTool
from recto.ui.actors.panel import ActorsPanel
from recto.ui.actors.picker import ActorPicker
from recto.ui.actors.selection import Place, box_place, new_actor_from_place, selection_place
from recto.ui.actors.suggestions import MentionSuggestions
from recto.ui.actors.view import ActorView
from recto.ui.errors import show_error

MENU = "&Annotate"
TABLES = ("actors", "actor_aliases", "mentions", "documents", "pages")


class ActorsFeature(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window, self.session = window, window.session
        self.overlay = MentionOverlay(window)
        self.panel = ActorsPanel(self.session)
        self.view = ActorView(self.session)
        self.suggestions = MentionSuggestions(self.session)
        self.dialog = None   # the open New / Merge / Split dialog or picker (tests use it)
        self.job = None
        self.panel_dock = window.add_panel("Actors", self.panel, role="list", order=20)
        self.view_dock = window.add_panel("Actor", self.view, role="editor", order=30)
        self.suggestions_dock = window.add_panel("Mention suggestions", self.suggestions,
                                                 role="list", order=30)
        self._actions()
        self._connect()

    def _actions(self) -> None:
        add = self.window.add_action
        add("actors.tag", "&Tag Mention of Actor…", self.tag_mention, "M", menu=MENU,
            tip="Tag the selected words (or a rectangle you drag) as a mention of an actor")
        add("actors.new_from_selection", "New &Actor from Selection", self.new_from_selection,
            "Ctrl+Shift+N", menu=MENU,
            tip="A new actor named by the selected words, with them as its first mention")
        add("actors.review", "Review &Mention Suggestions", self.focus_suggestions,
            "Ctrl+Shift+M", menu=MENU)
        add("actors.suggest", "Suggest &Mentions of Actors", self.suggest, menu="&Tools",
            tip="Find every alias of every actor in all pages with text")

    def _connect(self) -> None:
        s = self.session
        self.panel.actor_selected.connect(self._actor_selected)
        self.panel.requested.connect(self._request)
        self.view.mention_activated.connect(lambda mv: self.jump_to(mv.mention))
        self.view.actor_activated.connect(self.show_actor)
        self.suggestions.chosen.connect(self.jump_to)
        self.window.view.page_shown.connect(self.overlay.reload)
        s.changed.connect(self._on_change)
        s.project_opened.connect(lambda _p: self.reload_all())
        s.project_closed.connect(self.reload_all)

    # -- refreshing ---------------------------------------------------------------------
    def _on_change(self, changes) -> None:
        if changes is None or changes.touches(*TABLES):
            self.reload_all()

    def reload_all(self) -> None:
        self.panel.reload()
        self.view.reload()
        self.suggestions.reload()
        self.overlay.reload()

    def _actor_selected(self, actor_id) -> None:
        if actor_id is not None:
            self.view.show_actor(actor_id)
            self.suggestions.set_actor(actor_id)

    def show_actor(self, actor_id: str) -> None:
        if actor_id not in self.panel.ids():
            self.panel.filter.clear()
            self.panel.reload()   # it may be newer than the last change signal
        self.panel.select(actor_id)
        self.view.show_actor(actor_id)

    def status(self, text: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- panel buttons -------------------------------------------------------------------
    def _request(self, what: str) -> None:
        {"new": self.new_actor_dialog, "edit": self.edit_selected,
         "delete": self.delete_selected, "merge": self.merge_dialog,
         "split": self.split_dialog}[what]()

    def new_actor_dialog(self, name: str = "") -> None:
        if self.session.project is None:
            return
        self.dialog = ActorDialog(self._create_from_dialog, name, self.window)
        self.dialog.open()

    def _create_from_dialog(self, dialog: ActorDialog) -> None:
        aliases = [service.parse_alias_spec(line) for line in dialog.alias_lines()]
        result = service.add_actor(self.session.project, aliases=aliases, **dialog.values())
        self._created(result)

    def _created(self, result) -> None:
        self.show_actor(result.actor.id)
        self.panel.show_message(" ".join(result.warnings))
        self.status(f"Added actor {result.actor.name}. Ctrl+Z undoes it.")

    def edit_selected(self) -> None:
        if self.panel.current_id() is None:
            return
        self.view.show_actor(self.panel.current_id())
        self.view_dock.show()
        self.view_dock.raise_()
        self.view.name.setFocus()

    def delete_selected(self) -> None:
        actor_id = self.panel.current_id()
        if actor_id is None or self.session.project is None:
            return
        name = service.get_actor(self.session.project, actor_id).name
        if self._run(service.delete_actor, actor_id) is not False:
            self.status(f"Deleted {name} and its mentions. Ctrl+Z restores them.")

    def merge_dialog(self) -> None:
        ids = self.panel.selected_ids()
        if len(ids) != 2 or self.session.project is None:
            self.panel.show_message("Select two actors (Ctrl+click) to merge one into the other.")
            return
        first, second = (service.get_actor(self.session.project, i) for i in ids)
        self.dialog = MergeDialog(first, second, self._merge, self.window)
        self.dialog.open()

    def _merge(self, keep, gone) -> None:
        result = service.merge_actors(self.session.project, keep.id, gone.id)
        self.show_actor(result.actor.id)
        self.panel.show_message(
            f"Merged {gone.name} into {keep.name}: {result.moved_mentions} mention(s) moved, "
            f"{result.dropped_duplicates} duplicate(s) dropped. Ctrl+Z undoes it.")

    def split_dialog(self) -> None:
        actor_id, project = self.view.actor_id, self.session.project
        overview = self.view.overview
        ids = self.view.selected_mention_ids()
        if actor_id is None or overview is None or project is None or not ids:
            self.panel.show_message("Select the mentions to split off in the Actor view "
                                    "(Ctrl+click for several), then Split.")
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("actor-split-dialog")
        dialog.setWindowTitle("Split mentions")
        dialog.setLabelText(f"Move {len(ids)} mention(s) to a new actor named:")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        first = next((mv.mention.text for mv in overview.mentions
                      if mv.mention.id == ids[0]), "")
        dialog.setTextValue(first)
        dialog.textValueSelected.connect(lambda name: self.split(actor_id, ids, name))
        self.dialog = dialog
        dialog.open()

    def split(self, actor_id: str, mention_ids: list[str], name: str) -> None:
        result = self._run(service.split_mentions, actor_id, mention_ids, name)
        if result:
            self.show_actor(result.actor.id)
            self.panel.show_message(" ".join(result.warnings))
            self.status(f"Split {len(mention_ids)} mention(s) into {result.actor.name}.")

    def _run(self, fn, *args):
        """Call a service; a RectoError shows inline in the panel (False is returned)."""
        try:
            result = fn(self.session.project, *args)
        except RectoError as exc:
            self.panel.show_message(exc.message)
            return False
        self.panel.show_message("")
        return result

    # -- mentions from the page ------------------------------------------------------------
    def _ready(self) -> bool:
        if self.session.project is None or self.session.document is None:
            self.status("Open a document first, then select the words that name an actor.")
            return False
        return True

    def tag_mention(self) -> None:
        """M: pick the actor for the selected words, else drag a rectangle first."""
        if not self._ready():
            return
        place = self._selection()
        if place is not None:
            self.pick_actor_for(place)
            return
        self.window.view.set_tool(MentionTool(self.window.view, self._box_for_tag))
        self.status("Drag a box around the name (or region), then pick the actor.")

    def new_from_selection(self) -> None:
        """Ctrl+Shift+N: the selected words become a new actor and its first mention."""
        if not self._ready():
            return
        place = self._selection()
        if place is not None:
            self.create_from_place(place)
            return
        self.window.view.set_tool(MentionTool(self.window.view, self._box_for_new))
        self.status("Drag a box around the name: it becomes a new actor.")

    def _selection(self) -> Place | None:
        try:
            return selection_place(self.session.project, self.window)
        except RectoError as exc:
            self.status(exc.message)
            return None

    def _here_box(self, box) -> Place | None:
        try:
            return box_place(self.session.project, self.session.document.id,
                             self.window.view.page_index, box)
        except RectoError as exc:
            self.status(exc.message)
            return None

    def _box_for_tag(self, box) -> None:
        place = self._here_box(box)
        if place is not None:
            self.pick_actor_for(place)

    def _box_for_new(self, box) -> None:
        place = self._here_box(box)
        if place is not None:
            self.create_from_place(place)

    def pick_actor_for(self, place: Place) -> None:
        quoted = f"“{place.text}”" if place.text else "this region"
        picker = ActorPicker(self.session, f"Tag {quoted} on p. {place.page_index + 1} as a "
                             "mention of:", place.text, self.window)
        picker.picked.connect(lambda actor_id: self.tag(place, actor_id))
        picker.new_wanted.connect(lambda text: self.create_from_place(place, text))
        self.dialog = picker
        picker.open()
        picker.line.selectAll()

    def tag(self, place: Place, actor_id: str) -> None:
        try:
            mention = service.add_mention(self.session.project, actor_id, place.document_id,
                                          place.page_index, bbox=place.bbox, words=place.words,
                                          text=place.text or None)
        except RectoError as exc:
            self.status(exc.message)
            return
        self.overlay.focused = mention.id
        self.show_actor(actor_id)
        name = service.get_actor(self.session.project, actor_id).name
        self.status(f"Tagged “{mention.text}” as a mention of {name}. Ctrl+Z undoes it.")

    def create_from_place(self, place: Place, name: str = "") -> None:
        """A new actor named by the selection: the dialog opens prefilled (an OCR'd
        "VISIT TO" or a name in capitals needs fixing, and the type choosing) and
        creates the actor with this place as its first mention."""
        name = service.clean_text(name or place.text or "")
        if not name:
            self.status("The selection has no text to name an actor by; select words, "
                        "or use New… in the Actors panel.")
            return
        dialog = ActorDialog(lambda d: self._create_at(place, d), name, self.window)
        dialog.setWindowTitle("New actor from the selection")
        self.dialog = dialog
        dialog.open()
        dialog.name.selectAll()

    def _create_at(self, place: Place, dialog: ActorDialog) -> None:
        values = dialog.values()
        aliases = [service.parse_alias_spec(line) for line in dialog.alias_lines()]
        project = self.session.project
        result = new_actor_from_place(project, place, values["name"], values["type"])
        if aliases:
            service.add_aliases(project, result.actor.id, aliases)
        self._created(result)

    # -- suggestions and jumping ----------------------------------------------------------
    def suggest(self) -> None:
        project = self.session.project
        if project is None:
            return
        self.job = self.window.jobs.run(
            "Suggesting mentions", lambda state: service.suggest_mentions(project, None, state),
            on_done=self._suggested, on_error=lambda exc: show_error(self.window, exc))

    def _suggested(self, result) -> None:
        self.status(f"{len(result.suggestions)} new suggested mention(s) in {result.pages} "
                    f"page(s); {result.already_known} already known "
                    f"({result.seconds:.1f} s).", 8000)
        self.suggestions.reload()
        if result.suggestions:
            self.focus_suggestions()

    def focus_suggestions(self) -> None:
        self.suggestions_dock.show()
        self.suggestions_dock.raise_()
        self.suggestions.list.setFocus()

    def jump_to(self, mention) -> None:
        """Show a mention's page and highlight its box."""
        project, anchor = self.session.project, mention.anchor
        if project is None:
            return
        self.session.go_to(anchor.document_id, anchor.page_index)
        self.overlay.focus(mention.id)


def install(window) -> ActorsFeature:
    feature = ActorsFeature(window)
    window.actors = feature
    return feature
