"""Reading a Spark result back as JSON-contract documents, without Spark (pyarrow only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zitat.errors import ZitatError
from zitat.spark.rows import document_from_row

BATCH_ROWS = 256  # documents carry their full text: small batches keep memory flat on large outputs


def read_spark_output(path: str | Path) -> Iterator[dict[str, Any]]:
    """The ``document_json`` objects of a ``zitat spark extract`` output folder, in file order.

    ``path`` is the job's OUTPUT folder (holding ``documents/``) or the ``documents`` dataset itself.
    """
    try:
        import pyarrow.dataset as ds
    except ImportError:
        raise ZitatError("reading Spark output needs pyarrow: pip install 'zitat[spark]'") from None

    folder = Path(path)
    if (folder / "documents").is_dir():
        folder = folder / "documents"
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        raise ZitatError(f"{path}: no Spark output here (expected a folder with documents/)")
    dataset = ds.dataset(folder, format="parquet")
    for batch in dataset.to_batches(batch_size=BATCH_ROWS):
        for row in batch.to_pylist():
            yield document_from_row(row)
