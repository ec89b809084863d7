"""The archive's tables (documented in docs/archive.md), shared by SQLite and PostgreSQL: table
definitions only (``zitat.store.migrations`` applies them). In the SQL, ``{id}`` is the dialect's
auto-numbered primary key, ``{serial}`` one whose numbers are never reused, ``{ref}`` a column
referring to one and ``{real}`` its floating-point type. Full-text indexes differ per dialect.
"""

from __future__ import annotations

SCHEMA_VERSION = 10

# version 1
TABLES = [
    """CREATE TABLE documents (
        num {id},
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        url TEXT UNIQUE,
        title TEXT,
        published TEXT,
        outlet TEXT,
        language TEXT,
        text TEXT NOT NULL,
        word_count INTEGER NOT NULL,
        source TEXT,
        model TEXT,
        zitat_version TEXT,
        statement_count INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX documents_published ON documents (published)",
    "CREATE INDEX documents_outlet ON documents (outlet)",
    """CREATE TABLE speakers (
        id {id},
        key TEXT NOT NULL UNIQUE,
        name TEXT,
        search_name TEXT,
        type TEXT NOT NULL,
        gender TEXT NOT NULL,
        role TEXT,
        affiliation TEXT,
        country TEXT
    )""",
    """CREATE TABLE statements (
        id {id},
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        form TEXT,
        medium TEXT,
        confidence {real} NOT NULL,
        nested_in INTEGER,
        cue TEXT,
        message TEXT,
        source TEXT,
        addressee TEXT,
        frame TEXT,
        spans TEXT NOT NULL,
        speaker TEXT,
        speaker_id {ref} REFERENCES speakers (id),
        UNIQUE (document_id, position)
    )""",
    "CREATE INDEX statements_speaker ON statements (speaker_id)",
    "CREATE INDEX statements_form ON statements (form)",
    """CREATE TABLE mentions (
        statement_id {ref} NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        speaker_id {ref} NOT NULL REFERENCES speakers (id),
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL
    )""",
    "CREATE INDEX mentions_statement ON mentions (statement_id)",
    "CREATE INDEX mentions_speaker ON mentions (speaker_id)",
    """CREATE TABLE failures (
        source TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        kind TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    )""",
]

SQLITE_FTS = [
    # folded text (see zitat.text.folding) goes in, so the tokenizer only splits words
    "CREATE VIRTUAL TABLE statements_fts USING fts5 (body, tokenize = 'unicode61', detail = none)",
    "CREATE VIRTUAL TABLE documents_fts USING fts5 (body, tokenize = 'unicode61', detail = none)",
]

POSTGRES_FTS = [
    "ALTER TABLE statements ADD COLUMN search tsvector",
    "CREATE INDEX statements_search ON statements USING gin (search)",
    "ALTER TABLE documents ADD COLUMN search tsvector",
    "CREATE INDEX documents_search ON documents USING gin (search)",
]

# version 2: reviewed speaker corrections, and the automatic speaker key of each statement, so that a
# correction (or a surname join) can move statements to another speaker and back
SPEAKER_CORRECTIONS = [
    """CREATE TABLE speaker_corrections (
        id {serial},
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        note TEXT,
        created_at TEXT NOT NULL
    )""",
    "ALTER TABLE statements ADD COLUMN speaker_key TEXT",
    # version 1 resolved nothing across articles: each statement's key was its speaker's key …
    """UPDATE statements
    SET speaker_key = (SELECT key FROM speakers WHERE speakers.id = statements.speaker_id)
    WHERE speaker_id IS NOT NULL""",
    "CREATE INDEX statements_speaker_key ON statements (speaker_key)",
]

# version 3: the article's author (byline), NULL for the documents stored before
DOCUMENT_AUTHOR = [
    "ALTER TABLE documents ADD COLUMN author TEXT",
]

# version 5: publication dates are ISO dates (or NULL); the date as the input gave it, when it was
# spelled otherwise („03.02.2024“) or named no date („gestern“), is kept beside it
DOCUMENT_PUBLISHED_RAW = [
    "ALTER TABLE documents ADD COLUMN published_raw TEXT",
]

# version 6: every occurrence of a stored text (each outlet, URL and date that published it: agency copy
# carried by several outlets is one document, extracted once), and statement tracking across articles
# (zitat.tracking): each statement's cluster (one utterance; NULL until ``zitat cluster`` ran), the
# clusters, and each statement's MinHash band keys, so that new statements are compared with candidates only
OCCURRENCE_KEY_SQL = (
    "CASE WHEN url IS NOT NULL AND url <> '' THEN 'url:' || url "
    "ELSE 'text:' || content_hash || '|' || coalesce(outlet, '') || '|' "
    "|| coalesce(published_raw, published, '') END"
)
TRACKING = [
    """CREATE TABLE occurrences (
        id {id},
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        key TEXT NOT NULL UNIQUE,
        url TEXT,
        title TEXT,
        published TEXT,
        published_raw TEXT,
        outlet TEXT,
        author TEXT,
        source TEXT,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX occurrences_document ON occurrences (document_id)",
    "CREATE INDEX occurrences_url ON occurrences (url)",
    # the documents stored so far: each published once, as the documents table says
    f"""INSERT INTO occurrences (document_id, key, url, title, published, published_raw, outlet, author,
        source, ingested_at)
    SELECT id, {OCCURRENCE_KEY_SQL}, url, title, published, published_raw, outlet, author, source, ingested_at
    FROM documents ORDER BY num""",
    "ALTER TABLE statements ADD COLUMN cluster_id {ref}",
    "CREATE INDEX statements_cluster ON statements (cluster_id)",
    """CREATE TABLE clusters (
        id {ref} PRIMARY KEY,
        canonical_statement_id {ref} NOT NULL,
        first_statement_id {ref} NOT NULL,
        first_published TEXT,
        size INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        occurrences INTEGER NOT NULL,
        altered_quotes INTEGER NOT NULL,
        named_speakers INTEGER NOT NULL
    )""",
    "CREATE INDEX clusters_size ON clusters (size)",
    """CREATE TABLE statement_signatures (
        statement_id {ref} PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE,
        bands {blob} NOT NULL
    )""",
    """CREATE TABLE tracking_state (
        name TEXT PRIMARY KEY,
        value {ref} NOT NULL
    )""",
]

# version 7 (facet indexes, issue #23): facets count the statements of a form or medium, by speaker or
# by document, and add up the documents' statement counts by outlet, author and month, from indexes
# alone (without reading the rows, which hold the texts); the statements of the documents a date or
# outlet filter keeps are found by document with their speaker; the outlet filter compares
# case-insensitively
FACET_INDEXES = [
    "CREATE INDEX statements_facets ON statements (form, medium, speaker_id, document_id)",
    "CREATE INDEX statements_document_speaker ON statements (document_id, speaker_id)",
    "CREATE INDEX documents_facets ON documents (outlet, author, published, statement_count)",
    "CREATE INDEX documents_by_id ON documents (id, outlet, author, published)",
    "CREATE INDEX documents_outlet_folded ON documents (lower(outlet))",
]

# version 8 (issue #23, facets on 1M statements): the statements of the documents a date or outlet
# filter keeps are counted by form and medium from the index too (they were read row by row), and the
# query planner gets its statistics (``zitat.store.migrations``)
STATEMENTS_BY_DOCUMENT = [
    "DROP INDEX statements_document_speaker",
    "CREATE INDEX statements_by_document ON statements (document_id, speaker_id, form, medium)",
]

# version 9: statement tracking compares wordings through an inverted index of their shingles (issue #24,
# second round), not MinHash band keys: the shingles of each distinct wording with its number of
# shingles (the primary key is the index by shingle), and each clustered statement's wording. The next
# ``zitat cluster`` recomputes the clusters (``tracking_state`` names no tracking method yet).
TRACKING_WORDINGS = [
    "DROP TABLE statement_signatures",
    """CREATE TABLE wording_shingles (
        shingle {ref} NOT NULL,
        wording {ref} NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (shingle, wording)
    ){without_rowid}""",
    """CREATE TABLE statement_wordings (
        statement_id {ref} PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE,
        wording {ref} NOT NULL
    )""",
    "CREATE INDEX statement_wordings_wording ON statement_wordings (wording)",
]

# version 10 (issue #23): each document's statements of person speakers, all and by gender (the genders
# of zitat.document.GENDERS), kept by every write that changes them (``zitat.store.person_counts``), so
# that the gender shares per month of the whole archive or of an outlet are added up from indexes that
# hold them (with the date, and the folded outlet and the date) instead of joining every statement to
# its speaker and document. These indexes lead with what the indexes on the date and on the folded
# outlet did, and replace them. (The version also makes PostgreSQL's search vectors anew.)
PERSON_COUNTS = [
    "ALTER TABLE documents ADD COLUMN person_statements INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE documents ADD COLUMN person_female INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE documents ADD COLUMN person_male INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE documents ADD COLUMN person_unknown INTEGER NOT NULL DEFAULT 0",
    "DROP INDEX documents_published",
    "DROP INDEX documents_outlet_folded",
    "CREATE INDEX documents_person_months ON documents "
    "(published, person_statements, person_female, person_male, person_unknown)",
    "CREATE INDEX documents_outlet_person_months ON documents "
    "(lower(outlet), published, person_statements, person_female, person_male, person_unknown)",
]
# PostgreSQL's search vectors made anew from text folded for search (zitat.text.folding.fold_for_search)
POSTGRES_SEARCH_VECTORS = {
    "statements": "UPDATE statements SET search = to_tsvector('german', ?) WHERE id = ?",
    "documents": "UPDATE documents SET search = to_tsvector('german', ?) WHERE num = ?",
}

DIALECT_TYPES = {
    "sqlite": {
        "id": "INTEGER PRIMARY KEY",
        # AUTOINCREMENT: a deleted correction's number is not given again (zitat.store.speakers relies on it)
        "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "ref": "INTEGER",
        "real": "REAL",
        "blob": "BLOB",
        "without_rowid": " WITHOUT ROWID",  # the table is its primary key's index
    },
    "postgres": {
        "id": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        "serial": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        "ref": "BIGINT",
        "real": "DOUBLE PRECISION",
        "blob": "BYTEA",
        "without_rowid": "",
    },
}
