"""The redaction store on a real SQLite project: rows, tags, undo, filters, statistics."""
from __future__ import annotations

import pytest

from recto.annotations import documents as doc_store
from recto.annotations import redactions as store
from recto.annotations.errors import NotFoundError
from recto.annotations.model import (
    Box,
    Document,
    Origin,
    Page,
    Redaction,
    RedactionStyle,
    Status,
    new_id,
)


@pytest.fixture
def doc(project):
    """A two-page document of 600 x 800 pt (480,000 pt² per page)."""
    d = Document(id=new_id(), sha256="a" * 64, title="Plan", path=None, page_count=2)
    doc_store.add_document(project, d, [Page(d.id, 0, 600, 800), Page(d.id, 1, 600, 800)])
    return d


def _r(doc, page=0, box=(10, 10, 110, 30), **kw) -> Redaction:
    return Redaction(id="", document_id=doc.id, page_index=page, bbox=Box.of(box), **kw)


def test_add_reads_back_every_field_and_undoes(project, doc):
    r = store.add_redaction(project, _r(
        doc, style=RedactionStyle.OUTLINE_BOX, codes=("25X1", "(b)(3)"),
        polygon=((10.0, 10.0), (110.0, 10.0), (110.0, 30.0)), extent_chars=14, extent_words=2,
        extent_lines=1, origin=Origin.DETECTED, status=Status.SUGGESTED, confidence=0.87,
        text_recoverable=True, hidden_text="Operation X", note="stepped", tags=("budget",)))
    assert r.bbox == Box(10, 10, 110, 30) and r.codes == ("25X1", "(b)(3)")
    assert r.polygon[1] == (110.0, 10.0) and r.extent_chars == 14
    assert r.origin is Origin.DETECTED and r.status is Status.SUGGESTED
    assert r.text_recoverable and r.hidden_text == "Operation X" and r.tags == ("budget",)
    assert r.author == "tester" and r.created_at
    assert project.undo_label() == "Add redaction"
    project.undo()
    assert store.list_redactions(project) == []
    assert project.query("SELECT count(*) n FROM annotation_tags")[0]["n"] == 0
    project.redo()
    assert store.get_redaction(project, r.id).tags == ("budget",)


def test_update_changes_only_what_differs_and_is_one_step(project, doc):
    r = store.add_redaction(project, _r(doc))
    updated = store.update_redaction(project, r.id, {"bbox": Box(20, 20, 220, 40),
                                                     "codes": ["50X1"], "note": "n"},
                                     tags=["a", "b"])
    assert updated.bbox == Box(20, 20, 220, 40) and updated.codes == ("50X1",)
    assert updated.tags == ("a", "b") and updated.note == "n"
    assert project.undo_label() == "Edit redaction"
    project.undo()
    back = store.get_redaction(project, r.id)
    assert back.bbox == Box(10, 10, 110, 30) and back.codes == () and back.tags == ()
    with pytest.raises(ValueError):
        store.update_redaction(project, r.id, {"colour": "red"})


def test_status_review_labels_and_delete(project, doc):
    ids = store.add_redactions(project, [_r(doc, status=Status.SUGGESTED, confidence=c,
                                            origin=Origin.DETECTED) for c in (0.5, 0.9, 0.95)],
                               "Detect redactions")
    assert store.set_status(project, ids[1:], Status.CONFIRMED, "Accept 2 suggestions") == 2
    assert project.undo_label() == "Accept 2 suggestions"
    assert [r.confidence for r in store.list_redactions(project, status="confirmed")] == [0.9, 0.95]
    assert len(store.list_redactions(project, doc.id, 0, min_confidence=0.9)) == 2
    store.delete_redactions(project, [ids[0]])
    assert project.undo_label() == "Delete redaction"
    with pytest.raises(NotFoundError):
        store.get_redaction(project, ids[0])
    project.undo()
    assert store.get_redaction(project, ids[0]).confidence == 0.5
    with pytest.raises(NotFoundError):
        store.set_status(project, ["nope"], Status.REJECTED, "Reject suggestion")


def test_find_by_prefix_and_listing_order(project, doc):
    low = store.add_redaction(project, _r(doc, page=1, box=(10, 500, 50, 520)))
    high = store.add_redaction(project, _r(doc, page=1, box=(10, 100, 50, 120)))
    first = store.add_redaction(project, _r(doc, page=0, box=(10, 700, 50, 720)))
    assert [r.id for r in store.list_redactions(project, doc.id)] == [first.id, high.id, low.id]
    assert store.find_redaction(project, low.id[:8]).id == low.id
    with pytest.raises(NotFoundError):
        store.find_redaction(project, "zzzzzzzz")
    assert {i for i, _ in store.page_boxes(project, doc.id, 1)} == {low.id, high.id}


def test_statistics_per_document_and_project(project, doc):
    other = Document(id=new_id(), sha256="b" * 64, title="Other", path=None, page_count=1)
    doc_store.add_document(project, other, [Page(other.id, 0, 600, 800)])
    store.add_redactions(project, [
        _r(doc, 0, (0, 0, 600, 80), codes=("25X1",)),                       # 48,000 pt²
        _r(doc, 0, (0, 100, 300, 180), codes=("25X1", "(b)(3)"),
           style=RedactionStyle.OUTLINE_BOX),                                # 24,000 pt²
        _r(doc, 1, (0, 0, 100, 48), status=Status.SUGGESTED),               # 4,800 pt²
        _r(doc, 1, (0, 0, 600, 800), status=Status.REJECTED),               # not counted
        _r(other, 0, (0, 0, 60, 80), codes=("50X1",)),                       # 4,800 pt²
    ], "Add redactions")
    s = store.statistics(project, doc.id)
    assert s.count == 3 and s.pages == 2 and s.redacted_pages == 2
    assert s.area_share == pytest.approx((48000 + 24000 + 4800) / 960000)
    assert s.by_style == {"black_box": 2, "outline_box": 1}
    assert s.by_code == {"25X1": 2, "(b)(3)": 1, store.NO_CODE: 1}
    assert s.by_status == {"confirmed": 2, "rejected": 1, "suggested": 1}
    assert [(p.page_index, round(p.share, 3)) for p in s.top_pages] == [(0, 0.15), (1, 0.01)]
    confirmed = store.statistics(project, doc.id, statuses=["confirmed"])
    assert confirmed.count == 2 and confirmed.redacted_pages == 1
    whole = store.statistics(project)
    assert whole.count == 4 and whole.pages == 3
    assert whole.by_document == {doc.id: 3, other.id: 1}
    assert whole.by_code["50X1"] == 1
