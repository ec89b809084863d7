"""``zitat spark cluster --db ARCHIVE OUTPUT``: statement clusters as a Spark job, written to Parquet.

The MinHash band keys of every distinct wording are computed in the executors (the same numpy code and
fixed permutations as ``zitat cluster``), and the wordings that share a key are found by a join on
(band, key) in Spark: the two steps whose cost grows with the corpus. The candidate pairs come back to
the driver, which checks and assigns them exactly as ``zitat.tracking.clustering.assign`` does, so
the clusters equal those of ``zitat cluster --full`` on the same archive.

Output: ``OUTPUT/clusters``, one row per statement: ``statement_id``, ``cluster_id`` (the id of the
cluster's first statement, as in ``statements.cluster_id``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from pyspark.sql import SparkSession

from zitat.store import open_archive
from zitat.tracking.clustering import assign, wordings
from zitat.tracking.minhash import BANDS, band_keys
from zitat.tracking.update import stored_statements
from zitat.tracking.wording import shingles


@dataclass
class SparkClusters:
    statements: int
    clusters: int
    candidate_pairs: int
    output: str

    def describe(self) -> str:
        return (
            f"{self.statements:,} statements in {self.clusters:,} clusters "
            f"({self.candidate_pairs:,} candidate pairs); Parquet dataset in {self.output}"
        )


def _band_rows(rows: Iterable[Any]) -> Iterator[tuple[int, int, int]]:
    """(text, band, key) for each wording of a partition."""
    numbered = [(int(row[0]), tuple(row[1])) for row in rows]
    if not numbered:
        return
    keys = band_keys([shingles(words) for _, words in numbered])
    for (text, _), row_keys in zip(numbered, keys.tolist(), strict=True):
        for band in range(BANDS):
            yield text, band, int(row_keys[band])


def run_cluster(spark: SparkSession, location: str, output: str, *, overwrite: bool = False) -> SparkClusters:
    with open_archive(location) as archive:
        statements = stored_statements(archive.db)
    texts = [(number, list(words)) for number, words in enumerate(wordings(statements))]
    frame = spark.createDataFrame(texts, "text INT, words ARRAY<STRING>")
    keys = frame.rdd.mapPartitions(_band_rows).toDF("text INT, band INT, key LONG")
    left, right = keys.alias("a"), keys.alias("b")
    pairs = (
        left.join(right, ["band", "key"])
        .where("a.text < b.text")
        .selectExpr("a.text AS first", "b.text AS second")
        .distinct()
    )
    found = sorted((int(row["first"]), int(row["second"])) for row in pairs.collect())
    text_pairs = np.array(found, dtype=np.int64).reshape(-1, 2)
    assignment = assign(statements, text_pairs=text_pairs)
    rows = sorted(assignment.clusters.items())
    spark.createDataFrame(rows, "statement_id LONG, cluster_id LONG").coalesce(1).write.mode(
        "overwrite" if overwrite else "errorifexists"
    ).parquet(f"{output.rstrip('/')}/clusters")
    return SparkClusters(len(rows), len(set(assignment.clusters.values())), len(found), output)
