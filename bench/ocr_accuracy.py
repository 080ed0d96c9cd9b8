"""OCR accuracy: Recto against raw Tesseract at its best, on real and generated pages.

Real pages: typewritten and printed scans from tests/data/scans and bench/data/heldout,
transcribed by eye (bench/data/transcriptions, each file says how); REAL lists them and
TUNED_ON those whose errors OCR rules were made on (README says which rule and when).
Generated pages: Japanese (horizontal and vertical), Korean, Russian, French and German
text set with real fonts, rendered at 300 dpi, turned 1.5 degrees, with grain and specks,
and pasted into image-only PDFs (skewed noisy scans with a known text).

Scores: word-F1 (multiset of whitespace tokens, NFKC) for Latin and Cyrillic pages,
char-F1 (multiset of non-space characters) for CJK. The oracle is raw Tesseract
(`image_to_string`) at its best of {150, 200, 300} dpi x {psm 3, 4, 6} for each
page (plus psm 5 for vertical Japanese, which the other layouts cannot read),
chosen with the answer key, so it is an upper bound for a fixed setting. Noise
errors: "noise kept" counts Recto tokens that resemble no reference token (garbage
in the text), "real dropped" counts words Recto flagged as noise that are in the
reference.

With `--rescan DPI` the real pages are first scanned again, as a historian's own grayscale
scanner would: drawn at 300 dpi, resampled to DPI (area-averaged, so edges turn grey) and
pasted as image-only PDFs of that resolution. The archive's bilevel 300 dpi images are what
every rule was made on; a rescan is a condition none was tuned on.

    .venv/bin/python bench/ocr_accuracy.py [--jobs 2] [--pages name,name] [--rescan 200]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytesseract
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recto.app.ocr.engine import OcrSettings, ocr_image  # noqa: E402

SCANS = ROOT / "tests" / "data" / "scans"
TRANSCRIPTIONS = ROOT / "bench" / "data" / "transcriptions"
GENERATED = Path(__import__("tempfile").gettempdir()) / "recto-bench-ocr"  # regenerated, not kept
RESCANNED = GENERATED.with_name("recto-bench-rescan")
ORACLE_DPI = (150, 200, 300)
ORACLE_PSM = (3, 4, 6)
# Pages whose failures the noise filter and coverage thresholds were tuned on, and (issue 13's
# strike lines, codes, glued words, unread lines) the pages whose errors those rules answer.
TUNED_ON = {"pdb_0005996489_p4", "pdb_0006466926_p14_plain", "cib_02733122_p2",
            "court_cacd_630649_326_p10", "pdb_0005996463_p3", "gen_kor", "gen_jpn_vert",
            "cib_02740735_p4", "pdb_0006007849_p4", "pdb_0006007849_p5",
            # list numbers (session 5) were made on this held-out page after its first run,
            # the edge-band rule on the next one
            "cib_05973621_p2", "cib_02026614_p3",
            # scored held out once (0.904), then codes and glued words were mended on it
            "pdb_0006015108_p9",
            # session 6: held out until the frame-line rule was made on its "2." (0.963 then)
            "cib_03017657_p3",
            # session 7: scored held out once (0.835, 0.629: below the oracle), then the
            # layout score (sure words' ink) and the wider unread line were made on them
            "cib_02869423_p3", "cib_02977806_p3",
            # session 8: the struck-word pass (struck.py) was mended where it went wrong
            # on these: "TOP_SECRET" and "TOP." (cib_02064584_p3), a strike's ends read as
            # unread lines (cib_03003742_p2), a footer Tesseract made two lines of
            # (cib_03169410_p3), a release line joined to the heading under it
            # (cib_02887897_p5); first scores in README
            "cib_02064584_p3", "cib_03003742_p2", "cib_03169410_p3", "cib_02887897_p5",
            # ... and the half-hidden markings' match threshold was set looking at the
            # scores of true copies on these pages, cib_03017657_p2 among them
            "cib_03017657_p2",
            # session 9: a struck crop grows over a weak piece of its word read apart,
            # made on this page's "TOP SECF T" (0.885 then, 0.892 held out)
            "cib_02003047_p2",
            # session 12: the black bars were made on the court filings (p10 above, p15 and
            # p20), p15's OCR diffed line by line before it was transcribed
            "court_cacd_630649_326_p15", "court_cacd_630649_326_p20",
            # session 15: scored held out once (0.611, below the oracle's 0.714), then the
            # noise rules for marks alone on a line and marks lifting a weak line were made
            # on its edge strips and specks
            "cib_02026614_p2",
            # session 16: scored held out once (0.948), then the twin stamps, pen strokes
            # and a code's halves were made on its errors
            "cib_02003047_p3",
            # session 16: scored held out once (0.930, 0.932), then a cut
            # marking's last word ("TOP SEC") and a quote before a code were made on them,
            # and the ringed numbers on a map's lines on the first and cib_03160568_p3
            "cib_03185137_p3", "cib_02869423_p2", "cib_03160568_p3",
            # session 17: scored held out once (0.833), then the words read on the strip
            # the release stamp's box cut (its foot's "TAD eT") were made noise
            "cib_03185137_p2",
            # untranscribed pages rules were made on (README), transcribed in session 19
            "cib_02623669_p3", "cib_02977806_p2", "cib_03160568_p2", "cib_03169410_p2",
            # session 20: scored held out through session 19 (0.982); its curly closing
            # quote was in the listing the straightened quote marks were made from
            "cib_02993982_p3"}

REAL = ["pdb_0006007849_p10_plain", "pdb_0005996489_p4", "pdb_0005996106_p5",
        "pdb_0006007849_p4", "pdb_0006007849_p5", "cib_02740735_p4",
        # transcribed in session 5 after the rules above were made; cib_05973621_p2 then
        # led to the list-number rule (so it is tuned on); cib_03017657_p3 stays held out
        "cib_03017657_p3", "cib_05973621_p2",
        # transcribed after the list-number rule, then tuned on (edge bands)
        "cib_02026614_p3",
        # transcribed after the rules above; scored held out once; pdb_0006015108_p9
        # then tuned on (codes, glued words), cib_02887897_p5 held out until session 8
        "pdb_0006015108_p9", "cib_02887897_p5",
        # session 6: transcribed by a helper from renders alone (no OCR seen), scored once
        # after every session 6 rule was made: held out
        "cib_03003742_p3", "cib_02993982_p3",
        # session 7: the same, scored once after the asterisk rule (the first two) or the
        # release-date rule too (the last two): held out; the last two then tuned on
        "cib_02064584_p3", "cib_02064584_p2", "cib_02869423_p3", "cib_02977806_p3",
        # session 8: the same, typed by helpers and scored once before the struck-word
        # pass was made; three of them then tuned on (TUNED_ON)
        "cib_05973621_p3", "cib_02993982_p2", "cib_03169410_p3",
        "cib_02003047_p2", "cib_03017657_p2", "cib_03003742_p2",
        # session 12: a court filing set in print, 20 black bars, typed after its OCR was seen
        "court_cacd_630649_326_p15",
        # session 15: typed by helpers from renders alone (no OCR seen), scored once after
        # every session 15 rule was made: held out (both pages were among the 39 whose texts
        # earlier sessions diffed to check their rules broke nothing; no rule was made on them)
        "cib_02003047_p3", "cib_02026614_p2",
        # session 16: the same, typed by helpers from renders alone, scored once after the
        # session's first three rules (twin stamps, pen strokes, a code's halves) were made
        "cib_03160568_p3", "cib_03185137_p2", "cib_03185137_p3", "cib_02869423_p2",
        # session 19: typed by helpers from renders alone (no OCR seen), scored first with
        # session 18's code; all tuned on: earlier sessions made rules on errors read on each
        # of them while it had no transcription (README names the page beside its rule)
        "court_cacd_630649_326_p20", "cib_02623669_p3", "cib_02977806_p2", "cib_03160568_p2",
        "cib_03169410_p2", "court_cacd_630649_326_p10", "cib_02733122_p2", "pdb_0005996463_p3",
        "pdb_0006466926_p14_plain"]
HELDOUT = ROOT / "bench" / "data" / "heldout"   # redaction_accuracy's held-out bulletins

GENERATED_PAGES = {
    "gen_jpn": ("jpn", False, ["在日朝鮮人の帰国事業について", "総連は新潟港で集会を開いた。",
                               "赤十字国際委員会はジュネーブで", "帰国希望者の意思を確認した。",
                               "大村収容所から送還された人々は",
                               "一九五九年十二月に清津へ向かった。"]),
    "gen_jpn_vert": ("jpn_vert", True, ["在日朝鮮人の帰国事業", "総連は新潟港で集会を",
                                        "赤十字国際委員会は", "帰国希望者の意思を確認"]),
    "gen_kor": ("kor", False, ["재일본조선인총련합회는 1955년에 결성되었다",
                               "총련 대표단이 니가타 항에 도착했다",
                               "귀국 사업에 대하여 적십자 국제위원회가", "제네바에서 회의를 열었다",
                               "귀국선은 청진으로 향했다", "총련은 이 사업을 적극 지지하였다"]),
    "gen_rus": ("rus", False, ["Советская делегация прибыла в Ниигату", "в декабре 1959 года.",
                               "Представители Красного Креста наблюдали",
                               "за отправкой судна в Чхонджин.",
                               "Министерство иностранных дел заявило,",
                               "что репатриация добровольна."]),
    "gen_fra": ("fra", False, ["Le Comité international de la Croix-Rouge", "a délégué à Genève",
                               "des représentants chargés de vérifier",
                               "la volonté des rapatriés coréens.",
                               "Leur rapport fut transmis à l'ambassade",
                               "le vendredi 18 décembre."]),
    "gen_deu": ("deu", False, ["Das Internationale Komitee vom Roten Kreuz",
                               "entsandte Beobachter nach Niigata,",
                               "die den freiwilligen Charakter der Rückkehr",
                               "prüfen sollten. Die Gespräche in Genf",
                               "dauerten über zwölf Wochen; die Delegierten",
                               "berichteten täglich nach Bern."]),
}


@dataclass(frozen=True)
class Page:
    name: str
    pdf: Path
    languages: str
    reference: str
    cjk: bool


def _transcription(name: str) -> Path:
    older = ROOT / "bench" / "data" / f"{name}.txt"  # bench/ocr_cer.py's, made earlier
    return older if older.exists() else TRANSCRIPTIONS / f"{name}.txt"


def _reference(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("#"))


def _font(languages: str) -> str:
    if languages.startswith(("jpn", "kor")):
        out = __import__("subprocess").run(["fc-list", ":lang=ko", "file"], capture_output=True,
                                           text=True).stdout
        return sorted(x.split(":")[0] for x in out.splitlines() if "NotoSansCJK-Regular" in x)[0]
    return "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def generate(name: str) -> Path:
    """An image-only PDF of the page's lines: set, rendered, skewed, grained, specked."""
    languages, vertical, lines = GENERATED_PAGES[name]
    GENERATED.mkdir(parents=True, exist_ok=True)
    out = GENERATED / f"{name}.pdf"
    if out.exists():
        return out
    src = pymupdf.open()
    page = src.new_page(width=595, height=842)
    font = _font(languages)
    if vertical:
        x = 595 - 100
        for column in lines:
            for i, ch in enumerate(column):
                page.insert_text((x, 100 + i * 30), ch, fontsize=24, fontname="f", fontfile=font)
            x -= 46
    else:
        for i, line in enumerate(lines):
            page.insert_text((60, 100 + i * 30), line, fontsize=14, fontname="f", fontfile=font)
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w].copy()
    h, w = gray.shape
    gray = cv2.warpAffine(gray, cv2.getRotationMatrix2D((w / 2, h / 2), -1.5, 1.0), (w, h),
                          borderValue=255)
    rng = np.random.default_rng(len(name))
    gray = np.clip(gray.astype(np.int16) + rng.normal(0, 18, gray.shape), 0, 255).astype(np.uint8)
    for _ in range(60):
        cv2.circle(gray, (int(rng.integers(0, w)), int(rng.integers(0, h))),
                   int(rng.integers(1, 4)), 0, -1)
    png = cv2.imencode(".png", gray)[1].tobytes()
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).insert_image(pymupdf.Rect(0, 0, 595, 842), stream=png)
    doc.save(out, deflate=True)
    return out


def rescanned(page: Page, dpi: int) -> Page:
    """`page` scanned again in grayscale at `dpi` (see the module's doc)."""
    gray, width, height = _render(page.pdf, 300)
    size = (round(gray.shape[1] * dpi / 300), round(gray.shape[0] * dpi / 300))
    image = cv2.resize(gray, size, interpolation=cv2.INTER_AREA if dpi < 300 else cv2.INTER_CUBIC)
    RESCANNED.mkdir(parents=True, exist_ok=True)
    out = RESCANNED / f"{page.name}_{dpi}.pdf"
    doc = pymupdf.open()
    doc.new_page(width=width, height=height).insert_image(
        pymupdf.Rect(0, 0, width, height), stream=cv2.imencode(".png", image)[1].tobytes())
    doc.save(out, deflate=True)
    return Page(page.name, out, page.languages, page.reference, page.cjk)


def _scan(name: str) -> Path:
    return SCANS / f"{name}.pdf" if (SCANS / f"{name}.pdf").exists() else HELDOUT / f"{name}.pdf"


def pages(names: list[str] | None) -> list[Page]:
    out = [Page(n, _scan(n), "eng", _reference(_transcription(n)), False)
           for n in REAL]
    for name, (languages, _, lines) in GENERATED_PAGES.items():
        out.append(Page(name, generate(name), languages, "\n".join(lines),
                        languages.startswith(("jpn", "kor"))))
    return [p for p in out if not names or p.name in names]


# --- scores -------------------------------------------------------------------------

def _tokens(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def f1(hyp: list[str], ref: list[str]) -> float:
    common = sum((Counter(hyp) & Counter(ref)).values())
    if not common:
        return 0.0
    p, r = common / len(hyp), common / len(ref)
    return 2 * p * r / (p + r)


def score(text: str, page: Page) -> float:
    if page.cjk:
        return f1(list("".join(_tokens(text))), list("".join(_tokens(page.reference))))
    return f1(_tokens(text), _tokens(page.reference))


def _core(token: str) -> str:
    return re.sub(r"[^\w]", "", token).casefold()


def noise_errors(text: str, noise: list[str], page: Page) -> tuple[int, int]:
    """(garbage tokens kept in the text, real words flagged as noise)."""
    ref = {_core(t) for t in _tokens(page.reference)} - {""}
    kept = sum(1 for t in _tokens(text) if _core(t) and max(
        (Levenshtein.normalized_similarity(_core(t), r) for r in ref), default=0) < 0.5)
    dropped = sum(1 for t in noise if len(_core(t)) >= 2 and _core(t) in ref)
    return kept, dropped


# --- runs ---------------------------------------------------------------------------

def _render(pdf: Path, dpi: int) -> tuple[np.ndarray, float, float]:
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w].copy()
        return gray, page.rect.width, page.rect.height


def run_recto(page: Page, model: str) -> dict:
    gray, width, height = _render(page.pdf, 300)
    start = time.monotonic()
    result = ocr_image(gray, OcrSettings(languages=page.languages, model=model), width, height)
    seconds = time.monotonic() - start
    noise = [w.text for w in result.words if w.noise]
    kept, dropped = noise_errors(result.text, noise, page)
    return {"score": score(result.text, page), "seconds": seconds, "layout": result.layout,
            "noise": len(noise), "kept": kept, "dropped": dropped}


def run_oracle(page: Page) -> dict:
    vertical = page.languages.endswith("_vert")
    best = {"score": -1.0}
    for dpi in ORACLE_DPI:
        gray, _, _ = _render(page.pdf, dpi)
        for psm in ORACLE_PSM + ((5,) if vertical else ()):
            start = time.monotonic()
            text = pytesseract.image_to_string(gray, lang=page.languages, config=f"--psm {psm}")
            s = score(text, page)
            if s > best["score"]:
                best = {"score": s, "dpi": dpi, "psm": psm, "seconds": time.monotonic() - start}
    return best


def _both(job: tuple[Page, str, bool]) -> tuple[str, dict, dict]:
    import os
    os.environ["OMP_THREAD_LIMIT"] = "1"
    page, model, oracle = job
    return page.name, run_recto(page, model), run_oracle(page) if oracle else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pages", default="")
    parser.add_argument("--model", choices=["standard", "fast"], default="fast",
                        help="Recto's Tesseract models (the oracle always uses Debian's fast)")
    parser.add_argument("--no-oracle", action="store_true", help="Recto only")
    parser.add_argument("--rescan", type=int, default=0, metavar="DPI",
                        help="the real pages scanned again in grayscale at DPI (no generated "
                             "pages)")
    args = parser.parse_args()
    todo = pages([n for n in args.pages.split(",") if n])
    if args.rescan:
        todo = [rescanned(p, args.rescan) for p in todo if p.name in REAL]
    by_name = {p.name: p for p in todo}
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_both, [(p, args.model, not args.no_oracle) for p in todo]))
    rescan = f"; real pages rescanned in grayscale at {args.rescan} dpi" if args.rescan else ""
    print(f"Recto model: {args.model}{rescan}")
    print("| page | metric | Recto | layout | oracle (dpi, psm) | Recto - oracle | "
          "noise words | noise kept | real dropped | Recto s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, recto, oracle in results:
        page = by_name[name]
        oracle = oracle or {"score": float("nan"), "dpi": "-", "psm": "-"}
        tuned = " (tuned on)" if name in TUNED_ON else ""
        print(f"| {name}{tuned} | {'char' if page.cjk else 'word'}-F1 | {recto['score']:.3f} | "
              f"{recto['layout']} | {oracle['score']:.3f} ({oracle['dpi']}, {oracle['psm']}) | "
              f"{recto['score'] - oracle['score']:+.3f} | {recto['noise']} | {recto['kept']} | "
              f"{recto['dropped']} | {recto['seconds']:.1f} |")
    summary(results, by_name)


def summary(results: list[tuple[str, dict, dict]], by_name: dict[str, Page]) -> None:
    """The real pages' figures README quotes, held-out ones apart."""
    for label, names in (("real pages", [n for n, _, _ in results if n in REAL]),
                         ("held out", [n for n, _, _ in results
                                       if n in REAL and n not in TUNED_ON])):
        rows = [(r, o) for n, r, o in results if n in names]
        if not rows:
            continue
        line = (f"{label}: {len(rows)}; Recto >= 0.97 on {sum(r['score'] >= 0.97 for r, _ in rows)}"
                f", mean {np.mean([r['score'] for r, _ in rows]):.3f}")
        if all(o for _, o in rows):
            line += (f"; oracle mean {np.mean([o['score'] for _, o in rows]):.3f}, Recto >= oracle"
                     f" on {sum(r['score'] >= o['score'] for r, o in rows)}")
        print(line)


if __name__ == "__main__":
    main()
