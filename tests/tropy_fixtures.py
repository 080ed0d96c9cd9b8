"""A Tropy JSON-LD export written by hand, shaped as Tropy 1.x writes it.

Shape taken from Tropy's export code (github.com/tropy/tropy, src/export/export.js:
`makeContext`/`renderItem`/`addSelections`, src/export/note.js: notes as `text` and
`html` with `@language`, src/export/utils.js: keys are the template's field labels,
so dc:source appears under the label "archive"). Photos are real images made from
the sample scans; one path is absolute, one relative to the export file.
"""
from __future__ import annotations

import json
from pathlib import Path

from tests.photo_fixtures import DPI, page_image

DC = "http://purl.org/dc/elements/1.1/"
TROPY = "https://tropy.org/v1/tropy#"

CONTEXT = {
    "@version": 1.1,
    "@vocab": TROPY,
    "template": {"@id": TROPY + "template", "@type": "@id"},
    "photo": {"@id": TROPY + "photo", "@container": "@list", "@context": {
        "note": {"@id": TROPY + "note", "@container": "@list"},
        "selection": {"@id": TROPY + "selection", "@container": "@list", "@context": {}},
    }},
    "title": {"@id": DC + "title", "@type": "http://www.w3.org/2001/XMLSchema#string"},
    "date": {"@id": DC + "date", "@type": TROPY + "date"},
    "creator": {"@id": DC + "creator", "@type": "http://www.w3.org/2001/XMLSchema#string"},
    "archive": {"@id": DC + "source", "@type": "http://www.w3.org/2001/XMLSchema#string"},
    "collection": {"@id": TROPY + "collection", "@type": "http://www.w3.org/2001/XMLSchema#string"},
    "box": {"@id": TROPY + "box", "@type": "http://www.w3.org/2001/XMLSchema#string"},
    "folder": {"@id": TROPY + "folder", "@type": "http://www.w3.org/2001/XMLSchema#string"},
    "identifier": {"@id": DC + "identifier", "@type": "http://www.w3.org/2001/XMLSchema#string"},
}


def _note(text: str, lang: str = "en") -> dict:
    return {"@type": "Note", "text": {"@value": text, "@language": lang},
            "html": {"@value": f"<p>{text}</p>", "@language": lang}}


def _photo(path: str, image, notes=(), selections=()) -> dict:
    photo = {"@type": "Photo", "path": path, "checksum": "0" * 32, "mimetype": "image/jpeg",
             "width": image.width, "height": image.height, "angle": 0, "mirror": False,
             "orientation": 1}
    if notes:
        photo["note"] = [_note(n) for n in notes]
    if selections:
        photo["selection"] = selections
    return photo


def write_export(folder: Path) -> Path:
    """Three items (5 photos) in `folder/photos/`, the export at `folder/tropy.json`."""
    photos = folder / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    samples = ["pdb_0006007849_p10_plain.pdf", "pdb_0006007849_p4.pdf",
               "pdb_0005996463_p3.pdf", "pdb_0006466926_p14_plain.pdf", "cib_02733122_p2.pdf"]
    images = {}
    for n, sample in enumerate(samples, start=1):
        image = page_image(sample)
        image.save(photos / f"IMG_{n:04d}.jpg", dpi=(DPI, DPI))
        images[n] = image
    graph = [
        {"@type": "Item", "template": "https://tropy.org/v1/templates/generic",
         "title": "PDB Notes, 1974", "date": "1974-07-15", "creator": "CIA",
         "archive": "CIA FOIA Reading Room", "collection": "President's Daily Brief",
         "box": "12", "folder": "3", "identifier": "DOC_0006007849",
         "tag": ["Cyprus", "PDB"],
         "photo": [
             _photo(str(photos / "IMG_0001.jpg"), images[1],
                    notes=["Protests planned in Nicosia."],
                    selections=[{"@type": "Selection", "x": 100, "y": 150, "width": 400,
                                 "height": 60, "angle": 0,
                                 "note": [_note("Cyprus paragraph")]}]),
             _photo(str(photos / "IMG_0002.jpg"), images[2]),
         ]},
        {"@type": "Item", "template": "https://tropy.org/v1/templates/generic",
         "title": "Intelligence Checklist, 1963", "date": "1963-03-02",
         "archive": "CIA FOIA Reading Room", "identifier": "DOC_0005996463",
         "tag": "Syria",
         "photo": [_photo("photos/IMG_0003.jpg", images[3], notes=["Syria coup names."])]},
        {"@type": "Item", "template": "https://tropy.org/v1/templates/generic",
         "title": "Brezhnev annex and CIB summary", "date": "1974",
         "archive": "CIA FOIA Reading Room", "box": "7",
         "photo": [_photo(str(photos / "IMG_0004.jpg"), images[4]),
                   _photo(str(photos / "IMG_0005.jpg"), images[5])]},
    ]
    out = folder / "tropy.json"
    out.write_text(json.dumps({"@context": CONTEXT, "@graph": graph, "version": "1.16.0"},
                              indent=2), encoding="utf-8")
    return out
