"""W3C Web Annotation export, checked with the W3C's own material, offline.

Every MUST assertion of the web-annotation-tests suite (vendored in
tests/data/w3c/) is run with jsonschema on the collection, its page and each
annotation (given the collection's @context), and the export is expanded with a
JSON-LD processor (pyld) against the vendored annotation context: no key may be
dropped. Nothing is fetched from the network.
"""
from __future__ import annotations

import copy
import json
import sqlite3
from collections import Counter

import pymupdf
import pytest

from recto.annotations import w3c, w3c_text
from recto.annotations.model import new_id, now_iso
from recto.annotations.project import Project
from tests import w3c_suite
from tests.export_fixtures import PDFS, build_project
from tests.test_export import export

ANNOTATION_MUSTS = w3c_suite.musts("annotations/annotationMusts.test")
COLLECTION_MUSTS = w3c_suite.musts("collections/collectionMusts.test")
PAGE_MUSTS = w3c_suite.musts("collections/pages/pageMusts.test")
QUOTE = "MetWest"  # occurs many times on the first sample page


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A project with every kind of annotation plus evidence quoting an ambiguous word,
    exported as W3C JSON-LD and as a SQLite set (for the page texts)."""
    tmp = tmp_path_factory.mktemp("w3c")
    ids = build_project(tmp / "a.recto", tmp / "pdfs")
    with pymupdf.open(tmp / "pdfs" / PDFS[0]) as pdf:
        words = pdf[0].get_text("text").split()
    third = [i for i, w in enumerate(words) if QUOTE in w][2]  # the quote's third occurrence
    with Project.open(tmp / "a.recto") as proj:
        t = now_iso()
        claim = new_id()
        with proj.edit("Evidence") as ed:
            ed.insert("claims", {"id": claim, "statement": "MetWest advises the Fund",
                                 "certainty": "asserted", "author": "Ana Ruiz",
                                 "created_at": t, "modified_at": t})
            ed.insert("claim_evidence", {
                "id": new_id(), "claim_id": claim, "document_id": ids["documents"][0],
                "page_index": 0, "word_start": third, "word_end": third, "quote": QUOTE,
                "author": "Ana Ruiz", "created_at": t, "modified_at": t})
    export(tmp / "a.recto", tmp / "set.jsonld", fmt="w3c")
    export(tmp / "a.recto", tmp / "set.db")
    doc = json.loads((tmp / "set.jsonld").read_text(encoding="utf-8"))
    with sqlite3.connect(tmp / "set.db") as conn:
        texts = {(d, p): t for d, p, t in conn.execute("SELECT document_id, page, text FROM pages")}
    return doc, texts, ids, claim, third


def test_suite_lists_every_must():
    assert len(ANNOTATION_MUSTS) == 14 and len(COLLECTION_MUSTS) == 10 and len(PAGE_MUSTS) == 15
    vendored = [n for n in (*ANNOTATION_MUSTS, *COLLECTION_MUSTS, *PAGE_MUSTS)
                if (w3c_suite.DATA / n).exists()]
    assert len(vendored) == 14 + 2 + 14  # the rest are STAND_INS from the suite's definitions


def test_collection_page_and_every_annotation_pass_every_must(exported):
    doc = exported[0]
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert w3c_suite.failures(COLLECTION_MUSTS, doc) == []
    assert w3c_suite.failures(PAGE_MUSTS, doc) == []  # the collection with its embedded page
    page = {"@context": doc["@context"], **doc["first"]}
    assert w3c_suite.failures(PAGE_MUSTS, page) == []
    items = doc["first"]["items"]
    assert len(items) == doc["total"] == 7
    for item in items:
        assert w3c_suite.failures(ANNOTATION_MUSTS, {"@context": doc["@context"], **item}) == []


def test_the_musts_reject_what_the_model_forbids(exported):
    """The schemas really run: ids must be URIs, dates date-times, body xor bodyValue."""
    doc = copy.deepcopy(exported[0])
    no_id = {k: v for k, v in doc.items() if k != "id"}
    assert any("collectionIdValidated" in f for f in w3c_suite.failures(COLLECTION_MUSTS, no_id))
    doc["first"]["partOf"] = ["a", "b"]
    assert any("pagePartOf" in f for f in w3c_suite.failures(PAGE_MUSTS, doc))
    item = {"@context": doc["@context"], **doc["first"]["items"][0]}
    bad = {**item, "id": "not a uri", "created": "3 June 1959", "bodyValue": "x"}
    failed = " ".join(w3c_suite.failures(ANNOTATION_MUSTS, bad))
    for name in ("annotationIdValidated", "annotationCreatedValidated", "notBodyBodyValue"):
        assert name in failed
    assert w3c_suite.failures(ANNOTATION_MUSTS, {**item, "@context": ["http://example.org/x"]})


def test_ids_part_of_and_creators(exported):
    doc = exported[0]
    page = doc["first"]
    assert doc["id"].startswith("urn:uuid:") and page["id"].startswith("urn:uuid:")
    assert page["id"] != doc["id"] and page["partOf"] == doc["id"] and doc["last"] == page["id"]
    creators = {a["creator"]["name"]: a["creator"]["id"] for a in page["items"]}
    assert set(creators) == {"tester", "Ana Ruiz"}
    assert all(i.startswith("urn:uuid:") for i in creators.values())
    assert creators == {n: w3c.agent(n)["id"] for n in creators}  # same author, same id


def test_purpose_only_on_specific_resources_and_textual_bodies(exported):
    doc, _, ids = exported[:3]
    items = {a["id"]: a for a in doc["first"]["items"]}
    for item in items.values():
        for body in item["body"]:
            assert body["type"] in ("TextualBody", "SpecificResource"), body
            if body["type"] == "SpecificResource":
                assert set(body) == {"type", "source", "purpose"}
    mention = items[f"urn:uuid:{ids['mention']}"]
    assert {"type": "SpecificResource", "source": "http://www.wikidata.org/entity/Q1195869",
            "purpose": "identifying"} in mention["body"]
    link = next(a for a in items.values() if a["motivation"] == "linking")
    assert link["body"][0] == {"type": "SpecificResource", "purpose": "linking",
                               "source": f"urn:uuid:{ids['claim']}"}


def test_quotes_carry_prefix_suffix_and_position_in_the_page_text(exported):
    doc, texts, ids, claim, third = exported
    item = next(a for a in doc["first"]["items"] if a["id"] == f"urn:uuid:{claim}")
    refined = {s["refinedBy"]["type"]: s["refinedBy"] for s in item["target"]["selector"]}
    quote, pos = refined["TextQuoteSelector"], refined["TextPositionSelector"]
    text = texts[(ids["documents"][0], 1)]
    assert text.count(QUOTE) > 3  # ambiguous without context
    assert text[pos["start"]:pos["end"]] == quote["exact"] == QUOTE
    assert len(quote["prefix"]) == len(quote["suffix"]) == 32
    assert text[pos["start"] - 32:pos["start"]] == quote["prefix"]
    assert text[pos["end"]:pos["end"] + 32] == quote["suffix"]
    assert text.count(quote["prefix"] + QUOTE + quote["suffix"]) == 1
    assert len(text[:pos["start"]].split()) == third  # the anchored occurrence, not the first


def test_anchor_spans_line_breaks_and_clips_context_at_the_page_edges():
    text = "Board approved\nthe fee. The Board meets"
    found = w3c_text.anchor(text, "approved the fee", None)
    assert (found.start, found.end, found.exact) == (6, 22, "approved\nthe fee")
    assert (found.prefix, found.suffix) == ("Board ", ". The Board meets")
    assert w3c_text.anchor(text, "Board", 4).start == 28  # the second "Board", nearer word 4
    assert w3c_text.anchor(text, "minutes", None) is None
    quote = {"type": "TextQuoteSelector", "exact": "minutes"}
    assert w3c_text.selectors(None, "minutes") == [quote]


def test_json_ld_expansion_drops_no_key_and_fetches_nothing(exported):
    doc = exported[0]
    requested: list[str] = []
    back = w3c_suite.expand_and_compact(doc, doc["@context"], requested)
    assert _keys(back) == _keys(doc)
    assert set(requested) == {"http://www.w3.org/ns/anno.jsonld"}
    assert "title" in _keys(doc)
    # Without Recto's own terms the processor silently drops the citation: the check bites.
    bare = {**doc, "@context": w3c.ANNO_CONTEXT}
    dropped = _keys(bare) - _keys(w3c_suite.expand_and_compact(bare, w3c.ANNO_CONTEXT, []))
    assert set(dropped) == {"title"}


def _keys(node, found: Counter | None = None) -> Counter:
    found = Counter() if found is None else found
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "@context":
                found[key] += 1
                _keys(value, found)
    elif isinstance(node, list):
        for value in node:
            _keys(value, found)
    return found
