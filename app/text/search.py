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
from functools import lru_cache

from annotations import ocr_store
from annotations.model import Box
from annotations.ocr_store import PageMatch
from annotations.project import Project
from annotations.text_fold import index_fold
from app.text.alias_match import is_cjk

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
    total: int                       # occurrences on every matching page
    hits: tuple[SearchHit, ...]      # those asked for, from `offset`
    offset: int = 0
    pages: tuple[PageMatch, ...] = field(default=(), repr=False)  # every matching page, ranked

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def more(self) -> bool:
        return self.offset + len(self.hits) < self.total


def search(project: Project, query: str | Query, document_ids: list[str] | None = None,
           limit: int = 20, offset: int = 0, page_index: int | None = None,
           order: str = "rank") -> SearchResult:
    """The hits `offset` .. `offset + limit` of `query`, every occurrence counted.

    `order`: "rank" (FTS5's bm25: pages where the words weigh most first) or "reading"
    (document and page order). Occurrences on one page are always in reading order."""
    q = query if isinstance(query, Query) else parse_query(query)
    if not q.terms:
        return SearchResult(q, 0, ())
    pages = ocr_store.match_pages(project, q.needles(), document_ids, page_index, order)
    total = sum(p.count for p in pages)
    wanted, seen = [], 0
    for page in pages:  # the pages holding hits offset .. offset + limit
        if seen + page.count > offset and seen < offset + limit:
            wanted.append((page, max(0, offset - seen), min(page.count, offset + limit - seen)))
        seen += page.count
        if seen >= offset + limit:
            break
    hits = _hits(project, q, wanted)
    return SearchResult(q, total, tuple(hits), offset, tuple(pages))


def _hits(project: Project, q: Query, wanted: list[tuple[PageMatch, int, int]]
          ) -> list[SearchHit]:
    if not wanted:
        return []
    matches = [m for m, _, _ in wanted]
    texts = ocr_store.index_texts(project, matches)
    words = ocr_store.word_rows(project, [(m.doc_sha256, m.page_index) for m in matches])
    hits = []
    for match, first, last in wanted:
        key = (match.doc_sha256, match.page_index)
        spots = occurrences(texts.get(key, ""), q.needles())
        page = _PageWords(words.get(key, []))
        for number in range(first, min(last, len(spots))):
            at, length = spots[number]
            boxes, snippet = page.locate(at, length)
            hits.append(SearchHit(match.document_id, match.doc_sha256, match.page_index,
                                  snippet, boxes, number + 1, match.count))
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
        size, last = 0, " "
        for row in rows:
            form = _fold(row[0])
            if form:  # a space before it, unless CJK follows CJK (index_fold drops those)
                size += 0 if is_cjk(last) and is_cjk(form[0]) else 1
                last = form[-1]
            self.starts.append(size)
            size += len(form)
            self.ends.append(size)

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


def _join(texts: list[str]) -> str:
    out = ""
    for text in texts:
        if out and text and not (is_cjk(out[-1]) and is_cjk(text[0])) and text[0] not in _CLOSE:
            out += " "
        out += text
    return out
