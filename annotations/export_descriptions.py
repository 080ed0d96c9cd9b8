"""Descriptions of the annotation set's tables and columns, and its example queries.

Generated from docs/export-schema.md by scripts/sync_readme.py: do not edit.
"""

TABLES = {'metadata': 'One row per fact about the export.',
 'pages': 'Primary key (`document_id`, `page`).',
 'claim_actors': 'Primary key (`claim_id`, `actor_id`, `role`).',
 'annotation_tags': 'Primary key (`annotation_id`, `kind`, `tag_id`).',
 'ocr_words': 'Only with `--with-ocr`. Primary key (`document_id`, `page`, `seq`).',
 'citations': 'One row per redaction, mention and claim evidence anchor, ready for a footnote: '
              '`kind` (`redaction`, `mention`, `claim`), `annotation_id` (the redaction, '
              'mention or claim id), `document_id`, `page`, `citation` (document citation + ", '
              'p. " + the page\'s printed `label`), `label` (exemption code, actor name or '
              'claim statement), `quote`, `status` (`suggested`, `confirmed`, `rejected` for '
              "redactions and mentions; a claim's evidence is always `confirmed`, its doubt is "
              "the claim's `certainty`).",
 'confirmed_citations': 'The rows of `citations` whose `status` is `confirmed`: what a '
                        'footnote may rely on. All text in every table is Unicode NFKC '
                        '(ligatures such as `ﬁ` become `fi`, full-width forms become plain '
                        'ones), so search and spreadsheets find what was written. Schema '
                        'version 2 added `claims.date`, the document metadata columns and '
                        "`pages.label`; version 3 added `ocr_words.corrected` (an older set's "
                        'words import as not corrected). Recto imports version 1 sets too: a '
                        "claim's `date` is then recovered from `date_start`/`date_end` "
                        '(`1958-06-01`..`1958-12-31` becomes `1958-06/1958-12`).'}

COLUMNS = {'metadata': {'key': 'name (primary key)', 'value': 'text value'},
 'documents': {'id': 'document id (primary key)',
               'sha256': "SHA-256 of the PDF's bytes: identifies the document across projects",
               'title': 'title',
               'filename': 'file name of the PDF (no folder; local paths are not exported)',
               'page_count': 'number of pages',
               'archive': 'holding archive, e.g. "ICRC Archives"',
               'collection': 'collection / fonds / series',
               'box_folder': 'box and folder',
               'item': 'item or file number',
               'citation': "the document's full citation as written in footnotes (free text, "
                           'or the parts above joined, or the title)',
               'languages': 'JSON list of language codes declared for the document (for OCR)',
               'date': "the document's own date as EDTF (`1959-12-15`, `1959-12`, `1955?`); "
                       'empty if unknown. Never the date a claim refers to',
               'creator': 'who wrote or issued it (person or office, free text)',
               'type': 'what it is: `cable`, `memorandum`, `minutes`, `letter`, `report`, ... '
                       '(free text, lower case)',
               'language': "the document's language as a BCP 47 tag (`ja`, `en`, `zh-Hant`), "
                           'as citations carry it',
               'rights': 'terms of use or copyright statement',
               'archive_place': "where the holding archive is (`Geneva`), CSL's "
                                '`archive-place`',
               'first_page': "printed page number of the PDF's first page, set by hand (`10`: "
                             'PDF page 1 is p. 10); NULL if not set',
               'page_labels': 'JSON list of the printed label of each page, read from the '
                              "PDF's /PageLabels; NULL if it has none",
               'author': 'who added it',
               'created_at': 'when it was added',
               'modified_at': 'last change to its metadata'},
 'pages': {'document_id': '→ `documents.id`',
           'page': 'page number, 1-based',
           'width_pt': 'page width in PDF points',
           'height_pt': 'page height in PDF points',
           'rotation': 'page rotation in degrees (boxes are on the unrotated page)',
           'has_text_layer': '1 if the PDF page has its own text layer',
           'text_source': 'where the text came from: `ocr`, `text_layer`; NULL if the page has '
                          'no text',
           'languages': 'languages of the text (e.g. `eng+fra`, as given to the OCR engine)',
           'text': 'the page text in reading order, with redaction placeholders where text is '
                   'hidden',
           'label': "the page as printed on the original and as citations give it: the PDF's "
                    'page label, else `page` shifted by `documents.first_page`, else `page`'},
 'redactions': {'id': 'redaction id (primary key)',
                'document_id': '→ `documents.id`',
                'page': '1-based page',
                'x0': 'box left, PDF points',
                'y0': 'box top',
                'x1': 'box right',
                'y1': 'box bottom',
                'style': '`black_box`, `white_box`, `outline_box`, `marker`, `cut_out`, '
                         '`other`',
                'code': 'exemption code(s) as printed, e.g. `(b)(1)`, `25X1`; several are '
                        'joined with `; `',
                'status': '`suggested`, `confirmed`, `rejected`',
                'origin': '`manual` or `detected`',
                'confidence': 'detector confidence 0..1 (NULL for manual)',
                'extent_chars': 'estimated characters hidden',
                'extent_words': 'estimated words hidden',
                'extent_lines': 'estimated lines hidden',
                'text_recoverable': '1 if the hidden text can be read (e.g. a bad redaction)',
                'hidden_text': 'the recovered text, if any',
                'polygon': 'JSON list of [x, y] points for non-rectangular redactions (`[]` if '
                           'none)',
                'note': 'free note',
                'author': 'who made the judgement',
                'created_at': 'created',
                'modified_at': 'last changed (used to resolve conflicts on import)'},
 'actors': {'id': 'actor id (primary key)',
            'name': 'canonical name',
            'type': '`person`, `organisation`, `state`, `place`, `other`',
            'external_id': 'e.g. a Wikidata id (`Q1195869`)',
            'note': 'note',
            'author': 'who made the judgement',
            'created_at': 'created',
            'modified_at': 'last changed (used to resolve conflicts on import)'},
 'actor_aliases': {'id': 'alias id (primary key)',
                   'actor_id': '→ `actors.id`',
                   'alias': 'the form found, e.g. `総連`, `총련`, `Chongryun`',
                   'lang': 'language or script code',
                   'kind': '`name`, `abbreviation`, `translation`, `romanisation`, '
                           '`former_name`, `ocr_variant`',
                   'attested_document_id': '→ `documents.id` where the form is attested (NULL '
                                           'if not exported)',
                   'attested_page': '1-based page of that attestation',
                   'author': 'who made the judgement',
                   'created_at': 'created',
                   'modified_at': 'last changed (used to resolve conflicts on import)'},
 'mentions': {'id': 'mention id (primary key)',
              'actor_id': '→ `actors.id`',
              'document_id': '→ `documents.id`',
              'page': '1-based page',
              'x0': 'box in PDF points (may be NULL)',
              'y0': 'box in PDF points (may be NULL)',
              'x1': 'box in PDF points (may be NULL)',
              'y1': 'box in PDF points (may be NULL)',
              'word_start': 'first OCR word (0-based `ocr_words.seq`), if anchored to words',
              'word_end': 'last OCR word, inclusive',
              'text': 'the text as written on the page',
              'status': '`suggested`, `confirmed`, `rejected`',
              'origin': '`manual` or `detected`',
              'confidence': 'matcher confidence 0..1',
              'author': 'who made the judgement',
              'created_at': 'created',
              'modified_at': 'last changed (used to resolve conflicts on import)'},
 'claims': {'id': 'claim id (primary key)',
            'statement': "the claim in the historian's words",
            'quote': 'verbatim words from the source',
            'date': 'the date or period the claim refers to, as EDTF (ISO 8601-2): '
                    '`1955-12-15`, `1955-12`, `1955`, `1958-06/1958-12`, level 1 `1955?` '
                    '(uncertain), `1955~` (approximate), `195X` (a decade), `1955/..` (open '
                    'end); empty if undated',
            'date_start': 'the first possible day of `date`, always a full ISO day '
                          '(`1958-06-01`); empty if undated or open at the start. Sorts as '
                          'text',
            'date_end': 'the last possible day of `date`, a full ISO day (`1958-12-31`); empty '
                        'if undated or open-ended',
            'certainty': '`asserted`, `probable`, `possible`, `disputed`',
            'note': 'note',
            'author': 'who made the judgement',
            'created_at': 'created',
            'modified_at': 'last changed (used to resolve conflicts on import)'},
 'claim_actors': {'claim_id': '→ `claims.id`',
                  'actor_id': '→ `actors.id`',
                  'role': "the actor's role in the claim, e.g. `claimant`, `subject`"},
 'claim_evidence': {'id': 'evidence id (primary key)',
                    'claim_id': '→ `claims.id`',
                    'document_id': '→ `documents.id`',
                    'page': '1-based page',
                    'x0': 'box in PDF points (may be NULL)',
                    'y0': 'box in PDF points (may be NULL)',
                    'x1': 'box in PDF points (may be NULL)',
                    'y1': 'box in PDF points (may be NULL)',
                    'word_start': 'OCR word span, if any',
                    'word_end': 'OCR word span, if any',
                    'quote': 'the words on this page that carry the claim',
                    'author': 'who made the judgement',
                    'created_at': 'created',
                    'modified_at': 'last changed (used to resolve conflicts on import)'},
 'claim_links': {'id': 'link id (primary key)',
                 'from_claim_id': '→ `claims.id`',
                 'to_claim_id': '→ `claims.id`',
                 'type': '`supports`, `contradicts`, `qualifies`, `cites` (read: *from* '
                         'supports *to*)',
                 'note': 'note',
                 'author': 'who made the judgement',
                 'created_at': 'created',
                 'modified_at': 'last changed (used to resolve conflicts on import)'},
 'tags': {'id': 'tag id (primary key)', 'name': 'the tag (tags are matched by name on import)'},
 'annotation_tags': {'annotation_id': 'id of the redaction, mention, claim, actor or document',
                     'kind': '`redaction`, `mention`, `claim`, `actor`, `document`',
                     'tag_id': '→ `tags.id`'},
 'ocr_words': {'document_id': '→ `documents.id`',
               'page': '1-based page',
               'seq': 'word number on the page, 0-based (what `word_start`/`word_end` refer '
                      'to)',
               'text': 'the word',
               'x0': 'word box in PDF points',
               'y0': 'word box in PDF points',
               'x1': 'word box in PDF points',
               'y1': 'word box in PDF points',
               'conf': 'OCR confidence 0..100 (-1 if unknown)',
               'block': 'Tesseract block / paragraph / line numbers',
               'par': 'Tesseract block / paragraph / line numbers',
               'line': 'Tesseract block / paragraph / line numbers',
               'lang': 'language guessed for the word',
               'corrected': '1 if a person retyped the word (empty `text`: deleted by hand), '
                            'else 0'}}

QUERIES = [('Redactions per exemption code per document',
  'SELECT d.citation, r.code, COUNT(*) AS redactions\n'
  'FROM redactions r JOIN documents d ON d.id = r.document_id\n'
  "WHERE r.status = 'confirmed'\n"
  'GROUP BY d.id, r.code\n'
  'ORDER BY d.citation, redactions DESC;'),
 ('Every page citing an actor, under any of its names',
  'SELECT a.name, c.citation, c.quote\n'
  'FROM citations c JOIN mentions m ON m.id = c.annotation_id JOIN actors a ON a.id = '
  'm.actor_id\n'
  "WHERE c.kind = 'mention' AND a.name = 'Sōren'\n"
  'ORDER BY c.citation;'),
 ('Claims that contradict each other, with their pages',
  'SELECT f.statement AS claim, t.statement AS contradicts, e.page\n'
  'FROM claim_links l\n'
  'JOIN claims f ON f.id = l.from_claim_id\n'
  'JOIN claims t ON t.id = l.to_claim_id\n'
  'LEFT JOIN claim_evidence e ON e.claim_id = f.id\n'
  "WHERE l.type = 'contradicts';"),
 ('Full-text search in page text (any script, 3+ characters)',
  'SELECT p.document_id, p.page FROM pages p\n'
  'WHERE p.rowid IN (SELECT rowid FROM pages_fts WHERE pages_fts MATCH \'"returnees"\');'),
 ('Pages naming a short name (1-2 characters, e.g. `総連`, `金`: the trigram index needs 3, so '
  'this scans the text with LIKE; `:name` is the name to look for)',
  'SELECT p.document_id, p.page,\n'
  '       substr(p.text, max(1, instr(p.text, :name) - 30), 60 + length(:name)) AS context\n'
  'FROM pages p\n'
  "WHERE p.text LIKE '%' || :name || '%'\n"
  'ORDER BY p.document_id, p.page;')]
