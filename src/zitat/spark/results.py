"""Reading a Spark result back as JSON-contract documents, without Spark (pyarrow only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zitat.errors import ZitatError
from zitat.ingest.article import Failure
from zitat.ingest.sources import Extracted
from zitat.spark.rows import document_from_row

BATCH_ROWS = 256  # documents carry their full text: small batches keep memory flat on large outputs


def read_spark_output(path: str | Path) -> Iterator[dict[str, Any]]:
    """The ``document_json`` objects of a ``zitat spark extract`` output folder, in file order.

    ``path`` is the job's OUTPUT folder (holding ``documents/``) or the ``documents`` dataset itself.
    """
    for file in spark_output_files(path):
        yield from read_spark_file(file)


def read_spark_items(path: str | Path) -> Iterator[Extracted | Failure]:
    """The documents of a Spark output folder for ``zitat ingest``: a damaged file (cut off, overwritten)
    is one failure at its first unread row, after its rows before the damage."""
    for file in spark_output_files(path):
        rows = 0
        try:
            for record in read_spark_file(file):
                rows += 1
                yield Extracted(record, f"{path}:{record['document']['id']}")
        except (
            OSError,
            ValueError,
        ) as exc:  # pyarrow's ArrowInvalid is a ValueError, ArrowIOError an OSError
            yield Failure(f"{file}#{rows + 1}", f"unreadable Parquet data after {rows} row(s): {exc}")


def spark_output_files(path: str | Path) -> list[Path]:
    """The Parquet files of a Spark output's documents, sorted."""
    folder = Path(path)
    if (folder / "documents").is_dir():
        folder = folder / "documents"
    files = sorted(folder.rglob("*.parquet")) if folder.is_dir() else []
    if not files:
        raise ZitatError(f"{path}: no Spark output here (expected a folder with documents/)")
    return files


def read_spark_file(file: Path) -> Iterator[dict[str, Any]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ZitatError("reading Spark output needs pyarrow: pip install 'zitat[spark]'") from None
    for batch in pq.ParquetFile(file).iter_batches(batch_size=BATCH_ROWS):
        for row in batch.to_pylist():
            yield document_from_row(row)
