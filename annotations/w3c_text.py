"""Anchoring a quote in its page's text, for W3C TextQuote and TextPosition selectors.

A bare `exact` is ambiguous whenever the words occur twice on a page ("the
Committee", a date, a figure), so a quote is located in the page text and given
the 32 characters before and after it (`prefix`, `suffix`) and its offsets
(`start`, `end`: Unicode code points of `pages.text`, end exclusive), as the Web
Annotation model describes. Whitespace in the quote matches any run of
whitespace in the page (a quote typed on one line still finds a line break);
`exact` is then the page's own text, so prefix + exact + suffix is contiguous.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class TextAnchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def anchor(page_text: str | None, quote: str | None,
           word_index: int | None = None) -> TextAnchor | None:
    """The quote's place in `page_text`, or None if it is not there.

    When the quote occurs more than once, the occurrence nearest the anchor's
    first word (`word_index`, counted in whitespace-separated words) is taken,
    else the first one."""
    words = (quote or "").split()
    if not page_text or not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = list(re.finditer(pattern, page_text))
    if not found:
        return None
    match = found[0]
    if len(found) > 1 and word_index is not None:
        hint = _word_offset(page_text, word_index)
        match = min(found, key=lambda m: abs(m.start() - hint))
    start, end = match.span()
    return TextAnchor(start, end, page_text[start:end],
                      page_text[max(0, start - CONTEXT_CHARS):start],
                      page_text[end:end + CONTEXT_CHARS])


def _word_offset(text: str, index: int) -> int:
    for i, m in enumerate(re.finditer(r"\S+", text)):
        if i == index:
            return m.start()
    return len(text)


def selectors(found: TextAnchor | None, quote: str) -> list[dict]:
    """TextQuoteSelector (with prefix/suffix when known) and, if anchored, TextPositionSelector."""
    if found is None:
        return [{"type": "TextQuoteSelector", "exact": quote}]
    tq = {"type": "TextQuoteSelector", "exact": found.exact}
    if found.prefix:
        tq["prefix"] = found.prefix
    if found.suffix:
        tq["suffix"] = found.suffix
    return [tq, {"type": "TextPositionSelector", "start": found.start, "end": found.end}]
