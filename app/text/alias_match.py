"""Finding every alias of every actor in a page's words, in one regex pass per page.

Both the aliases and the page are brought to one *folded* form, so that spellings a
historian treats as the same name compare equal:
  - NFKC (full/half width, ligatures, ｿｳﾚﾝ = ソウレン), casefold (SOREN = Soren);
  - Latin diacritics dropped (Sōren = Soren), curly apostrophes straightened;
  - long vowels of romanised Japanese collapsed: oo, uu, and an h after o/u before a
    consonant (Ōmura = Omura = Oomura = Ohmura). Applied to all Latin text, so
    "John" also folds like "Jon": a rare false candidate, and a suggestion is only that;
  - hyphenation across line ends is undone ("Chong-" + "ryun" = Chongryun);
  - hyphens and spaces inside an alias are interchangeable (Kim Il-sung = Kim Il Sung).
Latin aliases only match whole words (the alias "Lee" never matches "Leeds"), but a
possessive "'s" may follow ("Sōren's"). CJK aliases match anywhere (Japanese and
Chinese have no spaces; Korean attaches particles: 총련은).

All aliases go into one trie-shaped regex, so a page costs one `finditer`, not one
scan per alias. Pure Python: no database, no PDF; the service feeds it words.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from recto.annotations.model import Box
from recto.annotations.text_fold import LONG_VOWEL

# Characters that make a word: a Latin alias may not touch one of these.
LATIN = r"0-9a-z\u00b5\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_LATIN_RE = re.compile(f"[{LATIN}]")
_BEFORE = f"(?<![{LATIN}])(?<![{LATIN}]')"
# After the alias: no letter, and no apostrophe + letter unless it is a possessive 's.
_AFTER = f"(?![{LATIN}])(?!'(?!s(?![{LATIN}]))[{LATIN}])"

_SPECIAL = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "-", "\u2013": "-",
    "\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u00f0": "d", "\u0131": "i",
    "\u00a0": " ", "\u3000": " ",
})
_LONG_VOWEL = LONG_VOWEL  # one rule for matching and for search (annotations.text_fold)
_SEPARATORS = re.compile(r"[ \-]+")


def is_cjk(ch: str) -> bool:
    """Han, kana, Hangul and their punctuation: scripts where names need no spaces."""
    o = ord(ch)
    return (0x1100 <= o <= 0x11FF or 0x2E80 <= o <= 0x9FFF or 0xA960 <= o <= 0xA97F
            or 0xAC00 <= o <= 0xD7FF or 0xF900 <= o <= 0xFAFF or 0xFF66 <= o <= 0xFFDC
            or 0x20000 <= o <= 0x2FA1F)


def _is_spaceless(ch: str) -> bool:
    """Han and kana (not Hangul, which separates words with spaces)."""
    return is_cjk(ch) and not (0xAC00 <= ord(ch) <= 0xD7FF or 0x1100 <= ord(ch) <= 0x11FF)


def _clusters(text: str) -> Iterable[tuple[int, str]]:
    """(start, cluster): a base character with its combining marks, NFKC'd together."""
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and (unicodedata.combining(text[i]) or text[i] in "\uff9e\uff9f"):
            continue
        yield start, text[start:i]
        start = i


def _fold_cluster(cluster: str) -> str:
    s = unicodedata.normalize("NFKC", cluster).casefold().translate(_SPECIAL)
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not 0x300 <= ord(c) <= 0x36F)
    return unicodedata.normalize("NFC", s)


@lru_cache(maxsize=200_000)
def fold_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """The folded form of one word and, for each folded character, its index in `text`."""
    chars: list[str] = []
    origin: list[int] = []
    for start, cluster in _clusters(text):
        for ch in _fold_cluster(cluster):
            chars.append(ch)
            origin.append(start)
    folded = "".join(chars)
    drop = {m.start() for m in _LONG_VOWEL.finditer(folded)}
    if drop:
        keep = [i for i in range(len(chars)) if i not in drop]
        folded = "".join(chars[i] for i in keep)
        origin = [origin[i] for i in keep]
    return folded, tuple(origin)


def fold(text: str) -> str:
    """Folded form of any text (whitespace collapsed); what aliases and pages compare in."""
    return " ".join(fold_with_map(w)[0] for w in text.split())


def alias_key(text: str) -> str:
    """Identity of an alias for matching: folded, without spaces and hyphens."""
    return _SEPARATORS.sub("", fold(text))


def match_length(text: str) -> int:
    """How many characters an alias really matches (1 means: almost everywhere)."""
    return len(alias_key(text).strip("'.,"))


# --- the trie regex ------------------------------------------------------------------

def _atoms(folded: str) -> list[str]:
    """Regex atoms of a folded alias. A run of spaces/hyphens becomes one optional
    separator: "Kim Il-sung" also matches "Kim Il Sung" and "Kim Il-" + "sung" joined
    at a line end; Japanese text has no spaces at all."""
    atoms: list[str] = []
    parts = re.split(r"([ \-]+)", folded)
    for i, part in enumerate(parts):
        if i % 2 == 0:
            atoms.extend(re.escape(ch) for ch in part)
        elif atoms and i + 1 < len(parts) and parts[i + 1]:
            atoms.append("[ -]?")
    return atoms


class _Node(dict):
    end: bool = False
    latin_end: bool = False


def _emit(node: _Node) -> str:
    branches = [atom + _emit(child) for atom, child in sorted(node.items())]
    if node.end:  # longer continuations are tried first, so the longest alias wins
        branches.append(_AFTER if node.latin_end else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _trie_regex(folded_aliases: Iterable[str]) -> str:
    root = _Node()
    for alias in folded_aliases:
        node = root
        for atom in _atoms(alias):
            node = node.setdefault(atom, _Node())
        node.end = True
        node.latin_end = bool(_LATIN_RE.match(alias[-1]))
    return _emit(root) if root else ""


# --- matching -------------------------------------------------------------------------

@dataclass(frozen=True)
class AliasHit:
    """One place where an alias occurs; every actor with that alias is a candidate."""
    actor_ids: tuple[str, ...]
    word_start: int
    word_end: int  # inclusive
    text: str
    bbox: Box


@dataclass(frozen=True)
class _Stream:
    text: str
    starts: tuple[int, ...]   # offset of each word's folded form in `text`
    folded: tuple[str, ...]   # each word's folded form as placed (line-end hyphen dropped)
    seps: tuple[str, ...]     # what follows each word: " " or "" (joined)


class MatchWord(Protocol):
    """What matching reads of a word: an OcrWord, or the lighter rows suggestions read in bulk."""

    @property
    def text(self) -> str: ...
    @property
    def bbox(self) -> Box: ...
    @property
    def block(self) -> int: ...
    @property
    def par(self) -> int: ...
    @property
    def line(self) -> int: ...


class AliasMatcher:
    """Built once from (actor_id, alias) pairs; `find(words)` then runs per page."""

    def __init__(self, entries: Iterable[tuple[str, str]]):
        by_key: dict[str, list[str]] = {}
        latin: set[str] = set()
        cjk: set[str] = set()
        for actor_id, alias in entries:
            folded = fold(alias)
            key = _SEPARATORS.sub("", folded)
            if not key:
                continue
            ids = by_key.setdefault(key, [])
            if actor_id not in ids:
                ids.append(actor_id)
            (latin if _LATIN_RE.match(folded[0]) else cjk).add(folded)
        self._actors = {k: tuple(v) for k, v in by_key.items()}
        parts = []
        if latin:
            parts.append(_BEFORE + _trie_regex(latin))
        if cjk:
            parts.append(_trie_regex(cjk))
        self._regex = re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None

    def find(self, words: Sequence[MatchWord]) -> list[AliasHit]:
        if self._regex is None or not words:
            return []
        stream = _stream(words)
        hits = []
        for m in self._regex.finditer(stream.text):
            actors = self._actors.get(_SEPARATORS.sub("", m.group()))
            if actors and m.end() > m.start():
                hits.append(_hit(words, stream, m.start(), m.end(), actors))
        return hits


def _new_line(a: MatchWord, b: MatchWord) -> bool:
    return (a.block, a.par, a.line) != (b.block, b.par, b.line) or b.bbox.y0 >= a.bbox.y1


@lru_cache(maxsize=200_000)
def _word_form(text: str) -> tuple[str, bool, bool, bool]:
    """Folded word, whether it starts / ends in Han or kana, whether it ends in a
    hyphen after a letter (a candidate line-end hyphenation)."""
    form = fold_with_map(text)[0]
    if not form:
        return form, False, False, False
    hyphen = form.endswith("-") and len(form) > 1 and bool(_LATIN_RE.match(form[-2]))
    return form, _is_spaceless(form[0]), _is_spaceless(form[-1]), hyphen


def _stream(words: Sequence[MatchWord]) -> _Stream:
    """Join folded words: a space between words, none inside Han/kana runs, and none
    where a line ends in a hyphen between letters (the hyphen is dropped)."""
    pieces, starts, placed, seps = [], [], [], []
    at = 0
    forms = [_word_form(w.text) for w in words]
    last = len(forms) - 1
    for i, (form, _, cjk_end, hyphen) in enumerate(forms):
        sep = " "
        if i < last and form:
            nxt = forms[i + 1]
            if (hyphen and nxt[0] and _LATIN_RE.match(nxt[0][0])
                    and _new_line(words[i], words[i + 1])):
                form, sep = form[:-1], ""
            elif cjk_end and nxt[1]:
                sep = ""
        starts.append(at)
        placed.append(form)
        seps.append(sep)
        pieces.append(form + sep)
        at += len(form) + len(sep)
    return _Stream("".join(pieces), tuple(starts), tuple(placed), tuple(seps))


def _hit(words: Sequence[MatchWord], stream: _Stream, start: int, end: int,
         actors: tuple[str, ...]) -> AliasHit:
    first = bisect_right(stream.starts, start) - 1
    last = bisect_right(stream.starts, end - 1) - 1
    while last > first and end - 1 >= stream.starts[last] + len(stream.folded[last]):
        last -= 1  # the match ended on the separator after a word
    a = _original_index(words[first].text, start - stream.starts[first])
    b = _original_index(words[last].text, end - 1 - stream.starts[last]) + 1
    b = _extend_cluster(words[last].text, b)
    if first == last:
        text = words[first].text[a:b]
        bbox = _sub_box(words[first], a, b)
    else:
        texts = [words[first].text[a:]] + [w.text for w in words[first + 1:last]]
        texts.append(words[last].text[:b])
        seps = stream.seps[first:last]  # one fewer than texts: the last text ends the quote
        text = "".join(t + sep for t, sep in zip(texts, seps, strict=False)) + texts[-1]
        bbox = Box.union([_sub_box(words[first], a, len(words[first].text))]
                      + [w.bbox for w in words[first + 1:last]]
                      + [_sub_box(words[last], 0, b)])
    return AliasHit(actors, first, last, text, bbox)


def _original_index(text: str, folded_offset: int) -> int:
    origin = fold_with_map(text)[1]
    if not origin:
        return 0
    return origin[min(max(folded_offset, 0), len(origin) - 1)]


def _extend_cluster(text: str, end: int) -> int:
    """Keep combining marks (and half-width voicing marks) with their base character."""
    while end < len(text) and (unicodedata.combining(text[end]) or text[end] in "\uff9e\uff9f"):
        end += 1
    return end


def _sub_box(word: MatchWord, a: int, b: int) -> Box:
    """The part of a word's box holding characters a..b, by proportion along the line."""
    n = len(word.text)
    if n == 0 or (a <= 0 and b >= n):
        return word.bbox
    box = word.bbox
    vertical = box.height > box.width * 1.5 and n > 1
    lo, hi = (box.y0, box.y1) if vertical else (box.x0, box.x1)
    p0, p1 = lo + (hi - lo) * a / n, lo + (hi - lo) * b / n
    return Box(box.x0, p0, box.x1, p1) if vertical else Box(p0, box.y0, p1, box.y1)


