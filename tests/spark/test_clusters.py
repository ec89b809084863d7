"""``zitat spark cluster``: Spark's clusters equal the single-machine clusters (``zitat cluster``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from zitat.spark.clusters import run_cluster
from zitat.store import open_archive
from zitat.tracking import cluster_archive

from ..tracking.fixtures import Said, document, store
from ..tracking.test_update import spahn_coverage


def sample() -> list[dict[str, Any]]:
    """The dpa quote across outlets, short messages of several speakers, and unrelated statements."""
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
    return [*spahn_coverage(), *short]


def test_spark_clusters_equal_the_single_machine_clusters(spark: Any, tmp_path: Path) -> None:
    path = str(tmp_path / "sample.db")
    with open_archive(path) as archive:
        store(archive, *sample())
        cluster_archive(archive.db)
        expected = {
            row["id"]: row["cluster_id"] for row in archive.db.rows("SELECT id, cluster_id FROM statements")
        }
    summary = run_cluster(spark, path, str(tmp_path / "out"))
    table = pq.read_table(tmp_path / "out" / "clusters").to_pylist()
    found = {row["statement_id"]: row["cluster_id"] for row in table}
    assert found == expected and summary.statements == len(expected) == 12
    assert summary.clusters == len(set(expected.values())) < len(expected)  # some statements were linked


def test_a_missing_archive_is_an_error_before_spark_starts(tmp_path: Path, capsys: Any) -> None:
    from zitat.cli import main

    assert main(["spark", "cluster", str(tmp_path / "out"), "--db", str(tmp_path / "nowhere.db")]) == 1
    assert "no archive at" in capsys.readouterr().err
