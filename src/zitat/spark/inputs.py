"""Turning the files and rows a Spark task receives into ``Article`` or ``Failure`` records.

Plain Python (no Spark): each function handles one input file or one Parquet row, so it runs inside a
task and can be tested on its own. Files go through ``zitat.ingest.sources``, the readers of
``zitat ingest`` (WARC, feeds, gzip, JSONL, text, HTML), so Spark reads every format as the archive
and ``zitat extract`` do.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from zitat.document import DocumentMeta
from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import META_FIELDS, InputProblem, json_article, meta_value
from zitat.ingest.sources import Extracted, read_stream

INPUT_FORMATS = ("auto", "files", "parquet")  # files: read whole, one per record (JSONL, WARC, text, …)


def file_name(path: str) -> str:
    """The last component of a local or Hadoop path (``file:/…``, ``hdfs://…``, ``s3a://…``)."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def file_articles(path: str, data: bytes) -> Iterator[Article | Failure]:
    """Articles in one input file, in any format ``zitat ingest`` reads."""
    for item, _offset in read_stream(io.BytesIO(data), path, file_name(path)):
        yield reextract(item) if isinstance(item, Extracted) else item


def reextract(item: Extracted) -> Article:
    """An already extracted document (a JSON-contract line) as an article: the job's model runs again."""
    document = item.record["document"]
    meta = DocumentMeta(id=str(document["id"]), language=document.get("language") or "de")
    for name in META_FIELDS:
        setattr(meta, name, meta_value(name, document.get(name)))
    return Article(document["text"], meta, item.source)


def row_article(row: dict[str, Any], file: str) -> Article | Failure:
    """One Parquet row (column ``text`` plus optional ``id``, ``title``, ``url``, ``published``, ``outlet``,
    ``author``: a string or a list of strings).

    Rows without an ``id`` get one from a hash of their text, so it is the same however Spark splits
    the input. The source is ``FILE#ID``.
    """
    record = {
        key: value.isoformat() if isinstance(value, date | datetime) else value for key, value in row.items()
    }
    text = record.get("text")
    digest = hashlib.sha1(text.encode("utf-8") if isinstance(text, str) else b"").hexdigest()[:16]
    default_id = f"doc-{digest}"
    source = f"{file}#{record.get('id') or default_id}"
    try:
        return json_article(record, source, default_id)
    except InputProblem as problem:
        return Failure(source, str(problem))
