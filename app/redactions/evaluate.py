"""Score redaction detection against hand-checked ground truth.

Shared by `bench/redaction_accuracy.py` and the tests so both measure the same
thing: one-to-one greedy matching at IoU >= 0.5 (highest IoU pairs first), then
precision, recall and code accuracy on matched boxes.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from recto.annotations.model import Box, OcrWord

IOU_THRESHOLD = 0.5


@dataclass(frozen=True)
class TruthBox:
    bbox: Box
    style: str
    code: str | None


@dataclass(frozen=True)
class TruthPage:
    file: str
    page_index: int
    boxes: tuple[TruthBox, ...]


@dataclass(frozen=True)
class PageScore:
    file: str
    truth: int
    found: int
    matched: int
    codes_right: int
    codes_known: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 1.0


def load_truth(json_path: str | Path) -> list[TruthPage]:
    """The pages listed in redactions.json (page size and notes are left out)."""
    entries = json.loads(Path(json_path).read_text(encoding="utf-8"))
    return [TruthPage(e["file"], int(e.get("page", 0)),
                      tuple(TruthBox(Box.of(b["bbox"]), b.get("style", ""), b.get("code"))
                            for b in e["boxes"]))
            for e in entries]


def match_boxes(found: list[Box], truth: list[Box],
                threshold: float = IOU_THRESHOLD) -> list[tuple[int, int]]:
    """One-to-one (found_index, truth_index) pairs, best IoU first, each >= threshold."""
    pairs = sorted(((f.iou(t), i, j) for i, f in enumerate(found) for j, t in enumerate(truth)),
                   reverse=True)
    used_f: set[int] = set()
    used_t: set[int] = set()
    out = []
    for iou, i, j in pairs:
        if iou < threshold:
            break
        if i in used_f or j in used_t:
            continue
        used_f.add(i)
        used_t.add(j)
        out.append((i, j))
    return out


def score_page(file: str, found_boxes: list[Box], found_codes: list[str | None],
               truth: tuple[TruthBox, ...] | list[TruthBox]) -> PageScore:
    pairs = match_boxes(found_boxes, [t.bbox for t in truth])
    known = [(i, j) for i, j in pairs if truth[j].code]
    right = sum(1 for i, j in known if found_codes[i] == truth[j].code)
    return PageScore(file, len(truth), len(found_boxes), len(pairs), right, len(known))


def overall(scores: list[PageScore]) -> tuple[float, float, float]:
    """(precision, recall, code accuracy) summed over pages (micro-averaged)."""
    found = sum(s.found for s in scores)
    truth = sum(s.truth for s in scores)
    matched = sum(s.matched for s in scores)
    known = sum(s.codes_known for s in scores)
    right = sum(s.codes_right for s in scores)
    return (matched / found if found else 1.0, matched / truth if truth else 1.0,
            right / known if known else 1.0)


def page_words(page, ocr: bool = True, dpi: int = 300) -> list[OcrWord]:
    """Words of a page: its text layer if it has one, else Tesseract (when `ocr`)."""
    from recto.app.redactions.detect import page_text_words
    layer = page_text_words(page)
    if layer:
        return layer
    return tesseract_words(page, dpi) if ocr else []


def tesseract_words(page, dpi: int = 300) -> list[OcrWord]:
    """Tesseract words in PDF points; one thread per process, as PLATFORM.md measured."""
    import pymupdf
    import pytesseract
    from PIL import Image

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT)
    sx, sy = page.rect.width / pix.width, page.rect.height / pix.height
    words = []
    for k, text in enumerate(data["text"]):
        if not text.strip() or float(data["conf"][k]) < 0:
            continue
        x, y, w, h = (data[key][k] for key in ("left", "top", "width", "height"))
        words.append(OcrWord(text, Box(x * sx, y * sy, (x + w) * sx, (y + h) * sy),
                             conf=float(data["conf"][k]), block=data["block_num"][k],
                             par=data["par_num"][k], line=data["line_num"][k]))
    return words
