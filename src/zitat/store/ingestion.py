"""``Archive.ingest``: read inputs, extract statements in worker processes, store with one writer.

It knows the archive only by its batch API (``ArchiveWriter``), so the archive imports it, not the
other way round.

Each document is stored with its statements atomically (a savepoint in a group commit), and
documents already stored (same URL or text) are not extracted again, only recorded as another
occurrence when a new outlet, URL or date published the text; so a run killed at any point is completed
by running it again. Extraction runs in ``workers`` forked processes over a
bounded window of documents, in input order; the calling process alone writes.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, Protocol

from zitat.attribution.registry import DEFAULT_MODEL, resolve_model
from zitat.errors import ZitatError
from zitat.extraction import extract_or_failure
from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import META_FIELDS, meta_value
from zitat.ingest.sources import Extracted, InputSet, Item
from zitat.store.batch import RECONNECT_SECONDS, StoreBatch, Tally
from zitat.store.progress import Progress
from zitat.store.records import StoreResult


class ArchiveWriter(Protocol):
    """What ingestion needs of an archive (``zitat.store.Archive``): its batch API."""

    def is_stored(self, article: Article) -> bool: ...

    def add_occurrence(self, article: Article) -> StoreResult: ...

    def record_failure(self, failure: Failure) -> str: ...

    def store(self, record: dict[str, Any], source: str, reprocess: bool = False) -> StoreResult: ...

    def batch(self, tally: Tally | None = None, reconnect: float = RECONNECT_SECONDS) -> StoreBatch: ...

    def optimize(self) -> None: ...


WINDOW_PER_WORKER = 4  # documents in flight per worker: enough to keep it busy, little memory
MALFORMED = (KeyError, TypeError, ValueError, AttributeError)

Extraction = dict[str, Any] | Failure


@dataclass
class IngestSummary:
    ingested: int = 0
    reprocessed: int = 0
    occurrences: int = 0  # stored texts published again (another outlet, URL or date): not extracted
    duplicates: int = 0
    non_german: int = 0
    failed: int = 0
    statements: int = 0
    words: int = 0
    seconds: float = 0.0
    reconnects: int = 0  # to the database server, after it dropped the connection
    document_ids: list[str] = field(default_factory=list)  # stored or reprocessed, in input order
    failures: list[Failure] = field(default_factory=list)

    @property
    def documents_per_second(self) -> float:
        return (self.ingested + self.reprocessed) / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["failures"] = [{"source": f.source, "reason": f.reason} for f in self.failures]
        out["documents_per_second"] = round(self.documents_per_second, 2)
        out["words_per_second"] = round(self.words_per_second, 1)
        return out


def _start_worker(model: str) -> None:
    from zitat.pipeline import load

    # the writer stops the run: Ctrl-C (sent to the whole process group) leaves workers alone, and the
    # SIGTERM that ends the pool ends them at once rather than through the CLI's handler
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    load(model)


class _Done:
    """An in-process result with the interface of ``AsyncResult``."""

    def __init__(self, value: Extraction) -> None:
        self.value = value

    def get(self) -> Extraction:
        return self.value


class ExtractionPool:
    """Extracts articles in order, in-process (one worker) or in a pool of forked processes."""

    def __init__(self, model: str, workers: int) -> None:
        self.model = model
        # fork: workers inherit registered models and the loaded pipeline, and start fast
        context = multiprocessing.get_context("fork")
        self.pool: Pool | None = (
            context.Pool(workers, initializer=_start_worker, initargs=(model,)) if workers > 1 else None
        )
        self.window = WINDOW_PER_WORKER * workers if self.pool else 0

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def _submit(self, article: Article) -> AsyncResult[Extraction] | _Done:
        if self.pool is None:
            return _Done(extract_or_failure(article, self.model))
        return self.pool.apply_async(extract_or_failure, (article, self.model))

    def results(
        self, items: Iterable[tuple[Item, int]], wanted: Callable[[Article], bool]
    ) -> Iterator[tuple[Item, int, Extraction | None]]:
        """Every item with its position and, for wanted articles, its extraction (None otherwise)."""
        pending: deque[tuple[Item, int, AsyncResult[Extraction] | _Done | None]] = deque()
        for item, position in items:
            job = self._submit(item) if isinstance(item, Article) and wanted(item) else None
            pending.append((item, position, job))
            while len(pending) > self.window:
                yield _resolved(pending.popleft())
        while pending:
            yield _resolved(pending.popleft())


def _resolved(
    entry: tuple[Item, int, AsyncResult[Extraction] | _Done | None],
) -> tuple[Item, int, Extraction | None]:
    item, position, job = entry
    return item, position, None if job is None else job.get()


def _as_article(item: Item) -> Item:
    """A pre-extracted document as an article again, to be re-extracted with the current model."""
    if not isinstance(item, Extracted):
        return item
    document = item.record["document"]
    from zitat.document import DocumentMeta

    meta = DocumentMeta(id=str(document["id"]))
    for name in META_FIELDS:
        setattr(meta, name, meta_value(name, document.get(name)))
    return Article(document["text"], meta, item.source)


def _input_items(
    inputs: Iterable[str | Path] | Iterable[Item],
) -> tuple[Iterable[tuple[Item, int]], int | None]:
    """(item, bytes read so far) pairs and the total size of the inputs, when known.

    Items are taken as they come (a Spark output may hold more documents than memory)."""
    given = iter(inputs)
    first = next(given, None)
    if first is None or isinstance(first, Article | Extracted | Failure):
        items = itertools.chain([first] if first is not None else [], given)
        return ((item, 0) for item in items), None  # type: ignore[misc]
    sources = InputSet(str(entry) for entry in itertools.chain([first], given))
    return sources, sources.total_bytes


class _Run:
    """The writer's side of one ingest: stores what comes in and keeps the summary (a ``Tally``)."""

    def __init__(self, archive: ArchiveWriter, reprocess: bool) -> None:
        self.archive = archive
        self.reprocess = reprocess
        self.summary = IngestSummary()
        self.checkpoint()

    def checkpoint(self) -> None:
        """Mark the counts at a commit (the lists, which only grow, by their lengths)."""
        summary = self.summary
        self.mark = (
            replace(summary, document_ids=[], failures=[]),
            len(summary.document_ids),
            len(summary.failures),
        )

    def rewind(self) -> None:
        """The uncommitted work was lost and is done again: back to the mark, one reconnect more."""
        counts, stored, failed = self.mark
        ids, failures = self.summary.document_ids[:stored], self.summary.failures[:failed]
        reconnects = self.summary.reconnects + 1
        self.summary = replace(counts, document_ids=ids, failures=failures, reconnects=reconnects)

    def wanted(self, article: Article) -> bool:
        return self.reprocess or not self.archive.is_stored(article)

    def fail(self, failure: Failure) -> None:
        if self.archive.record_failure(failure) == "non_german":
            self.summary.non_german += 1
        else:
            self.summary.failed += 1
            self.summary.failures.append(failure)

    def take(self, item: Item, extraction: Extraction | None) -> None:
        if isinstance(item, Failure):
            self.fail(item)
        elif isinstance(extraction, Failure):
            self.fail(extraction)
        elif isinstance(item, Article) and extraction is None:
            self.count(self.archive.add_occurrence(item))
        else:
            record, source = (
                (item.record, item.source) if isinstance(item, Extracted) else (extraction, item.source)
            )
            self.store(record, source)

    def store(self, record: dict[str, Any] | None, source: str) -> None:
        try:
            result = self.archive.store(record or {}, source, self.reprocess)
        except MALFORMED as exc:
            self.fail(Failure(source, f"malformed extracted document: {type(exc).__name__}: {exc}"))
            return
        self.count(result)

    def count(self, result: StoreResult) -> None:
        if result.outcome == "duplicate":
            self.summary.duplicates += 1
            return
        if result.outcome == "occurrence":
            self.summary.occurrences += 1
            return
        if result.outcome == "stored":
            self.summary.ingested += 1
        else:
            self.summary.reprocessed += 1
        self.summary.statements += result.statements
        self.summary.words += result.words
        self.summary.document_ids.append(result.document_id)


def ingest(
    archive: ArchiveWriter,
    inputs: Iterable[str | Path] | Iterable[Item],
    *,
    model: str | None = None,
    workers: int = 1,
    reprocess: bool = False,
    progress: bool = False,
    reconnect: float = RECONNECT_SECONDS,
) -> IngestSummary:
    model = model or DEFAULT_MODEL
    resolve_model(model)  # an unknown model is a user error before any work starts
    if workers < 1:
        raise ZitatError(f"--workers must be at least 1, not {workers}")
    started = time.monotonic()
    items, total_bytes = _input_items(inputs)
    if reprocess:
        items = ((_as_article(item), position) for item, position in items)
    meter = Progress(total_bytes) if progress else None
    run = _Run(archive, reprocess)
    with ExtractionPool(model, workers) as extractor, archive.batch(run, reconnect) as batch:

        def wanted(article: Article) -> bool:
            # a lost connection can show in this look-up before extraction as well as in storing
            return batch.guard(lambda: run.wanted(article))

        for item, position, extraction in extractor.results(items, wanted):
            batch.add(functools.partial(run.take, item, extraction))
            if meter is not None:
                meter.update(position)
    archive.optimize()
    if meter is not None:
        meter.finish()
    run.summary.seconds = time.monotonic() - started
    return run.summary
