"""Image clean-up before OCR: grayscale, deskew, contrast, binarisation.

Every geometric step returns a `Transform` from the processed image back to the
original pixels, because OCR boxes must land on the page as it is stored, not on
the straightened copy Tesseract saw. All pixel work is OpenCV/numpy; no loops.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from recto.app.components import connected_components
from recto.app.errors import ImageTooLargeError, InvalidInputError
from recto.app.ocr.bars import whiten_bars
from recto.app.ocr.borders import clear_border_bands
from recto.app.ocr.coverage import letter_sized
from recto.app.ocr.rules import remove_rules, slanted_rules

MAX_SIDE_PX = 12_000
MAX_SKEW_DEG = 10.0
WHITE = 255
MIN_LETTERS = 20      # fewer letter-sized components: no text size to measure
SCALE_SLACK = 0.15    # letters this much above the target are left alone
MIN_SCALE = 0.4


@dataclass(frozen=True)
class Transform:
    """Affine map `(x, y) -> (a*x + b*y + c, d*x + e*y + f)` from processed to original pixels."""
    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 0.0
    e: float = 1.0
    f: float = 0.0

    @classmethod
    def identity(cls) -> Transform:
        return cls()

    @classmethod
    def from_matrix(cls, m) -> Transform:
        m = np.asarray(m, dtype=float).reshape(2, 3)
        return cls(*(float(v) for v in m.ravel()))

    def matrix(self) -> np.ndarray:
        return np.array([[self.a, self.b, self.c], [self.d, self.e, self.f]], dtype=float)

    def then(self, outer: Transform) -> Transform:
        """The map applying `self` first, then `outer` (processed -> mid -> original)."""
        m = np.vstack([outer.matrix(), [0, 0, 1]]) @ np.vstack([self.matrix(), [0, 0, 1]])
        return Transform.from_matrix(m[:2])

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (self.a * x + self.b * y + self.c, self.d * x + self.e * y + self.f)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """Axis-aligned bounds of the mapped rectangle (a rotated box grows a little)."""
        pts = [self.point(x, y) for x in (x0, x1) for y in (y0, y1)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return (min(xs), min(ys), max(xs), max(ys))


def check_image_size(image: np.ndarray) -> None:
    """Refuse images Tesseract would choke on, before spending any time on them."""
    if image is None or image.ndim not in (2, 3) or image.shape[0] == 0 or image.shape[1] == 0:
        raise InvalidInputError("The page image is empty (0 pixels); nothing to OCR.")
    h, w = image.shape[:2]
    if h > MAX_SIDE_PX or w > MAX_SIDE_PX:
        raise ImageTooLargeError(
            f"The page image is {w} x {h} pixels, larger than the {MAX_SIDE_PX} x {MAX_SIDE_PX} "
            "Recto can OCR; render the page at a lower DPI.")


def to_gray(image: np.ndarray) -> np.ndarray:
    """8-bit single-channel copy; RGB(A) is converted, 16-bit is scaled down."""
    img = np.asarray(image)
    if img.dtype != np.uint8:
        img = cv2.normalize(img, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    if img.ndim == 3 and img.shape[2] == 4:
        return cv2.cvtColor(img, cv2.COLOR_RGBA2GRAY)
    if img.ndim == 3 and img.shape[2] == 3:
        return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    if img.ndim == 3:
        return np.ascontiguousarray(img[:, :, 0])
    return np.ascontiguousarray(img)


def _ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark pixels as 255 (Otsu), the input every layout estimate starts from."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def _edge_angle(rect) -> float:
    """Angle in degrees of a minAreaRect's long side, folded into (-90, 90]."""
    pts = cv2.boxPoints(rect)
    edges = [pts[1] - pts[0], pts[2] - pts[1]]
    dx, dy = max(edges, key=lambda v: float(np.hypot(*v)))
    angle = math.degrees(math.atan2(float(dy), float(dx)))
    if angle <= -90:
        angle += 180
    elif angle > 90:
        angle -= 180
    return angle


def estimate_skew(gray: np.ndarray) -> float:
    """Skew of text lines in degrees (positive: lines descend to the right), 0 if unsure.

    Characters are smeared horizontally into line blobs; the long side of each
    blob's minimum-area rectangle gives its angle, and the length-weighted median
    over all long, thin blobs is robust to stamps, rules and specks.
    """
    scale = min(1.0, 1600 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    mask = _ink_mask(small)
    kw = max(9, int(round(small.shape[1] / 60)))
    blobs = cv2.morphologyEx(
        mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (kw, 1))
    )
    blobs = cv2.morphologyEx(
        blobs, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    )
    contours, _ = cv2.findContours(blobs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles, weights = [], []
    for c in contours:
        rect = cv2.minAreaRect(c)
        long_side, short_side = max(rect[1]), min(rect[1])
        if long_side < small.shape[1] / 8 or short_side <= 0 or long_side < 5 * short_side:
            continue
        angle = _edge_angle(rect)
        if abs(angle) <= MAX_SKEW_DEG:
            angles.append(angle)
            weights.append(long_side)
    if len(angles) < 2:
        return 0.0
    return _weighted_median(np.array(angles), np.array(weights))


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, cum[-1] / 2)])


def deskew(gray: np.ndarray, angle: float) -> tuple[np.ndarray, Transform]:
    """Undo a skew of `angle` degrees (as `estimate_skew` measures it) on a white canvas
    large enough to keep every pixel."""
    if abs(angle) < 0.05 or abs(angle) > MAX_SKEW_DEG:
        return gray, Transform.identity()
    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rad = math.radians(abs(angle))
    nw = int(math.ceil(w * math.cos(rad) + h * math.sin(rad)))
    nh = int(math.ceil(h * math.cos(rad) + w * math.sin(rad)))
    m[0, 2] += (nw - w) / 2
    m[1, 2] += (nh - h) / 2
    out = cv2.warpAffine(gray, m, (nw, nh), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=WHITE)
    return out, Transform.from_matrix(cv2.invertAffineTransform(m))


def rotate_quarter(gray: np.ndarray, degrees_cw: int) -> tuple[np.ndarray, Transform]:
    """Rotate clockwise by 0/90/180/270 losslessly; the Transform maps back to the input."""
    h, w = gray.shape[:2]
    degrees_cw %= 360
    if degrees_cw == 0:
        return gray, Transform.identity()
    if degrees_cw == 90:  # out(x, y) = in(y, h-1-x) -> in_x = y, in_y = h - x
        return cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE), Transform(0, 1, 0, -1, 0, h)
    if degrees_cw == 180:
        return cv2.rotate(gray, cv2.ROTATE_180), Transform(-1, 0, w, 0, -1, h)
    if degrees_cw == 270:
        return cv2.rotate(gray, cv2.ROTATE_90_COUNTERCLOCKWISE), Transform(0, -1, w, 1, 0, 0)
    raise InvalidInputError(f"Page rotation must be a multiple of 90 degrees, not {degrees_cw}.")


def normalise_contrast(gray: np.ndarray) -> np.ndarray:
    """Stretch faded ink and uneven lighting (CLAHE); bilevel scans pass unchanged."""
    if np.count_nonzero((gray > 0) & (gray < 255)) < gray.size // 100:
        return gray
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
    return clahe.apply(gray)


def binarise(gray: np.ndarray) -> np.ndarray:
    """Black text on white: a light blur removes speckle, then Otsu's global threshold.

    Global Otsu keeps thin typewriter strokes whole; adaptive thresholds hollow
    out bold glyphs and redaction bars, which later detection relies on.
    """
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    _, out = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return out


def despeckle(binary: np.ndarray, max_area: int) -> np.ndarray:
    """Whiten specks of at most `max_area` pixels (scanner dust Tesseract reads as '.').

    On the 1974 PDB bench page this cut the CER from 0.76% to 0.24%; a typed full
    stop is ~20 px at 300 dpi, dust 1-5 px, so the bar sits at 6 px there.
    """
    return despeckle_with_ink(binary, max_area)[0]


def despeckle_with_ink(binary: np.ndarray, max_area: int,
                       components: Components | None = None) -> tuple[np.ndarray, np.ndarray]:
    """`despeckle` and the result's ink mask (`coverage.ink_mask`) from one labelling.

    Removing a speck removes a whole component and leaves the others as they were, so
    the despeckled image's components are the binarised image's larger ones: the ink
    mask needs no second labelling of the page (~85 ms at 300 dpi, measured). Only the
    dark pixels (1-5 % of a page) are looked up by label, not all eight million.
    """
    count, labels, stats = components or label_ink(binary)
    areas = stats[:, cv2.CC_STAT_AREA]
    small = np.zeros(count, dtype=bool)
    if max_area >= 1:
        small[1:] = areas[1:] <= max_area
    kind = np.zeros(count, dtype=np.uint8)   # 0 white or kept as is, 1 speck, 2 ink
    kind[letter_sized(areas, binary.size) & ~small] = 2
    kind[small] = 1
    dark = np.flatnonzero(binary.ravel() < 128)
    per_dark = kind[labels.ravel()[dark]]
    out = binary.copy()
    out.ravel()[dark[per_dark == 1]] = WHITE
    ink = np.zeros(binary.size, dtype=bool)
    ink[dark[per_dark == 2]] = True
    return out, ink.reshape(binary.shape)


Components = tuple[int, np.ndarray, np.ndarray]   # count, labels, stats


def label_ink(binary: np.ndarray) -> Components:
    """The dark connected components of a binarised page (8-connected): the one labelling
    that text size, despeckling and the coverage check's ink mask all share."""
    count, labels, stats, _ = connected_components(255 - binary, connectivity=8)
    return count, labels, stats


def speck_area(dpi: int) -> int:
    """Largest speck removed, scaled with the pixel area of the rendering."""
    return int(round(5 * (dpi / 300) ** 2))


@dataclass(frozen=True)
class Preprocessed:
    image: np.ndarray
    transform: Transform
    deskew_angle: float
    scale: float = 1.0    # the processed image's size relative to the input's
    ink: np.ndarray | None = None   # coverage.ink_mask(image), when binarised
    # `image` with slanted strike lines whitened, when it has some (see struck.py)
    unstruck: np.ndarray | None = None


def preprocess(gray: np.ndarray, dpi: int = 300,
               binarize: bool = True) -> tuple[np.ndarray, Transform]:
    """The default pipeline; see `preprocess_full` for the deskew angle as well."""
    result = preprocess_full(gray, dpi=dpi, binarize=binarize)
    return result.image, result.transform


def preprocess_full(gray: np.ndarray, dpi: int = 300, binarize: bool = True,
                    text_px: float | None = None, borders: bool = True) -> Preprocessed:
    """Contrast, deskew (within +-10 degrees), text size, binarise, textured bands along
    the edges out (unless `borders` is False: vertical text), rules out, despeckle.

    `dpi` is the rendering resolution, used to size the specks removed; with
    `text_px`, a page whose letters are larger is shrunk so they measure about that
    (see `text_height`). Boxes in the result map back to `gray`'s pixels via `transform`.
    """
    check_image_size(gray)
    gray = to_gray(gray)
    img = normalise_contrast(gray)
    angle = estimate_skew(img)
    img, transform = deskew(img, angle)
    if transform == Transform.identity():
        angle = 0.0
    factor = 1.0
    binary: np.ndarray | None = None
    components: Components | None = None
    if text_px:  # measured on the binarised page, cleaned: despeckling reuses its labelling
        binary = binarise(img)
        if binarize:
            binary = _cleaned(binary, img, dpi, borders)
        components = label_ink(binary)
        factor = scale_factor(_letter_height(components[2], binary.shape), text_px)
        if factor < 1.0:
            img, scaled = shrink(img, factor)
            transform = scaled.then(transform)
            binary = components = None
    ink = unstruck = None
    if binarize:
        seen_dpi = int(round(dpi * factor))
        if binary is None:
            binary = _cleaned(binarise(img), img, seen_dpi, borders)
        components = components or label_ink(binary)
        img, ink = despeckle_with_ink(binary, speck_area(seen_dpi), components)
        whiten_bars(img, ink, components[1], components[2], seen_dpi)   # the same labelling
        strikes = slanted_rules(img, seen_dpi)
        if strikes is not None:
            unstruck = img.copy()
            unstruck[strikes] = WHITE
    return Preprocessed(img, transform, angle, factor, ink, unstruck)


def _cleaned(binary: np.ndarray, gray: np.ndarray, dpi: int, borders: bool) -> np.ndarray:
    """Textured bands along the edges out (unless `borders` is False), and rules. Done
    before the labelling that measures the text's size, so that one labelling serves
    despeckling too (it was done again on the 17 of 45 pages cleaning changed, 20-35 ms
    each); the letters' median height moved on 3 of those pages, none near the size
    where pages are shrunk."""
    if borders:
        binary = clear_border_bands(binary, dpi)
    return remove_rules(binary, gray, dpi)


# --- text size -----------------------------------------------------------------------

def text_height(binary: np.ndarray) -> float | None:
    """Median height in pixels of the letter-sized ink components, None on a near-empty page.

    Components are letters on typewritten and printed pages (and parts of letters in
    Hangul and kanji, so the figure reads low there); dust, rules, boxes and stamps
    fall outside the size bounds. The median is the x-height plus a little.
    """
    return _letter_height(label_ink(binary)[2], binary.shape)


def _letter_height(stats: np.ndarray, shape: tuple[int, ...]) -> float | None:
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    area = stats[1:, cv2.CC_STAT_AREA]
    letter = ((area >= 8) & (h >= 4) & (h <= shape[0] / 20)
              & (w <= shape[1] / 10) & (w < 4 * h))
    if int(letter.sum()) < MIN_LETTERS:
        return None
    return float(np.median(h[letter]))


def scale_factor(height: float | None, target: float) -> float:
    """How much to shrink a page whose letters are `height` px so they come out `target` px;
    never enlarged (Tesseract reads small clean text as is) and never below half size."""
    if height is None or height <= target * (1 + SCALE_SLACK):
        return 1.0
    return max(MIN_SCALE, target / height)


def shrink(image: np.ndarray, factor: float) -> tuple[np.ndarray, Transform]:
    """Scale down by `factor` with area averaging (as if the page had been drawn at a
    lower resolution); the Transform maps the small image's pixels back to `image`'s."""
    if factor >= 1.0:
        return image, Transform.identity()
    out = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    sx, sy = image.shape[1] / out.shape[1], image.shape[0] / out.shape[0]
    return out, Transform(sx, 0.0, 0.0, 0.0, sy, 0.0)
