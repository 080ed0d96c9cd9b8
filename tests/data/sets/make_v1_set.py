"""Make `v1_set.db`: an annotation set of schema version 1, as Recto wrote it before
claims carried their EDTF `date` (run once with the code at git commit c78789e).

    git checkout c78789e && PYTHONPATH=. python tests/data/sets/make_v1_set.py

The set is the export fixture project (tests/export_fixtures.py) with its two claims
dated 1959-12-15 (a day) and 1958-06/1958-12 (a range of months), and a third claim
dated 1955 (a year), which a v1 set carries only as date_start/date_end.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from recto.annotations.model import new_id, now_iso
from recto.annotations.project import Project
from recto.app.export import ExportOptions, export_annotations
from tests.export_fixtures import build_project

HERE = Path(__file__).resolve().parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v1.recto"
        ids = build_project(path, Path(tmp) / "pdfs")
        with Project.open(path) as proj:
            t = now_iso()
            with proj.edit("Dates") as ed:
                ed.update("claims", {"id": ids["claim"]}, {
                    "date_text": "1959-12-15", "date_start": "1959-12-15",
                    "date_end": "1959-12-15"})
                ed.update("claims", {"id": ids["claim2"]}, {
                    "date_text": "1958-06/1958-12", "date_start": "1958-06-01",
                    "date_end": "1958-12-31"})
                ed.insert("claims", {"id": new_id(), "statement": "Talks began",
                                     "date_text": "1955", "date_start": "1955-01-01",
                                     "date_end": "1955-12-31", "certainty": "asserted",
                                     "author": "tester", "created_at": t, "modified_at": t})
            out = HERE / "v1_set.db"
            out.unlink(missing_ok=True)
            export_annotations(proj, out, ExportOptions())


if __name__ == "__main__":
    main()
