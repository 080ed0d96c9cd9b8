"""Mentions: an actor at a place on a page, tagged by hand or suggested from aliases.

Suggestions are stored as mentions with status `suggested` and origin `detected`,
one undoable step per run. A run never proposes a place again where the same actor
already has a mention (suggested, confirmed or rejected), nor where a person has
confirmed another actor: that place is settled.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from recto.annotations import actors as store
from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations.model import Anchor, Box, Mention, OcrWord, Origin, Status, new_id
from recto.annotations.project import Project
from recto.app.errors import InvalidInputError
from recto.app.jobs import TaskState
from recto.app.text.alias_match import AliasHit, AliasMatcher
from recto.app.text.page_text import confirmed_page_boxes
from recto.app.text.placeholders import selection_text
from recto.app.text.wording import count


@dataclass(frozen=True)
class Suggestion:
    mention: Mention
    shared_with: tuple[str, ...] = ()  # other actors with the same alias at this place


@dataclass(frozen=True)
class SuggestResult:
    suggestions: tuple[Suggestion, ...]   # the new ones, now stored
    already_known: int                    # candidates skipped: a mention was there already
    pages: int                            # pages searched
    seconds: float = 0.0


def same_place(a: Anchor, b: Anchor) -> bool:
    """Same page and overlapping word spans (or, without spans, boxes mostly overlapping)."""
    if (a.document_id, a.page_index) != (b.document_id, b.page_index):
        return False
    if (a.word_start is not None and a.word_end is not None and b.word_start is not None
            and b.word_end is not None):
        return a.word_start <= b.word_end and b.word_start <= a.word_end
    if a.bbox is not None and b.bbox is not None:
        return a.bbox.iou(b.bbox) >= 0.5
    return False


# --- by hand --------------------------------------------------------------------------

def add_mention(project: Project, actor_id: str, document_id: str, page_index: int, *,
                bbox: Box | Sequence[float] | None = None,
                words: tuple[int, int] | None = None, text: str | None = None) -> Mention:
    """Tag a span of words and/or a region as a confirmed mention (one undoable step).

    With words only, the box is theirs; with a box only, the words inside it are the
    span; the quoted text defaults to the words' text.
    """
    actor = store.get_actor(project, actor_id)
    anchor, quoted = resolve_anchor(project, document_id, page_index, bbox, words)
    mention = Mention(new_id(), actor.id, anchor, text if text is not None else quoted,
                      Status.CONFIRMED, Origin.MANUAL)
    store.add_mentions(project, [mention], f"Tag {actor.name}")
    return store.get_mention(project, mention.id)


def resolve_anchor(project: Project, document_id: str, page_index: int, bbox, words
                   ) -> tuple[Anchor, str]:
    """Check a place on a page and complete it: box from words, words from a box."""
    doc = doc_store.get_document(project, document_id)
    if not 0 <= page_index < doc.page_count:
        raise InvalidInputError(
            f'"{doc.title}" has pages 1 to {doc.page_count}, not page {page_index + 1}.')
    if bbox is None and words is None:
        raise InvalidInputError("A mention needs a region or a span of words.")
    page_words = ocr_store.current_words(project, doc.sha256, page_index)
    box = _check_box(project, doc.id, page_index, bbox) if bbox is not None else None
    if words is not None:
        start, end = words
        if not 0 <= start <= end < len(page_words):
            raise InvalidInputError(
                f"Page {page_index + 1} has words 0 to {len(page_words) - 1}; "
                f"the span {start}-{end} is not among them.")
    else:
        assert box is not None  # a region was given (words or a box is required above)
        inside = [i for i, w in enumerate(page_words) if w.bbox.iou(box) > 0
                  and w.bbox.intersection(box) >= 0.5 * w.bbox.area]
        start, end = (inside[0], inside[-1]) if inside else (None, None)
    chosen = page_words[start:end + 1] if start is not None else []
    if box is None:
        box = Box.union(w.bbox for w in chosen) if chosen else None
    return Anchor(doc.id, page_index, box, start, end), quote_of(project, doc.id, page_index,
                                                                  page_words, chosen)


def quote_of(project: Project, document_id: str, page_index: int, page_words: list[OcrWord],
             chosen: list[OcrWord]) -> str:
    """A mention's quoted text as the page text reads those words, on one line: a confirmed
    redaction among them is its placeholder (never the words hidden under it), noise
    words are left out, as in copies and claim quotes."""
    chosen = [w for w in chosen if not w.noise]
    if not chosen:
        return ""
    boxes = confirmed_page_boxes(project, document_id, page_index)
    return " ".join(selection_text(page_words, chosen, boxes).split())


def _check_box(project: Project, document_id: str, page_index: int, bbox) -> Box:
    try:
        box = bbox if isinstance(bbox, Box) else Box.of(bbox)
    except (TypeError, ValueError):
        raise InvalidInputError("A box is four numbers: x0,y0,x1,y1 in PDF points.") from None
    page = doc_store.get_page(project, document_id, page_index)
    if box.area <= 0 or not box.within(page.width, page.height):
        raise InvalidInputError(
            f"The box {box.as_list()} is not inside page {page_index + 1} "
            f"({page.width:.0f} x {page.height:.0f} points).")
    return box


def set_status(project: Project, mention_ids: Iterable[str], status: Status) -> int:
    """Accept or reject mentions one by one or in bulk; one undoable step."""
    ids = [store.get_mention(project, m).id for m in mention_ids]
    if not ids:
        return 0
    verb = "Accept" if status is Status.CONFIRMED else "Reject" if status is Status.REJECTED \
        else "Reopen"
    return store.set_status(project, ids, status, f"{verb} {count(len(ids), 'mention')}")


def set_status_all(project: Project, actor_id: str, status: Status) -> int:
    """Accept or reject every suggested mention of one actor."""
    actor = store.get_actor(project, actor_id)
    pending = store.list_mentions(project, actor_id=actor.id, status=Status.SUGGESTED)
    return set_status(project, [m.id for m in pending], status)


def list_mentions(project: Project, actor_id: str | None = None,
                  status: Status | str | None = None,
                  document_id: str | None = None) -> list[Mention]:
    if actor_id is not None:
        actor_id = store.get_actor(project, actor_id).id
    if document_id is not None:
        document_id = doc_store.get_document(project, document_id).id
    if status is not None:
        try:
            status = Status(status)
        except ValueError:
            raise InvalidInputError(
                f"Unknown status {status!r}; use suggested, confirmed or rejected.") from None
    return store.list_mentions(project, actor_id, status, document_id)


# --- suggestions -------------------------------------------------------------------------

def find_candidates(project: Project, actor_ids: Sequence[str] | None = None,
                    state: TaskState | None = None) -> tuple[list[Suggestion], int]:
    """Every occurrence of every alias (and name) in every page with text; nothing stored."""
    actors = store.list_actors(project)
    entries = [(a.id, text) for a in actors for text in (a.name, *(x.alias for x in a.aliases))]
    matcher = AliasMatcher(entries)
    wanted = set(actor_ids) if actor_ids is not None else None
    docs = store.document_ids_by_sha(project)
    total = sum(1 for sha, _ in ocr_store.pages_with_text(project) if sha in docs)
    found: list[Suggestion] = []
    done = 0
    for sha, doc_id in sorted(docs.items()):
        for page_index, words in store.page_words_of_document(project, sha):
            if state is not None:
                state.check()
                state.report(done, total, "")
            done += 1
            for hit in matcher.find(words):
                found += _suggestions(hit, doc_id, page_index, wanted)
    if state is not None:
        state.report(total, total, "")
    return found, total


def _suggestions(hit: AliasHit, doc_id: str, page_index: int,
                 wanted: set[str] | None) -> list[Suggestion]:
    anchor = Anchor(doc_id, page_index, hit.bbox, hit.word_start, hit.word_end)
    out = []
    for actor_id in hit.actor_ids:
        if wanted is None or actor_id in wanted:
            mention = Mention(new_id(), actor_id, anchor, hit.text, Status.SUGGESTED,
                              Origin.DETECTED)
            out.append(Suggestion(mention, tuple(a for a in hit.actor_ids if a != actor_id)))
    return out


def suggest_mentions(project: Project, actor_ids: Sequence[str] | None = None,
                     state: TaskState | None = None) -> SuggestResult:
    """Find candidates and store the new ones as suggested mentions (one undoable step)."""
    started = time.perf_counter()
    if actor_ids is not None:
        actor_ids = [store.get_actor(project, a).id for a in actor_ids]
    found, pages = find_candidates(project, actor_ids, state)
    existing: dict[tuple[str, int], list[Mention]] = {}
    for m in store.list_mentions(project):
        existing.setdefault((m.anchor.document_id, m.anchor.page_index), []).append(m)
    new = [s for s in found if not _known(s.mention, existing)]
    store.add_mentions(project, [s.mention for s in new], f"Suggest {count(len(new), 'mention')}")
    return SuggestResult(tuple(new), len(found) - len(new), pages,
                         time.perf_counter() - started)


def _known(candidate: Mention, existing: dict[tuple[str, int], list[Mention]]) -> bool:
    on_page = existing.get((candidate.anchor.document_id, candidate.anchor.page_index), [])
    return any(same_place(m.anchor, candidate.anchor)
               and (m.actor_id == candidate.actor_id or m.status is Status.CONFIRMED)
               for m in on_page)


# --- reading for views ----------------------------------------------------------------------

def snippet(words: Sequence[OcrWord], mention: Mention, context: int = 8) -> str:
    """The mention's words with a few words either side, as one line of text."""
    a, b = mention.anchor.word_start, mention.anchor.word_end
    if a is None or b is None or not words:
        return mention.text
    start, end = max(0, a - context), min(len(words), b + 1 + context)
    body = " ".join(w.text for w in words[start:end])
    return ("…" if start else "") + body + ("…" if end < len(words) else "")


