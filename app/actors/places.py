"""From a word selection to a mention's place, and a new actor named by it.

A selection is (document, page_index, words, bbox) as the word-selection tool gives
it; the words are OcrWords of the page (or their indexes). A mention stores the box,
the word span and the quoted text, so the span is found among the page's current words.

`new_actor_from_place` writes the actor and its first mention as ONE undoable step
("Add actor Sōren"), with the same name checks as `service.add_actor`.
"""
from __future__ import annotations

from dataclasses import dataclass

from recto.annotations import actors as store
from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations.model import Actor, ActorType, Box, Mention, Origin, Status, new_id
from recto.app.actors.mentions import quote_of, resolve_anchor
from recto.app.actors.service import ActorResult, clean_text, search_actors
from recto.app.errors import InvalidInputError


@dataclass(frozen=True)
class Place:
    """Where a new mention goes: a box and/or a word span, and the quoted text."""
    document_id: str
    page_index: int
    bbox: Box | None
    words: tuple[int, int] | None
    text: str


def selection_place(project, picked) -> Place | None:
    """The place of a word selection, or None when nothing usable is selected."""
    if not picked:
        return None
    document, page_index, words, bbox = picked
    doc = doc_store.get_document(project, getattr(document, "id", document))
    box = None if bbox is None else bbox if isinstance(bbox, Box) else Box.of(bbox)
    span, text = _span(project, doc, page_index, list(words or []))
    if span is None and box is None:
        return None
    return Place(doc.id, page_index, box, span, text)


def _span(project, doc, page_index: int, words: list):
    """(first, last) index of the selected words on the page, and their text as quoted."""
    if not words:
        return None, ""
    page_words = ocr_store.current_words(project, doc.sha256, page_index)
    if all(isinstance(w, int) for w in words):
        indexes = sorted(words)
    else:
        position = {_key(w): i for i, w in enumerate(page_words)}
        indexes = sorted(i for i in (position.get(_key(w)) for w in words) if i is not None)
    if not indexes:
        return None, " ".join(getattr(w, "text", "") for w in words).strip()
    chosen = page_words[indexes[0]:indexes[-1] + 1]
    return (indexes[0], indexes[-1]), quote_of(project, doc.id, page_index, page_words, chosen)


def _key(word) -> tuple:
    return word.text, tuple(round(v, 1) for v in word.bbox.as_list())


def box_place(project, document_id: str, page_index: int, bbox: Box) -> Place:
    """A dragged rectangle: the words inside it (if any) give the span and the text."""
    anchor, quoted = resolve_anchor(project, document_id, page_index, bbox, None)
    words = ((anchor.word_start, anchor.word_end)
             if anchor.word_start is not None and anchor.word_end is not None else None)
    return Place(document_id, page_index, bbox, words, quoted)


def new_actor_from_place(project, place: Place, name: str | None = None,
                         type: ActorType = ActorType.PERSON) -> ActorResult:
    """The actor named by the selected text and its first (confirmed) mention: one step."""
    name = clean_text(name if name is not None else place.text)
    if not name:
        raise InvalidInputError("The selection has no text to name an actor by; "
                                "select words, or use New… in the Actors panel.")
    anchor, quoted = resolve_anchor(project, place.document_id, place.page_index,
                                    place.bbox, place.words)
    warnings = tuple(f'"{a.name}" already has the name or alias "{name}"; the new actor is '
                     "a separate one (merge them if they are the same)."
                     for a in search_actors(project, name, limit=5)
                     if clean_text(a.name).casefold() == name.casefold()
                     or any(clean_text(x.alias).casefold() == name.casefold()
                            for x in a.aliases))
    actor = Actor(new_id(), name, type)
    mention = Mention(new_id(), actor.id, anchor, place.text or quoted, Status.CONFIRMED,
                      Origin.MANUAL)
    return ActorResult(store.add_actor(project, actor, [mention]), warnings)
