"""``zitat export``: the statements an archive holds (or a filtered part), as CSV, JSONL or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import islice
from typing import IO, Any

from zitat.errors import ZitatError
from zitat.store.database import Row

FORMATS = ("csv", "jsonl", "parquet")
COLUMNS = (
    "id", "document_id", "title", "outlet", "author", "published", "url", "speaker_id", "speaker",
    "speaker_type", "speaker_gender", "source", "form", "medium", "cue", "message", "addressee", "frame",
    "confidence",
)  # fmt: skip
PARQUET_BATCH = 10_000


def write_csv(rows: Iterator[Row], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_jsonl(rows: Iterator[Row], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({name: row[name] for name in COLUMNS}, ensure_ascii=False) + "\n")
        count += 1
    return count


def _parquet_schema() -> Any:
    import pyarrow as pa

    numbers = {"id": pa.int64(), "speaker_id": pa.int64(), "confidence": pa.float64()}
    return pa.schema([(name, numbers.get(name, pa.string())) for name in COLUMNS])


def write_parquet(rows: Iterator[Row], out: IO[bytes]) -> int:
    """Rows in batches, so memory stays flat on large archives."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ZitatError("Parquet export needs pyarrow: pip install 'zitat[parquet]'") from None
    schema = _parquet_schema()
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        while batch := list(islice(rows, PARQUET_BATCH)):
            writer.write_table(
                pa.Table.from_pylist([{n: r[n] for n in COLUMNS} for r in batch], schema=schema)
            )
            count += len(batch)
    return count
