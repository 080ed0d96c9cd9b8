"""Actor services: the registry of people and organisations, their names in every
script, their mentions on pages, and finding candidate mentions across the corpus.

Every function takes an open Project and is what the CLI and the GUI actor panel
both call. Input is checked before anything is written, so a bad alias in a batch
leaves the project unchanged. Problems a person should know about but that are not
errors (a one-letter alias, an alias two actors share) come back as `warnings`.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from recto.annotations import actors as store
from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations.model import (
    Actor,
    ActorType,
    Alias,
    AliasKind,
    Mention,
    Status,
    new_id,
)
from recto.annotations.project import Project
from recto.app.actors.mentions import (  # noqa: F401  (the actor panel's whole API in one place)
    Suggestion,
    SuggestResult,
    add_mention,
    find_candidates,
    list_mentions,
    same_place,
    set_status,
    set_status_all,
    snippet,
    suggest_mentions,
)
from recto.app.errors import InvalidInputError
from recto.app.text.alias_match import alias_key, fold, match_length

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class AliasInput:
    """An alias as a person gives it; `page_index` (0-based) with `document_id` says
    where it is attested; neither means "added by the researcher"."""
    alias: str
    lang: str = ""
    kind: AliasKind | str = AliasKind.NAME
    document_id: str | None = None
    page_index: int | None = None


@dataclass(frozen=True)
class ActorResult:
    actor: Actor
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorSummary:
    actor: Actor
    counts: dict  # status -> number of mentions

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def parse_alias_spec(spec: str) -> AliasInput:
    """"総連@ja" -> alias 総連, lang ja. An "@" not followed by a language tag stays."""
    text, sep, lang = spec.rpartition("@")
    if sep and text.strip() and _LANG_TAG.match(lang.strip()):
        return AliasInput(text, lang.strip())
    return AliasInput(spec)


def clean_text(text: str) -> str:
    """NFC with whitespace collapsed: how names are stored."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


# --- the registry -----------------------------------------------------------------------

def add_actor(project: Project, name: str, type: ActorType | str = ActorType.PERSON,
              aliases: Sequence[AliasInput] = (), note: str = "",
              external_id: str = "") -> ActorResult:
    """Create an actor with its aliases, checked as a whole before anything is written."""
    name = clean_text(name)
    if not name:
        raise InvalidInputError("An actor needs a name; it was empty.")
    actor_type = _actor_type(type)
    actor_id = new_id()
    new, warnings = _check_aliases(project, actor_id, name, [], aliases)
    actor = Actor(id=actor_id, name=name, type=actor_type, aliases=tuple(new),
                  note=note.strip(), external_id=external_id.strip())
    return ActorResult(store.add_actor(project, actor), tuple(warnings))


def add_aliases(project: Project, actor_id: str, aliases: Sequence[AliasInput]) -> ActorResult:
    """Add aliases to an actor (all or none)."""
    actor = store.get_actor(project, actor_id)
    new, warnings = _check_aliases(project, actor.id, actor.name, list(actor.aliases), aliases)
    store.add_aliases(project, new)
    return ActorResult(store.get_actor(project, actor.id), tuple(warnings))


def remove_alias(project: Project, alias_id: str) -> None:
    store.remove_alias(project, alias_id)


def edit_actor(project: Project, actor_id: str, *, name: str | None = None,
               type: ActorType | str | None = None, note: str | None = None,
               external_id: str | None = None) -> Actor:
    values: dict = {}
    if name is not None:
        values["name"] = clean_text(name)
        if not values["name"]:
            raise InvalidInputError("An actor needs a name; it was empty.")
    if type is not None:
        values["type"] = _actor_type(type)
    if note is not None:
        values["note"] = note.strip()
    if external_id is not None:
        values["external_id"] = external_id.strip()
    return store.update_actor(project, actor_id, **values)


def delete_actor(project: Project, actor_id: str) -> None:
    store.delete_actor(project, actor_id)


def get_actor(project: Project, actor_id: str) -> Actor:
    return store.get_actor(project, actor_id)


def list_actors(project: Project) -> list[ActorSummary]:
    counts = store.mention_counts(project)
    return [ActorSummary(a, counts.get(a.id, {})) for a in store.list_actors(project)]


def search_actors(project: Project, query: str, limit: int = 20) -> list[Actor]:
    """Type-ahead: actors whose name or any alias starts with (then contains) the query,
    compared in folded form, so "omu" finds Ōmura and "総" finds 総連."""
    needle = fold(query)
    if not needle:
        return []
    ranked = []
    for actor in store.list_actors(project):
        forms = [fold(actor.name)] + [fold(a.alias) for a in actor.aliases]
        if any(f.startswith(needle) or f" {needle}" in f for f in forms):
            ranked.append((0, actor.name.casefold(), actor))
        elif any(needle in f for f in forms):
            ranked.append((1, actor.name.casefold(), actor))
    return [a for _, _, a in sorted(ranked, key=lambda t: t[:2])][:limit]


def _actor_type(value: ActorType | str) -> ActorType:
    try:
        return ActorType(value)
    except ValueError:
        choices = ", ".join(t.value for t in ActorType)
        raise InvalidInputError(f"Unknown actor type {value!r}; use one of {choices}.") from None


def _check_aliases(project: Project, actor_id: str, name: str, existing: list[Alias],
                   inputs: Sequence[AliasInput]) -> tuple[list[Alias], list[str]]:
    """Validate new aliases against the actor's own and every other actor's."""
    taken = {a.alias for a in existing}
    others = _alias_owners(project, exclude=actor_id)
    own_keys = {alias_key(a.alias): a.alias for a in existing}
    own_keys.setdefault(alias_key(name), name)
    new, warnings = [], []
    for given in inputs:
        alias = _alias_value(project, actor_id, given)
        if alias.alias in taken:
            raise InvalidInputError(f'"{name}" already has the alias "{alias.alias}".')
        taken.add(alias.alias)
        warnings += _alias_warnings(alias.alias, own_keys, others)
        own_keys.setdefault(alias_key(alias.alias), alias.alias)
        new.append(alias)
    return new, warnings


def _alias_value(project: Project, actor_id: str, given: AliasInput) -> Alias:
    text = clean_text(given.alias)
    if not text:
        raise InvalidInputError("An alias cannot be empty or only spaces.")
    lang = given.lang.strip()
    if lang and not _LANG_TAG.match(lang):
        raise InvalidInputError(
            f'"{lang}" is not a language tag; use one such as ja, ko, ko-Latn or en.')
    try:
        kind = AliasKind(given.kind)
    except ValueError:
        choices = ", ".join(k.value for k in AliasKind)
        raise InvalidInputError(f"Unknown alias kind {given.kind!r}; use one of {choices}.") \
            from None
    doc_id, page_index = given.document_id, given.page_index
    if doc_id is not None:
        doc = doc_store.get_document(project, doc_id)
        doc_id = doc.id
        if page_index is not None and not 0 <= page_index < doc.page_count:
            raise InvalidInputError(
                f'"{doc.title}" has pages 1 to {doc.page_count}, not page {page_index + 1}.')
    elif page_index is not None:
        raise InvalidInputError("An attestation page needs its document.")
    return Alias(new_id(), actor_id, text, lang, kind, doc_id, page_index)


def _alias_owners(project: Project, exclude: str) -> dict[str, list[str]]:
    """alias key -> names of the other actors that have it (as alias or name)."""
    owners: dict[str, list[str]] = {}
    for actor in store.list_actors(project):
        if actor.id == exclude:
            continue
        for text in {actor.name, *(a.alias for a in actor.aliases)}:
            names = owners.setdefault(alias_key(text), [])
            if actor.name not in names:
                names.append(actor.name)
    return owners


def _alias_warnings(text: str, own_keys: dict[str, str], others: dict[str, list[str]]) -> list:
    key, warnings = alias_key(text), []
    if match_length(text) <= 1:
        warnings.append(f'The alias "{text}" is a single letter: it would match almost '
                        "everywhere, so its suggestions will be mostly wrong.")
    if key in own_keys and own_keys[key] != text:
        warnings.append(f'The alias "{text}" matches the same text as "{own_keys[key]}", '
                        "which the actor already has.")
    if key in others:
        names = ", ".join(f'"{n}"' for n in others[key])
        warnings.append(f'The alias "{text}" also belongs to {names}; '
                        "suggestions will list each of them as a candidate.")
    return warnings


# --- merge and split ------------------------------------------------------------------

_RANK = {Status.CONFIRMED: 2, Status.REJECTED: 1, Status.SUGGESTED: 0}


@dataclass(frozen=True)
class MergeResult:
    actor: Actor
    moved_mentions: int
    dropped_duplicates: int


def merge_actors(project: Project, keep_id: str, gone_id: str) -> MergeResult:
    """Merge `gone` into `keep`: its mentions, aliases, claims and tags move, its name
    becomes an alias; one undoable step. Where both had a mention at the same place
    one is kept, with the stronger judgement (confirmed > rejected > suggested)."""
    keep, gone = store.get_actor(project, keep_id), store.get_actor(project, gone_id)
    if keep.id == gone.id:
        raise InvalidInputError("An actor cannot be merged into itself.")
    kept = store.list_mentions(project, actor_id=keep.id)
    drop: list = []
    promote: dict = {}
    moved = 0
    for m in store.list_mentions(project, actor_id=gone.id):
        twin = next((k for k in kept if same_place(k.anchor, m.anchor)), None)
        if twin is None:
            moved += 1
            continue
        drop.append(m.id)
        if _RANK[m.status] > _RANK[promote.get(twin.id, twin.status)]:
            promote[twin.id] = m.status
    texts = {keep.name, *(a.alias for a in keep.aliases), *(a.alias for a in gone.aliases)}
    new_aliases = [] if gone.name in texts else [Alias(new_id(), keep.id, gone.name)]
    store.merge_actors(project, keep.id, gone.id, new_aliases=new_aliases,
                       drop_mentions=drop, promote=promote)
    return MergeResult(store.get_actor(project, keep.id), moved, len(drop))


def split_mentions(project: Project, actor_id: str, mention_ids: Sequence[str], name: str,
                   type: ActorType | str | None = None,
                   aliases: Sequence[AliasInput] = ()) -> ActorResult:
    """Move some mentions of an actor to a new actor (e.g. two people named Lee)."""
    actor = store.get_actor(project, actor_id)
    if not mention_ids:
        raise InvalidInputError("Name at least one mention to split off.")
    ids = []
    for mention_id in mention_ids:
        mention = store.get_mention(project, mention_id)
        if mention.actor_id != actor.id:
            raise InvalidInputError(f'The mention {mention.id[:8]} is not one of "{actor.name}".')
        ids.append(mention.id)
    name = clean_text(name)
    if not name:
        raise InvalidInputError("The new actor needs a name; it was empty.")
    new_id_ = new_id()
    new, warnings = _check_aliases(project, new_id_, name, [], aliases)
    new_actor = Actor(new_id_, name, _actor_type(type or actor.type), tuple(new))
    return ActorResult(store.split_mentions(project, new_actor, ids), tuple(warnings))


# --- the actor view ------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentCount:
    document_id: str
    title: str
    confirmed: int
    suggested: int
    rejected: int


@dataclass(frozen=True)
class MentionView:
    """A mention as the actor view lists it; `page` is 1-based (jump target)."""
    mention: Mention
    document_title: str
    page: int
    snippet: str


@dataclass(frozen=True)
class CoActor:
    actor_id: str
    name: str
    pages: int  # pages where both are mentioned (not rejected)


@dataclass(frozen=True)
class ActorOverview:
    actor: Actor
    documents: tuple[DocumentCount, ...]
    mentions: tuple[MentionView, ...]
    cooccurring: tuple[CoActor, ...]


def actor_overview(project: Project, actor_id: str,
                   statuses: Iterable[Status] = (Status.CONFIRMED, Status.SUGGESTED)
                   ) -> ActorOverview:
    """Everything the actor panel shows for one actor."""
    actor = store.get_actor(project, actor_id)
    counts = tuple(DocumentCount(r["document_id"], r["title"], r["confirmed"] or 0,
                                 r["suggested"] or 0, r["rejected"] or 0)
                   for r in store.counts_by_document(project, actor.id))
    wanted = set(statuses)
    docs = {d.id: d for d in doc_store.list_documents(project)}
    words: dict[tuple[str, int], list] = {}
    views = []
    for m in store.list_mentions(project, actor_id=actor.id):
        if m.status not in wanted:
            continue
        doc = docs[m.anchor.document_id]
        key = (doc.sha256, m.anchor.page_index)
        if key not in words:
            words[key] = ocr_store.current_words(project, *key)
        views.append(MentionView(m, doc.title, m.anchor.page_index + 1,
                                 snippet(words[key], m)))
    co = tuple(CoActor(r["actor_id"], r["name"], r["pages"])
               for r in store.cooccurring(project, actor.id))
    return ActorOverview(actor, counts, tuple(views), co)
