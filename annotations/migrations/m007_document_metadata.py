"""Documents get their own metadata and page numbering, and claims keep EDTF dates.

`date` is the document's own date as EDTF (`1959-12-15`, `1959-12`, `1955?`), never
the date a claim refers to; `creator` who wrote or issued it; `type` what it is
(cable, memorandum, minutes, letter, report, ...); `language` a BCP 47 tag (`ja`,
`en`) for citations, beside the OCR `languages`; `rights` its terms of use;
`archive_place` where the holding archive is (Geneva), as citations name it.
`first_page` is the printed number of the PDF's first page ("this PDF's page 1 is
p. 10 of the original"); `page_labels` a JSON list of printed labels per page (from
the PDF's /PageLabels), which wins over `first_page` when set. `claims.date_text`
(m005) already holds the claim's EDTF date.
"""
from recto.annotations.migrations import run_script

SCHEMA = """
ALTER TABLE documents ADD COLUMN date TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN creator TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN type TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN rights TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN archive_place TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN first_page INTEGER;
ALTER TABLE documents ADD COLUMN page_labels TEXT
"""


def migrate(db):
    run_script(db, SCHEMA)
