"""Archives written by older schema versions (1, 2) are migrated to the current one when opened, on
SQLite and PostgreSQL, and keep every row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zitat.store import open_archive
from zitat.store.database import Database, PostgresDatabase, SQLiteDatabase
from zitat.store.migrations import migrations
from zitat.store.records import content_hash
from zitat.store.schema import SCHEMA_VERSION
from zitat.text.folding import fold

from .articles import QUOTATION_MARKS, quote, quoted

# (document id, text, source mention, speaker object, speaker key) as version 1 stored them; version 1
# kept the title in the key (p:merkel:dr) and took resolution's article-local ids (e2) for keys
MERKEL = {"name": "Angela Merkel", "type": "person"}
V1_STATEMENTS = [
    ("wahl-1", "„Wir schaffen das“, sagte Angela Merkel am Montag.", "Angela Merkel", MERKEL, "p:merkel:ang"),
    ("wahl-2", "„Es bleibt dabei“, sagte Merkel in Berlin.", "Merkel", {"name": "Merkel", "type": "person"},
     "p:merkel"),
    ("wahl-3", "„Wir halten Kurs“, sagte Dr. Angela Merkel in Brüssel.", "Dr. Angela Merkel",
     {"name": "Dr. Angela Merkel", "type": "person"}, "p:merkel:dr"),
    ("wahl-4", "„Das reicht nicht“, sagte ein Sprecher der Opposition.", "ein Sprecher der Opposition",
     {"id": "e2", "type": "anonymous"}, "e2"),
    ("wahl-5", "„Das ist falsch“, sagte ein Diplomat.", "ein Diplomat", {"id": "e2", "type": "anonymous"}, "e2"),
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
    speaker_ids: dict[str, int] = {}
    for number, (doc_id, text, source, speaker, key) in enumerate(V1_STATEMENTS):
        num = db.value(
            "INSERT INTO documents (id, content_hash, url, title, published, outlet, language, text, "
            "word_count, source, model, zitat_version, statement_count, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'de', ?, ?, 'v1.jsonl', 'rules', '0.1.0', 1, '2024-06-01T10:00:00+00:00') "
            "RETURNING num",
            (doc_id, f"hash-{number}", f"https://news.example/{doc_id}", f"Wahl {number}",
             f"2024-0{number + 1}-15", "Tagesblatt", text, len(text.split())),
        )  # fmt: skip
        db.index_document(num, fold(text))
        name = speaker.get("name") or source
        if key not in speaker_ids:
            speaker_ids[key] = db.value(
                "INSERT INTO speakers (key, name, search_name, type, gender) VALUES (?, ?, ?, ?, 'unknown') "
                "RETURNING id",
                (key, name, fold(name), speaker["type"]),
            )
        start = text.index(source)
        statement_id = db.value(
            "INSERT INTO statements (document_id, position, form, medium, confidence, cue, message, source, "
            "spans, speaker, speaker_id) VALUES (?, 0, 'Direct', 'Speech', 0.9, 'sagte', ?, ?, ?, ?, ?) "
            "RETURNING id",
            (doc_id, text[: text.index("“") + 1], source,
             json.dumps({"source": [[start, start + len(source)]]}),
             json.dumps(speaker, ensure_ascii=False), speaker_ids[key]),
        )  # fmt: skip
        db.index_statement(statement_id, fold(f"{text} {name}"))
        db.execute(
            "INSERT INTO mentions (statement_id, speaker_id, char_start, char_end) VALUES (?, ?, ?, ?)",
            (statement_id, speaker_ids[key], start, start + len(source)),
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
        assert db.value("SELECT max(version) AS v FROM schema_version") == SCHEMA_VERSION == 10
        indexes = (
            "SELECT name FROM sqlite_master WHERE type = 'index'"
            if db.dialect == "sqlite"
            else "SELECT indexname AS name FROM pg_indexes"
        )
        assert {"statements_facets", "documents_facets", "documents_by_id"} <= {
            row["name"] for row in db.rows(indexes)
        }
        tables = {"documents": 5, "statements": 5, "mentions": 5, "failures": 1}
        for table, rows in tables.items():
            assert db.value(f"SELECT count(*) AS n FROM {table}") == rows, table
        # speaker rows are never deleted; the new keys (no title, no article-local id) got rows of their own
        old_keys = {key for *_, key in V1_STATEMENTS}
        assert old_keys <= {row["key"] for row in db.rows("SELECT key FROM speakers")}
        keys = [
            row["speaker_key"] for row in db.rows("SELECT speaker_key FROM statements ORDER BY document_id")
        ]
        assert keys == ["p:merkel:ang", "p:merkel", "p:merkel:ang", "mention:anonymous:ein sprecher der opposition",
                        "mention:anonymous:ein diplomat"]  # fmt: skip
        assert archive.document("wahl-2")["statements"][0]["source"]["text"] == "Merkel"
        assert archive.count("schaffen") == 1 and archive.failures()[0]["source"] == "kaputt.html"
        # version 2 rules for the stored rows too: title and bare surname are Angela Merkel, and the two
        # anonymous sources that shared the article-local id e2 are two speakers
        assert {row["name"]: row["statements"] for row in archive.speakers(unresolved=True)} == {
            "Angela Merkel": 3,
            "ein Sprecher der Opposition": 1,
            "ein Diplomat": 1,
        }
        merkel = archive.find_speaker("Angela Merkel")["id"]
        assert db.value("SELECT count(*) AS n FROM mentions WHERE speaker_id = ?", (merkel,)) == 3
        # and the corrections table works
        archive.split_speaker("Angela Merkel", "p:merkel")
        assert archive.count(speaker="Merkel") == 3 and archive.count(speaker="Angela Merkel") == 2
    with open_archive(location) as again:  # opening again migrates nothing
        assert again.db.value("SELECT count(*) AS n FROM schema_version") == 1
        assert len(again.corrections()) == 1


TABLES = ("documents", "statements", "speakers", "mentions", "failures", "speaker_corrections")


def table_rows(location: str) -> dict[str, list[dict[str, object]]]:
    """Every row of every table, in a fixed order, read without migrating."""
    db = raw_database(location)
    found = {table: db.rows(f"SELECT * FROM {table}") for table in TABLES}
    db.close()
    return {table: sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))
            for table, rows in found.items()}  # fmt: skip


PERSON_COUNTS = ("person_statements", "person_female", "person_male", "person_unknown")
# version 10 counts each document's statements of person speakers: Merkel's three (gender unknown in
# version 1), none for the two anonymous sources
VERSION_1_PERSON_COUNTS = [(1, 0, 0, 1)] * 3 + [(0, 0, 0, 0)] * 2


def without_version_10(
    before: dict[str, list[dict[str, object]]], after: dict[str, list[dict[str, object]]]
) -> list[tuple[object, ...]]:
    """What version 10 added (the documents' person counts, returned) and made anew (PostgreSQL's search
    vectors) taken out of the rows of a migrated archive."""
    counts = [tuple(row.pop(column) for column in PERSON_COUNTS) for row in after["documents"]]
    for rows in (*before.values(), *after.values()):
        for row in rows:
            row.pop("search", None)
    return counts


def write_v2_archive(location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version 2 archive made as version 2 made them: version 1 rows, migrated, and a correction."""
    write_v1_archive(location)
    with monkeypatch.context() as patch:
        patch.setattr("zitat.store.migrations.SCHEMA_VERSION", 2)
        with open_archive(location) as archive:
            archive.split_speaker("Angela Merkel", "p:merkel")
    db = raw_database(location)
    assert db.value("SELECT max(version) AS v FROM schema_version") == 2
    assert "author" not in db.rows("SELECT * FROM documents")[0]
    db.close()


def test_a_version_2_archive_gets_the_author_column_and_keeps_every_row(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_v2_archive(location, monkeypatch)
    before = table_rows(location)
    with open_archive(location) as archive:
        assert archive.db.value("SELECT max(version) AS v FROM schema_version") == SCHEMA_VERSION == 10
    after = table_rows(location)
    assert [row.pop("author") for row in after["documents"]] == [None] * 5
    assert [row.pop("published_raw") for row in after["documents"]] == [None] * 5  # ISO dates already
    assert [row.pop("cluster_id") for row in after["statements"]] == [None] * 5  # not clustered yet
    assert without_version_10(before, after) == VERSION_1_PERSON_COUNTS
    assert after == before  # every row, every value
    with open_archive(location) as archive:
        assert archive.db.value("SELECT count(*) AS n FROM schema_version") == 1  # nothing migrates again
        assert archive.document("wahl-1")["document"]["author"] is None
        assert archive.count("schaffen") == 1 and len(archive.corrections()) == 1
        new = quote("neu-1", "Olaf Scholz", "Wir handeln jetzt")
        new["document"]["author"] = "Anna Schmidt, Peter Müller"
        assert archive.store(new, "neu.jsonl").outcome == "stored"
        assert [hit["document_id"] for hit in archive.search(author="anna schmidt")] == ["neu-1"]
        assert archive.count(author="Peter Müller") == 1 and archive.count() == 6


def test_a_version_4_archive_gets_checked_dates_and_keeps_the_ones_given(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 4 stored dates as given, and compared „03.02.2024“ with 2024-01 as text."""
    write_v1_archive(location)
    with monkeypatch.context() as patch:
        patch.setattr("zitat.store.migrations.SCHEMA_VERSION", 4)
        open_archive(location).close()
    given = {"wahl-1": "03.02.2024", "wahl-2": "gestern", "wahl-3": "2020-03-1", "wahl-4": "2024-05-15"}
    db = raw_database(location)
    for doc_id, published in given.items():
        db.execute("UPDATE documents SET published = ? WHERE id = ?", (published, doc_id))
    db.close()
    with open_archive(location) as archive:
        rows = archive.db.rows("SELECT id, published, published_raw FROM documents ORDER BY id")
        assert [(row["published"], row["published_raw"]) for row in rows] == [
            ("2024-02-03", "03.02.2024"),
            (None, "gestern"),
            ("2020-03-01", "2020-03-1"),
            ("2024-05-15", None),
            ("2024-05-15", None),
        ]
        assert [hit["document_id"] for hit in archive.search(since="2024-01", until="2024-02")] == ["wahl-1"]
        assert archive.document("wahl-2")["archive"]["published_raw"] == "gestern"


def test_a_version_5_archive_gets_one_occurrence_per_document_and_keeps_every_row(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_v1_archive(location)
    with monkeypatch.context() as patch:
        patch.setattr("zitat.store.migrations.SCHEMA_VERSION", 5)
        with open_archive(location) as archive:
            text = archive.db.value("SELECT text FROM documents WHERE id = 'wahl-3'")
            archive.db.execute("UPDATE documents SET url = NULL, published = '2024-03-01', published_raw = "
                               "'1.3.2024', author = 'Anna Schmidt', content_hash = ? WHERE id = 'wahl-3'",
                               (content_hash(text),))  # fmt: skip
    before = table_rows(location)
    with open_archive(location) as archive:
        db = archive.db
        assert db.value("SELECT max(version) AS v FROM schema_version") == SCHEMA_VERSION == 10
        occurrences = db.rows(
            "SELECT document_id, key, url, outlet, published, published_raw, author, title, source "
            "FROM occurrences ORDER BY document_id"
        )
        documents = db.rows("SELECT * FROM documents ORDER BY id")
        assert [row["document_id"] for row in occurrences] == [row["id"] for row in documents]
        for occurrence, document in zip(occurrences, documents, strict=True):
            for name in ("url", "outlet", "published", "published_raw", "author", "title", "source"):
                assert occurrence[name] == document[name], name
        assert occurrences[0]["key"] == "url:https://news.example/wahl-1"
        assert occurrences[2]["key"] == f"text:{documents[2]['content_hash']}|Tagesblatt|1.3.2024"
        # the migrated occurrence is the one ingesting that document again would record: no duplicate row
        again = quote("wahl-3-neu", "Angela Merkel", "Wir halten Kurs", published="1.3.2024")
        again["document"].update(url=None, text=documents[2]["text"])
        assert archive.store(again, "again.jsonl").outcome == "duplicate"
    after = table_rows(location)
    assert [row.pop("cluster_id") for row in after["statements"]] == [None] * 5
    assert without_version_10(before, after) == VERSION_1_PERSON_COUNTS
    assert after == before


def test_a_version_7_sqlite_archive_gets_its_index_by_document_and_planner_statistics_and_keeps_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    location = str(tmp_path / "v7.db")
    write_v1_archive(location)
    with monkeypatch.context() as patch:
        patch.setattr("zitat.store.migrations.SCHEMA_VERSION", 7)
        open_archive(location).close()
    before = table_rows(location)
    db = raw_database(location)
    assert not db.rows("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")  # never analyzed
    db.close()
    with open_archive(location) as archive:
        analyzed = {row["idx"] for row in archive.db.rows("SELECT idx FROM sqlite_stat1")}
        assert {"statements_facets", "statements_by_document", "documents_by_id"} <= analyzed
    after = table_rows(location)
    assert without_version_10(before, after) == VERSION_1_PERSON_COUNTS
    assert after == before


def test_a_version_8_archive_drops_its_band_keys_and_reclusters_on_the_next_run(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zitat.tracking import cluster_archive

    write_v1_archive(location)
    with monkeypatch.context() as patch:
        patch.setattr("zitat.store.migrations.SCHEMA_VERSION", 8)
        with open_archive(location) as archive:
            db = archive.db
            # clusters as versions 6 to 8 stored them: every statement its own, with its band keys
            for row in db.rows("SELECT id FROM statements"):
                db.execute("UPDATE statements SET cluster_id = ? WHERE id = ?", (row["id"], row["id"]))
                db.execute("INSERT INTO clusters VALUES (?, ?, ?, NULL, 1, 1, 1, 1, 0, 1)", (row["id"],) * 3)
                db.execute("INSERT INTO statement_signatures VALUES (?, ?)", (row["id"], b"\0" * 192))
            for name, value in (("statement", 5), ("occurrence", 3), ("correction", 0)):
                db.execute("INSERT INTO tracking_state VALUES (?, ?)", (name, value))
    with open_archive(location) as archive:
        db = archive.db
        assert db.value("SELECT max(version) AS v FROM schema_version") == SCHEMA_VERSION == 10
        assert db.value("SELECT count(*) AS n FROM clusters") == 5  # still shown until reclustered
        run = cluster_archive(db)
        assert run.mode == "full" and "earlier tracking method" in run.reason
        assert db.value("SELECT count(*) AS n FROM statement_wordings") == 5
        with pytest.raises(Exception, match="statement_signatures"):
            db.execute("SELECT * FROM statement_signatures")


def test_a_version_9_archive_finds_words_after_quotation_marks_and_gets_its_person_counts(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 9 indexed the folded text with its quotation marks, which PostgreSQL's parser (on a
    server of the C locale) took for letters, and counted no person statements per document."""
    organization = quote("org", "Die Bundesregierung", "Die Lage ist ernst")
    organization["statements"][0]["speaker"]["type"] = "organization"
    with monkeypatch.context() as patch:
        patch.setattr("zitat.store.migrations.SCHEMA_VERSION", 9)
        patch.setattr("zitat.store.database.fold_for_search", fold)  # how version 9 folded
        patch.setattr("zitat.store.archive.recount_document", lambda db, num: None)  # not counted yet
        with open_archive(location) as archive:
            for number, marks in enumerate(QUOTATION_MARKS):
                archive.store(quoted(number, *marks), "v9.jsonl")
            archive.store(organization, "v9.jsonl")
            missed = archive.count("klimaschutz")
            locale = archive.db.value("SHOW lc_ctype") if archive.db.dialect == "postgres" else None
    if locale in ("C", "POSIX"):
        assert missed == 0  # „Klimaschutz was one word
    with open_archive(location) as archive:
        db = archive.db
        assert db.value("SELECT max(version) AS v FROM schema_version") == SCHEMA_VERSION == 10
        for number, (_, _, message) in enumerate(QUOTATION_MARKS):
            first = message.split()[0]
            assert [row["document_id"] for row in archive.search(first)] == [f"q{number}"], first
            assert [row["id"] for row in archive.documents(first)] == [f"q{number}"], first
        counts = db.rows(f"SELECT id, {', '.join(PERSON_COUNTS)} FROM documents ORDER BY id")
        assert [tuple(row.values()) for row in counts] == [
            ("org", 0, 0, 0, 0),
            *[(f"q{number}", 1, 0, 0, 1) for number in range(len(QUOTATION_MARKS))],  # gender unknown
        ]
        assert archive.timeline(by_gender=True) == archive.timeline(by_gender=True, type="person")
