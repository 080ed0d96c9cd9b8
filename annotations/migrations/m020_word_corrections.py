"""OCR words a person retyped: `corrected` marks them, so a re-OCR keeps their text
(annotations/word_corrections.py) and the word overlay and exports can show them.

A word corrected to nothing (a speck read as "|", deleted by hand) keeps its row with
empty text: page text, search and exports leave it out, and a re-OCR does not bring
the speck back.
"""


def migrate(db) -> None:
    db.execute("ALTER TABLE page_words ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0")
