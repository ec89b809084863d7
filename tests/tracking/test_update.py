"""Clustering an archive: one dpa quote across outlets (shortened, altered, credited to another
speaker), short messages, flags, and incremental updates equal to a full recompute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zitat.store import open_archive
from zitat.store.archive import Archive
from zitat.tracking import cluster_archive

from .fixtures import (
    ALTERED,
    DPA_QUOTE,
    FRAGMENT,
    SHORTENED,
    SPAHN,
    Said,
    clusters_by_message,
    document,
    fragments,
    store,
)

UNRELATED = "Die Schulen bleiben bis zu den Osterferien geschlossen, das hat das Kabinett beschlossen"


def spahn_coverage() -> list[dict[str, Any]]:
    """The dpa quote in four outlets and a blog, each article with other statements around it."""
    return [
        document("ts-1", "Tagesspiegel", "2020-12-20", Said(SPAHN, DPA_QUOTE), Said("Markus Söder", UNRELATED)),
        document("zeit-1", "Zeit", "2020-12-20", Said(None, "Die Lieferungen beginnen am Samstag"),
                 Said(SPAHN, DPA_QUOTE)),
        document("sz-1", "SZ", "2020-12-21", Said(SPAHN, SHORTENED)),
        document("jw-1", "journalistenwatch", "2020-12-22", Said(SPAHN, ALTERED)),
        document("rt-1", "de.rt.com", "2020-12-23", Said("Karl Lauterbach", DPA_QUOTE)),
        document("blog-1", "politikstube", "2020-12-23", Said(None, DPA_QUOTE)),
    ]  # fmt: skip


def cluster_rows(archive: Archive) -> list[dict[str, Any]]:
    return archive.db.rows("SELECT * FROM clusters ORDER BY id")


def test_one_agency_quote_across_outlets_is_one_cluster_with_its_flags(location: str) -> None:
    with open_archive(location) as archive:
        store(archive, *spahn_coverage())
        run = cluster_archive(archive.db)
        assert (run.mode, run.statements) == ("full", 8)
        rows = archive.db.rows("SELECT id, document_id, message, cluster_id FROM statements ORDER BY id")
        spahn = {row["cluster_id"] for row in rows if "Impfstoffe" in row["message"]}
        assert len(spahn) == 1  # verbatim, shortened, altered, another speaker, anonymous: one utterance
        others = [row["cluster_id"] for row in rows if "Impfstoffe" not in row["message"]]
        assert len(set(others)) == 2 and not spahn & set(others)
        (cluster,) = [row for row in cluster_rows(archive) if row["id"] in spahn]
    first = rows[0]["id"]
    assert cluster["id"] == first and cluster["first_statement_id"] == first
    assert (cluster["size"], cluster["documents"], cluster["outlets"]) == (6, 6, 6)
    assert cluster["first_published"] == "2020-12-20"
    assert cluster["altered_quotes"] == 1  # journalistenwatch's „niemals“; the shortened one is no change
    assert cluster["named_speakers"] == 2  # Spahn and Lauterbach; the anonymous source does not count
    assert cluster["canonical_statement_id"] == first  # the wording three of six carry


def test_short_messages_join_only_the_same_named_speaker(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        store(
            archive,
            document("a", "Zeit", "2020-05-01", Said("Angela Merkel", "Das ist falsch")),
            document("b", "SZ", "2020-05-02", Said("Olaf Scholz", "Das ist falsch")),
            # another text (an identical one would be an occurrence of document a)
            document("c", "Tagesspiegel", "2020-05-02", Said("Angela Merkel", "Das ist falsch!")),
            document("d", "rubikon", "2020-05-03", Said(None, "Das ist falsch")),
            document(
                "e", "compact", "2020-05-03", Said("Olaf Scholz", "Das ist falsch und gefährlich für alle")
            ),
        )
        cluster_archive(archive.db)
        found = [
            row["cluster_id"] for row in archive.db.rows("SELECT cluster_id FROM statements ORDER BY id")
        ]
    merkel, scholz, merkel_again, anonymous, scholz_longer = found
    assert merkel == merkel_again and scholz == scholz_longer
    assert len({merkel, scholz, anonymous}) == 3


def test_an_article_that_repeats_a_quote_carries_one_utterance(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        store(archive, document("a", "Zeit", "2020-05-01", Said(SPAHN, DPA_QUOTE), Said(SPAHN, SHORTENED)))
        cluster_archive(archive.db)
        assert len(set(clusters_by_message(archive).values())) == 1


def test_the_outlets_own_voice_and_a_quotes_run_on_are_left_out(tmp_path: Path) -> None:
    promotion = "Sie hier unsere App für Apple- und Android-Geräte herunterladen können"
    quote = "Wir brauchen jetzt Geduld, denn die Impfstoffe kommen erst im Frühjahr"
    with open_archive(tmp_path / "a.db") as archive:
        store(
            archive,
            document("a", "Tagesspiegel", "2020-12-01", Said(None, promotion, "Indirect", source="wir"),
                     Said(SPAHN, f"„{quote}“ und dann erst die Lehrer und Erzieher in allen Ländern der Republik")),
            document("b", "Tagesspiegel", "2020-12-02", Said(None, promotion, "Indirect", source="wir"),
                     Said(SPAHN, f"„{quote}“ hieß es am Montag aus dem Gesundheitsministerium in Berlin nach der Sitzung")),
        )  # fmt: skip
        cluster_archive(archive.db)
        rows = archive.db.rows("SELECT message, cluster_id FROM statements ORDER BY id")
    promotions = [row["cluster_id"] for row in rows if row["message"] == promotion]
    quotes = [row["cluster_id"] for row in rows if row["message"].startswith(f"„{quote}")]
    assert len(set(promotions)) == 2  # the same words, but nobody's utterance
    assert len(quotes) == 2 and len(set(quotes)) == 1  # the same quoted words: the rest ran on past the quote


def test_clusters_of_an_earlier_tracking_method_are_recomputed(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        store(archive, *spahn_coverage())
        cluster_archive(archive.db)
        archive.db.execute("UPDATE tracking_state SET value = 1 WHERE name = 'method'")
        run = cluster_archive(archive.db)
        assert run.mode == "full" and "earlier tracking method" in run.reason
        assert cluster_archive(archive.db).mode == "incremental"


def snapshot(archive: Archive) -> tuple[list[dict[str, Any]], ...]:
    db = archive.db
    return (
        db.rows("SELECT id, cluster_id FROM statements ORDER BY id"),
        cluster_rows(archive),
        db.rows("SELECT statement_id, wording FROM statement_wordings ORDER BY statement_id"),
        db.rows("SELECT shingle, wording, size FROM wording_shingles ORDER BY shingle, wording"),
    )


def test_incremental_updates_equal_a_full_recompute(location: str) -> None:
    coverage = spahn_coverage()
    with open_archive(location) as archive:
        store(archive, *coverage[:2])
        assert cluster_archive(archive.db).mode == "full"
        store(archive, *coverage[2:4])
        second = cluster_archive(archive.db)
        assert (second.mode, second.statements) == ("incremental", 2)
        store(archive, *coverage[4:])
        assert cluster_archive(archive.db).statements == 2
        store(archive, *fragments())  # short, credited to nobody: linked by the names of their articles
        assert cluster_archive(archive.db).statements == 4
        assert cluster_archive(archive.db).statements == 0  # nothing new
        incremental = snapshot(archive)
        assert cluster_archive(archive.db, full=True).mode == "full"
        assert snapshot(archive) == incremental
        assert len(incremental[0]) == 12 and all(row["cluster_id"] for row in incremental[0])
        fragment_clusters = archive.db.rows("SELECT cluster_id FROM statements WHERE message = ? ORDER BY id",
                                            (FRAGMENT,))  # fmt: skip
        spahn = archive.db.value("SELECT cluster_id FROM statements WHERE document_id = 'sz-1'")
        assert [row["cluster_id"] == spahn for row in fragment_clusters] == [True, False]


def test_a_new_occurrence_updates_the_cluster_without_new_statements(tmp_path: Path) -> None:
    coverage = spahn_coverage()
    with open_archive(tmp_path / "a.db") as archive:
        store(archive, *coverage)
        cluster_archive(archive.db)
        carried = coverage[2]  # the SZ text, published again by compact a day earlier than SZ
        carried["document"].update(outlet="compact", url="https://compact.example/1", published="2020-12-19")
        assert archive.store(carried, "compact.json").outcome == "occurrence"
        run = cluster_archive(archive.db)
        assert (run.mode, run.statements, run.clusters_touched) == ("incremental", 0, 1)
        (cluster,) = [row for row in cluster_rows(archive) if row["size"] == 6]
    assert (cluster["outlets"], cluster["occurrences"], cluster["first_published"]) == (7, 7, "2020-12-19")


def test_re_extracted_statements_make_the_next_run_a_full_one(tmp_path: Path) -> None:
    coverage = spahn_coverage()
    with open_archive(tmp_path / "a.db") as archive:
        store(archive, *coverage)
        cluster_archive(archive.db)
        archive.store(coverage[0], "again.json", reprocess=True)  # its statements get new ids
        run = cluster_archive(archive.db)
        assert run.mode == "full" and "deleted" in run.reason
        assert archive.db.value("SELECT count(*) AS n FROM statements WHERE cluster_id IS NULL") == 0
