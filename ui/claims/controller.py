"""What the claims feature does in the main window, apart from any one widget.

It turns a selection (the window's word selection, or a box dragged with the claim
tool) into a claim draft or new evidence, opens claims in the editor, jumps to
evidence and highlights its box on the page, copies citations, and opens the
timeline and network windows. Every write goes through app.claims.service, so Ctrl+Z undoes it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QApplication, QDialog, QGraphicsRectItem

from recto.annotations import documents as doc_store
from recto.annotations.claims import actor_names
from recto.annotations.model import Box
from recto.app.claims import service as claim_service
from recto.app.claims.citations import claim_citation, evidence_citation
from recto.app.errors import RectoError
from recto.ui.claims.link_dialog import LinkDialog
from recto.ui.claims.pictures import ClaimPictureWindow
from recto.ui.claims.tool import ClaimBoxTool

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from recto.ui.claims.editor import ClaimEditor
    from recto.ui.claims.panel import ClaimsPanel

LAYER = "claims"


class ClaimsController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window, self.session = window, window.session
        # set by the feature's install() once the widgets exist, before any signal runs
        self.editor: ClaimEditor | None = None
        self.panel: ClaimsPanel | None = None
        self.list_dock: QDockWidget | None = None
        self.editor_dock: QDockWidget | None = None
        self.pictures: dict[str, ClaimPictureWindow] = {}
        self.focus_evidence: str | None = None
        self.link_picker: LinkDialog | None = None

    # -- selections -------------------------------------------------------------
    def selection(self):
        """(document id, page index, box, quote or None) of the window's word selection."""
        getter = getattr(self.window, "selected_words", None)
        picked = getter() if callable(getter) else None
        if not picked:
            return None
        document, page_index, words, bbox = picked
        box = bbox if isinstance(bbox, Box) else Box.of(bbox)
        as_read = getattr(self.window, "selected_text", None)  # placeholders, never hidden words
        quote = claim_service.quote_line(as_read()) if callable(as_read) else None
        if not quote:
            texts = [w for w in (words or []) if hasattr(w, "text")]
            quote = claim_service.join_words(texts) if texts else None
        return getattr(document, "id", document), page_index, box, quote

    def new_claim(self) -> None:
        """Ctrl+K: a claim from the selected words, else arm the box tool on the page."""
        if self.session.project is None or self.session.document is None:
            self.status("Open a document first, then select the passage the claim rests on.")
            return
        picked = self.selection()
        if picked:
            self.draft_from(*picked)
            return
        self.window.view.set_tool(ClaimBoxTool(self.window.view, self._box_for_claim))
        self.status("Drag a box around the passage the claim rests on.")

    def add_evidence_from_selection(self) -> None:
        claim = self.editor.claim if self.editor else None
        if claim is None or self.session.document is None:
            self.status("Open a claim and a document page first.")
            return
        picked = self.selection()
        if picked:
            self._add_evidence(claim.id, *picked)
            return
        self.window.view.set_tool(ClaimBoxTool(self.window.view, self._box_for_evidence,
                                               "evidence"))
        self.status("Drag a box around the further evidence (any page or document).")

    def _here(self) -> tuple[str, int]:
        assert self.session.document is not None  # the box tools run on a shown page
        return self.session.document.id, self.session.page_index

    def _box_for_claim(self, box: Box) -> None:
        self.draft_from(*self._here(), box, None)

    def _box_for_evidence(self, box: Box) -> None:
        if self.editor is not None and self.editor.claim is not None:
            self._add_evidence(self.editor.claim.id, *self._here(), box, None)

    def draft_from(self, document_id: str, page_index: int, box: Box, quote) -> None:
        project = self.session.project
        try:
            draft = claim_service.make_evidence(project, document_id, page_index, box, quote)
        except RectoError as exc:
            self.status(exc.message)
            return
        citation = doc_store.get_document(project, document_id).citation(page_index + 1)
        self.show_editor()
        assert self.editor is not None  # set by install()
        self.editor.start_draft(draft, citation)
        self.draw_highlights(extra=box)

    def _add_evidence(self, claim_id, document_id, page_index, box, quote) -> None:
        evidence = self.run(claim_service.add_evidence, claim_id, document_id, page_index,
                            box, quote)
        if evidence is not None:
            self.focus_evidence = evidence.id

    # -- opening and jumping ----------------------------------------------------
    def open_claim(self, claim_id: str, jump: bool = False) -> None:
        self.show_editor()
        assert self.editor is not None  # set by install()
        try:
            self.editor.show_claim(claim_id)
        except RectoError as exc:
            self.status(exc.message)
            return
        claim = self.editor.claim
        if jump and claim is not None and claim.evidence:
            self.jump_to_evidence(claim.evidence[0])
        else:
            self.draw_highlights()

    def jump_to_evidence(self, evidence) -> None:
        project = self.session.project
        anchor = evidence.anchor
        self.focus_evidence = evidence.id
        self.session.go_to(anchor.document_id, anchor.page_index)
        self.draw_highlights()
        self.status(evidence_citation(project, evidence))

    def draw_highlights(self, *_args, extra: Box | None = None) -> None:
        """Boxes of the open claim's evidence on the page shown; the focused one strongest."""
        view = self.window.view
        view.clear_layer(LAYER)
        claim = self.editor.claim if self.editor else None
        doc = self.session.document
        boxes = []
        if claim is not None and doc is not None:
            boxes = [(e.anchor.bbox, e.id == self.focus_evidence) for e in claim.evidence
                     if e.anchor.document_id == doc.id and e.anchor.page_index == view.page_index
                     and e.anchor.bbox is not None]
        if extra is not None:
            boxes.append((extra, True))
        group = view.layer(LAYER, z=20)
        for box, focused in boxes:
            item = QGraphicsRectItem(QRectF(box.x0, box.y0, box.width, box.height))
            colour = QColor("#e8a400")
            item.setPen(QPen(colour.darker(120), 0 if not focused else 2.0))
            colour.setAlpha(90 if focused else 45)
            item.setBrush(QBrush(colour))
            group.addToGroup(item)
            if focused:
                view.ensureVisible(item, 40, 40)

    def highlighted_boxes(self) -> list[QRectF]:
        return [c.rect() for c in self.window.view.layer(LAYER).childItems()]

    # -- links, citations, pictures ---------------------------------------------
    def link_dialog(self) -> LinkDialog | None:
        claim = self.editor.claim if self.editor else None
        if claim is None:
            return None
        project = self.session.project
        dialog = LinkDialog(claim_service.list_claims(project), actor_names(project), claim.id,
                            self.editor)
        dialog.finished.connect(lambda result: self._linked(dialog, claim.id, result))
        self.link_picker = dialog
        dialog.open()
        return dialog

    def _linked(self, dialog: LinkDialog, claim_id: str, result: int) -> None:
        self.link_picker = None
        choice = dialog.choice() if result == QDialog.DialogCode.Accepted else None
        dialog.deleteLater()
        if choice:
            other, kind, note = choice
            self.run(claim_service.link_claims, claim_id, kind, other, note)

    def copy_citation(self) -> str | None:
        claim = self.editor.claim if self.editor else None
        if claim is None:
            self.status("Open a claim to copy its citation.")
            return None
        text = claim_citation(self.session.project, claim) or claim.statement
        QApplication.clipboard().setText(text)
        self.status(f"Copied: {text}")
        return text

    def show_picture(self, kind: str) -> ClaimPictureWindow:
        picture = self.pictures.get(kind)
        if picture is None:
            picture = ClaimPictureWindow(self.window, kind)
            picture.claim_activated.connect(lambda cid: self.open_claim(cid, jump=True))
            self.pictures[kind] = picture
        picture.show()
        picture.raise_()
        picture.load()
        return picture

    # -- helpers ----------------------------------------------------------------
    def show_editor(self) -> None:
        dock = self.editor_dock
        if dock is not None:
            dock.show()
            dock.raise_()

    def run(self, fn, *args):
        """Call a service; a RectoError shows inline in the editor, not as a popup."""
        try:
            result = fn(self.session.project, *args)
        except RectoError as exc:
            if self.editor is not None:
                self.editor.set_message(exc.message)
            self.status(exc.message)
            return None
        if self.editor is not None:
            self.editor.set_message("")
        return result

    def status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    def on_change(self, changes) -> None:
        if changes is None or not changes.touches("claims", "claim_actors", "claim_evidence",
                                                  "claim_links", "annotation_tags", "actors"):
            return
        if self.editor is not None:
            self.editor.refresh()
        self.draw_highlights()


