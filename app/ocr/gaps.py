"""Lines Tesseract's layout left unread, read on their own.

Tesseract's page layout drops small lines standing alone: the page number ("- 4 -",
"2") in the middle of a blank lower half, a margin code far from the text. After the
page is read, the ink outside every word box is grouped into line-sized blobs and each
is read again from a crop; so is a weak word alone on its line, a weak word far taller
than its line (read with a frame's edge below it), and a run of weak words holding two
printed lines (`merged_lines`). The crops are stacked on one small sheet read
in one pass; list numbers the layout dropped (`list_markers`) on a second sheet, on pages
that have them. Reads that are not confident are dropped, so specks stay out of the text.
"""
from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.list_markers import line_led, moved_to_their_items, weak_marks, with_markers
from recto.app.ocr.merged_lines import merged_runs, run_crops, with_parted_runs
from recto.app.ocr.page_numbers import PAGE_NUMBER, as_one_word
from recto.app.ocr.rows import (
    box_of,
    ident,
    is_word,
    line_of,
    lines,
    pieces_joined,
    put_block,
    spans,
)
from recto.app.text.exemption_codes import canonical_token, overlong_choices

# Blobs (unread ink smeared along the line) worth a read: at least this much ink and
# this tall, in pixels at 300 dpi (a typed "1" is ~130 px of ink, 25 px tall) ...
MIN_BLOB_INK = 80
MIN_BLOB_HEIGHT = 14
# ... at most this tall (taller: a stamp, a signature, a drawing, not a line of text).
MAX_BLOB_HEIGHT = 90
WHITE = 255
# ... and at most this wide: a longer unread line means the layout failed (coverage.py's
# fallback layouts handle that). A release line stamped alone at the top is 900 px
# ("Approved for Release: 2020/03/13 C02977806", dropped by psm 3 on a map page, measured);
# frames' edges, once as long, are taken out of the ink first (`frame_lines`).
MAX_BLOB_WIDTH = 1000
# A straight line this long (four letters), or as tall as MAX_BLOB_HEIGHT, is a frame's.
FRAME_LEN = 120
MAX_BLOBS = 8            # a page with more unread lines than this is a layout problem
# Binding or sprocket marks: solid dashes down a page's edge at even steps (21 on
# cib_02003047_p2, 30 x 25 px each, 150 px apart) are each an unread blob; their number
# alone passed MAX_BLOBS, so that page's "- 2 -" was never read (measured). A column of
# MIN_MARKS or more solid marks of one size (within SAME_SIZE) is no text.
SOLID = 0.6              # a mark inks this share of its box at least (those 0.70-0.88; "- 2 -" 0.2)
MIN_MARKS = 4
SAME_SIZE = 0.25
MAX_MARKERS = 40         # list numbers: one a line at most
# A word read from a crop is kept from this confidence up, or from the lower one when it
# has three letters or digits: "(Cont'd)" read at 41; junk read from specks and frame
# corners ("e", ".*", "()") at 0-63, measured on the bench pages; a page number between
# dashes ("~4-" at 59) is kept from the lower one.
MIN_CONF = 70.0
MIN_CONF_WORD = 40.0
REREAD_CONF = 50.0       # a word alone on its line read below this is read again alone
SURE_LINE = 80.0         # words read this surely give their line's height ...
TALL_WORD = 2.0          # ... and a weak word this many times as tall is read again within it,
MARGIN = 0.06            # unless within this share of the page's height from its top or foot
MARK_CONF = 30.0         # a word with no letter or digit below this has not been read
TEXT_MARKS = ".,:;!?-–—()'\""  # punctuation that stands as a word of typed text
APOSTROPHES = ("'", "’")
CONTRACTION_GAP = 0.6    # x the word's height: a typed apostrophe's space (0.37 measured)
TALL_CROP = 1.6          # x the page's text height: a crop's letters shrunk to it (read_crops)
MIN_SHRINK = 0.5         # no further: a slanted strike line makes letters look taller
LETTER_WIDTH = 3.0       # a letter is at most this many times as wide as tall ...
LETTER_FILL = 0.12       # ... and inks at least this share of its box
PAD = 12                 # white margin around a crop (Tesseract reads poorly at the edge)
SMEAR = 40               # letters this far apart are one blob
# A blob with a word this near on its line is part of that line, whose words' boxes
# missed some of its ink ("we" of "week" read again as "WE", measured): not a lone line.
LONE_GAP = 150


Rect = tuple[int, int, int, int]   # x, y, width, height in pixels


def unread_blobs(ink: np.ndarray, data: dict, dpi_scale: float = 1.0,
                 frames: np.ndarray | None = None) -> list[Rect]:
    """(x, y, w, h) of line-sized ink blobs outside every word box of `data`, top to bottom;
    the lines of frames (`frame_lines`) are no blob."""
    mask = ink.astype(np.uint8)
    if frames is None:
        frames = frame_lines(mask, dpi_scale)
    mask[frames > 0] = 0
    for x, y, w, h in _word_boxes(data):
        mask[max(0, y - 2):y + h + 2, max(0, x - 2):x + w + 2] = 0
    smear = cv2.dilate(mask, cv2.getStructuringElement(
        cv2.MORPH_RECT, (max(3, round(SMEAR * dpi_scale)), 3)))
    blobs: list[Rect] = []
    for top, bottom in _inked_rows(smear):
        count, labels, stats, _ = connected_components(smear[top:bottom], connectivity=8)
        dark = np.flatnonzero(mask[top:bottom])   # counted by label, not every pixel
        inked = np.bincount(labels.ravel()[dark], minlength=count)
        for i in range(1, count):
            x, y, w, h, _ = (int(v) for v in stats[i])
            if (inked[i] >= MIN_BLOB_INK * dpi_scale ** 2
                    and MIN_BLOB_HEIGHT * dpi_scale <= h <= MAX_BLOB_HEIGHT * dpi_scale):
                blobs.append((x, y + top, w, h))
    blobs.sort(key=lambda b: (b[1], b[0]))
    return blobs


def column_marks(blobs: list[Rect], ink: np.ndarray) -> set[Rect]:
    """Blobs that are solid marks of one size down one column: binding or sprocket marks
    printed down a page's edge at even steps, not lines of text."""
    solid = [b for b in blobs if _solid(ink[b[1]:b[1] + b[3], b[0]:b[0] + b[2]])]
    out: set[Rect] = set()
    for x, _, w, h in solid:
        column = [b for b in solid if abs(b[0] + b[2] / 2 - (x + w / 2)) <= w / 2
                  and abs(b[2] - w) <= SAME_SIZE * w and abs(b[3] - h) <= SAME_SIZE * h]
        if len(column) >= MIN_MARKS:
            out.update(column)
    return out


def _solid(crop: np.ndarray) -> bool:
    """Whether the ink in `crop` fills at least SOLID of its own box."""
    x, y, w, h = cv2.boundingRect(crop.astype(np.uint8))
    return bool(w * h > 0 and np.count_nonzero(crop[y:y + h, x:x + w]) >= SOLID * w * h)


def _inked_rows(mask: np.ndarray) -> list[tuple[int, int]]:
    """The runs of rows of `mask` with ink, top to bottom. No component crosses a blank
    row, so each run is labelled alone: the unread ink left once the words are blanked
    out lies in a few bands, and labelling those, not the whole page, took the labelling
    from 37 ms to a few (a whole page costs OpenCV 19 ms even blank, measured)."""
    return spans(mask.any(axis=1))


def frame_lines(mask: np.ndarray, dpi_scale: float) -> np.ndarray:
    """Straight lines of `mask` (ink 1) several letters long, 1 where they lie: a box's edge
    is no text. Smeared into the "2." beside it, it made one blob as tall as the box, too
    tall to read, and in that number's crop it read as "|" and cost the "2." its
    confidence (cib_03017657_p3: a list number whose item is wholly redacted, measured).
    Looked for in all the ink: Tesseract reads pieces of a frame as "words"."""
    def rect(w: int, h: int) -> np.ndarray:
        return cv2.getStructuringElement(cv2.MORPH_RECT, (w, h))
    # a thin line a little off the axis is a staircase of short runs: widened by a pixel
    # either side first, its steps overlap into one run (as rules.py finds strike lines)
    wide, tall = round(FRAME_LEN * dpi_scale), round(MAX_BLOB_HEIGHT * dpi_scale)
    lines = cv2.bitwise_or(_opened(cv2.dilate(mask, rect(1, 3)), rect(wide, 1), axis=1),
                           _opened(cv2.dilate(mask, rect(3, 1)), rect(1, tall), axis=0))
    return cv2.dilate(lines, rect(3, 3))


def _opened(mask: np.ndarray, line: np.ndarray, axis: int) -> np.ndarray:
    """`cv2.morphologyEx(mask, MORPH_OPEN, line)` for a kernel one pixel thick along `axis`
    (1: a row, 0: a column): its dilation changes only the rows (columns) its erosion left
    ink in, a few dozen on a page, so only those are dilated, gathered (the same pixels;
    the frame lines of a PDB page in 25 ms, not 34)."""
    eroded = cv2.erode(mask, line)
    out = np.zeros_like(mask)
    kept = np.flatnonzero(eroded.any(axis=axis))
    if kept.size and axis == 1:
        out[kept] = cv2.dilate(eroded[kept], line)
    elif kept.size:
        out[:, kept] = cv2.dilate(np.ascontiguousarray(eroded[:, kept]), line)
    return out


def read_crops(crops: list[np.ndarray], read_block: Callable[[np.ndarray], dict],
               text_height: float | None = None) -> list[dict]:
    """Each crop's words (boxes in the crop's pixels), all read in one Tesseract pass:
    the crops are stacked, white between them, and read as one block of lines (psm 6).
    One pass a page instead of one a crop: Tesseract's start costs ~0.3 s (measured).
    A block is read as if of one text size: a crop whose letters are far taller than the
    page's `text_height` (a struck header's) is shrunk to it first, or beside it a "- 2 -"
    read as "2." at 0 that alone reads "-2-" at 71 (cib_05973621_p2, measured)."""
    if not crops:
        return []
    factors = _sheet_factors(crops, text_height)
    crops = [c if f == 1.0 else cv2.resize(c, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
             for c, f in zip(crops, factors, strict=True)]
    gap = max(40, max(c.shape[0] for c in crops))
    width = max(c.shape[1] for c in crops) + 2 * gap
    tops, y = [], gap
    for crop in crops:
        tops.append(y)
        y += crop.shape[0] + gap
    sheet = np.full((y, width), WHITE, dtype=np.uint8)
    for crop, top in zip(crops, tops, strict=True):
        sheet[top:top + crop.shape[0], gap:gap + crop.shape[1]] = crop
    found = read_block(sheet)
    keys = list(found)
    out: list[dict] = [{k: [] for k in keys} for _ in crops]
    for i, text in enumerate(found["text"]):
        if not (text or "").strip() or float(found["conf"][i]) < 0:
            continue
        mid = int(found["top"][i]) + int(found["height"][i]) / 2
        for k, (crop, top) in enumerate(zip(crops, tops, strict=True)):
            if top <= mid < top + crop.shape[0]:
                f = factors[k]
                for key in keys:
                    out[k][key].append(found[key][i])
                out[k]["left"][-1] = round((int(found["left"][i]) - gap) / f)
                out[k]["top"][-1] = round((int(found["top"][i]) - top) / f)
                out[k]["width"][-1] = round(int(found["width"][i]) / f)
                out[k]["height"][-1] = round(int(found["height"][i]) / f)
    return out


def _sheet_factors(crops: list[np.ndarray], text_height: float | None) -> list[float]:
    """Scale for each crop on a sheet: 1, or down to `text_height` for one whose letters
    are more than TALL_CROP times taller."""
    if not text_height:
        return [1.0] * len(crops)
    heights = [_text_height(c) for c in crops]
    return [max(MIN_SHRINK, text_height / h) if h > TALL_CROP * text_height else 1.0
            for h in heights]


def page_text_height(data: dict) -> float | None:
    """Median height in pixels of the words read surely: the page's text size."""
    heights = [int(data["height"][i]) for i, t in enumerate(data["text"])
               if sum(ch.isalnum() for ch in (t or "")) >= 2 and float(data["conf"][i]) >= 80]
    return float(np.median(heights)) if heights else None


def _text_height(crop: np.ndarray) -> int:
    """Height of a crop's letters: the median over its ink of the height of the piece
    each ink pixel is in, so specks barely count, and lines (a dash, a strike line and the
    letters it touches: a piece mostly empty) not."""
    count, _, stats, _ = connected_components((crop < WHITE // 2).astype(np.uint8), connectivity=8)
    pieces = sorted((int(h), int(area)) for _, _, w, h, area in stats[1:count]
                    if w <= LETTER_WIDTH * h and area >= LETTER_FILL * w * h)
    half, seen = sum(area for _, area in pieces) / 2, 0
    for height, area in pieces:
        seen += area
        if seen >= half:
            return height
    return 0


def read_gaps(image: np.ndarray, ink: np.ndarray, data: dict,
              read_block: Callable[[np.ndarray], dict], dpi_scale: float = 1.0) -> dict:
    """`data` with the confident words of each unread blob, read from crops of `image`
    (`read_crops` with `read_block`), each blob a block placed in reading order."""
    blobs, corners, crops = _gap_crops(image, unread_blobs(ink, data, dpi_scale), data,
                                       dpi_scale)
    return _with_gaps(data, blobs, corners, read_crops(crops, read_block))


def read_weak_and_unread(image: np.ndarray, ink: np.ndarray, data: dict,
                         read_block: Callable[[np.ndarray], dict],
                         dpi_scale: float = 1.0) -> dict:
    """`reread_doubtful`, `read_gaps` and merged_lines' parting of two printed lines read
    as one, their crops read on one sheet: one Tesseract pass a page instead of three (a
    pass costs ~0.3 s to start, measured). The unread blobs are those of the first
    reading, whose weak words' boxes already cover theirs. List numbers the layout
    dropped (`list_markers`) are read on a sheet of their own, on the pages that have
    them: among the other crops, wide crops of number and word changed how Tesseract
    read a struck "SECRET" beside them (measured)."""
    doubtful, d_corners, d_crops = _doubtful_crops(image, data, dpi_scale)
    frames = frame_lines(ink.astype(np.uint8), dpi_scale)
    unread = unread_blobs(ink, data, dpi_scale, frames)
    marks = column_marks(unread, ink)
    unread = [b for b in unread if b not in marks]
    blobs, g_corners, g_crops = _gap_crops(image, unread, data, dpi_scale, frames)
    pad = max(4, round(PAD * dpi_scale))
    runs = merged_runs(image, data)
    m_crops = run_crops(image, data, runs, pad)
    size = page_text_height(data)
    found = read_crops(d_crops + g_crops + m_crops, read_block, size)
    out = _with_rereads(data, doubtful, d_corners, found[:len(d_crops)])
    out = _with_gaps(out, blobs, g_corners, found[len(d_crops):len(d_crops) + len(g_crops)])
    out = with_parted_runs(out, runs, found[len(d_crops) + len(g_crops):], pad, in_line)
    # a list number stands clear of frames: by one, an unread blob is a frame's corner
    # (the stubs left of a box's edges, pdb_0006007849_p4, measured)
    clear = [(x, y, w, h) for x, y, w, h in unread if not frames[y:y + h, x:x + w].any()]
    led, replaced, l_corners, l_crops = _marker_crops(image, clear, data, dpi_scale, frames)
    if led:
        out = with_markers(out, led, replaced, l_corners, read_crops(l_crops, read_block, size))
    return moved_to_their_items(out)


def _gap_crops(image: np.ndarray, unread: list[Rect], data: dict, dpi_scale: float,
               frames: np.ndarray | None = None):
    # a word shorter than the least line worth a read puts no blob on its line: "va" at 34
    # in a box 1 x 6 px (a box's corner) held the "a." printed on that box's edge in its
    # line, so it was never read alone (pdb_0005996489_p4)
    words = [b for b in _word_boxes(data) if b[3] >= MIN_BLOB_HEIGHT * dpi_scale]
    blobs = [b for b in unread
             if b[2] <= MAX_BLOB_WIDTH * dpi_scale and _alone(b, words, LONE_GAP * dpi_scale)]
    if not blobs or len(blobs) > MAX_BLOBS:
        return [], [], []
    return (blobs, *_crops(image, blobs, dpi_scale, frames))


def _marker_crops(image: np.ndarray, unread: list[Rect], data: dict, dpi_scale: float,
                  frames: np.ndarray):
    """List numbers left of their items' first words: unread blobs there, and weak
    readings there (a "4." read "»" at 38); each with the line it leads, the reading it
    replaces (None for a blob), and the crop of number and first word."""
    words = _word_boxes(data)
    found: list[tuple[tuple, Rect, tuple | None]] = []
    for b in unread:
        if (b[2] <= MAX_BLOB_WIDTH * dpi_scale and not _alone(b, words, LONE_GAP * dpi_scale)
                and (leads := line_led(b, data)) is not None):
            found.append((*leads, None))
    for i in weak_marks(data):
        leads = line_led(box_of(data, i), data, skip=i)
        if leads is not None and leads[0] != line_of(data, i):   # not its own line's words
            found.append((*leads, ident(data, i)))
    if not found or len(found) > MAX_MARKERS:
        return [], [], [], []
    corners, crops = _crops(image, [box for _, box, _ in found], dpi_scale, frames)
    return [line for line, _, _ in found], [old for _, _, old in found], corners, crops


def _crops(image: np.ndarray, boxes: list[Rect], dpi_scale: float,
           frames: np.ndarray | None = None):
    """The padded crop of each box, with the lines of `frames` (`frame_lines`) whitened."""
    pad = max(4, round(PAD * dpi_scale))
    corners = [(max(0, x - pad), max(0, y - pad)) for x, y, _, _ in boxes]
    cuts = [(slice(y0, y + h + pad), slice(x0, x + w + pad))
            for (x0, y0), (x, y, w, h) in zip(corners, boxes, strict=True)]
    crops = [image[cut] if frames is None
             else np.where(frames[cut] > 0, WHITE, image[cut]).astype(image.dtype)
             for cut in cuts]
    return corners, crops


def _with_gaps(data: dict, blobs, corners, results: list[dict]) -> dict:
    if not blobs:
        return data
    out = {key: list(values) for key, values in data.items()}
    for (_, y, _, _), (x0, y0), found in zip(blobs, corners, results, strict=True):
        found = as_one_word(found)
        rows = [i for i, t in enumerate(found["text"]) if _confident(t, float(found["conf"][i]))]
        if rows:
            found = _with_contractions(found, rows)
            put_block(out, [dict({key: found[key][i] for key in out},
                                 left=int(found["left"][i]) + x0, top=int(found["top"][i]) + y0)
                            for i in rows], y)
    return out


def _with_contractions(found: dict, rows: list[int]) -> dict:
    """`found` with each kept word of `rows` joined to the weak piece right after it that
    opens with an apostrophe: a typewriter sets "(Cont'd)" apart, read as "(Cont" and
    "'d)", the second at 37 (pdb_0005996489_p4, measured)."""
    found = {key: list(values) for key, values in found.items()}
    for i in rows:
        j = i + 1
        text = found["text"][j] if j < len(found["text"]) else ""
        if (j in rows or not text.startswith(APOSTROPHES) or not any(ch.isalpha() for ch in text)
                or found["line_num"][j] != found["line_num"][i]
                or found["block_num"][j] != found["block_num"][i]):
            continue
        gap = int(found["left"][j]) - int(found["left"][i]) - int(found["width"][i])
        if 0 <= gap <= CONTRACTION_GAP * int(found["height"][i]):
            x0 = int(found["left"][i])
            found["text"][i] = found["text"][i] + text
            found["conf"][i] = min(float(found["conf"][i]), float(found["conf"][j]))
            found["width"][i] = int(found["left"][j]) + int(found["width"][j]) - x0
            bottom = max(int(found["top"][i]) + int(found["height"][i]),
                         int(found["top"][j]) + int(found["height"][j]))
            found["top"][i] = min(int(found["top"][i]), int(found["top"][j]))
            found["height"][i] = bottom - int(found["top"][i])
    return found


def reread_doubtful(image: np.ndarray, data: dict, read_block: Callable[[np.ndarray], dict],
                    dpi_scale: float = 1.0) -> dict:
    """`data` with each weak word standing alone on its line read again from a crop, and
    replaced when the crop reads confidently: a small margin code set on the line of a
    large heading is read at the heading's size ("3.5(c)" as "“7" at 26, measured)."""
    doubtful, corners, crops = _doubtful_crops(image, data, dpi_scale)
    return _with_rereads(data, doubtful, corners, read_crops(crops, read_block))


def _doubtful_crops(image: np.ndarray, data: dict, dpi_scale: float):
    """Weak words alone on their line, each cropped to its box; and weak words far
    taller than their line, each cropped to its line's height (`overtall`)."""
    pad = max(4, round(PAD * dpi_scale))
    doubtful = [i for i in range(len(data["text"]))
                if _doubtful(data, i, LONE_GAP * dpi_scale, pad)]
    if len(doubtful) > MAX_BLOBS:
        doubtful = []
    rects = {i: box_of(data, i) for i in doubtful}
    tall = overtall(data, image.shape[0])
    if len(tall) <= MAX_BLOBS:
        rects.update(tall)
    if not rects:
        return [], [], []
    rows = sorted(rects)
    return (rows, *_crops(image, [rects[i] for i in rows], dpi_scale))


def overtall(data: dict, height: int) -> dict[int, Rect]:
    """Weak words of a line of sure words, at least TALL_WORD times as tall as those, each
    with its box cut to their height: a word whose ink runs into a frame's edge below
    it, which Tesseract reads with the edge as one mark ("to" above a redaction box's
    corner read "." at 0, 125 px tall in a line of 40, cib_02026614_p3, measured). Not
    in the page's margins (`height` its pixels): a release line stamped over a footer is
    read as one tall line there, which `release_stamps` parts as read (a footer's words
    read within the release line's height garbled both, pdb_0005996489_p4, measured)."""
    out: dict[int, Rect] = {}
    margin = MARGIN * height
    for rows in lines(data).values():
        sure = [i for i in rows if float(data["conf"][i]) >= SURE_LINE
                and sum(ch.isalnum() for ch in data["text"][i]) >= 2]
        if len(sure) < 2:
            continue
        top = min(int(data["top"][i]) for i in sure)
        bottom = max(int(data["top"][i]) + int(data["height"][i]) for i in sure)
        size = float(np.median([int(data["height"][i]) for i in sure]))
        for i in rows:
            x, y, w, h = box_of(data, i)
            if (float(data["conf"][i]) < REREAD_CONF and h >= TALL_WORD * size
                    and y < bottom and y + h > top and margin < y < height - margin):
                out[i] = (x, top, w, bottom - top)
    return out


def _with_rereads(data: dict, doubtful: list[int], corners, results: list[dict]) -> dict:
    if not doubtful:
        return data
    out = {key: list(values) for key, values in data.items()}
    for i, (x0, y0), found in reversed(list(zip(doubtful, corners, results, strict=True))):
        rows = [j for j, t in enumerate(found["text"]) if _confident(t, float(found["conf"][j]))]
        if (not rows or min(float(found["conf"][j]) for j in rows) <= float(out["conf"][i])
                or " ".join(found["text"][j] for j in rows) == out["text"][i]):
            continue   # no better reading (the same one more sure of itself is not better)
        keep = {k: out[k][i] for k in ("level", "page_num", "block_num", "par_num", "line_num")}
        for key in out:
            del out[key][i]
        for n, row in enumerate(pieces_joined([{key: found[key][j] for key in out}
                                                for j in rows])):
            row.update(keep, word_num=n + 1,
                       left=int(row["left"]) + x0, top=int(row["top"]) + y0)
            for key in out:
                out[key].insert(i + n, row[key])
    return out


def _doubtful(data: dict, i: int, gap: float, pad: int) -> bool:
    """A word read weakly, with no other word of its line within `gap` pixels and none
    at all inside its crop (an underline's junk word would be read as the word above
    it, "snag:" again, measured). A weak code may have others on its line: margin codes
    are stamped in rows, each apart (a clean "25X1" read "25x4" at 0 beside two others,
    pdb_0006015108_p9; alone on a crop it reads "25X11", which `codes` spells 25X1)."""
    conf = float(data["conf"][i])
    if not (data["text"][i] or "").strip() or not 0 <= conf < REREAD_CONF:
        return False
    line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
    code = _code(data["text"][i])
    x0, y0 = data["left"][i], data["top"][i]
    x1, y1 = x0 + data["width"][i], y0 + data["height"][i]
    for j, (wx, wy, ww, wh) in enumerate(_all_boxes(data)):
        if j == i or ww <= 0:
            continue
        apart_x = max(wx - x1, x0 - wx - ww)
        apart_y = max(wy - y1, y0 - wy - wh)
        if apart_x < pad and apart_y < pad:
            return False
        same_line = (data["block_num"][j], data["par_num"][j], data["line_num"][j]) == line
        if same_line and apart_x < gap and not code:
            return False
    return True


def _code(text: str | None) -> bool:
    """Whether `text` spells an exemption code, or one with a digit too many."""
    return bool(text and (canonical_token(text) or overlong_choices(text)))


def _all_boxes(data: dict) -> list[Rect]:
    """Every row's word box, (0, 0, 0, 0) for rows that are not words read."""
    return [box_of(data, i) if is_word(data, i) else (0, 0, 0, 0)
            for i in range(len(data["text"]))]


def _confident(text: str | None, conf: float) -> bool:
    """Worth adding: read confidently, or spelling an exemption code at all (on a clean
    crop of three "25X1" Tesseract reads the first "25X11" at 29, measured)."""
    alnum = sum(ch.isalnum() for ch in (text or ""))
    if _code(text):
        return True
    if text and PAGE_NUMBER.match(text) and conf >= MIN_CONF_WORD:
        return True   # a page number between dashes: "- 4 -" read as "~4-" at 59, measured
    return bool(alnum) and (conf >= MIN_CONF or (alnum >= 3 and conf >= MIN_CONF_WORD))


def in_line(text: str | None, conf: float) -> bool:
    """Worth keeping in a line of text read again: a text's punctuation too, when read
    surely (the release line's ":" at 92; a map's line read "\\" at 92 is not text)."""
    mark = (text or "").strip()
    return _confident(text, conf) or (bool(mark) and conf >= MIN_CONF
                                       and all(ch in TEXT_MARKS for ch in mark))


def _word_boxes(data: dict) -> list[Rect]:
    """Boxes of the words read; a mark read at almost no confidence is not a reading
    (margin codes came back as "." and "~" at confidence 0 on the PDB bench page)."""
    return [box_of(data, i) for i, text in enumerate(data["text"])
            if is_word(data, i)
            and (any(ch.isalnum() for ch in text) or float(data["conf"][i]) >= MARK_CONF)]


def _alone(blob: Rect, words: list[Rect], gap: float) -> bool:
    """No word shares the blob's line within `gap` pixels of it."""
    x, y, w, h = blob
    for wx, wy, ww, wh in words:
        shared = min(y + h, wy + wh) - max(y, wy)
        apart = max(wx - (x + w), x - (wx + ww))
        if shared > 0.5 * min(h, wh) and apart < gap:
            return False
    return True
