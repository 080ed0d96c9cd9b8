"""Scanner noise (perforation strips, specks, box edges) stays out of page text and search.

Real Tesseract on a real CIA scan whose perforation strip reads as "G3 FS ee ea Fe..."
and on a generated page with a strip of hollow holes and ink specks; the rules
themselves on hand-made words, including the real low-confidence word that must stay.
"""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from recto.annotations import ocr_store
from recto.annotations.model import Box, OcrWord
from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.noise import clean_word, noise_flags
from tests.ocr_fixtures import SCANS, render_gray, text_page

LINES = ["The committee met in Geneva on Monday", "and heard the delegates from Niigata.",
         "Their report was filed with the embassy", "before the ship sailed for Nanhodka."]


def _w(text, conf, x0, line, y0=100.0, height=10.0):
    return OcrWord(text, Box(x0, y0 + 20 * line, x0 + 8 * len(text), y0 + 20 * line + height),
                   conf, 1, 1, line)


def test_a_strip_of_short_junk_above_the_text_is_noise_but_a_weak_real_word_is_not():
    strip = [_w(t, c, 40 * i, 0) for i, (t, c) in enumerate(
        [("G3", 56), ("ee", 56), ("ea", 52), ("Fe", 24), ("ee}", 38), ("Be", 52), ("eS", 60)])]
    real = [_w(t, c, 60 * i, 1) for i, (t, c) in enumerate(
        [("Growth", 96), ("of", 96), ("the", 96), ("Brezhnev", 90), ("cult", 38), ("has", 96)])]
    weak = [_w(t, c, 60 * i, 2) for i, (t, c) in enumerate(
        [("similarly", 24), ("been", 96), ("enhanced.", 95)])]
    flags = noise_flags(strip + real + weak)
    assert flags[:len(strip)] == [True] * len(strip)
    assert not any(flags[len(strip):])


def test_box_edges_and_tiny_specks_are_noise_hyphens_and_small_letters_are_not():
    words = [_w("BOLIVIA:", 94, 0, 1), _w("|", 95, 100, 1), _w("50X1", 82, 120, 1),
             _w("va", 34, 200, 1, height=1.0), _w("a", 96, 240, 1, height=6.0),
             _w("-", 38, 260, 1), _w("VIENNA", 89, 280, 1)]
    assert noise_flags(words) == [False, True, False, True, False, False, False]


def test_a_weak_line_of_single_cjk_characters_is_text():
    line = [_w(t, c, 20 * i, 0) for i, (t, c) in enumerate(
        [("総", 40), ("連", 35), ("は", 30), ("총", 45), ("련", 20), ("新", 38)])]
    assert not any(noise_flags(line + [_w("Geneva", 95, 0, 2)]))


def test_text_squeezed_between_black_bars_is_kept():
    """A court filing's '(see PUF ¶ 215);' between bars reads 'BB sec PUr ¢ 21 5); re'."""
    line = [_w(t, c, 40 * i, 3) for i, (t, c) in enumerate(
        [("BB", 23), ("sec", 64), ("PUr", 22), ("¢", 0), ("21", 56), ("5);", 79), ("re", 9)])]
    body = [_w("questions.", 95, 0, 1), _w("See", 95, 90, 1), _w("Tuesday", 95, 0, 5)]
    flags = noise_flags(body[:2] + line + body[2:])
    assert flags[2:2 + len(line)].count(True) <= 1  # only the lone '¢' speck


@pytest.fixture(scope="module")
def strip_page():
    doc = text_page(LINES, font="cour", fontsize=14, leading=2.0)
    img = render_gray(doc[0], 300)
    for x in range(150, img.shape[1] - 200, 130):  # hollow holes, as the CIA scans have
        cv2.rectangle(img, (x, 215), (x + 80, 237), 0, 3)
        cv2.line(img, (x + 20, 226), (x + 45, 226), 0, 1)
    rng = np.random.default_rng(7)
    for _ in range(40):
        x, y = int(rng.integers(60, img.shape[1] - 60)), int(rng.integers(350, 1200))
        cv2.circle(img, (x, y), int(rng.integers(2, 5)), 0, -1)
    return ocr_image(img, OcrSettings(), doc[0].rect.width, doc[0].rect.height)


def test_perforation_strip_and_specks_leave_no_words_in_the_page_text(strip_page):
    real = {w.casefold() for line in LINES for w in line.split()}
    for token in strip_page.text.split():  # a misread word ('Tfieir') is not noise
        assert max(Levenshtein.normalized_similarity(token.casefold(), r) for r in real) >= 0.6
    assert sum(w.casefold() in strip_page.text.casefold() for w in real) >= len(real) - 2
    # the strip was read (so the filter had work to do) and is stored as flagged noise
    assert len([w for w in strip_page.words if w.noise]) >= 5


def test_real_scan_strip_is_noise_and_the_header_below_it_is_text():
    import pymupdf
    with pymupdf.open(SCANS / "pdb_0005996489_p4.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page, 300), OcrSettings(), page.rect.width,
                           page.rect.height)
    first = result.text.splitlines()[0]
    assert first.startswith("Declassified in Part") and "CIA-RDP79T00936A001800190001-7" in first
    noise = [w for w in result.words if w.noise]
    strip = [w for w in noise if w.bbox.y1 < 207]  # the strip runs above the release line
    assert len(strip) >= 3
    assert all(w.bbox.y1 > 208 for w in result.words if not w.noise)


def test_noise_is_stored_for_the_overlay_but_left_out_of_the_words_text_uses(project,
                                                                           strip_page):
    sha = "f" * 64
    ocr_store.store_page(project, ocr_store.PageText(sha, 0, "k", "ocr", "ok", strip_page.text),
                         list(strip_page.words))
    text_words = ocr_store.current_words(project, sha, 0)
    noise = ocr_store.current_words(project, sha, 0, noise=True)
    assert noise and all(w.noise for w in noise) and not any(w.noise for w in text_words)
    assert len(text_words) + len(noise) == len(strip_page.words)


def test_a_full_stop_set_apart_is_a_speck_and_a_line_never_starts_with_one():
    """Noisy Korean scan: '향했다 .' (a speck read as a stop); vertical Japanese: '。総連は'."""
    from recto.app.ocr.noise import split_noise
    words = [_w("향했다", 90, 0, 1), _w(".", 91, 60, 1), _w("end.", 95, 80, 1),
             _w("。総連は", 88, 0, 2), _w("港で。", 88, 60, 2)]
    kept, noise = split_noise(words)
    assert [w.text for w in noise] == ["."]
    assert [w.text for w in kept] == ["향했다", "end.", "総連は", "港で。"]


def test_a_stop_read_as_its_own_word_at_a_line_start_is_noise():
    """gen_jpn_vert: Tesseract read a speck at the head of a column as a word '。' of its
    own (conf 17) before '総連'; it is noise, and the column starts with 総連."""
    from recto.app.ocr.noise import split_noise
    words = [_w("帰国事業", 90, 0, 1), _w("。", 17, 0, 2), _w("総連", 96, 20, 2),
             _w("は", 96, 60, 2)]
    kept, noise = split_noise(words)
    assert [w.text for w in noise] == ["。"]
    assert [w.text for w in kept] == ["帰国事業", "総連", "は"]


def test_a_faint_mark_the_words_around_it_show_is_printed_is_kept():
    """pdb_0006015108_p9: the release line's ':' read at 43 between its date and its
    document number, and the third '*' of '* * *' read at 17 beside two read surely."""
    release = [_w("2016/07/19", 93, 262, 0), _w(":", 43, 343, 0, height=9.6),
               _w("CIA-RDP79T00936A013400010001-7", 89, 352, 0)]
    stars = [_w("*", 84, 200, 1, height=4.1), _w("*", 17, 235, 1, height=4.1),
             _w("*", 81, 270, 1, height=4.3)]
    speck_colon = [_w("TURP", 40, 0, 2), _w("SECRET", 95, 40, 2),
                   _w(":", 25, 100, 2, height=2.4), _w(",", 2, 110, 2)]
    big_star = [_w("*", 88, 0, 3, height=6.3), _w("kk", 60, 20, 3),
                _w("*", 17, 40, 3, height=10.6)]
    body = [_w("Geneva", 95, 0, 5), _w("delegates", 95, 80, 5)]
    flags = noise_flags(release + stars + speck_colon + big_star + body)
    assert flags[:6] == [False] * 6
    assert flags[6:10] == [False, False, True, True]     # a speck's ':' after a word
    assert flags[12] is True                             # a '*' twice as tall as its row's


def test_a_line_of_one_small_letter_is_a_speck_however_surely_read():
    body = [_w(t, 95, 60 * i, 1) for i, t in enumerate(["Greece", "and", "Turkey"])]
    specks = [_w("a", 92, 300, 3, height=3.1), _w("é", 78, 300, 5, height=4.3)]
    numbers = [_w("2", 97, 300, 7, height=3.0), _w("b.", 75, 0, 9)]
    flags = noise_flags(body + specks + numbers)
    assert flags == [False] * 3 + [True, True] + [False, False]


def test_a_rules_end_read_with_a_letter_is_noise_a_word_with_marks_is_not():
    struck = [_w("TOP", 62, 0, 1), _w("SECRET", 59, 40, 1), _w("~—_—s|", 39, 120, 1)]
    others = [_w("Geneva", 95, 0, 3), _w("(a)", 30, 80, 3), _w("—s", 40, 120, 3),
              _w("~—_—s|", 70, 160, 3)]
    assert noise_flags(struck + others) == [False, False, True] + [False] * 4


def test_a_line_of_one_dash_is_noise_however_surely_read_a_dash_among_words_is_not():
    """cib_02869423_p3: an "—" read at 54 alone on a line above the release line."""
    lone = _w("—", 54, 300, 0)
    sure = _w("—", 92, 300, 1)
    among = [_w(t, 91, 60 * i, 2) for i, t in enumerate(["Indonesia", "-", "North"])]
    number = [_w(t, 88, 300 + 15 * i, 3) for i, t in enumerate(["-", "3", "-"])]
    flags = noise_flags([lone, sure, *among, *number, _w("text", 96, 0, 4)])
    assert flags[:2] == [True, True]
    assert not any(flags[2:])


@pytest.mark.parametrize(("read", "text"), [
    ("_to", "to"), ("be-_", "be-"), ("_TOP", "TOP"), ("__Baharmast", "Baharmast"),
    ("file_name", "file_name"), ("____", "____"), ("_", "_"), (".he", "he")])
def test_an_underscore_at_a_words_edge_is_a_rule_not_text(read, text):
    """A rule or a frame's edge under a word's first or last letter is read as "_"; a
    blank to fill in, or an underscore inside a word, is typed."""
    assert clean_word(_w(read, 90, 0, 1)).text == text


def test_a_full_stop_set_apart_does_not_vouch_for_a_weak_line():
    """cib_02977806_p3: a blot read "id" at 30 beside a speck read "." at 72, alone on
    their line; a weak real word in a line of sure words stays."""
    blot = [_w(".", 72, 190, 1, height=1.7), _w("id", 30, 198, 1, height=7.0)]
    line = [_w("cult", 38, 0, 3), _w("members", 95, 40, 3), _w(".", 72, 100, 3, height=1.7)]
    weak = [_w("Ab", 60, 0, 5), _w(".", 72, 30, 5, height=1.7)]
    assert noise_flags(blot + line + weak + [_w("Geneva", 96, 0, 7)]) == [
        True, True, False, False, True, False, True, False]


def test_a_mark_alone_once_box_edges_are_taken_out_is_noise():
    """cib_02026614_p2: an "!" and a ":" read at 58 from a sheet's edge, each on a line
    with the '|' of redaction boxes' sides; a speck's "a" (2 pt tall) the same. A '*' of a
    row, a '§' or a word stays, and so does a mark among words."""
    rows = [[("|", 95, 20), ("!", 58, 300)], [(":", 57, 0), ("|", 93, 120), ("|", 93, 480)],
            [("|", 57, 86), ("a", 92, 300)], [("|", 95, 20), ("*", 70, 300)],
            [("|", 95, 20), ("§", 70, 300)], [("|", 95, 20), ("Korea", 60, 300)],
            [("The", 95, 0), ("!", 58, 40), ("end", 95, 60)]]
    words = [_w(t, c, x, n, height=2.0 if t == "a" else 10.0)
             for n, row in enumerate(rows) for t, c, x in row]
    words.append(_w("Geneva", 96, 0, 9))
    flags = noise_flags(words)
    text = [w.text for w, f in zip(words, flags, strict=True) if not f]
    assert text == ["*", "§", "Korea", "The", "!", "end", "Geneva"]


def test_a_mark_does_not_lift_a_weak_line_and_weak_marks_are_noise():
    """cib_02026614_p2: a speck's "«" at 85 beside a "5" at 20 read from specks (a line
    mean of 52); "§_¢-" read at 0 from a stamp's edge. "¶¶" read weakly stays, and so does a
    weak number beside a sure word."""
    specks = [_w("«", 85, 519, 1, height=2.0), _w("5", 20, 554, 1, height=5.0)]
    stamp = [_w("FOP", 93, 253, 3), _w("SECKET", 82, 295, 3), _w("§_¢-", 0, 377, 3)]
    signs = [_w("see", 95, 0, 5), _w("¶¶", 30, 40, 5), _w("218.", 90, 70, 5)]
    flags = noise_flags(specks + stamp + signs + [_w("Geneva", 96, 0, 7)])
    assert flags == [True, True, False, False, True, False, False, False, False]


@pytest.mark.parametrize(("read", "text"), [
    ("—-TOP", "TOP"), ("~—Zed", "Zed"), ("--Army", "--Army"), ("—the", "—the"),
    ("—-5", "—-5")])
def test_a_rules_end_glued_before_a_word_is_dropped_a_typed_dash_is_not(read, text):
    """A strike line's end read into the struck word ("—-TOP", cib_02026614_p2); a dash
    typed before a word reads as hyphens ("--Army")."""
    assert clean_word(_w(read, 21, 0, 1)).text == text


def test_a_nearly_empty_bulletin_page_reads_its_markings_and_no_specks():
    """cib_02026614_p2: one large blank box, edge strips and specks; the foot's struck
    "TOP SECRET" read "—-TOP SECRET" before."""
    with __import__("pymupdf").open(SCANS.parents[2] / "bench" / "data" / "heldout"
                                    / "cib_02026614_p2.pdf") as doc:
        page = doc[0]
        lines = ocr_image(render_gray(page), OcrSettings(), page.rect.width,
                          page.rect.height).text.splitlines()
    assert lines.count("Approved for Release: 2020/08/11 C02026614") == 2
    assert sum(line.startswith("TOP SECRET") for line in lines) == 2   # head read "FOP SECKET"
    for junk in ("!", ":", "a", "« 5", "—-TOP SECRET"):
        assert junk not in lines
    assert not any("§" in line for line in lines)


def test_a_weak_word_spread_far_flatter_than_letters_is_noise():
    """Specks in a row read "an" at 25 (23 x 4 pt, cib_02026614_p2), a black bar with the
    stamp's "A" read "nA" at 40 (212 x 12 pt, cib_02993982_p2). A weak word of letters'
    shape and a surely read wide word stay."""
    def word(text, conf, width, height, line):
        return OcrWord(text, Box(100, 20 * line, 100 + width, 20 * line + height), conf,
                       1, 1, line)
    words = [word("an", 25, 22.8, 4.6, 1), word("TOP", 93, 30, 10, 1),
             word("nA", 40, 212.0, 11.9, 2), word("for", 96, 14, 8, 2),
             word("Geneva", 96, 40, 10, 3), word("cult", 38, 24, 10, 3),
             word("members", 92, 200, 10, 3)]
    assert noise_flags(words) == [True, False, True, False, False, False, False]


def test_a_weak_letter_outside_the_column_of_sure_words_is_the_sheets_edge():
    """cib_02026614_p2: an "i" at 58 read from the strip along the left edge, alone on its
    line but for a box's '|'. Inside the column a weak letter stays, and so does a sure
    one or a margin's number outside it."""
    body = [_w(t, 95, 100 + 60 * i, 1) for i, t in enumerate(["Greece", "and", "Turkey"])]
    edge = [_w("i", 58, 16, 3, height=7.0), _w("|", 95, 125, 3)]
    inside = [_w("b", 58, 100, 5)]
    sure = [_w("a", 92, 16, 7)]
    number = [_w("12", 60, 16, 9)]
    flags = noise_flags(body + edge + inside + sure + number)
    assert flags == [False] * 3 + [True, True] + [False, False, False]


def test_single_characters_at_the_sheets_edges_are_noise_however_surely_read():
    """A grayscale rescan of cib_02026614_p2 read the specks down both edges of the sheet
    (x 16-18 and 594-597 of 612 pt) as "i" at 82-91, "4" at 94, and put a left "!" at 65 and
    a right "i" at 67 on one line. A surely read "4" does not widen the column they are
    told by. A map's ringed "4" outside the column but inside the page stays, and so does a
    margin code (a page's sure words reach to it: the column does)."""
    body = [_w(t, 95, 100 + 60 * i, 1) for i, t in enumerate(["Approved", "for", "Release"])]
    pair = [_w("!", 65, 17, 3, height=4.0), _w("i", 67, 595, 3, height=6.0)]
    alone = [_w("4", 94, 16, 5, height=2.4)]
    label = [_w("4", 92, 480, 7)]
    number = [_w("12", 60, 16, 11)]   # two characters: not a speck's reading
    code = [_w("3.5(c)", 88, 575, 9)]
    flags = noise_flags(body + pair + alone + label + number, page_width=612.0)
    assert flags == [False] * 3 + [True, True, True, False, False]
    assert noise_flags(body + code, page_width=612.0) == [False] * 4
    assert not any(noise_flags(body + pair + alone))   # without the page's width: as before
