"""Search the page text as a reader expects, fast enough to run as they type.

A query is words and "phrases in quotes": a page matches when it holds every one of
them; each place where one occurs is a hit (hits are occurrences, not pages). Words
and phrases are folded as the mention matcher folds (case, diacritics, romanised long
vowels, width, NFKC; annotations.text_fold); a Latin one matches at the start of a
word ("war" finds "war," and "warfare", not "toward"), a CJK one anywhere (総連, 총련은).
A phrase matches only its words side by side.

Pages are matched, ranked and their occurrences counted in SQLite; snippets and boxes
are made only for the hits asked for (`limit` from `offset`): the first screen of
hits costs the same at one page or ten thousand.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from recto.annotations import ocr_store
from recto.annotations.model import Box
from recto.annotations.ocr_store import PageMatch
from recto.annotations.project import Project
from recto.annotations.text_fold import index_fold
from recto.app.text.alias_match import is_cjk

_QUOTED = re.compile(r'["“”„«»「」『』]([^"“”„«»「」『』]*)["“”„«»「」『』]?')
_CLOSE = ",.;:!?)]}»”’、。"
SNIPPET_CHARS = 45  # of context on each side of a hit


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[str, ...]  # in index form (a quoted phrase is one term), no leading space

    def needles(self) -> list[str]:
        """What the index is searched for: a Latin term after a word break."""
        return [t if is_cjk(t[0]) else " " + t for t in self.terms]


def parse_query(text: str) -> Query:
    """Words and "quoted phrases"; an unclosed quote runs to the end (as typed so far)."""
    terms: list[str] = []
    rest, at = [], 0
    for m in _QUOTED.finditer(text):
        rest.append(text[at:m.start()])
        terms.append(index_fold(m.group(1)).strip())
        at = m.end()
    rest.append(text[at:])
    for chunk in rest:  # each word apart ("Il-sung" stays one: "il sung")
        terms += [index_fold(word).strip() for word in chunk.split()]
    return Query(text, tuple(dict.fromkeys(t for t in terms if t)))


@dataclass(frozen=True)
class SearchHit:
    """One occurrence: the `number`-th (1-based, reading order) of `on_page` on its page."""
    document_id: str
    doc_sha256: str
    page_index: int
    snippet: str
    bboxes: tuple[Box, ...]
    number: int = 1
    on_page: int = 1


@dataclass(frozen=True)
class SearchResult:
    query: Query
    total: int | None                # occurrences on every matching page; None: not counted
    hits: tuple[SearchHit, ...]      # those asked for, from `offset`
    offset: int = 0
    pages: tuple[PageMatch, ...] = field(default=(), repr=False)  # every matching page, ranked
    scope: tuple = field(default=(), repr=False)  # (document_ids, page_index) searched

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def more(self) -> bool:
        """Hits beyond these (known without a count: the last hit is not the last
        occurrence on the last matching page)."""
        if self.total is not None:
            return self.offset + len(self.hits) < self.total
        if not self.hits:
            return False
        last, end = self.hits[-1], self.pages[-1]
        return (last.doc_sha256, last.page_index, last.number) != (end.doc_sha256,
                                                                   end.page_index, last.on_page)


def search(project: Project, query: str | Query, document_ids: list[str] | None = None,
           limit: int = 20, offset: int = 0, page_index: int | None = None,
           order: str = "rank", count: bool = True) -> SearchResult:
    """The hits `offset` .. `offset + limit` of `query`; with `count`, every occurrence
    counted (the step that reads every matching page: without it, `total` is None and
    `count_hits` gives it later, off the keystroke's path).

    `order`: "rank" (FTS5's bm25: pages where the words weigh most first) or "reading"
    (document and page order). Occurrences on one page are always in reading order."""
    q = query if isinstance(query, Query) else parse_query(query)
    if not q.terms:
        return SearchResult(q, 0, ())
    needles = q.needles()
    pages = ocr_store.match_pages(project, needles, document_ids, page_index, order)
    hits: list[SearchHit] = []
    seen, at = 0, 0
    while at < len(pages) and len(hits) < limit:  # a screen of pages at a time
        batch = pages[at:at + max(limit, 8)]
        texts = ocr_store.index_texts(project, batch)
        wanted = []
        for page in batch:
            spots = occurrences(texts.get((page.doc_sha256, page.page_index), ""), needles)
            if seen + len(spots) > offset and seen < offset + limit:
                wanted.append((page, spots, max(0, offset - seen),
                               min(len(spots), offset + limit - seen)))
            seen += len(spots)
            if seen >= offset + limit:
                break
        hits += _hits(project, wanted, texts)
        at += len(batch)
    total = count_hits(project, q, document_ids, page_index) if count else None
    return SearchResult(q, total, tuple(hits), offset, tuple(pages), (document_ids, page_index))


def count_hits(project: Project, query: str | Query, document_ids: list[str] | None = None,
               page_index: int | None = None) -> int:
    """Every occurrence of the query in scope (reads the text of every matching page)."""
    q = query if isinstance(query, Query) else parse_query(query)
    return ocr_store.count_occurrences(project, q.needles(), document_ids, page_index) \
        if q.terms else 0


def _hits(project: Project, wanted: list[tuple[PageMatch, list, int, int]],
          texts: dict[tuple[str, int], str]) -> list[SearchHit]:
    if not wanted:
        return []
    words = ocr_store.word_rows(project, [(m.doc_sha256, m.page_index) for m, *_ in wanted])
    hits = []
    for match, spots, first, last in wanted:
        key = (match.doc_sha256, match.page_index)
        page = _PageWords(words.get(key, []))
        for number in range(first, last):
            where = page.aligned(texts[key], *spots[number])
            boxes, snippet = page.locate(*where) if where else ((), _plain(texts[key],
                                                                           *spots[number]))
            hits.append(SearchHit(match.document_id, match.doc_sha256, match.page_index,
                                  snippet, boxes, number + 1, len(spots)))
    return hits


def occurrences(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """(start, length) of every occurrence of each needle in an index text, in reading
    order; non-overlapping left to right per needle, as SQLite's replace() counts them."""
    spots = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            spots.append((at, len(needle)))
            at = text.find(needle, at + len(needle))
    return sorted(spots)


@lru_cache(maxsize=100_000)
def _fold(word: str) -> str:
    return index_fold(word).strip()


class _PageWords:
    """A page's words joined as index_fold joins the page text, with where each starts:
    an occurrence found in the index text maps to the words (boxes) that carry it."""

    def __init__(self, rows: list[tuple[str, float, float, float, float]]):
        self.rows = rows
        self.starts: list[int] = []
        self.ends: list[int] = []
        parts, size, last = [], 0, " "
        for row in rows:
            form = _fold(row[0])
            if form:  # a space before it, unless CJK follows CJK (index_fold drops those)
                sep = "" if is_cjk(last) and is_cjk(form[0]) else " "
                parts.append(sep + form)
                size += len(sep)
                last = form[-1]
            self.starts.append(size)
            size += len(form)
            self.ends.append(size)
        self.joined = "".join(parts)
        self._blocks: list[tuple[int, int, int]] | None = None

    def aligned(self, text: str, at: int, length: int) -> tuple[int, int] | None:
        """Where index characters at .. at + length are in the joined words: the same
        place, unless redaction placeholders replaced words in the text (then aligned
        by difflib; None for a hit inside a placeholder, which has no words)."""
        if text == self.joined:
            return at, length
        if self._blocks is None:
            matcher = SequenceMatcher(None, text, self.joined, autojunk=False)
            self._blocks = [(a, b, n) for a, b, n in matcher.get_matching_blocks() if n]
        for a, b, n in self._blocks:
            if a <= at and at + length <= a + n:
                return b + at - a, length
        return None

    def locate(self, at: int, length: int) -> tuple[tuple[Box, ...], str]:
        """Boxes of the words that carry index characters at .. at + length, and a snippet
        of the original words around them. The index text and the words agree but for
        redaction placeholders (no boxes), so a hit maps to its words."""
        if not self.rows:
            return (), ""
        first = min(bisect_right(self.ends, at), len(self.rows) - 1)  # first word ending after
        last = max(first, bisect_left(self.starts, at + length) - 1)  # last word starting before
        boxes = tuple(Box(*r[1:]) for r in self.rows[first:last + 1] if _fold(r[0]))
        return boxes, self._snippet(first, last)

    def _snippet(self, first: int, last: int) -> str:
        before, size = first, 0
        while before > 0 and size < SNIPPET_CHARS:
            before -= 1
            size += len(self.rows[before][0]) + 1
        after, size = last, 0
        while after + 1 < len(self.rows) and size < SNIPPET_CHARS:
            after += 1
            size += len(self.rows[after][0]) + 1
        body = _join([r[0] for r in self.rows[before:after + 1]])
        return ("…" if before else "") + body + ("…" if after + 1 < len(self.rows) else "")


def _plain(text: str, at: int, length: int) -> str:
    """A snippet of the index text itself, for a hit no word carries (a placeholder)."""
    start, end = max(0, at - SNIPPET_CHARS), min(len(text), at + length + SNIPPET_CHARS)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _join(texts: list[str]) -> str:
    out = ""
    for text in texts:
        if out and text and not (is_cjk(out[-1]) and is_cjk(text[0])) and text[0] not in _CLOSE:
            out += " "
        out += text
    return out
