"""Claims with EDTF dates: stored as typed with their bounds, sorted by them."""
from recto.annotations import claims as store
from recto.annotations.project import Project
from recto.app.claims import service as svc


def test_level_1_and_open_dates_are_stored_and_sorted(tmp_path):
    with Project.open(tmp_path / "p.recto", create=True) as proj:
        for statement, date in [("undated", None), ("late", "1960/.."), ("early", "../1950"),
                                ("decade", "195X"), ("doubtful", "1955?")]:
            svc.create_claim(proj, statement, date=date)
        claims = store.list_claims(proj)
        # an open start sorts by its end (1950-12-31), after the 1950s' first day
        assert [c.statement for c in claims] == ["decade", "early", "doubtful", "late",
                                                 "undated"]
        rows = {c.statement: (c.date_text, c.date_start, c.date_end) for c in claims}
        assert rows["early"] == ("../1950", "", "1950-12-31")
        assert rows["late"] == ("1960/..", "1960-01-01", "")
        assert rows["decade"] == ("195X", "1950-01-01", "1959-12-31")
        assert rows["doubtful"] == ("1955?", "1955-01-01", "1955-12-31")
