"""An archive written by schema version 1 is migrated to version 2 when opened, on SQLite and PostgreSQL,
and keeps every row."""

from __future__ import annotations

import json

from zitat.store import open_archive
from zitat.store.database import Database, PostgresDatabase, SQLiteDatabase
from zitat.store.records import fold
from zitat.store.schema import SCHEMA_VERSION, migrations

# (document id, text, source mention, speaker key, name, type) as version 1 stored them
V1_STATEMENTS = [
    ("wahl-1", "„Wir schaffen das“, sagte Angela Merkel am Montag.", "Angela Merkel", "p:merkel:ang",
     "Angela Merkel", "person"),
    ("wahl-2", "„Es bleibt dabei“, sagte Merkel in Berlin.", "Merkel", "p:merkel", "Merkel", "person"),
    ("wahl-3", "„Das reicht nicht“, sagte ein Sprecher der Opposition.", "ein Sprecher der Opposition",
     "anonymous:ein sprecher der opposition", "ein Sprecher der Opposition", "anonymous"),
]  # fmt: skip


def raw_database(location: str) -> Database:
    """The database without the migrations that opening an archive applies."""
    if location.startswith("postgresql://"):
        return PostgresDatabase(location)
    return SQLiteDatabase(location)


def write_v1_archive(location: str) -> None:
    """The tables of schema version 1 (migration step 0) with rows as version 1 wrote them."""
    db = raw_database(location)
    for sql in migrations(db.dialect)[0]:
        assert isinstance(sql, str)  # version 1 was plain SQL
        db.execute(sql)
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version (version) VALUES (1)")
    for number, (doc_id, text, source, key, name, kind) in enumerate(V1_STATEMENTS):
        num = db.value(
            "INSERT INTO documents (id, content_hash, url, title, published, outlet, language, text, "
            "word_count, source, model, zitat_version, statement_count, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'de', ?, ?, 'v1.jsonl', 'rules', '0.1.0', 1, '2024-06-01T10:00:00+00:00') "
            "RETURNING num",
            (doc_id, f"hash-{number}", f"https://news.example/{doc_id}", f"Wahl {number}",
             f"2024-0{number + 1}-15", "Tagesblatt", text, len(text.split())),
        )  # fmt: skip
        db.index_document(num, fold(text))
        speaker_id = db.value(
            "INSERT INTO speakers (key, name, search_name, type, gender) VALUES (?, ?, ?, ?, 'unknown') "
            "RETURNING id",
            (key, name, fold(name), kind),
        )
        start = text.index(source)
        statement_id = db.value(
            "INSERT INTO statements (document_id, position, form, medium, confidence, cue, message, source, "
            "spans, speaker, speaker_id) VALUES (?, 0, 'Direct', 'Speech', 0.9, 'sagte', ?, ?, ?, ?, ?) "
            "RETURNING id",
            (doc_id, text[: text.index("“") + 1], source,
             json.dumps({"source": [[start, start + len(source)]]}),
             json.dumps({"name": name, "type": kind}, ensure_ascii=False), speaker_id),
        )  # fmt: skip
        db.index_statement(statement_id, fold(f"{text} {name}"))
        db.execute(
            "INSERT INTO mentions (statement_id, speaker_id, char_start, char_end) VALUES (?, ?, ?, ?)",
            (statement_id, speaker_id, start, start + len(source)),
        )
    db.execute(
        "INSERT INTO failures (source, reason, kind, recorded_at) "
        "VALUES ('kaputt.html', 'no article text', 'failed', '2024-06-01T10:00:00+00:00')"
    )
    db.close()


def test_a_version_1_archive_is_migrated_on_open_and_keeps_every_row(location: str) -> None:
    write_v1_archive(location)
    with open_archive(location) as archive:
        db = archive.db
        assert db.value("SELECT max(version) AS v FROM schema_version") == SCHEMA_VERSION == 2
        for table, rows in (("documents", 3), ("statements", 3), ("speakers", 3), ("mentions", 3), ("failures", 1)):
            assert db.value(f"SELECT count(*) AS n FROM {table}") == rows, table
        keys = db.rows("SELECT document_id, speaker_key FROM statements ORDER BY document_id")
        assert [row["speaker_key"] for row in keys] == [key for _, _, _, key, _, _ in V1_STATEMENTS]
        assert archive.document("wahl-2")["statements"][0]["source"]["text"] == "Merkel"
        assert archive.count("schaffen") == 1 and archive.failures()[0]["source"] == "kaputt.html"
        # version 2 joins a bare surname to the one full name: the stored rows follow the same rule
        assert {row["name"]: row["statements"] for row in archive.speakers()} == {
            "Angela Merkel": 2,
            "ein Sprecher der Opposition": 1,
        }
        merkel = archive.find_speaker("Angela Merkel")["id"]
        assert db.value("SELECT count(*) AS n FROM mentions WHERE speaker_id = ?", (merkel,)) == 2
        # and the corrections table works
        archive.split_speaker("Angela Merkel", "p:merkel")
        assert archive.count(speaker="Merkel") == 2 and archive.count(speaker="Angela Merkel") == 1
    with open_archive(location) as again:  # opening again migrates nothing
        assert again.db.value("SELECT count(*) AS n FROM schema_version") == 1
        assert len(again.corrections()) == 1
