"""How much does `recto export` cost over writing the same rows with plain sqlite-utils?

Builds a project with N annotations (half redactions, a quarter mentions, a quarter
claims each with one evidence anchor) on a real sample scan, exports it, then
writes exactly the exported rows with `sqlite-utils insert_all` into a fresh file
in the same run. Target: export time / insert_all time <= 2.

    .venv/bin/python bench/export_speed.py [--annotations 100000]
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from recto.annotations.export_schema import TABLES  # noqa: E402
from recto.annotations.model import new_id, now_iso  # noqa: E402
from recto.annotations.project import Project  # noqa: E402
from recto.app.documents import add_pdf  # noqa: E402
from recto.app.export import export_annotations  # noqa: E402

SCAN = ROOT / "sample_scans" / "court_cacd_630649_326_p10.pdf"


def build(path: Path, n: int) -> None:
    """Bulk fixture rows (not undoable edits: this measures export, not data entry)."""
    t = now_iso()
    with Project.open(path, create=True) as proj:
        doc = add_pdf(proj, SCAN).document.id
        actors = [(new_id(), f"Actor {i}", "person", "", "", "bench", t, t) for i in range(200)]
        red = [(new_id(), doc, 0, 10.0 + i % 500, 20.0, 60.0 + i % 500, 32.0, "black_box",
                json.dumps(["(b)(1)"] if i % 2 else ["25X1", "(b)(3)"]), "manual", "confirmed",
                "bench", t, t) for i in range(n // 2)]
        men = [(new_id(), actors[i % 200][0], doc, 0, 5.0, 5.0, 40.0, 15.0, f"name {i}",
                "confirmed", "manual", "bench", t, t) for i in range(n // 4)]
        claims = [(new_id(), f"Claim number {i} about returnees", f"quote {i}", "bench", t, t)
                  for i in range(n - len(red) - len(men))]
        with proj.transaction() as db:
            db.conn.executemany("INSERT INTO actors VALUES (?,?,?,?,?,?,?,?)", actors)
            db.conn.executemany(
                "INSERT INTO redactions (id, document_id, page_index, x0, y0, x1, y1, style, "
                "codes, origin, status, author, created_at, modified_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", red)
            db.conn.executemany(
                "INSERT INTO mentions (id, actor_id, document_id, page_index, x0, y0, x1, y1, "
                "text, status, origin, author, created_at, modified_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", men)
            db.conn.executemany(
                "INSERT INTO claims (id, statement, quote, author, created_at, modified_at) "
                "VALUES (?,?,?,?,?,?)", claims)
            db.conn.executemany(
                "INSERT INTO claim_evidence (id, claim_id, document_id, page_index, x0, y0, x1, "
                "y1, author, created_at, modified_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(new_id(), c[0], doc, 0, 1.0, 2.0, 3.0, 4.0, "bench", t, t) for c in claims])


def exported_rows(path: Path) -> dict[str, list[dict]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = {s.name: [dict(r) for r in conn.execute(f"SELECT * FROM {s.name}")] for s in TABLES}
    conn.close()
    return rows


def plain_insert_all(path: Path, rows: dict[str, list[dict]]) -> float:
    start = time.perf_counter()
    db = Database(path)
    with db.atomic():  # one transaction: insert_all's best case (per-batch commits are ~5x slower)
        for table, data in rows.items():
            if data:
                db[table].insert_all(data)
    db.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = tmp / "bench.recto"
        build(project, args.annotations)
        with Project.open(project) as proj:
            start = time.perf_counter()
            result = export_annotations(proj, tmp / "set.db")
            export_s = time.perf_counter() - start
        rows = exported_rows(tmp / "set.db")
        total = sum(len(v) for v in rows.values())
        plain_s = plain_insert_all(tmp / "plain.db", rows)
    annotations = sum(result.counts.get(t, 0) for t in ("redactions", "mentions", "claims"))
    print(f"annotations: {annotations} ({total} rows in all tables)")
    print(f"recto export:           {export_s:.2f} s")
    print(f"sqlite-utils insert_all: {plain_s:.2f} s")
    print(f"ratio: {export_s / plain_s:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
