"""Two releases of one typewritten memo, made the way archives make them.

The memo is typed in Courier with PyMuPDF; each release blacks out different
clauses with filled rectangles, is rasterised (image-only, like a scan), turned
a little, sprinkled with specks, and one release drops a page and carries a
release stamp the other lacks. The clauses and what each release hides are known,
so a comparison can be checked against the truth.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pymupdf

FONT_SIZE = 12
LEADING = 22
MARGIN = 72
SCAN_DPI = 200

PAGES = [
    ["MEMORANDUM FOR THE DIRECTOR",
     "SUBJECT: Repatriation talks in Geneva, first week",
     "1. The delegation met the Red Cross officials on Monday",
     "and agreed the order of business for the coming sessions.",
     "The Japanese side proposed that ships sail from Niigata",
     "once the registration of applicants has been completed.",
     "2. The northern delegation insisted on direct contact",
     "with the applicants and refused any screening interviews.",
     "Our liaison officer in Tokyo reported that the embassy",
     "considers the proposal acceptable if the count is public.",
     "3. No agreement was reached on the question of costs."],
    ["4. The second session opened with a long statement on",
     "the freedom of choice of each returnee and the role of",
     "neutral observers at the port of embarkation in winter.",
     "The source close to the minister said that the cabinet",
     "will approve the plan before the end of the month.",
     "5. Figures given by the association vary from one report",
     "to the next; the latest estimate is sixty thousand people.",
     "The committee asked for written lists by the next meeting."],
    ["6. In the last session the parties drafted a joint text",
     "describing the procedure at the reception centres and",
     "the conditions under which a returnee may change his mind.",
     "Funding for the ships will come from the special account",
     "approved by the finance ministry in a closed hearing.",
     "7. The chief negotiator will report to the cabinet again",
     "after consulting the ambassador in Washington by cable.",
     "Copies of this memorandum go to the regional desks only."],
]


@dataclass(frozen=True)
class Hidden:
    """A clause blacked out in one release: its 0-based page in the full memo."""
    page: int
    text: str


# What each release withholds (phrases within one typed line).
HIDDEN_A = [Hidden(0, "ships sail from Niigata"),
            Hidden(1, "the cabinet"),                       # page 2: dropped from B
            Hidden(2, "from the special account")]          # hidden in both releases
HIDDEN_B = [Hidden(0, "Our liaison officer in Tokyo"),
            Hidden(2, "from the special account"),
            Hidden(2, "after consulting the ambassador in Washington")]
PAGES_B = [0, 2]                                            # release B drops page 2
STAMP_B = "RELEASED 2016/07/15"

# The truth a comparison must find: (text, direction, page in A, page in B), 0-based.
EXPECTED = [
    ("ships sail from Niigata", "revealed_in_b", 0, 0),
    ("Our liaison officer in Tokyo", "revealed_in_a", 0, 0),
    ("after consulting the ambassador in Washington", "revealed_in_a", 2, 1),
]


def typed_page(doc: pymupdf.Document, lines: list[str]) -> pymupdf.Page:
    page = doc.new_page(width=612, height=792)
    y = MARGIN + FONT_SIZE
    for line in lines:
        page.insert_text((MARGIN, y), line, fontsize=FONT_SIZE, fontname="cour")
        y += LEADING
    return page


def black_out(page: pymupdf.Page, phrase: str, pad: float = 1.5) -> pymupdf.Rect:
    hits = page.search_for(phrase)
    assert len(hits) == 1, f"{phrase!r} must be on the page once (found {len(hits)})"
    rect = pymupdf.Rect(hits[0].x0 - pad, hits[0].y0 - pad, hits[0].x1 + pad, hits[0].y1 + pad)
    page.draw_rect(rect, color=(0, 0, 0), fill=(0, 0, 0))
    return rect


def scan_like(gray: np.ndarray, degrees: float, seed: int) -> np.ndarray:
    """Turn the page a little, add specks and a slight blur, as a scanner does."""
    rng = np.random.default_rng(seed)
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    out = cv2.warpAffine(gray, m, (w, h), borderValue=255)
    for _ in range(400):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        r = int(rng.integers(1, 3))
        cv2.circle(out, (x, y), r, int(rng.integers(0, 90)), -1)
    out = cv2.GaussianBlur(out, (3, 3), 0.6)
    noise = rng.normal(0, 6, out.shape)
    return np.clip(out.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def rasterise(src: pymupdf.Document, path: Path, degrees: float, seed: int) -> Path:
    """An image-only PDF of `src`, every page scanned at SCAN_DPI."""
    out = pymupdf.open()
    for k, page in enumerate(src):
        pix = page.get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY)
        gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w]
        scanned = scan_like(gray.copy(), degrees, seed + k)
        ok, png = cv2.imencode(".png", scanned)
        assert ok
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=png.tobytes())
    out.save(path, garbage=3, deflate=True)
    out.close()
    return path


def make_release(path: Path, pages: list[int], hidden: list[Hidden], degrees: float,
                 seed: int, stamp: str = "") -> Path:
    doc = pymupdf.open()
    for index in pages:
        page = typed_page(doc, PAGES[index])
        for h in hidden:
            if h.page == index:
                black_out(page, h.text)
        if stamp:
            page.insert_text((380, 40), stamp, fontsize=10, fontname="helv")
    rasterise(doc, path, degrees, seed)
    doc.close()
    return path


def make_releases(folder: Path, skew: bool = True) -> tuple[Path, Path]:
    a = make_release(folder / "release_1994.pdf", [0, 1, 2], HIDDEN_A, 0.5 * skew, 11)
    b = make_release(folder / "release_2016.pdf", PAGES_B, HIDDEN_B, -0.4 * skew, 29, STAMP_B)
    return a, b


def quick_project(folder: Path) -> tuple[Path, str, str]:
    """Both releases in a project without running OCR: words from the typed text
    (as a clean OCR would read them), boxes stored as confirmed redactions. For GUI
    tests, where the comparison is not what is under test."""
    from recto.annotations.model import Box, Redaction
    from recto.annotations.ocr_store import PageText, store_page
    from recto.annotations.project import Project
    from recto.annotations.redactions import add_redactions
    from recto.app.documents import add_pdf
    from recto.app.ocr.engine import page_text, text_layer_words
    paths = make_releases(folder, skew=False)
    project_path = folder / "quick.recto"
    ids = []
    with Project.open(project_path, create=True) as project:
        for path, pages, hidden in ((paths[0], [0, 1, 2], HIDDEN_A), (paths[1], PAGES_B, HIDDEN_B)):
            doc = add_pdf(project, path).document
            src = pymupdf.open()
            redactions = []
            for k, index in enumerate(pages):
                page = typed_page(src, PAGES[index])
                words = text_layer_words(page)
                store_page(project, PageText(doc.sha256, k, "typed", "text_layer", "ok",
                                             page_text(words)), words)
                for h in hidden:
                    if h.page == index:
                        r = black_out(page, h.text)
                        redactions.append(Redaction("", doc.id, k, Box(*r)))
            add_redactions(project, redactions, "Add redactions")
            ids.append(doc.id)
    return project_path, ids[0], ids[1]
