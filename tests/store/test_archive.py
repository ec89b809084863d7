"""The archive on SQLite and PostgreSQL alike: storing, idempotence, search, speakers, stats, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from zitat.errors import ZitatError
from zitat.store import open_archive
from zitat.store.schema import SCHEMA_VERSION

from .articles import article, quote, write_jsonl
from .extractor import MODEL


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "news.jsonl", [article(n) for n in range(12)])


def test_ingest_stores_every_document_with_its_statements(location: str, corpus: Path) -> None:
    with open_archive(location) as archive:
        summary = archive.ingest([corpus], model=MODEL)
        assert (summary.ingested, summary.duplicates, summary.failed) == (12, 0, 0)
        assert summary.statements == 24 and archive.count() == 24
        assert summary.words > 12 * 30
        record = archive.document("art-3")
    assert record is not None
    assert record["document"]["outlet"] == "Morgenpost" and record["model"] == MODEL
    direct = record["statements"][0]
    assert direct["speaker"]["name"] == "Jürgen Öztürk"
    text = record["document"]["text"]
    span = direct["message"]["spans"][0]
    assert text[span["start"] : span["end"]] == direct["message"]["text"]
    assert text.startswith("Die Debatte") and direct["id"] == "s1"


def test_ingesting_again_stores_nothing_twice_and_reprocess_replaces(location: str, corpus: Path) -> None:
    with open_archive(location) as archive:
        archive.ingest([corpus], model=MODEL)
        again = archive.ingest([corpus], model=MODEL)
        assert (again.ingested, again.duplicates) == (0, 12)
        redone = archive.ingest([corpus], model=MODEL, reprocess=True)
        assert (redone.ingested, redone.reprocessed) == (0, 12)
        assert archive.count() == 24
        assert archive.stats()["documents"] == 12


def test_same_url_or_same_text_is_one_document(location: str, tmp_path: Path) -> None:
    first = article(1)
    same_url = {**article(2), "url": first["url"]}
    same_text = {**first, "id": "copy", "url": "https://mirror.example/1"}
    path = write_jsonl(tmp_path / "dups.jsonl", [first, same_url, same_text])
    with open_archive(location) as archive:
        summary = archive.ingest([path], model=MODEL)
        # the same text at another URL is another publication of the one document
        assert (summary.ingested, summary.occurrences, summary.duplicates) == (1, 1, 1)
        assert archive.stats()["documents"] == 1 and archive.stats()["occurrences"] == 2


def test_clashing_ids_of_different_documents_both_kept(location: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "ids.jsonl", [article(1), {**article(2), "id": "art-1"}])
    with open_archive(location) as archive:
        summary = archive.ingest([path], model=MODEL)
        assert summary.ingested == 2
        assert summary.document_ids[0] == "art-1" and summary.document_ids[1].startswith("art-1-")


def test_search_is_case_umlaut_and_prefix_insensitive(location: str, corpus: Path) -> None:
    with open_archive(location) as archive:
        archive.ingest([corpus], model=MODEL)
        assert archive.count("Klimaschutz") == 3  # articles 0, 5, 10
        assert archive.count("klima") == 3
        assert archive.count("KLIMASCHUTZ tempo") == 3
        assert archive.count("Müller") == archive.count("MUELLER") == archive.count("mül") == 3
        assert archive.count("Öztürk") == archive.count("oeztuerk") == 3
        assert archive.count("sprecher") == 12  # the anonymous source mention
        assert archive.count("Quantenphysik") == 0
        assert archive.search("Weiß")[0]["speaker"] == "Julia Weiß"


def test_search_filters_and_order(location: str, corpus: Path) -> None:
    with open_archive(location) as archive:
        archive.ingest([corpus], model=MODEL)
        hits = archive.search(limit=100)
        assert [h["published"] for h in hits] == sorted((h["published"] for h in hits), reverse=True)
        assert archive.count(type="anonymous") == 12
        assert archive.count(speaker="anna") == 3 and archive.count(speaker="Schmidt", form="Direct") == 3
        assert archive.count(form="Indirect") == 0
        assert archive.count(outlet="tagesblatt") == 12
        assert archive.count(since="2024-06") == 4  # articles 5 and 11, two statements each
        assert archive.count(until="2024-01") == 4  # articles 0 and 6
        page = archive.search(limit=5, offset=20)
        assert len(page) == 4


def test_search_orders_by_date_undated_last_or_by_confidence(location: str) -> None:
    dated = {"alt": "2016-03-01", "neu": "2024-05-02", "ohne": None, "mitte": "2020-01"}
    sure = {"alt": 0.5, "neu": 0.7, "ohne": 0.99, "mitte": 0.6}
    with open_archive(location) as archive:
        for doc_id, published in dated.items():
            record = quote(doc_id, "Angela Merkel", f"Wir schaffen das ({doc_id})", published)
            record["statements"][0]["confidence"] = sure[doc_id]
            archive.store(record, source="test")

        def order(sort: str | None = None, **filters: str) -> list[str]:
            chosen = {"sort": sort} if sort else {}
            return [hit["document_id"] for hit in archive.search(limit=None, **chosen, **filters)]

        assert order() == ["neu", "mitte", "alt", "ohne"]  # newest first: the default
        assert order("oldest") == ["alt", "mitte", "neu", "ohne"]  # undated last either way
        assert order("confidence") == ["ohne", "neu", "mitte", "alt"]
        speaker = str(archive.find_speaker("Angela Merkel")["id"])
        assert order(speaker=speaker) == ["neu", "mitte", "alt", "ohne"]
        assert [h["position"] for h in archive.search(limit=1)] == [0]  # the statement's place: s1
        with pytest.raises(ValueError, match="unknown sort"):
            archive.search(sort="random")


def test_a_speaker_name_matches_from_the_start_of_a_word(location: str) -> None:
    names = ["Angela Merkel", "Dem Merkel-Berater", "Ulrike Merkelbach", "Nato-Generalsekretär Jens Stoltenberg",
             "Anna 100%_Müller"]  # fmt: skip
    with open_archive(location) as archive:
        for n, name in enumerate(names):
            archive.store(quote(f"n{n}", name, f"Wir prüfen das ({n})"), source="test")

        def found(speaker: str) -> set[str]:
            return {hit["speaker"] for hit in archive.search(speaker=speaker, limit=None)}

        assert found("Merkel") == {"Angela Merkel", "Ulrike Merkelbach"}  # a word, or its start
        assert found("merkel-berater") == found("Dem Merkel-B") == {"Dem Merkel-Berater"}
        assert found("angela merkel") == {"Angela Merkel"} and found("gela") == set()
        assert found("Stoltenberg") == found("nato-generalsekretär") == {names[3]}
        assert found("Generalsekretär") == set()  # the second part of a hyphenated word
        assert found("100%_mü") == {"Anna 100%_Müller"} and found("100%x") == set()  # no wildcards
        assert archive.count(speaker="MERKEL") == 2


def test_gender_shares_count_statements_and_people_apart(location: str) -> None:
    voices = [("a1", "Anna Berger", "female"), ("a2", "Anna Berger", "female"), ("a3", "Anna Berger", "female"),
              ("b1", "Paul Huber", "male")]  # fmt: skip
    with open_archive(location) as archive:
        for doc_id, name, gender in voices:
            record = quote(doc_id, name, f"Wir prüfen das ({doc_id})")
            record["statements"][0]["speaker"]["gender"] = gender
            archive.store(record, source="test")
        stats = archive.stats()
    assert stats["person_gender_shares"] == {"female": 0.75, "male": 0.25}  # three of four statements
    assert stats["person_speaker_gender_shares"] == {"female": 0.5, "male": 0.5}  # one of two people


def test_speakers_and_stats(location: str, corpus: Path) -> None:
    with open_archive(location) as archive:
        archive.ingest([corpus], model=MODEL)
        speakers = archive.speakers(top=10)
        by_name = {s["name"]: s for s in speakers}
        assert by_name["Anna Schmidt"]["statements"] == 3
        assert by_name["Anna Schmidt"]["forms"] == {"Direct": 3}
        assert by_name["Anna Schmidt"]["first_seen"] == "2024-01-01"
        assert by_name["Anna Schmidt"]["outlets"] == {"Tagesblatt": 3}
        assert all(s["type"] != "anonymous" for s in speakers)  # „ein Sprecher“ names nobody
        everyone = archive.speakers(top=10, unresolved=True)
        assert everyone[0]["type"] == "anonymous" and everyone[0]["statements"] == 12
        assert archive.speakers(top=10, since="2024-06", unresolved=True)[0]["statements"] == 2
        one = archive.speaker(by_name["Peter Müller"]["id"])
        assert one is not None and one["statements"] == 3 and sum(one["months"].values()) == 3
        assert archive.co_speakers(by_name["Peter Müller"]["id"]) == []  # only „ein Sprecher“, named nobody
        [anonymous] = archive.co_speakers(by_name["Peter Müller"]["id"], unresolved=True)
        assert anonymous["type"] == "anonymous" and anonymous["documents"] == 3
        stats = archive.stats()
    assert stats["documents"] == 12 and stats["statements"] == 24
    assert stats["anonymous_share"] == 0.5
    assert stats["person_gender_shares"] == {"female": 0.5, "male": 0.5}
    assert stats["person_speaker_gender_shares"] == {"female": 0.5, "male": 0.5}
    assert {o["outlet"] for o in stats["top_outlets"]} == {"Tagesblatt", "Morgenpost"}
    assert sum(stats["statements_per_month"].values()) == 24 and "2024-03" in stats["statements_per_month"]


def test_unresolved_sources_are_no_speakers_unless_asked_for(location: str, tmp_path: Path) -> None:
    record = article(0) | {
        "id": "er",
        "text": "„Das bleibt so“, sagte er. „Wir prüfen das“, sagte Anna Schmidt.",
    }
    with open_archive(location) as archive:
        archive.ingest([write_jsonl(tmp_path / "er.jsonl", [record])], model=MODEL)
        listed = [s["name"] for s in archive.speakers(top=10)]
        everyone = [(s["name"], s["type"]) for s in archive.speakers(top=10, unresolved=True)]
    assert listed == ["Anna Schmidt"]
    assert ("er", "unknown") in everyone and len(everyone) == 2


def test_document_search_finds_titles_and_text(location: str, corpus: Path) -> None:
    with open_archive(location) as archive:
        archive.ingest([corpus], model=MODEL)
        assert {d["id"] for d in archive.documents("Haushalt")} == {"art-1", "art-6", "art-11"}
        assert len(archive.documents("regierung entwurf", limit=50)) == 12


def test_exports_have_one_row_per_statement(location: str, corpus: Path, tmp_path: Path) -> None:
    with open_archive(location) as archive:
        archive.ingest([corpus], model=MODEL)
        text = io.StringIO()
        assert archive.export(text, "csv", speaker="Anna") == 3
        rows = list(csv.DictReader(io.StringIO(text.getvalue())))
        assert len(rows) == 3 and rows[0]["speaker"] == "Anna Schmidt"
        lines = io.StringIO()
        assert archive.export(lines, "jsonl") == 24
        assert all(json.loads(line)["document_id"] for line in lines.getvalue().splitlines())
        pq = pytest.importorskip("pyarrow.parquet")
        with (tmp_path / "out.parquet").open("wb") as out:
            archive.export(out, "parquet", form="Direct")
        table = pq.read_table(tmp_path / "out.parquet")
    assert table.num_rows == 24 and "message" in table.column_names


def test_authors_are_stored_filtered_counted_and_exported(location: str, tmp_path: Path) -> None:
    records = [
        {**article(1), "author": "Anna Schmidt"},
        {**article(2), "author": ["Peter Müller", "Anna Schmidt"]},
        {**article(3), "author": "Anna Schmidtke"},
        {**article(4), "author": {"name": "Anna Schmidt"}},  # not a name: dropped, the article is kept
        {**article(5), "author": "100%_Redaktion"},
        article(6),
    ]
    path = write_jsonl(tmp_path / "authors.jsonl", records)
    with open_archive(location) as archive:
        assert archive.ingest([path], model=MODEL).ingested == 6
        assert archive.document("art-2")["document"]["author"] == "Peter Müller, Anna Schmidt"
        assert archive.document("art-4")["document"]["author"] is None
        assert {d["author"] for d in archive.documents(limit=10)} == {
            "Anna Schmidt", "Peter Müller, Anna Schmidt", "Anna Schmidtke", "100%_Redaktion", None
        }  # fmt: skip
        # the whole name, case-insensitive, alone or one of several; not a part of a name
        hits = archive.search(author="ANNA  schmidt", limit=None)
        assert {h["document_id"] for h in hits} == {"art-1", "art-2"} and len(hits) == 4
        assert {h["author"] for h in hits} == {"Anna Schmidt", "Peter Müller, Anna Schmidt"}
        assert archive.count(author="Peter Müller") == 2 and archive.count(author="Schmidt") == 0
        # LIKE wildcards in a name are plain characters
        assert archive.count(author="100%_Redaktion") == 2
        assert archive.count(author="100%") == 0 and archive.count(author="1__%_redaktion") == 0
        assert archive.count("Tempo", author="Anna Schmidt", outlet="Morgenpost") == 1
        assert archive.stats(author="Anna Schmidt")["documents_with_statements"] == 2
        assert {s["statements"] for s in archive.speakers(author="Anna Schmidtke")} == {1}
        text = io.StringIO()
        assert archive.export(text, "csv", author="Anna Schmidt") == 4
        rows = list(csv.DictReader(io.StringIO(text.getvalue())))
        assert list(rows[0])[:5] == ["id", "document_id", "title", "outlet", "author"]
        assert {r["author"] for r in rows} == {"Anna Schmidt", "Peter Müller, Anna Schmidt"}
        lines = io.StringIO()
        assert archive.export(lines, "jsonl") == 12
        exported = [json.loads(line) for line in lines.getvalue().splitlines()]
        assert sorted({row["document_id"]: row["author"] for row in exported}.items()) == [
            ("art-1", "Anna Schmidt"), ("art-2", "Peter Müller, Anna Schmidt"), ("art-3", "Anna Schmidtke"),
            ("art-4", None), ("art-5", "100%_Redaktion"), ("art-6", None),
        ]  # fmt: skip
        pq = pytest.importorskip("pyarrow.parquet")
        with (tmp_path / "out.parquet").open("wb") as out:
            archive.export(out, "parquet", author="Peter Müller")
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column("author").to_pylist() == ["Peter Müller, Anna Schmidt"] * 2


def test_extracted_documents_with_a_bad_author_are_stored_without_it(location: str) -> None:
    from .articles import quote

    bad, listed = quote("bad-1", "Olaf Scholz", "Wir handeln"), quote("list-1", "Olaf Scholz", "Wir warten")
    bad["document"]["author"] = 123
    listed["document"]["author"] = ["Anna Schmidt", "Peter Müller"]
    with open_archive(location) as archive:
        archive.store(bad, "x.jsonl:1")
        archive.store(listed, "x.jsonl:2")
        assert archive.document("bad-1")["document"]["author"] is None
        assert archive.document("list-1")["document"]["author"] == "Anna Schmidt, Peter Müller"


def test_failures_are_recorded_once_and_listed(location: str, tmp_path: Path) -> None:
    english = {
        "id": "en",
        "text": "The minister said on Monday that the government would act quickly and decisively.",
    }
    path = write_jsonl(tmp_path / "mixed.jsonl", [article(1), english])
    with path.open("a") as extra:
        extra.write("{not json\n")
    with open_archive(location) as archive:
        summary = archive.ingest([path, tmp_path / "missing.txt"], model=MODEL)
        assert (summary.ingested, summary.non_german, summary.failed) == (1, 1, 2)
        archive.ingest([path, tmp_path / "missing.txt"], model=MODEL)
        failures = archive.failures()
    assert len(failures) == 3
    assert {f["kind"] for f in failures} == {"failed", "non_german"}
    assert any("not valid JSON" in f["reason"] for f in failures)


def test_pre_extracted_documents_are_stored_without_extraction(location: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [article(n) for n in range(3)])
    with open_archive(str(tmp_path / "first.db")) as first:
        first.ingest([source], model=MODEL)
        extracted = [first.document(f"art-{n}") for n in range(3)]
    path = write_jsonl(tmp_path / "extracted.jsonl", extracted)  # type: ignore[arg-type]
    with open_archive(location) as archive:
        summary = archive.ingest([path], model=MODEL)
        assert summary.ingested == 3 and archive.count() == 6
        assert archive.document("art-2")["statements"] == extracted[2]["statements"]  # type: ignore[index]


def test_articles_can_be_ingested_directly(location: str) -> None:
    from zitat.document import DocumentMeta
    from zitat.ingest.article import Article

    item = Article(article(4)["text"], DocumentMeta(id="direct", outlet="Web"), "upload")
    with open_archive(location) as archive:
        summary = archive.ingest([item], model=MODEL)
        assert summary.document_ids == ["direct"] and archive.count(outlet="web") == 2


def test_unknown_model_and_bad_worker_count_are_user_errors(tmp_path: Path, corpus: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        with pytest.raises(ZitatError, match="unknown model"):
            archive.ingest([corpus], model="nope")
        with pytest.raises(ZitatError, match="workers"):
            archive.ingest([corpus], model=MODEL, workers=0)


def test_schema_is_versioned_and_newer_archives_are_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "a.db"
    open_archive(path).close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        raw.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(ZitatError, match="newer"):
        open_archive(path)


def test_a_file_that_is_not_an_archive_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not a database\n" * 100)
    with pytest.raises(ZitatError, match=r"not a zitat archive|cannot open"):
        open_archive(path)


def test_min_confidence_keeps_the_statements_the_model_is_sure_of(location: str, corpus: Path) -> None:
    with open_archive(location) as archive:
        archive.ingest([corpus], model=MODEL)
        # every article: a named person's quote (confidence 1.0) and an anonymous one (0.6)
        sure = archive.search(min_confidence=0.9, limit=None)
        assert len(sure) == 12 and {h["speaker_type"] for h in sure} == {"person"}
        assert archive.count(min_confidence="0.6") == 24 and archive.count(min_confidence="1") == 12
        assert archive.count("Tempo", min_confidence=0.9) == 12
        assert archive.stats(min_confidence=0.9)["statements"] == 12
        text = io.StringIO()
        assert archive.export(text, "csv", min_confidence=0.61) == 12
        assert {float(r["confidence"]) for r in csv.DictReader(io.StringIO(text.getvalue()))} == {1.0}


def test_the_data_version_changes_when_another_connection_writes_and_not_when_it_reads(
    location: str,
) -> None:
    with open_archive(location) as writer, open_archive(location) as watcher:
        before = watcher.db.data_version()
        writer.search("Klima")
        writer.count()
        assert watcher.db.data_version() == before  # reading changes nothing
        writer.store(quote("neu", "Olaf Scholz", "Wir schaffen das"), "test")
        assert watcher.db.data_version() != before
