"""Comparing two releases of one memo: generated scans, real Tesseract, known truth.

Release A (3 pages) and release B (pages 1 and 3 only, a release stamp, other
specks and skew) black out different clauses. Every clause hidden in one and
shown in the other must be found with its text; OCR noise, the stamp, the clause
hidden in both and the clause on the page B lacks must not be findings.
"""
from __future__ import annotations

import pymupdf
import pytest
from rapidfuzz import fuzz

from recto.annotations import claims as claim_store
from recto.annotations import releases as store
from recto.annotations.errors import InvalidInputError, NotFoundError
from recto.annotations.model import Box, OcrWord
from recto.annotations.project import Project
from recto.app.claims.service import create_claim
from recto.app.documents import add_pdf
from recto.app.export import export_annotations
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.pipeline import ocr_document
from recto.app.redactions.service import detect_document_boxes
from recto.app.releases import service as releases
from recto.app.releases.align import (
    REVEALED_IN_A,
    REVEALED_IN_B,
    PageInput,
    compare_pages,
    match_pages,
    norm,
)
from tests.release_fixtures import EXPECTED, PAGES, make_releases, typed_page


@pytest.fixture(scope="module")
def releases_project(tmp_path_factory):
    """Both releases added and OCR'd once for the module (OCR is the slow part)."""
    folder = tmp_path_factory.mktemp("releases")
    path_a, path_b = make_releases(folder)
    path = folder / "releases.recto"
    with Project.open(path, create=True) as project:
        doc_a = add_pdf(project, path_a).document
        doc_b = add_pdf(project, path_b).document
        for doc in (doc_a, doc_b):
            report = ocr_document(project, doc, OcrSettings(), jobs=2)
            assert report.complete, report.failed
    return path, doc_a.id, doc_b.id


@pytest.fixture
def opened(releases_project):
    path, a, b = releases_project
    with Project.open(path) as project:
        yield project, a, b


@pytest.fixture(scope="module")
def result(releases_project):
    path, a, b = releases_project
    with Project.open(path) as project:
        return releases.compare(project, a, b, detect=detect_document_boxes)


def _matching(result, text: str):
    return [f for f in result.findings if fuzz.ratio(norm(f.text_revealed), norm(text)) >= 85]


def test_every_clause_hidden_in_one_and_shown_in_the_other_is_found(result):
    for text, direction, page_a, page_b in EXPECTED:
        found = _matching(result, text)
        assert len(found) == 1, (text, [f.text_revealed for f in result.findings])
        f = found[0]
        assert (f.direction, f.page_a, f.page_b) == (direction, page_a, page_b)


def test_no_false_findings_from_noise_stamps_or_shared_redactions(result):
    assert len(result.findings) == len(EXPECTED), [f.text_revealed for f in result.findings]
    assert not _matching(result, "from the special account")   # hidden in both
    assert result.hidden_in_both >= 1
    assert not _matching(result, "the cabinet")                # its page is not in B
    stamp = [d for d in result.differences if "RELEASED" in d.text_b]
    assert stamp and all(d.kind == "other" for d in stamp)


def test_pages_are_aligned_across_the_dropped_page(result):
    assert [(m.page_a, m.page_b) for m in result.pages] == [(0, 0), (2, 1)]
    assert result.unmatched_a == (1,)
    assert result.unmatched_b == ()
    assert result.box_source_a == result.box_source_b == "detected"


def test_finding_boxes_point_at_the_clause_on_both_pages(result):
    """The box on the revealing side covers where the clause is typed (skew aside)."""
    doc = pymupdf.open()
    for text, _direction, page_a, _page_b in EXPECTED:
        truth = typed_page(doc, PAGES[page_a]).search_for(text)[0]
        f = _matching(result, text)[0]
        for box in (f.bbox_a, f.bbox_b):
            assert abs(box.x0 - truth.x0) < 8 and abs(box.x1 - truth.x1) < 8, (text, box)
            assert abs(box.y0 - truth.y0) < 8 and abs(box.y1 - truth.y1) < 8, (text, box)


def test_json_uses_one_based_pages(result):
    rows = [releases.finding_json(f) for f in result.findings]
    assert {tuple(sorted(r)) for r in rows} == {
        ("bbox_a", "bbox_b", "direction", "page_a", "page_b", "text_revealed")}
    assert {(r["page_a"], r["page_b"]) for r in rows} == {(1, 1), (3, 2)}


def test_link_is_undoable_and_refuses_duplicates(opened):
    project, a, b = opened
    link = releases.link_releases(project, a[:8], b)
    assert project.undo_label() == "Link releases"
    with pytest.raises(InvalidInputError):
        releases.link_releases(project, b, a)
    with pytest.raises(InvalidInputError):
        releases.link_releases(project, a, a)
    assert store.release_groups(project) == [(a, b)]
    assert releases.suggest_links(project) == []          # already linked
    project.undo()
    assert store.list_links(project) == []
    project.redo()
    assert store.get_link(project, link.id).document_b == b
    releases.unlink_releases(project, b, a)
    assert store.list_links(project) == []
    with pytest.raises(NotFoundError):
        releases.unlink_releases(project, a, b)


def test_similar_documents_are_suggested_as_releases(opened):
    project, a, b = opened
    suggestions = releases.suggest_links(project)
    assert [(s.document_a, s.document_b) for s in suggestions] == [(a, b)]
    assert suggestions[0].score >= 0.5


def test_accepting_a_finding_makes_a_cited_claim_on_both_releases(opened, tmp_path):
    project, a, b = opened
    res = releases.compare(project, a, b, detect=detect_document_boxes)
    number = 1 + next(i for i, f in enumerate(res.findings)
                      if f.direction == REVEALED_IN_A and f.page_a == 2)
    f = res.findings[number - 1]
    earlier = create_claim(project, "The negotiator consults Washington", a, f.page_a, f.bbox_a)
    claim = releases.accept_finding(project, res, number)
    assert claim.quote == f.text_revealed
    assert {(e.anchor.document_id, e.anchor.page_index) for e in claim.evidence} == {
        (a, f.page_a), (b, f.page_b)}
    assert "revealed-elsewhere" in claim.tags
    assert [(k.to_claim_id, k.type.value) for k in claim.links] == [(earlier.id, "cites")]
    with pytest.raises(InvalidInputError, match="already accepted"):
        releases.accept_finding(project, res, number)
    with pytest.raises(InvalidInputError):
        releases.accept_finding(project, res, len(res.findings) + 1)
    out = tmp_path / "set.sqlite"
    export_annotations(project, out)
    import sqlite3
    with sqlite3.connect(out) as db:
        statements = [r[0] for r in db.execute("SELECT statement FROM claims")]
    assert claim.statement in statements
    for c in (claim.id, earlier.id):
        claim_store.delete_claim(project, c)


# -- alignment on words made by hand (no OCR): reflow, reordering -------------------------
def _words(lines: list[str], x0: float = 72, y0: float = 100, pitch: float = 20,
           char: float = 7.2) -> list[OcrWord]:
    out = []
    for n, line in enumerate(lines):
        x = x0
        for word in line.split():
            out.append(OcrWord(word, Box(x, y0 + n * pitch, x + char * len(word),
                                         y0 + n * pitch + 10), 90, 1, 1, n))
            x += char * (len(word) + 1)
    return out


def _box_over(words: list[OcrWord], phrase: str) -> Box:
    keys = phrase.split()
    texts = [w.text for w in words]
    i = next(k for k in range(len(texts)) if texts[k:k + len(keys)] == keys)
    chosen = words[i:i + len(keys)]
    return Box(chosen[0].bbox.x0 - 1, chosen[0].bbox.y0 - 1, chosen[-1].bbox.x1 + 1,
               chosen[-1].bbox.y1 + 1)


def test_a_retyped_release_with_other_line_breaks_is_aligned_by_sequence():
    text = ("the committee heard that the minister of transport had signed the order for "
            "two ships on the tenth and that the first sailing would leave in december")
    lines_a = [" ".join(text.split()[i:i + 8]) for i in range(0, 28, 8)]
    lines_b = [" ".join(text.split()[i:i + 5]) for i in range(0, 28, 5)]
    words_a, words_b = _words(lines_a), _words(lines_b, x0=90, pitch=26)
    page_a = PageInput(0, tuple(words_a), (_box_over(words_a, "minister of transport"),))
    page_b = PageInput(0, tuple(words_b), (_box_over(words_b, "first sailing"),))
    found = {f.direction: f for f in compare_pages(page_a, page_b).findings}
    assert found[REVEALED_IN_B].text_revealed == "minister of transport"
    assert found[REVEALED_IN_A].text_revealed == "first sailing"


def test_pages_out_of_order_and_an_excerpt_are_matched():
    def sig(n):
        return frozenset((f"w{n}_{k}", f"w{n}_{k + 1}") for k in range(40))
    full = [sig(n) for n in range(6)]
    excerpt = [sig(4), sig(1), sig(2)]                      # page 5 moved to the front
    pairs = match_pages(full, excerpt)
    assert [(i, j) for i, j, _ in pairs] == [(1, 1), (2, 2), (4, 0)]


def test_cli_dismisses_a_finding_shows_it_in_compare_and_undo_reopens_it(
        releases_project, tmp_path):
    import json
    import shutil

    from tests.cli_runner import recto
    path, a, b = releases_project
    copy = tmp_path / "copy.recto"
    shutil.copy(path, copy)

    def states():
        return [f["state"] for f in json.loads(recto("compare", copy, a, b, "--json").stdout)]
    before = states()
    assert before and set(before) == {"open"}
    recto("release-dismiss", copy, a, b, 1)
    assert states() == ["dismissed", *before[1:]]
    assert "[dismissed]" in recto("compare", copy, a, b).stdout.splitlines()[0]
    again = recto("release-dismiss", copy, a, b, 1, check=False)
    assert again.returncode != 0 and "already dismissed" in again.stderr
    recto("undo", copy)
    assert states() == before
