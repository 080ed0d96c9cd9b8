"""Undoing an import removes everything it added, page texts and file names included;
redo brings it all back."""
from __future__ import annotations

from recto.annotations import ocr_store
from recto.annotations.export_rows import FILENAME_META
from recto.annotations.project import Project
from recto.app.export import ExportOptions, export_annotations, import_annotations
from tests.export_fixtures import build_project

DERIVED = ("page_texts", "page_words", "current_text", "page_search")


def _counts(proj: Project) -> dict:
    counts = {t: proj.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]
              for t in (*DERIVED, "documents", "pages", "claims", "redactions")}
    counts["file names"] = proj.query("SELECT COUNT(*) AS n FROM project_meta WHERE key LIKE ?",
                                      [FILENAME_META + "%"])[0]["n"]
    return counts


def test_undo_of_an_import_removes_page_texts_and_file_names(tmp_path):
    a = tmp_path / "a.recto"
    build_project(a, tmp_path / "pdfs")
    a_db = tmp_path / "a.db"
    with Project.open(a) as proj:
        export_annotations(proj, a_db, ExportOptions(with_ocr=True))
    b = tmp_path / "b.recto"
    with Project.open(b, create=True) as proj:
        empty = _counts(proj)
        report = import_annotations(proj, a_db)
        assert report.page_texts_added > 0
        imported = _counts(proj)
        assert all(imported[k] > 0 for k in imported), imported
        word = ocr_store.current_words(proj, *ocr_store.pages_with_text(proj)[0])[0].text
        assert ocr_store.search(proj, word)

        proj.undo()
        assert _counts(proj) == empty
        assert not ocr_store.search(proj, word)

        proj.redo()
        assert _counts(proj) == imported
        assert ocr_store.search(proj, word)
    with Project.open(b) as proj:  # `recto undo` in a new process replays the same log
        proj.undo()
        assert _counts(proj) == empty
