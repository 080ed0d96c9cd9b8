"""Tampered annotation sets are refused with one sentence, quickly, and the project keeps its bytes.

Each set starts as a real export of a real project and is then changed with plain
sqlite3, as a careless tool or a hostile colleague would. The 5 s bound is a
pytest-timeout, not a timed assert: a hang fails the test, a slow machine does not.
"""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from recto.annotations.project import Project
from recto.app.export import AnnotationSetError, ExportOptions, export_annotations, import_into_path
from tests.export_fixtures import build_project

VIEW_BOMB = """
CREATE VIEW claims AS
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)
SELECT printf('%08d', i) AS id, 'x' AS statement, '' AS quote, '' AS date_start,
       '' AS date_end, 'asserted' AS certainty, '' AS note, '' AS author,
       '2020' AS created_at, '2020' AS modified_at
FROM n ORDER BY random()
"""


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    """A real set (with OCR words) and a project that already imported it once."""
    folder = tmp_path_factory.mktemp("sets")
    a = folder / "a.recto"
    build_project(a, folder / "pdfs")
    a_db = folder / "a.db"
    with Project.open(a) as proj:
        export_annotations(proj, a_db, ExportOptions(with_ocr=True))
    b = folder / "b.recto"
    import_into_path(b, a_db)
    return a_db, b


def _enum(conn):
    conn.execute("UPDATE redactions SET style = 'nonsense'")


def _json(conn):
    conn.execute("UPDATE redactions SET polygon = '[[1, 2], [3'")


def _null(conn):
    conn.execute("UPDATE claims SET statement = NULL")


def _view_bomb(conn):
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE claims")
    conn.execute(VIEW_BOMB)


def _big_string(conn):
    conn.execute("UPDATE claims SET note = ?", ["x" * (10 * 1024 * 1024)])


def _missing_table(conn):
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE tags")


def _newer(conn):
    conn.execute("UPDATE metadata SET value = '99' WHERE key = 'schema_version'")


def _trigger(conn):
    conn.execute("CREATE TRIGGER t AFTER INSERT ON tags BEGIN SELECT 1; END")


def _virtual(conn):
    conn.execute("CREATE VIRTUAL TABLE notes USING fts5(body)")


def _extra_column(conn):
    conn.execute("ALTER TABLE actors ADD COLUMN secret TEXT")


def _wrong_type(conn):
    conn.execute("PRAGMA writable_schema = ON")  # a non-STRICT claims table holding a blob
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, ') STRICT', ')') "
                 "WHERE name = 'claims'")
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute(f"PRAGMA schema_version = {version + 1}")  # reload the edited schema
    conn.execute("PRAGMA writable_schema = OFF")
    conn.commit()
    conn.execute("UPDATE claims SET quote = x'00ff'")


def _page_zero(conn):
    conn.execute("UPDATE mentions SET page = 0")


TAMPERED = {
    "enum": (_enum, r"redactions\.style .* holds 'nonsense', which is not one of black_box"),
    "json": (_json, r"redactions\.polygon .* is not a JSON list"),
    "null": (_null, r"claims\.statement .* is empty where the project needs a value"),
    "view bomb": (_view_bomb, r"claims is a view, not a table"),
    "10 MB string": (_big_string, r"claims\.note .* holds 10,485,760 bytes"),
    "missing table": (_missing_table, r"lacks the table tags"),
    "newer version": (_newer, r"newer version of Recto"),
    "trigger": (_trigger, r"holds a trigger named t"),
    "virtual table": (_virtual, r"holds a virtual table named notes"),
    "extra column": (_extra_column, r"actors has a column secret"),
    "wrong type": (_wrong_type, r"claims\.quote .* holds blob, not text"),
    "page zero": (_page_zero, r"mentions\.page .* pages count from 1"),
}


def _state(folder: Path) -> dict:
    """Every file in the project's folder, byte for byte."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.timeout(5, func_only=True)  # the shared fixture is built outside the 5 s
@pytest.mark.parametrize("case", list(TAMPERED))
def test_a_tampered_set_is_refused_quickly_and_the_project_keeps_its_bytes(
        originals, tmp_path, case):
    a_db, b = originals
    tamper, message = TAMPERED[case]
    bad = tmp_path / "sets" / "colleague.db"
    bad.parent.mkdir()
    shutil.copy(a_db, bad)
    conn = sqlite3.connect(bad)
    tamper(conn)
    conn.commit()
    conn.close()
    home = tmp_path / "project"
    home.mkdir()
    shutil.copy(b, home / "b.recto")
    before = _state(home)
    with pytest.raises(AnnotationSetError, match=message) as refused:
        import_into_path(home / "b.recto", bad)
    assert "nothing was imported" in refused.value.message or case == "newer version"
    assert "\n" not in refused.value.message
    assert _state(home) == before
    with pytest.raises(AnnotationSetError):
        import_into_path(home / "fresh.recto", bad)
    assert _state(home) == before  # no project was created for a refused set


def test_the_untampered_set_passes_the_same_checks(originals, tmp_path):
    a_db, _ = originals
    report = import_into_path(tmp_path / "c.recto", a_db)
    assert report.added["claims"] > 0


@pytest.mark.timeout(10)
def test_a_set_slow_to_read_is_stopped_by_the_time_limit(originals, tmp_path, monkeypatch):
    """The structure checks refuse the view bomb before any read; the progress handler is the
    second line, shown here on a query that would otherwise run for minutes."""
    from recto.annotations import set_validation
    conn = sqlite3.connect(":memory:")
    with (pytest.raises(AnnotationSetError, match="could not be checked within 0.5 s"),
          set_validation.time_limit(conn, "slow.db", seconds=0.5)):
        conn.execute(VIEW_BOMB.replace("CREATE VIEW claims AS", "")).fetchall()
