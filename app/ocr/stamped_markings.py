"""A classification marking half hidden under a release stamp, with no copy to match.

The release stamp was printed on a white box over the bulletins' "TOP SECRET": where the
box cut the head's or the foot's marking, only the letters' lower or upper parts show.
`markings.hidden_markings` reads such a part where the page prints the marking whole
elsewhere. Where both copies are cut (cib_03160568_p2's head shows its lower two thirds,
cib_02977806_p2's and cib_03185137_p2's feet their upper halves; the other copy a sliver
or nothing), no template is on the page, and Tesseract reads the part as junk or not at
all. The marking's words are a fixed vocabulary, and each is matched against them drawn
in the typefaces the stamps imitate (a bold grotesque, a bold and a bold italic roman:
PyMuPDF's own Helvetica-Bold, Times-Bold and Times-BoldItalic, so no system font is
needed): the letters at the cut give the marking's width, the width its size, and the
part that shows is correlated (blurred, as `hidden_markings` does) with the same part of
the drawn marking. A part too small to tell the words by eye (a sliver of tops or feet)
is not read: a reader could not read it either.

Known limit: words of letters shaped like a marking's, cut the same way ("TOP SECTOR"
drawn in a bold grotesque matched "TOP SECRET" at 0.59), are read as the marking. On the
bench's 39 pages and their rescans nothing but a marking stands where a stamp's box cuts.
"""
from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
import pymupdf

from recto.app.components import connected_components
from recto.app.ocr.markings import BAND, BLUR, MARKINGS, WEAK, core_of
from recto.app.ocr.pieces import DARK
from recto.app.ocr.release_stamps import MARKING_WORDS, stamp_lines
from recto.app.ocr.rows import copy, find, ident, is_word, put_block, take

FONTS = ("hebo", "tibo", "tibi")
DESCENT = 0.3        # x "for"'s height: the stamp's descenders below its words' median foot
REACH = 3.0          # x the stamp's "for" height: how far from the stamp the strip reaches
SIDE = 0.35          # x the stamp's width: how far left and right of it
RULE = 2.0           # x "for"'s height: a straight run of ink this long is a rule, not a letter
THIN = 0.2           # ... and a piece of ink narrower than this a box's edge (a "T"'s stem 0.3)
AT_CUT = 0.3         # ... and pieces ending this near the cut's row are at it (the stamp's box
#                      is no ruler: a rule printed along it took more off some letters)
MIN_WIDTH = 4.0      # x "for"'s height: narrower ink at the cut is no marking (a speck, a tick)
CAP = (1.2, 2.6)     # the marking's letters' height, x "for"'s (measured 1.5-1.9)
SIZES = (0.96, 1.0, 1.04)   # the size the width gives, and a little either way
SHOWN = tuple(np.round(np.arange(0.35, 0.8, 0.05), 2))   # share of the letters' height seen
#                      (a sliver of 0.2-0.3, cib_03169410_p2's head, tells no letter)
SLACK = 4            # px the part may stand above or below its place at the cut ...
SHIFT = 0.05         # ... and this share of its width left or right (the typefaces' letters
#                      are spaced unlike the stamp's)
MATCH = 0.45         # correlation of the part seen with the drawn marking's, at least (cut
#                      markings 0.47-0.54 on the bench pages; other ink at a stamp <= 0.27, a
#                      whole marking's foot just over a stamp 0.40) ...
LEAD = 0.15          # ... and this much above the next marking's (those 0.2-0.28 ahead)


def stamped_markings(data: dict, image: np.ndarray) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels; black text on white) with a
    marking cut by a release stamp's box, where no marking's word is read, read."""
    out = data
    height = image.shape[0]
    for stamp, boxes, top, size in stamp_lines(data):
        # under its letters' descenders; not its lowest box's foot, which may take in the
        # marking under it (cib_03160568_p2's "C03160568")
        bottom = int(np.median([b[1] + b[3] for b in boxes]) + DESCENT * size)
        foot = top > height / 2
        if not (top > (1 - BAND) * height if foot else bottom < BAND * height):
            continue
        left, right = min(b[0] for b in boxes), max(b[0] + b[2] for b in boxes)
        side = int(SIDE * (right - left))
        x0, x1 = max(0, left - side), min(image.shape[1], right + side)
        y0, y1 = ((max(0, top - int(REACH * size)), top) if foot
                  else (bottom, min(height, bottom + int(REACH * size))))
        # a marking read there, whole just beyond the strip, or over the stamp's own line
        reach = int(2 * REACH * size)
        if _marking_read(data, (x0, max(0, top - reach), x1, bottom) if foot
                         else (x0, top, x1, min(height, bottom + reach))):
            continue
        found = _match(image[y0:y1, x0:x1], foot, size)
        if found is None:
            continue
        words, score = found
        placed = [(text, (x0 + x, y0 + y, w, h)) for text, (x, y, w, h) in words]
        out = out if out is not data else copy(data)
        _take_misreadings(out, placed, (y0, y1))
        template = {key: values[stamp[0]] for key, values in data.items()}
        rows_read = [dict(template, level=5, text=text, conf=round(100 * score, 1),
                          left=x, top=y, width=w, height=h) for text, (x, y, w, h) in placed]
        # a foot's just before the stamp's line, whose boxes may reach up over it
        put_block(out, rows_read, placed[0][1][1], between_lines=True,
                  before=find(out, ident(data, stamp[0])) if foot else None)
    return out


def _take_misreadings(data: dict, words: list[tuple[str, tuple[int, int, int, int]]],
                      strip: tuple[int, int]) -> None:
    """The weak words read over the part of the marking that shows (the rows of `strip`)
    taken out of `data`: that part read as junk ("TAM CEeEfrpDeT" at 34 and 0 on a drawn
    page). Not over the part hidden: the stamp's own words are read there ("=Approved" at
    a head's "TOP" on a grayscale rescan of cib_02003047_p2)."""
    x0 = words[0][1][0]
    x1 = words[-1][1][0] + words[-1][1][2]
    y0, y1 = max(strip[0], words[0][1][1]), min(strip[1], words[0][1][1] + words[0][1][3])
    for i in reversed(range(len(data["text"]))):
        if (is_word(data, i) and float(data["conf"][i]) < WEAK
                and x0 <= data["left"][i] + data["width"][i] / 2 < x1
                and y0 <= data["top"][i] + data["height"][i] / 2 < y1):
            take(data, i)


def _marking_read(data: dict, strip: tuple[int, int, int, int]) -> bool:
    """Whether a marking's word is read in the strip (whole, or found by another rule)."""
    x0, y0, x1, y1 = strip
    return any(is_word(data, i) and core_of(data["text"][i]) in MARKING_WORDS
               and x0 <= data["left"][i] + data["width"][i] / 2 < x1
               and y0 <= data["top"][i] + data["height"][i] / 2 < y1
               for i in range(len(data["text"])))


def _match(strip: np.ndarray, foot: bool, size: int
           ) -> tuple[list[tuple[str, tuple[int, int, int, int]]], float] | None:
    """The marking whose part matches the ink cut at the strip's edge nearest the stamp:
    its words with their boxes in the strip's pixels, and the score; None if none does."""
    found = _letters(strip, foot, size)
    if found is None:
        return None
    strip, cut, left, width = found
    blurred = cv2.GaussianBlur(strip, (BLUR, BLUR), 0)
    scores: dict[str, tuple[float, int, int, int, str]] = {}   # score, x, top, cap, font
    for marking in MARKINGS:
        for font in FONTS:
            drawn = _drawn(marking, font)
            for k in SIZES:
                w = round(width * k)
                cap = round(w * drawn.shape[0] / drawn.shape[1])
                if not CAP[0] * size <= cap <= CAP[1] * size:
                    continue
                letters = cv2.GaussianBlur(
                    cv2.resize(drawn, (w, cap), interpolation=cv2.INTER_AREA), (BLUR, BLUR), 0)
                for shown in SHOWN:
                    ph = round(shown * cap)
                    part = letters[:ph] if foot else letters[cap - ph:]
                    ry0 = max(0, (cut - ph if foot else cut) - SLACK)
                    shift = max(SLACK, round(SHIFT * w))
                    rx0 = max(0, left - shift)
                    region = blurred[ry0:ry0 + ph + 2 * SLACK, rx0:rx0 + w + 2 * shift]
                    if region.shape[0] < ph or region.shape[1] < w:
                        continue
                    _, score, _, (mx, my) = cv2.minMaxLoc(
                        cv2.matchTemplate(region, part, cv2.TM_CCOEFF_NORMED))
                    if score > scores.get(marking, (-1.0,))[0]:
                        top = ry0 + my - (0 if foot else cap - ph)
                        scores[marking] = (float(score), rx0 + mx, top, cap, font)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])
    if not ranked:
        return None
    marking, (score, x, top, cap, font) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else -1.0
    if score < MATCH or score - runner_up < LEAD:
        return None
    return _word_boxes(marking, font, x, top, cap), score


def _letters(strip: np.ndarray, foot: bool, size: int
             ) -> tuple[np.ndarray, int, int, int] | None:
    """The strip with only the letters the box cut left (rules, the thin edges of a box
    beside the marking and ink clear of the cut whitened), the cut's row, and the letters'
    left and width; None when they are too narrow for a marking."""
    ink = (strip < DARK).astype(np.uint8)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(
        cv2.MORPH_RECT, (round(RULE * size), 1)))
    ink[rules > 0] = 0
    count, labels, stats, _ = connected_components(ink)
    solid = [k for k in range(1, count) if stats[k, cv2.CC_STAT_WIDTH] >= THIN * size]
    if not solid:
        return None
    ends = [int(stats[k, cv2.CC_STAT_TOP] + stats[k, cv2.CC_STAT_HEIGHT]) if foot
            else int(stats[k, cv2.CC_STAT_TOP]) for k in solid]
    cut = max(ends) if foot else min(ends)
    at_cut = [k for k, end in zip(solid, ends, strict=True) if abs(end - cut) <= AT_CUT * size]
    x0 = min(int(stats[k, cv2.CC_STAT_LEFT]) for k in at_cut)
    x1 = max(int(stats[k, cv2.CC_STAT_LEFT] + stats[k, cv2.CC_STAT_WIDTH]) for k in at_cut)
    if x1 - x0 < MIN_WIDTH * size:
        return None
    letters = np.where(np.isin(labels, at_cut), strip, 255).astype(np.uint8)
    return letters, cut, x0, x1 - x0


def _word_boxes(marking: str, font: str, x: int, top: int, cap: int
                ) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Each word of the drawn marking with its box, the marking's letters `cap` px tall from
    (`x`, `top`)."""
    whole = _drawn(marking, font)
    scale = cap / whole.shape[0]
    out, at = [], 0.0
    words = marking.split()
    widths = [_drawn(word, font).shape[1] for word in words]
    space = (whole.shape[1] - sum(widths)) / max(1, len(words) - 1)
    for word, w in zip(words, widths, strict=True):
        out.append((word, (x + round(at * scale), top, max(1, round(w * scale)), cap)))
        at += w + space
    return out


@lru_cache(maxsize=32)
def _drawn(text: str, font: str) -> np.ndarray:
    """`text` in capitals drawn black on white in a PyMuPDF base font, cropped to its ink
    (its letters about 72 px tall)."""
    doc = pymupdf.open()
    page = doc.new_page(width=100 + 80 * len(text), height=200)
    page.insert_text((20, 150), text, fontsize=100, fontname=font)
    pix = page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
    gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w]
    ys, xs = np.nonzero(gray < DARK)
    return gray[ys.min():ys.max() + 1, xs.min():xs.max() + 1].copy()
