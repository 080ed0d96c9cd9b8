"""The Actor view: one actor's canonical name, type, note, external id, aliases, mention
count per document, its mentions with page snippets, and the actors it co-occurs
with. Double-clicking (or Enter on) a mention asks the feature to jump to its page
and highlight its box; a co-occurring actor opens in the view.

Everything shown comes from app.actors.service.actor_overview; edits write through
app.actors.service (one undoable step each) and the view refreshes on the session's
`changed` signal like every other panel.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recto.annotations import documents as doc_store
from recto.annotations.model import ActorType, Status
from recto.app.actors import service
from recto.app.errors import RectoError
from recto.ui.actors.aliases import AliasEditor
from recto.ui.appearance import set_tone
from recto.ui.plain_text import PlainLabel, plain_tip
from recto.ui.tree_items import top_level_items

ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_MARK = {Status.CONFIRMED: "✓", Status.SUGGESTED: "?", Status.REJECTED: "✗"}


def _tree(name: str, headers: list[str], stretch: int) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    header = tree.header()
    for col in range(len(headers)):
        header.setSectionResizeMode(
            col,
            QHeaderView.ResizeMode.Stretch
            if col == stretch
            else QHeaderView.ResizeMode.ResizeToContents,
        )
    return tree


class _Body(QWidget):
    """Asks only for its minimum, so the scroll area fits it to the dock and scrolls
    only when the dock is shorter than that (word-wrapped labels would ask for more)."""

    def sizeHint(self):
        return self.minimumSizeHint()

    def heightForWidth(self, _width: int) -> int:
        return self.minimumSizeHint().height()


class ActorView(QScrollArea):
    mention_activated = Signal(object)   # MentionView
    actor_activated = Signal(str)        # a co-occurring actor's id

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("actor-view")
        self.setWidgetResizable(True)
        self.session = session
        self.overview: service.ActorOverview | None = None
        body = _Body()
        self.setWidget(body)
        self.title = PlainLabel("No actor selected.")
        self.title.setObjectName("actor-view-title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.message = PlainLabel()
        self.message.setObjectName("actor-view-message")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self._details_box())
        layout.addWidget(self._aliases_box(), 2)
        layout.addWidget(self._documents_box(), 1)
        layout.addWidget(self._mentions_box(), 3)
        layout.addWidget(self._cooccurring_box(), 1)
        layout.addWidget(self.message)
        self.show_actor(None)

    # -- building -------------------------------------------------------------------
    def _details_box(self) -> QGroupBox:
        box = QGroupBox("Details")
        self.name = QLineEdit()
        self.name.setObjectName("actor-view-name")
        self.type = QComboBox()
        self.type.setObjectName("actor-view-type")
        for t in ActorType:
            self.type.addItem(t.value, t)
        self.external_id = QLineEdit()
        self.external_id.setObjectName("actor-view-external-id")
        self.external_id.setPlaceholderText("e.g. Wikidata Q…")
        self.note = QLineEdit()
        self.note.setObjectName("actor-view-note")
        self.save_button = QPushButton("Save details")
        self.save_button.setObjectName("actor-view-save")
        self.save_button.clicked.connect(self.save_details)
        for line in (self.name, self.external_id, self.note):
            line.returnPressed.connect(self.save_details)
        form = QFormLayout(box)
        form.addRow("Name", self.name)
        form.addRow("Type", self.type)
        form.addRow("External id", self.external_id)
        form.addRow("Note", self.note)
        form.addRow("", self.save_button)
        return box

    def _aliases_box(self) -> QGroupBox:
        box = QGroupBox("Aliases")
        self.aliases = AliasEditor(self.session)
        self.aliases.message.connect(self.show_message)
        QVBoxLayout(box).addWidget(self.aliases)
        return box

    def _documents_box(self) -> QGroupBox:
        box = QGroupBox("Mentions per document")
        self.documents = _tree("actor-view-documents",
                               ["Document", "Confirmed", "Suggested", "Rejected"], 0)
        self.documents.setMinimumHeight(60)
        self.documents.setMaximumHeight(80)
        QVBoxLayout(box).addWidget(self.documents)
        return box

    def _mentions_box(self) -> QGroupBox:
        box = QGroupBox("Mentions")
        self.mentions = _tree("actor-view-mentions", ["", "Text", "Document", "Page", "Snippet"], 4)
        self.mentions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.mentions.setMinimumHeight(120)
        self.mentions.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.mentions.setWordWrap(False)
        self.mentions.itemActivated.connect(self._mention_item)
        self.mentions.itemClicked.connect(self._mention_item)
        QVBoxLayout(box).addWidget(self.mentions)
        return box

    def _cooccurring_box(self) -> QGroupBox:
        box = QGroupBox("Co-occurring on the same pages")
        self.cooccurring = _tree("actor-view-cooccurring", ["Actor", "Pages"], 0)
        self.cooccurring.setMinimumHeight(84)
        self.cooccurring.setMaximumHeight(130)
        self.cooccurring.itemActivated.connect(
            lambda item, _c: self.actor_activated.emit(item.data(0, ID_ROLE)))
        QVBoxLayout(box).addWidget(self.cooccurring)
        return box

    # -- showing -----------------------------------------------------------------------
    @property
    def actor_id(self) -> str | None:
        return self.overview.actor.id if self.overview else None

    def show_actor(self, actor_id: str | None) -> None:
        project = self.session.project
        self.overview = None
        if actor_id is not None and project is not None:
            try:
                self.overview = service.actor_overview(project, actor_id)
            except RectoError:
                self.overview = None
        self._fill()

    def reload(self) -> None:
        self.show_actor(self.actor_id)

    def _fill(self) -> None:
        ov = self.overview
        project = self.session.project
        titles = {d.id: d.title for d in doc_store.list_documents(project)} if project else {}
        for w in (self.name, self.type, self.external_id, self.note, self.save_button,
                  self.mentions, self.documents, self.cooccurring):
            w.setEnabled(ov is not None)
        actor = ov.actor if ov else None
        self.title.setText(f"{actor.name}  ·  {actor.type.value}" if actor
                           else "No actor selected: choose one in the Actors panel.")
        self.name.setText(actor.name if actor else "")
        self.type.setCurrentIndex(self.type.findData(actor.type) if actor else 0)
        self.external_id.setText(actor.external_id if actor else "")
        self.note.setText(actor.note if actor else "")
        self.aliases.show_actor(actor, titles)
        self._fill_documents(ov)
        self._fill_mentions(ov)
        self._fill_cooccurring(ov)

    def _fill_documents(self, ov) -> None:
        self.documents.clear()
        for d in (ov.documents if ov else ()):
            item = QTreeWidgetItem([d.title, str(d.confirmed), str(d.suggested),
                                    str(d.rejected)])
            item.setData(0, ID_ROLE, d.document_id)
            self.documents.addTopLevelItem(item)

    def _fill_mentions(self, ov) -> None:
        keep = set(self.selected_mention_ids())
        self.mentions.clear()
        for mv in (ov.mentions if ov else ()):
            m = mv.mention
            item = QTreeWidgetItem([STATUS_MARK[m.status], m.text, mv.document_title,
                                    f"p. {mv.page}", mv.snippet])
            item.setData(0, ID_ROLE, m.id)
            item.setData(1, ID_ROLE, mv)
            item.setToolTip(0, plain_tip(m.status.value))
            item.setToolTip(4, plain_tip(f"“{m.text}” — {mv.snippet}"))
            item.setToolTip(2, plain_tip(mv.document_title))
            self.mentions.addTopLevelItem(item)
            item.setSelected(m.id in keep)
        texts = [mv.mention.text for mv in (ov.mentions if ov else ())] or ["Text"]
        metrics = self.mentions.fontMetrics()
        self.mentions.header().resizeSection(
            1, min(160, 24 + max(metrics.horizontalAdvance(t) for t in texts)))

    def _fill_cooccurring(self, ov) -> None:
        self.cooccurring.clear()
        for co in (ov.cooccurring if ov else ()):
            item = QTreeWidgetItem([co.name, str(co.pages)])
            item.setData(0, ID_ROLE, co.actor_id)
            self.cooccurring.addTopLevelItem(item)

    def selected_mention_ids(self) -> list[str]:
        return [i.data(0, ID_ROLE) for i in self.mentions.selectedItems()]

    def select_mentions(self, mention_ids) -> None:
        wanted = set(mention_ids)
        for item in top_level_items(self.mentions):
            item.setSelected(item.data(0, ID_ROLE) in wanted)

    def show_message(self, text: str, is_error: bool = False) -> None:
        set_tone(self.message, "error" if is_error else "warning")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- writing ------------------------------------------------------------------------
    def save_details(self) -> None:
        project = self.session.project
        if self.overview is None or project is None:
            return
        actor = self.overview.actor
        values = {"name": self.name.text(), "type": self.type.currentData(),
                  "note": self.note.text(), "external_id": self.external_id.text()}
        current = {"name": actor.name, "type": actor.type, "note": actor.note,
                   "external_id": actor.external_id}
        changed = {k: v for k, v in values.items() if v != current[k]}
        if not changed:
            return
        try:
            service.edit_actor(project, actor.id, **changed)
        except RectoError as exc:
            self.show_message(exc.message, True)
            return
        self.show_message("")

    def _mention_item(self, item, _column=0) -> None:
        if not (self.mentions.selectedItems() and len(self.mentions.selectedItems()) > 1):
            self.mention_activated.emit(item.data(1, ID_ROLE))
