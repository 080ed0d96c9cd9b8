"""OCR words flagged as scanner noise (perforation strips, specks, box edges).

They stay stored, so the word overlay can show them dimmed, but page text,
search, mentions and exports leave them out.
"""


def migrate(db) -> None:
    db.execute("ALTER TABLE page_words ADD COLUMN noise INTEGER NOT NULL DEFAULT 0")
