"""Claims: the date as typed, and evidence for links between claims.

`claims.date_text` keeps what the person wrote (`1955-12`, `1955/1956-02`) while
`date_start`/`date_end` hold the first and last day it covers (ISO), so claims
sort and filter by date without losing the precision. `claim_evidence.link_id`
marks evidence that backs a link ("this page shows A contradicts B") rather than
the claim itself; such rows still name the link's source claim in `claim_id`.
"""
from recto.annotations.migrations import run_script

SCHEMA = """
ALTER TABLE claims ADD COLUMN date_text TEXT NOT NULL DEFAULT '';
ALTER TABLE claim_evidence ADD COLUMN link_id TEXT REFERENCES claim_links(id);
CREATE INDEX claim_evidence_link ON claim_evidence(link_id);
CREATE INDEX claim_links_to ON claim_links(to_claim_id);
CREATE INDEX claim_actors_actor ON claim_actors(actor_id)
"""


def migrate(db):
    run_script(db, SCHEMA)
