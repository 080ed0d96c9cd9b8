"""A mention's quoted text reads as the page text does: a confirmed redaction among the
selected words is its placeholder, never the words hidden under it (real born-digital
PDF, real project file)."""
from __future__ import annotations

import pymupdf

from recto.annotations import actors as actor_store
from recto.annotations import ocr_store
from recto.app import documents as doc_service
from recto.app.actors.mentions import resolve_anchor
from recto.app.actors.places import new_actor_from_place, selection_place
from recto.app.pdf.text_layer import import_text_layer
from recto.app.redactions import service as redactions


def _memo(tmp_path):
    pdf = tmp_path / "memo.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "Minister Tanaka met Chairman Han Deok-su at Niigata.",
                     fontsize=12)
    doc.save(pdf)
    doc.close()
    return pdf


def test_a_mention_over_a_confirmed_redaction_quotes_its_placeholder(project, tmp_path):
    document = doc_service.add_pdf(project, _memo(tmp_path)).document
    import_text_layer(project, document)
    words = ocr_store.current_words(project, document.sha256, 0)
    hidden = next(w for w in words if w.text == "Tanaka")
    redactions.add_redaction(project, document.id, 0, hidden.bbox.as_list())
    span = [w for w in words if w.text in ("Minister", "Tanaka", "met")]
    place = selection_place(project, (document.id, 0, span, None))
    assert place is not None and "Tanaka" not in place.text
    assert place.text.startswith("Minister [REDACTED") and place.text.endswith("met")
    actor = new_actor_from_place(project, place, name="Minister").actor
    [mention] = actor_store.list_mentions(project, actor.id)
    assert mention.text == place.text
    _, quoted = resolve_anchor(project, document.id, 0, None, place.words)
    assert quoted == place.text
    project.undo()   # the new actor
    project.undo()   # the redaction: the words are quoted as printed
    _, quoted = resolve_anchor(project, document.id, 0, None, place.words)
    assert quoted == "Minister Tanaka met"
