"""Completing actor names as the mention matcher compares them.

A picker must find Sōren from "Soren", "SOREN", "sor", "Chongryun" (an alias),
"Chong-ryun" or 総連, because the matcher (app.text.alias_match) treats those as the
same name on a page. Each completion names the canonical actor and, when the query
matched an alias rather than the name, that alias, so the historian sees why.
Pure functions over plain values; `actor_choices` reads them from a project.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from recto.annotations import actors as store
from recto.app.text.alias_match import alias_key, fold


@dataclass(frozen=True)
class ActorChoice:
    id: str
    name: str
    type: str = "person"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Completion:
    actor_id: str
    name: str
    matched: str | None = None   # the alias that matched, None when the name did

    @property
    def label(self) -> str:
        return f"{self.name} ({self.matched})" if self.matched else self.name


def actor_choices(project) -> list[ActorChoice]:
    return [ActorChoice(a.id, a.name, a.type.value, tuple(x.alias for x in a.aliases))
            for a in store.list_actors(project)]


def _rank(form: str, needle: str, key: str) -> int | None:
    """0: the whole form, 1: its start or a word's start, 2: anywhere; None: no match."""
    folded = fold(form)
    if folded == needle or alias_key(form) == key:
        return 0
    if folded.startswith(needle) or f" {needle}" in folded or alias_key(form).startswith(key):
        return 1
    if needle in folded or key in alias_key(form):
        return 2
    return None


def complete(choices: Iterable[ActorChoice], query: str, limit: int = 20) -> list[Completion]:
    """Actors whose name or any alias matches `query` once both are folded, best first
    (exact, then prefix, then anywhere; the name before an alias at equal rank)."""
    needle, key = fold(query), alias_key(query)
    if not needle:
        return []
    found = []
    for choice in choices:
        ranked: list[tuple[int, int, str | None]] = [
            (r, 0, None) for r in [_rank(choice.name, needle, key)] if r is not None]
        ranked += [(r, 1, alias) for alias in choice.aliases
                   for r in [_rank(alias, needle, key)] if r is not None]
        if ranked:
            rank, is_alias, alias = min(ranked, key=lambda t: t[:2])
            found.append((rank, fold(choice.name),
                          Completion(choice.id, choice.name, alias if is_alias else None)))
    found.sort(key=lambda t: t[:2])
    return [c for _, _, c in found][:limit]


def best_match(choices: Iterable[ActorChoice], query: str) -> Completion | None:
    """The actor a typed name means: the only completion, or the only exact one."""
    found = complete(choices, query, limit=50)
    needle, key = fold(query), alias_key(query)
    exact = [c for c in found
             if fold(c.matched or c.name) == needle or alias_key(c.matched or c.name) == key]
    if len({c.actor_id for c in exact}) == 1:
        return exact[0]
    return found[0] if len(found) == 1 else None
