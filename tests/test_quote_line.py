"""A claim's quote from a selection is the page text's view of it on one line."""
from __future__ import annotations

from recto.app.evidence import quote_line


def test_lines_join_as_words_do_and_cjk_lines_without_a_space():
    assert quote_line("Meeting with [REDACTED ~12 chars]\non Tuesday\n") == (
        "Meeting with [REDACTED ~12 chars] on Tuesday")
    assert quote_line("在日朝鮮人の\n帰国事業") == "在日朝鮮人の帰国事業"
    assert quote_line("総連 said\n\n  it would ") == "総連 said it would"
    assert quote_line("") == ""
