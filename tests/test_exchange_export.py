"""Bridges to other tools: REFI-QDA (.qdpx), TEI, ALTO, GEXF and GraphML exports of a real
project (sample scans, their real words, every kind of annotation), each validated
against its vendored schema (tests/data/schemas) or read back by networkx."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from recto.annotations import documents as doc_store
from recto.annotations import file_kinds as fk
from recto.annotations import ocr_store
from recto.annotations.export_schema import ExportTargetError
from recto.annotations.model import Box, new_id, now_iso
from recto.annotations.project import Project
from recto.app.errors import InvalidInputError
from recto.app.export import ExportFilters, ExportOptions, export_annotations
from recto.app.text.placeholders import is_under
from tests import schemas
from tests.cli_runner import recto
from tests.export_fixtures import build_project

QDA = "{urn:QDA-XML:project:1.0}"
TEI = "{http://www.tei-c.org/ns/1.0}"
ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The export fixture project plus a confirmed mention and claim evidence on real words."""
    folder = tmp_path_factory.mktemp("exchange")
    path = folder / "p.recto"
    ids = build_project(path, folder / "pdfs")
    with Project.open(path) as proj:
        doc = doc_store.get_document(proj, ids["documents"][0])
        words = [w for w in ocr_store.current_words(proj, doc.sha256, 0)
                 if len(w.text) > 3 and w.text.isalpha() and w.bbox.y0 > 200]
        word, later, hidden = words[0], words[5], words[10]
        person, t = new_id(), now_iso()
        stamp = {"author": "tester", "created_at": t, "modified_at": t}
        with proj.edit("More") as ed:
            ed.insert("actors", {"id": person, "name": "A. Witness", "type": "person", **stamp})
            ed.insert("mentions", {
                "id": new_id(), "actor_id": person, "document_id": doc.id, "page_index": 0,
                "x0": word.bbox.x0, "y0": word.bbox.y0, "x1": word.bbox.x1, "y1": word.bbox.y1,
                "text": word.text, "status": "confirmed", "origin": "manual", **stamp})
            ed.insert("redactions", {
                "id": new_id(), "document_id": doc.id, "page_index": 0, "x0": hidden.bbox.x0,
                "y0": hidden.bbox.y0, "x1": hidden.bbox.x1, "y1": hidden.bbox.y1,
                "style": "black_box", "codes": json.dumps(["25X1"]), "origin": "manual",
                "status": "confirmed", **stamp})
            ed.insert("claim_evidence", {
                "id": new_id(), "claim_id": ids["claim"], "document_id": doc.id,
                "page_index": 0, "x0": later.bbox.x0, "y0": later.bbox.y0,
                "x1": later.bbox.x1, "y1": later.bbox.y1, **stamp})
        page_words = ocr_store.current_words(proj, doc.sha256, 0)
        height = doc_store.pages_of(proj, doc.id)[0].height
    return {**ids, "height": height, "boxes": [_red_box(), hidden.bbox], "path": path,
            "folder": folder, "word": word, "later": later, "person": person, "doc": doc,
            "page_words": page_words,
            "pdf": folder / "pdfs" / "court_cacd_630649_326_p10.pdf"}


def _export(built, fmt: str, out: Path):
    with Project.open(built["path"]) as proj:
        return export_annotations(proj, out, ExportOptions(fmt))


# -- REFI-QDA -----------------------------------------------------------------------------
def test_qdpx_validates_and_carries_pdfs_codes_selections_and_notes(built, tmp_path):
    out = tmp_path / "study.qdpx"
    result = json.loads(recto("export", built["path"], out, "--format", "qdpx",
                              "--json").stdout)
    assert result["format"] == "qdpx" and result["counts"]["sources"] == 3
    with zipfile.ZipFile(out) as zf:
        qde = zf.read("project.qde")
        files = {n: zf.read(n) for n in zf.namelist()}
    assert schemas.errors(schemas.refi_qda(), qde) == []
    broken = qde.replace(b'isCodable="true"', b'isCodable="maybe"', 1)
    assert schemas.errors(schemas.refi_qda(), broken)  # the schema does check
    root = ET.fromstring(qde)
    codes = {c.get("name"): c.get("guid") for c in root.iter(f"{QDA}Code")}
    assert {"Sōren", "ICRC", "A. Witness", "Claim evidence"} <= set(codes)
    # every document's own PDF is inside, byte for byte
    pdf_sha = hashlib.sha256(built["pdf"].read_bytes()).hexdigest()
    sources = root.findall(f"{QDA}Sources/{QDA}PDFSource")
    court = next(s for s in sources if s.get("name") == built["doc"].title)
    inside = files[f"sources/{court.get('path').removeprefix('internal://')}"]
    assert hashlib.sha256(inside).hexdigest() == pdf_sha
    # the mention is a PDF selection over the word, coded with its actor
    word = built["word"]
    selections = court.findall(f"{QDA}PDFSelection")
    mention = next(s for s in selections
                   if codes["A. Witness"] in _code_refs(s))
    assert (int(mention.get("page")), int(mention.get("firstX"))) == (0, round(word.bbox.x0))
    assert int(mention.get("firstY")) == round(built["height"] - word.bbox.y0)
    # claim evidence is coded "Claim evidence" and the claimant, and points at the claim note
    evidence = [s for s in selections if codes["Claim evidence"] in _code_refs(s)]
    assert evidence and codes["Sōren"] in _code_refs(evidence[0])
    note_guid = evidence[0].find(f"{QDA}NoteRef").get("targetGUID")
    note = next(n for n in root.iter(f"{QDA}Note") if n.get("guid") == note_guid)
    note_text = files[f"sources/{note.get('plainTextPath').removeprefix('internal://')}"]
    assert note_text.decode().startswith("Sōren estimated about 60,000 returnees")
    assert "Contradicts" not in note_text.decode() and "Certainty: asserted" in note_text.decode()


def test_qdpx_has_what_qualcoders_importer_reads(built, tmp_path):
    """QualCoder (src/qualcoder/refi.py) imports a PDFSource through its Representation:
    a plain text at `plainTextPath` under sources/ with PlainTextSelections whose
    CodeRefs name CodeBook codes; it reads creationDateTime of every source, selection
    and note, and Notes' plainTextPath. Walk the file the way it does."""
    out = tmp_path / "study.qdpx"
    _export(built, "qdpx", out)
    with zipfile.ZipFile(out) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    root, names, read = ET.fromstring(files["project.qde"]), set(files), files.__getitem__
    version = root.tag.split("{urn:QDA-XML:project:")[1].split("}")[0]
    assert version == "1.0"
    code_guids = {c.get("guid") for c in root.iter(f"{QDA}Code")}
    found = {}
    for source in root.find(f"{QDA}Sources"):
        assert source.tag == f"{QDA}PDFSource" and source.get("creationDateTime")
        assert f"sources{source.get('path').split('internal:/')[1]}" in names
        rep = source.find(f"{QDA}Representation")
        text_path = "sources" + rep.get("plainTextPath").split("internal:/")[1]
        text = read(text_path).decode("utf-8")
        for sel in rep.findall(f"{QDA}PlainTextSelection"):
            assert sel.get("creationDateTime")
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            refs = [c.find(f"{QDA}CodeRef").get("targetGUID")
                    for c in sel.findall(f"{QDA}Coding")]
            assert refs and set(refs) <= code_guids
            found.setdefault(text[start:end], []).extend(refs)
    assert built["word"].text in found and built["later"].text in found
    for note in root.iter(f"{QDA}Note"):
        assert note.get("creationDateTime") and note.get("name")
        assert "sources" + note.get("plainTextPath").split("internal:/")[1] in names
    # the redacted clause is withheld in the text QualCoder shows
    court_text = next(read(n).decode() for n in names if n.endswith(".txt")
                      and "[REDACTED ~40 chars]" in read(n).decode())
    court_text = re.sub(r"\[REDACTED ~\d+ chars\]", "", court_text)
    words = [w for w in built["page_words"] if w.text.strip() and not w.noise]
    visible = [w.text for w in words if not _hidden(w, built)]
    assert len(visible) < len(words)  # some words were under the bar...
    assert sorted(court_text.split()) == sorted(visible)


# -- ALTO ---------------------------------------------------------------------------------
def test_alto_pages_validate_and_hold_the_visible_words_in_pixels(built, tmp_path):
    out = tmp_path / "alto"
    result = _export(built, "alto", out)
    assert result.counts == {"documents": 3, "pages": 3}
    court = next(out.glob("court_*_p0001.xml")).read_bytes()
    for f in out.glob("*.xml"):
        assert schemas.errors(schemas.alto4(), f.read_bytes()) == [], f.name
    assert schemas.errors(schemas.alto4(), court.replace(b"<MeasurementUnit>pixel",
                                                         b"<MeasurementUnit>points", 1))
    root = ET.fromstring(court)
    strings = list(root.iter(f"{ALTO}String"))
    visible = [w for w in built["page_words"]
               if w.text.strip() and not w.noise and not _hidden(w, built)]
    assert [s.get("CONTENT") for s in strings] == [w.text for w in visible]
    first = strings[0]
    assert int(first.get("HPOS")) == round(visible[0].bbox.x0 * 300 / 72)
    assert int(first.get("VPOS")) == round(visible[0].bbox.y0 * 300 / 72)
    tag = root.find(f"{ALTO}Tags/{ALTO}NamedEntityTag[@LABEL='A. Witness']")
    tagged = [s.get("CONTENT") for s in strings if s.get("TAGREFS") == tag.get("ID")]
    assert tagged == [built["word"].text]
    assert len(root.findall(f".//{ALTO}GraphicalElement")) == 2  # the confirmed redactions


# -- TEI ----------------------------------------------------------------------------------
@pytest.mark.slow  # compiling tei_all.rng takes lxml 20-45 s
def test_tei_validates_with_gaps_names_facsimile_and_reference(built, tmp_path):
    out = tmp_path / "tei"
    _export(built, "tei", out)
    files = sorted(out.glob("*.xml"))
    assert len(files) == 3
    for f in files:
        assert schemas.errors(schemas.tei_all(), f.read_bytes()) == [], f.name
    court = next(f for f in files if f.name.startswith("court_")).read_bytes()
    assert schemas.errors(schemas.tei_all(), court.replace(b"<msIdentifier>",
                                                           b"<msIdentifier><gap/>", 1))
    root = ET.fromstring(court)
    ident = root.find(f".//{TEI}msIdentifier")
    assert ident.findtext(f"{TEI}repository") == "ICRC Archives"
    assert ident.findtext(f"{TEI}collection") == "B AG 232"
    gaps = root.findall(f".//{TEI}body//{TEI}gap")
    assert {(g.get("reason"), g.get("unit")) for g in gaps} == {("redaction", "chars")}
    assert sorted((g.get("extent"), g.findtext(f"{TEI}desc")) for g in gaps)[0] == (
        "~40 chars", "(b)(1), (b)(3)")
    assert len(gaps) == 2 and all(re.fullmatch(r"~\d+ chars", g.get("extent")) for g in gaps)
    person = root.find(f".//{TEI}body//{TEI}persName")
    assert person.text == built["word"].text
    assert person.get("ref") == f"#actor-{built['person']}"
    listed = root.find(f".//{TEI}standOff//{TEI}person")
    assert listed.get("{http://www.w3.org/XML/1998/namespace}id") == f"actor-{built['person']}"
    zones = {z.get("{http://www.w3.org/XML/1998/namespace}id"): z
             for z in root.iter(f"{TEI}zone")}
    zone = zones[person.get("facs")[1:]]
    assert float(zone.get("ulx")) == pytest.approx(built["word"].bbox.x0, abs=0.01)
    assert root.find(f".//{TEI}surface").get("n") == "1"


# -- claims network -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_claims_network_opens_in_networkx_with_its_attributes(built, tmp_path, fmt):
    out = tmp_path / f"claims.{fmt}"
    _export(built, fmt, out)
    graph = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    claim, claim2, soren, icrc = (built["claim"], built["claim2"], built["actor"],
                                  built["actor2"])
    assert set(graph.nodes) == {claim, claim2, soren, icrc}
    assert graph.nodes[claim]["label"] == "Sōren estimated about 60,000 returnees"
    assert graph.nodes[claim]["certainty"] == "asserted"
    assert graph.nodes[claim2]["certainty"] == "probable"
    assert graph.nodes[claim2]["date"] == "1958-06/1958-12"
    assert graph.nodes[soren]["kind"] == "actor"
    assert graph.nodes[soren]["actor_type"] == "organisation"
    assert graph.nodes[soren]["external_id"] == "Q1195869"
    assert "ICRC Archives, B AG 232, 105-027, p. 1" in graph.nodes[claim]["evidence"]
    kinds = {(u, v): d["kind"] for u, v, d in graph.edges(data=True)}
    assert kinds == {(claim2, claim): "contradicts", (soren, claim): "claimant",
                     (icrc, claim2): "claimant"}


# -- the one rule for every output path ------------------------------------------------------
@pytest.mark.parametrize("fmt,name", [("qdpx", "x.qdpx"), ("gexf", "x.gexf"),
                                      ("graphml", "x.graphml")])
def test_a_file_export_replaces_only_its_own_kind(built, tmp_path, fmt, name):
    out = tmp_path / name
    out.write_text("<notes>mine</notes>")
    with pytest.raises(ExportTargetError, match="Recto will not overwrite it"):
        _export(built, fmt, out)
    assert out.read_text() == "<notes>mine</notes>"
    out.unlink()
    _export(built, fmt, out)
    assert fk.kind_of(out) == {"qdpx": fk.QDPX, "gexf": fk.GEXF, "graphml": fk.GRAPHML}[fmt]
    _export(built, fmt, out)  # its own earlier output: replaced
    assert not [p for p in tmp_path.iterdir() if p.name != name]


@pytest.mark.parametrize("fmt", ["alto", "tei"])
def test_a_folder_export_replaces_only_its_own_folder(built, tmp_path, fmt, monkeypatch):
    if fmt == "tei":  # the folder rule is the same; skip the slow TEI validation here
        from recto.app.exchange import tei
        monkeypatch.setattr(tei, "write_document",
                            lambda project, document, version="": (f"{document.id}.xml", b"<x/>"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "thesis.docx").write_text("mine")
    with pytest.raises(ExportTargetError, match="folder holding files Recto did not write"):
        _export(built, fmt, out)
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"]
    shutil.rmtree(out)
    first = _export(built, fmt, out)
    kinds = {"alto": fk.ALTO_FOLDER, "tei": fk.TEI_FOLDER}
    assert fk.kind_of(out) == kinds[fmt]
    names = sorted(p.name for p in out.iterdir())
    _export(built, fmt, out)
    assert sorted(p.name for p in out.iterdir()) == names and first.path == out
    assert not [p for p in tmp_path.iterdir() if p.name != "out"]  # no temp left beside


def test_formats_that_take_the_whole_project_refuse_filters(built, tmp_path):
    with Project.open(built["path"]) as proj, pytest.raises(InvalidInputError,
                                                             match="cannot be narrowed by tag"):
        export_annotations(proj, tmp_path / "x.gexf",
                           ExportOptions("gexf", filters=ExportFilters(tags=("Sōren",))))
    assert not (tmp_path / "x.gexf").exists()


def _code_refs(selection) -> list[str]:
    return [c.find(f"{QDA}CodeRef").get("targetGUID") for c in selection.findall(f"{QDA}Coding")]


def _hidden(word, built) -> bool:
    return any(is_under(word, box) for box in built["boxes"])


def _red_box() -> Box:
    return Box(72.0, 100.5, 300.25, 114.0)  # the fixture's confirmed redaction
