"""A paragraph Tesseract reads weakly, read again smaller, word by word the surest reading.

The page is read at the size where most of its text reads best (`preprocess.scale_factor`),
but one paragraph can be set differently: the italic typewritten summary on a PDB annex
page (pdb_0006466926_p14_plain) read at 300 dpi as "ecompanted" at 37, "tmpresstion" at
43, "hits" at 81 for "his" (and "similarly" right but at 24), while raw Tesseract read it
whole at 150 dpi. Which size reads a paragraph best is not known in advance (0.75 of the size read
"tmpresstion" at 55, 0.6 "impression" at 67, 0.5 at 92; "similarly" at 94, 61 and 76,
measured), so it is read at three smaller sizes, and each word takes the reading its four
readings vote for, each with its confidence ("ac-" at 90, 64 and 54 against the page's "ae-"
at 90), its box staying the page reading's. Only words of letters count toward a weak
paragraph: a column of margin codes read weakly (pdb_0006015108_p9) is no text size's
problem.
"""
from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from recto.app.ocr.rows import Rect, box_of, copy, is_word, union

WEAK = 60.0          # a word read below this is doubtful
MIN_LETTERS = 3      # words of at least this many letters count: not codes, numbers, marks
MIN_WEAK = 3         # a paragraph with this many doubtful words ...
WEAK_SHARE = 0.15    # ... at least this share of its words, is read again; but not one
MOSTLY = 0.5         # read weakly for more than this share: junk read from a drawing, a
#                      perforation strip or a struck stamp (3 such on the 39 bench pages,
#                      all their words weak), which read smaller came out surer junk
SCALES = (0.75, 0.6, 0.5)
PAD = 12             # px of white around the paragraph's crop, at 300 dpi
SURE = 80.0          # a smaller reading replaces a word only read this surely: in a paragraph
#                      of text and a map's junk, the junk read smaller is other junk, read
#                      at 14-54 (a grayscale rescan of cib_03169410_p3, measured)
SAME_WORD = 0.5      # boxes overlapping this much (intersection over union) hold one word


def weak_paragraphs(data: dict) -> list[list[int]]:
    """Each weakly read paragraph's word rows."""
    paragraphs: dict[tuple, list[int]] = {}
    for i in range(len(data["text"])):
        if is_word(data, i):
            paragraphs.setdefault((data["block_num"][i], data["par_num"][i]), []).append(i)
    out = []
    for rows in paragraphs.values():
        words = [i for i in rows if sum(ch.isalpha() for ch in data["text"][i]) >= MIN_LETTERS]
        weak = [i for i in words if float(data["conf"][i]) < WEAK]
        if len(weak) >= MIN_WEAK and WEAK_SHARE * len(words) <= len(weak) <= MOSTLY * len(words):
            out.append(rows)
    return out


def read_smaller(data: dict, image: np.ndarray,
                 read_crops: Callable[[list[np.ndarray]], list[dict]],
                 dpi_scale: float = 1.0) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with each word of a weak
    paragraph spelled as the surest of its readings at `SCALES`; `read_crops` reads crops
    (their words' boxes in each crop's pixels)."""
    paragraphs = weak_paragraphs(data)
    if not paragraphs:
        return data
    pad = max(4, round(PAD * dpi_scale))
    crops, origins = [], []
    for rows in paragraphs:
        x, y, w, h = union([box_of(data, i) for i in rows])
        x0, y0 = max(0, x - pad), max(0, y - pad)
        crop = image[y0:y + h + pad, x0:x + w + pad]
        for scale in SCALES:
            crops.append(cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
            origins.append((x0, y0, scale))
    found = read_crops(crops)
    readings = [[(_placed(f, k, origin), f["text"][k].strip(), float(f["conf"][k]))
                 for k in range(len(f["text"])) if (f["text"][k] or "").strip()]
                for f, origin in zip(found, origins, strict=True)]
    out = copy(data)
    for n, rows in enumerate(paragraphs):
        mine = readings[n * len(SCALES):(n + 1) * len(SCALES)]
        for i in rows:
            votes = {data["text"][i]: float(data["conf"][i])}
            surest: dict[str, float] = {}
            for reading in mine:
                same = [(text, conf) for box, text, conf in reading
                        if _overlap(box, box_of(data, i)) >= SAME_WORD]
                if len(same) == 1:
                    text, conf = same[0]
                    votes[text] = votes.get(text, 0.0) + conf
                    surest[text] = max(conf, surest.get(text, 0.0))
            text = max(votes, key=lambda t: votes[t])
            if text != data["text"][i] and surest[text] >= SURE:
                out["text"][i], out["conf"][i] = text, surest[text]
    return out


def _placed(found: dict, k: int, origin: tuple[int, int, float]) -> Rect:
    """Row `k`'s box in the page image's pixels."""
    x0, y0, scale = origin
    return (x0 + round(int(found["left"][k]) / scale), y0 + round(int(found["top"][k]) / scale),
            round(int(found["width"][k]) / scale), round(int(found["height"][k]) / scale))


def _overlap(a: Rect, b: Rect) -> float:
    """Intersection over union."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)
