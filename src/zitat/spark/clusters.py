"""``zitat spark cluster --db ARCHIVE OUTPUT``: statement clusters as a Spark job, written to Parquet.

The shingles of every distinct wording are computed in the executors (the same code as ``zitat
cluster``), and the pairs of wordings that share shingles, with how many they share, are found by a
join on the shingle and a count in Spark: the two steps whose cost grows with the corpus. The pairs
come back to the driver, which checks and assigns them exactly as ``zitat.tracking.clustering.assign``
does, so the clusters equal those of ``zitat cluster --full`` on the same archive.

Output: ``OUTPUT/clusters``, one row per statement: ``statement_id``, ``cluster_id`` (the id of the
cluster's first statement, as in ``statements.cluster_id``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from pyspark.sql import SparkSession

from zitat.store import open_archive
from zitat.tracking.clustering import assign, wordings
from zitat.tracking.update import DocumentNames, stored_statements
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


def _shingle_rows(rows: Iterable[Any]) -> Iterator[tuple[int, int]]:
    """(text, shingle) for each wording of a partition."""
    for row in rows:
        for shingle in shingles(tuple(row[1])):
            yield int(row[0]), shingle


def run_cluster(spark: SparkSession, location: str, output: str, *, overwrite: bool = False) -> SparkClusters:
    with open_archive(location) as archive:
        statements = stored_statements(archive.db)
        texts = [(number, list(wording.words)) for number, wording in enumerate(wordings(statements))]
        table = _shared_shingles(spark, texts)
        assignment = assign(
            statements, shared=(table[:, :2], table[:, 2]), names_of=DocumentNames(archive.db)
        )
    rows = sorted(assignment.clusters.items())
    spark.createDataFrame(rows, "statement_id LONG, cluster_id LONG").coalesce(1).write.mode(
        "overwrite" if overwrite else "errorifexists"
    ).parquet(f"{output.rstrip('/')}/clusters")
    return SparkClusters(len(rows), len(set(assignment.clusters.values())), len(table), output)


def _shared_shingles(spark: SparkSession, texts: list[tuple[int, list[str]]]) -> npt.NDArray[np.int64]:
    """(first, second, shared) for every pair of wordings that share shingles: a join on the shingle
    and a count in Spark."""
    frame = spark.createDataFrame(texts, "text INT, words ARRAY<STRING>")
    postings = frame.rdd.mapPartitions(_shingle_rows).toDF("text INT, shingle LONG")
    left, right = postings.alias("a"), postings.alias("b")
    pairs = (
        left.join(right, "shingle")
        .where("a.text < b.text")
        .groupBy("a.text", "b.text")
        .count()
        .toDF("first", "second", "shared")
    )
    found = sorted((int(row["first"]), int(row["second"]), int(row["shared"])) for row in pairs.collect())
    return np.array(found, dtype=np.int64).reshape(-1, 3)
