"""``zitat spark cluster``: Spark's clusters equal the single-machine clusters (``zitat cluster``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from zitat.spark.clusters import run_cluster
from zitat.store import open_archive
from zitat.tracking import cluster_archive

from ..tracking.fixtures import FRAGMENT, Said, document, fragments, store
from ..tracking.test_update import spahn_coverage

REPEATED = "Wir müssen die Kontakte weiter beschränken, bis die Zahlen deutlich sinken"


def sample() -> list[dict[str, Any]]:
    """The dpa quote across outlets, short messages of several speakers, a quote repeated in its article,
    reports that differ in their figures, a fragment of the dpa quote credited to nobody in an article
    that names Spahn and in one that does not, and unrelated statements."""
    short = [
        document(f"kurz-{i}", outlet, f"2020-05-0{i + 1}", Said(name, "Das ist falsch" + "!" * i))
        for i, (outlet, name) in enumerate(
            [
                ("Zeit", "Angela Merkel"),
                ("SZ", "Olaf Scholz"),
                ("rubikon", "Angela Merkel"),
                ("compact", None),
            ]
        )
    ]
    # one article repeats a quote; two daily reports differ in their figures only
    repeated = document("wiederholt", "Zeit", "2021-01-04", Said("Angela Merkel", REPEATED),
                        Said("Angela Merkel", f"Noch einmal: {REPEATED}"))  # fmt: skip
    reports = [
        document(f"rki-{day}", "SZ", f"2020-10-0{day}", Said(None, f"Seit Beginn der Pandemie haben sich {cases} "
                 "Menschen in Hamburg mit dem Virus angesteckt", "Indirect"))
        for day, cases in ((1, 5174), (2, 5231))
    ]  # fmt: skip
    return [*spahn_coverage(), *short, repeated, *reports, *fragments()]


def test_spark_clusters_equal_the_single_machine_clusters(spark: Any, tmp_path: Path) -> None:
    path = str(tmp_path / "sample.db")
    with open_archive(path) as archive:
        store(archive, *sample())
        cluster_archive(archive.db)
        rows = archive.db.rows("SELECT id, document_id, message, cluster_id FROM statements ORDER BY id")
        expected = {row["id"]: row["cluster_id"] for row in rows}
    by_document = {row["document_id"]: row["cluster_id"] for row in rows}
    assert len({row["cluster_id"] for row in rows if row["document_id"] == "wiederholt"}) == 1
    assert by_document["rki-1"] != by_document["rki-2"]
    fragments = {row["document_id"]: row["cluster_id"] for row in rows if row["message"] == FRAGMENT}
    assert fragments["fragment-1"] == by_document["sz-1"] != fragments["fragment-2"]  # the dpa quote's
    summary = run_cluster(spark, path, str(tmp_path / "out"))
    table = pq.read_table(tmp_path / "out" / "clusters").to_pylist()
    found = {row["statement_id"]: row["cluster_id"] for row in table}
    assert found == expected and summary.statements == len(expected) == 20
    assert summary.clusters == len(set(expected.values())) < len(expected)  # some statements were linked


def test_a_missing_archive_is_an_error_before_spark_starts(tmp_path: Path, capsys: Any) -> None:
    from zitat.cli import main

    assert main(["spark", "cluster", str(tmp_path / "out"), "--db", str(tmp_path / "nowhere.db")]) == 1
    assert "no archive at" in capsys.readouterr().err
