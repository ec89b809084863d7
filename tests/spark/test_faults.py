"""The fault matrix, Spark part (docs/reliability.md): a Python worker killed mid-partition. Spark tries
the task again, and the Parquet datasets hold every document, statement and speaker once (the job writes
through Spark's output committer, which keeps only the files of the attempt that succeeded)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")

from pyspark import TaskContext

from zitat.ingest.article import Article, Failure
from zitat.spark import job

DYING_PARTITION = 1
ROWS_BEFORE_DYING = 2


def dying_once(records: Iterable[Article | Failure], model: str, marker: str) -> Iterator[dict[str, Any]]:
    """``extract_partition``, except that its first attempt at one partition dies after a few rows, as a
    worker that the OOM killer ends: no exception, no cleanup. ``marker`` records that it did."""
    context = TaskContext.get()
    assert context is not None  # runs in a task
    for number, row in enumerate(job.extract_partition(records, model)):
        if (context.partitionId(), context.attemptNumber(), number) == (
            DYING_PARTITION,
            0,
            ROWS_BEFORE_DYING,
        ):
            Path(marker).write_text(f"task {context.taskAttemptId()} died after {number} rows\n")
            os._exit(1)
        yield row


def test_a_task_killed_mid_partition_is_retried_and_every_document_written_once(
    spark: Any, german_articles: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "nachrichten.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in german_articles), "utf-8")
    marker, out = tmp_path / "died", tmp_path / "out"
    monkeypatch.setattr(job, "extract_partition", partial(dying_once, marker=str(marker)))
    summary = job.run_extract(spark, str(source), str(out), partitions=4)
    assert marker.read_text().endswith(f"died after {ROWS_BEFORE_DYING} rows\n")  # the fault happened

    documents = pq.read_table(out / "documents").to_pylist()
    ids = [row["id"] for row in documents]
    assert len(ids) == len(set(ids)) == len(german_articles) == summary.documents
    assert {row["text"] for row in documents} == {article["text"] for article in german_articles}
    statements = [
        (row["document_id"], row["statement_id"]) for row in pq.read_table(out / "statements").to_pylist()
    ]
    assert len(statements) == len(set(statements)) == summary.statements > len(german_articles)
    speakers = [row["speaker_key"] for row in pq.read_table(out / "speakers").to_pylist()]
    assert len(speakers) == len(set(speakers)) == summary.speakers
    assert summary.failures == 0
    for dataset in job.DATASETS:  # committed: no file of the dead attempt is left behind
        assert (out / dataset / "_SUCCESS").exists() and not (out / dataset / "_temporary").exists()
