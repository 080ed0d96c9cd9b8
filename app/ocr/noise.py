"""Scanner artefacts among Tesseract's words: perforation strips, specks, rules, debris.

Each word is judged from its own signals, without a dictionary: Tesseract's
confidence, the height of its ink against the page's text, whether it holds a
letter or digit at all, and, for whole lines, how many of its tokens are short
junk and whether the line sits at the page's edge. A scanner's perforation strip
reads as a line of 2-4 letter tokens ("ee ea Fe ee} Be") at confidences 20-70
along the top; specks read as tiny low-confidence tokens; rules and box edges as
runs of '|', '_' or '—'. Noise words are kept (flagged, for the overlay to show
dimmed) but left out of page text, search and exports.

Real words with a low confidence in a line of real words ("cult" at 38 among
words at 95) are never touched: a word is only dropped on its own when it has
no letter or digit, or is far smaller than the page's text (as is a line of one or
two small letters, however surely read); and a faint mark is kept where the words
around it show it is printed (a release line's ':', a '* * *' rule).
"""
from __future__ import annotations

import re
from dataclasses import replace
from statistics import median

from recto.annotations.model import OcrWord
from recto.app.text.exemption_codes import canonical_token

# Measured on CIA typewritten scans (tests/data/scans): perforation strip tokens 16-70,
# with a mean of 48; real lines 85-96, a few real words down to 24.
EDGE_MEAN_CONF = 65.0
# Perforation strips run along the top or bottom of the scanned sheet, which need not be
# the PDF page's edge (scans are often inset): "at the edge" means no text beyond the line.
EDGE_JUNK_SHARE = 0.5
EDGE_MIN_TOKENS = 5
# Away from the edge a line must look worse: real text squeezed between black bars
# reads as "sec PUr 21 5);" at 20-60 and must stay (court filings, measured).
LINE_MEAN_CONF = 50.0
JUNK_SHARE = 0.75
SOLID_CONF = 80.0           # a confident word of 4+ letters, or with a digit, is text
REPEAT_MIN, REPEAT_LETTERS = 6, 2   # 6+ Latin letters drawn from 2: no word
SPECK_CONF = 50.0
SPECK_HEIGHT = 0.45         # x the page's median word height
# A weak word's box at least this many times as wide a letter as it is tall holds no
# letters: the 3 such words kept on the 39 bench pages were specks in a row ("an", 23 x 4
# pt), a black bar with a letter ("nA") and a box's edge under "a." ("oe"); typed letters
# are about as wide as tall or narrower.
FLAT_WORD = 2.0
EDGE_BAND = 0.06            # x the page's width: a sheet's edge specks lie in this outer band
#                             (x 16-18 and 594-597 of 612 pt); margin codes and map labels inside
RULED_MARKS = 3             # rule marks in a weak word of one letter at most: no text
COLON_HEIGHT = 0.5          # x the page's median word height: a colon is x-height tall
SAME_MARK = 0.25            # marks of one row differ in height by at most this share
ONLY_MARKS = re.compile(r"^[\W_]+$")
RULE_CHARS = set("|[]{}_~—–-=:;.,'\"`‘’“”•·¦/\\()<>^*")
KEPT_MARKS = frozenset({"-", "–", "&", "§", "¶", "%", "$"})   # real text when alone
KEPT_CHARS = frozenset("".join(KEPT_MARKS))
ALONE = frozenset('*"”“')   # a star of a row, a ditto mark: may stand alone on a line
LEADING_SPECK = re.compile(r"^[.,](?=[a-z])")
# A rule's end glued to a word's start: a run of dashes with a long one in it ("—-TOP" under
# a strike line, cib_02026614_p2); a typed dash before a word reads as hyphens ("--Army").
RULED_HEAD = re.compile(r"^(?=[-–—_~]*[—_~])[-–—_~]{2,}(?=[^\W\d_]{2})")
# A Latin full stop or comma is never set apart from its word: on its own it is a speck
# ("향했다 ." on a noisy Korean scan). Tesseract does set 。 and 、 apart as words, so those
# stay; but Japanese never starts a line with them.
LONE_STOPS = frozenset({".", ","})
DASHES = frozenset("-–—_~")
LINE_START_STOPS = "。、"


def _alnum(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def is_junk_token(word: OcrWord) -> bool:
    """A token a strip or debris produces: short, few letters, not a number or initial."""
    core = _alnum(word.text)
    if not core:
        return True
    # non-Latin scripts (CJK, Cyrillic) are never judged by Latin letter shapes: a lone
    # Han or Hangul character is a word
    latin = all(ord(ch) < 0x250 for ch in core)
    if not latin:
        return False
    if len(core) <= 1 and word.conf < 80:
        return True
    if any(ch.isdigit() for ch in core):
        return False
    if len(core) >= REPEAT_MIN and len(set(core.casefold())) <= REPEAT_LETTERS:
        return True  # 'cocococococo': a row of holes read by the standard model
    mixed = len(core) != len(word.text.strip(".,;:_-'\"‘’“”"))  # brackets inside: 'ee}'
    vowels = sum(ch in "aeiouyAEIOUY" for ch in core)
    short = len(core) <= 3
    return short and (mixed or word.conf < 70 or vowels == len(core)
                      or core.lower() in _STRIP_BIGRAMS)


# What Tesseract reads in a perforation strip (ee, ea, eS, Be...): pairs of round letters.
_STRIP_BIGRAMS = frozenset({"ee", "ea", "es", "eo", "oe", "se", "ese", "fe", "be", "bee", "fs"})


def _lines(words: list[OcrWord]) -> dict[tuple[int, int, int], list[int]]:
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, w in enumerate(words):
        lines.setdefault((w.block, w.par, w.line), []).append(i)
    return lines


def noise_flags(words: list[OcrWord], page_width: float | None = None) -> list[bool]:
    """One flag per word: True when the word is a scanner artefact (see module doc);
    `page_width` (the words' unit) lets marks at the sheet's edges be told."""
    flags = [False] * len(words)
    if not words:
        return flags
    heights = [w.bbox.height for w in words if _alnum(w.text) and w.conf >= 80]
    typical = median(heights) if heights else median(w.bbox.height for w in words)
    lines = _lines(words)
    solid = [w for w in words if _solid(w)]
    column = _column(solid, typical)
    # a lone digit read surely ("4" at 94 from a speck at the sheet's edge) does not widen
    # the column the sheet's edge is told by
    text_column = _column([w for w in solid if len(_alnum(w.text)) >= 2], typical)
    first = min(min(words[i].bbox.y0 for i in m) for m in lines.values())
    last = max(max(words[i].bbox.y1 for i in m) for m in lines.values())
    for members in lines.values():
        line = [words[i] for i in members]
        if _noise_line(line, first, last):
            for i in members:
                flags[i] = True
            continue
        if len(line) == 1 and (_lone(line[0], typical) or _beside_column(line[0], column)):
            flags[members[0]] = True
            continue
        for k, i in enumerate(members):
            flags[i] = _noise_word(words[i], typical) and not _mark_in_place(line, k, typical)
        left = [i for i in members if not flags[i]]
        if len(left) == 1 and (_lone(words[left[0]], typical)
                               or _beside_column(words[left[0]], column)):
            flags[left[0]] = True   # alone once the box edges read with it are taken out
        elif left and all(_sheet_edge_mark(words[i], text_column, page_width) for i in left):
            for i in left:
                flags[i] = True
    # An exemption code as printed ("25X1" beside a box) is text however faint its line.
    return [f and canonical_token(w.text) != w.text for w, f in zip(words, flags, strict=True)]


def _column(solid: list[OcrWord], typical: float) -> tuple[float, float] | None:
    """From left of the leftmost to right of the rightmost of `solid`, a word's height out."""
    if not solid:
        return None
    return min(w.bbox.x0 for w in solid) - typical, max(w.bbox.x1 for w in solid) + typical


def _solid(word: OcrWord) -> bool:
    return solid(word.text, word.conf)


def solid(text: str, conf: float) -> bool:
    """A word read surely enough to be text whatever its line: four letters or more, or a
    digit, at SOLID_CONF."""
    core = _alnum(text)
    return conf >= SOLID_CONF and (len(core) >= 4 or any(ch.isdigit() for ch in core))


def _noise_line(line: list[OcrWord], first: float, last: float) -> bool:
    if any(_solid(w) for w in line):
        return False
    # a full stop set apart is a speck (`_noise_word`): it does not vouch for its line (a
    # "." read at 72 lifted a blot's "id" at 30 to a mean of 51, cib_02977806_p3), nor does
    # any other mark without a letter or digit lift the mean of words that have one (a
    # speck's "«" at 85 lifted a "5" at 20 read from specks to 52, cib_02026614_p2)
    line = [w for w in line if w.text.strip() not in LONE_STOPS] or line
    junk = sum(is_junk_token(w) for w in line) / len(line)
    mean = min(_mean_conf(line), _mean_conf([w for w in line if _alnum(w.text)] or line))
    top = min(w.bbox.y0 for w in line)
    bottom = max(w.bbox.y1 for w in line)
    height = bottom - top
    at_edge = top <= first + height or bottom >= last - height
    if (at_edge and len(line) >= EDGE_MIN_TOKENS and junk >= EDGE_JUNK_SHARE
            and mean < EDGE_MEAN_CONF):
        return True
    has_digit = any(ch.isdigit() for w in line if w.conf >= SPECK_CONF for ch in w.text)
    return mean < LINE_MEAN_CONF and junk >= JUNK_SHARE and not has_digit


def _noise_word(word: OcrWord, typical: float) -> bool:
    text = word.text.strip()
    if text in LONE_STOPS:
        return True
    if ONLY_MARKS.match(text) and text not in KEPT_MARKS:
        # a lone mark: box edges and rules ('|', '[', '—-') always, specks when unsure
        # (whatever marks they are read as, "§_¢-" at 0; a sign that stands alone in text,
        # "¶¶", is kept)
        if word.conf < SPECK_CONF and not set(text) <= KEPT_CHARS:
            return True
        return set(text) <= RULE_CHARS and bool(set(text) & set("|[]{}_~¦"))
    if word.conf < SPECK_CONF and len(_alnum(text)) <= 1 and sum(
            ch in RULE_CHARS for ch in text) >= RULED_MARKS:
        return True   # a rule's end read with a letter: "~—_—s|" at 39 after "TOP SECRET"
    if word.conf < SPECK_CONF and _alnum(text) and word.bbox.width > FLAT_WORD * len(
            text) * word.bbox.height:
        return True   # letters spread flat: specks in a row, a bar's edge ("an", "nA")
    return word.conf < SPECK_CONF and word.bbox.height < SPECK_HEIGHT * typical


def _mean_conf(words: list[OcrWord]) -> float:
    return sum(w.conf for w in words) / len(words)


def _lone(word: OcrWord, typical: float) -> bool:
    """A word alone on its line that is no text there: a speck's letters, a rule's dash,
    or a mark of no text ("!" or ":" read from a sheet's edge beside the '|' of its
    strip, cib_02026614_p2)."""
    return _lone_speck(word, typical) or _lone_dash(word) or _lone_mark(word)


def _beside_column(word: OcrWord, column: tuple[float, float] | None) -> bool:
    """One or two letters read weakly outside the column of the page's sure words: a
    sheet's edge ("i" at 58 from the strip along cib_02026614_p2's left edge)."""
    core = _alnum(word.text)
    return (column is not None and 0 < len(core) <= 2 and core.isalpha()
            and word.conf < SOLID_CONF
            and (word.bbox.x1 < column[0] or word.bbox.x0 > column[1]))


def _sheet_edge_mark(word: OcrWord, column: tuple[float, float] | None,
                     page_width: float | None) -> bool:
    """One character, however surely read, outside the column of the page's sure words and
    in the outer EDGE_BAND of the page: a speck of the sheet's edge. On grayscale rescans of
    cib_02026614_p2 the specks down both edges read "i" at 82-91, "!" at 65, "1" at 64, "4"
    at 86-94, and Tesseract put a left one and a right one on one line. A map's ringed "4"
    stands outside the column too, but inside the page (cib_03160568_p3)."""
    if column is None or not page_width or len(word.text.strip()) != 1:
        return False
    return ((word.bbox.x1 < column[0] and word.bbox.x1 < EDGE_BAND * page_width)
            or (word.bbox.x0 > column[1] and word.bbox.x0 > (1 - EDGE_BAND) * page_width))


def _lone_mark(word: OcrWord) -> bool:
    """Marks alone on a line, none of them a sign that stands alone in text ('&', '§',
    '*' of a row of stars, '"' of a ditto column)."""
    text = word.text.strip()
    return bool(ONLY_MARKS.match(text)) and text not in KEPT_MARKS and not set(text) <= ALONE


def _lone_speck(word: OcrWord, typical: float) -> bool:
    """A line of one or two small letters, however surely read: a speck read "a" at 92 or
    "é" at 78, half as tall as the page's words (CIA bulletins, measured); page numbers
    and list numbers are digits and stay."""
    core = _alnum(word.text)
    return (0 < len(core) <= 2 and core.isalpha() and all(ord(ch) < 0x250 for ch in core)
            and word.bbox.height < SPECK_HEIGHT * typical)


def _lone_dash(word: OcrWord) -> bool:
    """A line that is one dash and nothing else: a rule's or a strike line's piece (an
    "—" read at 54 above cib_02869423_p3's release line); typed dashes stand between
    words, and a page number's beside its number."""
    text = word.text.strip()
    return bool(text) and set(text) <= DASHES


def _mark_in_place(line: list[OcrWord], k: int, typical: float) -> bool:
    """A faint mark that the words around it show is printed: the ':' between a release
    line's date and its document number (read at 43, pdb_0006015108_p9), the third '*'
    of a '* * *' rule whose other two were read surely (at 17 beside 84 and 81)."""
    word = line[k]
    if word.text == ":":
        before, after = line[k - 1] if k else None, line[k + 1] if k + 1 < len(line) else None
        return (before is not None and after is not None and _solid(before) and _solid(after)
                and before.bbox.x1 <= word.bbox.x0 and word.bbox.x1 <= after.bbox.x0
                and word.bbox.height >= COLON_HEIGHT * typical)
    if word.text == "*":
        return any(other.text == "*" and other.conf >= SOLID_CONF
                   and abs(other.bbox.height - word.bbox.height) <= SAME_MARK * other.bbox.height
                   for other in line if other is not word)
    return False


def clean_word(word: OcrWord) -> OcrWord:
    """A speck read as a leading '.' or ',' ('.he') is dropped from the word's text, and so
    is a rule's end before it ("—-TOP"); so is an underscore at either end of a word with a
    letter or digit: the edge of a rule or frame under the word's first or last letter
    ("_to", "be-_", "_the" beside redaction boxes), never a typed character there."""
    text = RULED_HEAD.sub("", LEADING_SPECK.sub("", word.text))
    if any(ch.isalnum() for ch in text):
        text = text.strip("_")
    return word if text == word.text else replace(word, text=text)


def _strip_line_start(word: OcrWord) -> OcrWord:
    text = word.text.lstrip(LINE_START_STOPS)
    return word if text == word.text or not text else replace(word, text=text)


def split_noise(words: list[OcrWord], page_width: float | None = None
                ) -> tuple[list[OcrWord], list[OcrWord]]:
    """(text words, noise words): the first feed page text and search, both are stored."""
    flags = noise_flags(words, page_width)
    kept = [clean_word(w) for w, f in zip(words, flags, strict=True) if not f]
    starts = set()
    for i, w in enumerate(kept):  # words come in reading order: a line's first is its start
        if i == 0 or (w.block, w.par, w.line) != (kept[i - 1].block, kept[i - 1].par,
                                                  kept[i - 1].line):
            starts.add(i)
    noise = [w for w, f in zip(words, flags, strict=True) if f]
    out = []
    for i, w in enumerate(kept):
        if i in starts and not w.text.lstrip(LINE_START_STOPS):
            noise.append(w)   # a 。 alone at a line's start is a speck, not a sentence's end
            continue
        out.append(_strip_line_start(w) if i in starts else w)
    return out, noise
