"""The archive's Python API: store extracted documents, then search, list speakers, show, count and export.

    >>> import zitat
    >>> archive = zitat.open("zitat.db")            # or "postgresql://user@host/db"
    >>> archive.ingest(["news/"], workers=2)        # files, folders, feeds, WARCs, JSONL(.gz)
    >>> archive.search("Klimaschutz", form="Direct", since="2024-01")

The CLI (``zitat.store.commands``) and the web app are thin layers over this class.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from zitat.ingest.article import Article, Failure, author_text
from zitat.ingest.sources import Extracted
from zitat.store.batch import RECONNECT_SECONDS, StoreBatch, Tally, backoff
from zitat.store.database import Database, Row
from zitat.store.filters import DEFAULT_SORT, RELEVANCE, STATEMENT_FROM, Filters, order_by
from zitat.store.ingestion import IngestSummary, ingest
from zitat.store.person_counts import recount_document
from zitat.store.records import (
    MENTION_KEY,
    OccurrenceRow,
    Outcome,
    SpeakerRow,
    StatementRow,
    StoreResult,
    content_hash,
    document_search_text,
    published_columns,
    statement_json,
    statement_rows,
    utc_now,
)
from zitat.store.speakers import SpeakerIdentity, upsert_speaker
from zitat.version import __version__

NON_GERMAN_PREFIX = "not German"  # how zitat.ingest.readers words a non-German text

STATEMENT_COLUMNS = (
    "s.id, s.document_id, s.position, d.title, d.outlet, d.author, d.published, d.url, s.speaker_id, "
    "sp.name AS speaker, sp.type AS speaker_type, sp.gender AS speaker_gender, s.source, s.form, s.medium, "
    "s.cue, s.message, s.addressee, s.frame, s.confidence, s.cluster_id"
)


def failure_kind(failure: Failure) -> str:
    """'non_german' for texts skipped for their language, else 'failed'."""
    return "non_german" if failure.reason.startswith(NON_GERMAN_PREFIX) else "failed"


class Archive:
    """A statement archive in SQLite or PostgreSQL (see ``zitat.store.open_archive``)."""

    def __init__(self, db: Database, location: str) -> None:
        self.db = db
        self.location = location
        # speakers already stored with exactly these fields: storing them again would change nothing
        self._speaker_ids: dict[SpeakerRow, int] = {}
        self.identity = SpeakerIdentity(db)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def optimize(self) -> None:
        """Tidy the full-text indexes after a large ingest."""
        self.db.optimize()

    def batch(self, tally: Tally | None = None, reconnect: float = RECONNECT_SECONDS) -> StoreBatch:
        """A group commit for storing many documents: ``with archive.batch() as batch: batch.add(…)``;
        a lost server connection is tried again for ``reconnect`` seconds (see ``StoreBatch``)."""
        return StoreBatch(self.db, self._forget_uncommitted, tally, backoff(reconnect))

    def _forget_uncommitted(self) -> None:
        """After a rollback: speakers and keys the transaction added are gone with it."""
        self._speaker_ids.clear()
        self.identity.forget()

    # writing

    def existing_document(self, url: str | None, text_hash: str) -> str | None:
        """The id of the stored document published at this URL, or with this text."""
        found = self.db.value(
            "SELECT document_id AS id FROM occurrences WHERE url = ? "
            "UNION ALL SELECT id FROM documents WHERE content_hash = ? LIMIT 1",
            (url, text_hash),
        )
        return None if found is None else str(found)

    def is_stored(self, article: Article) -> bool:
        """Whether the article's text (or URL) is stored: it needs no extraction, at most an occurrence
        (``add_occurrence``)."""
        return self.existing_document(article.meta.url, content_hash(article.text)) is not None

    def add_occurrence(self, article: Article) -> StoreResult:
        """Record that this article, whose text is stored, was published (again) by its outlet, URL and
        date: outcome 'occurrence', or 'duplicate' when that occurrence is stored too."""
        text_hash = content_hash(article.text)
        existing = self.existing_document(article.meta.url, text_hash)
        if existing is None:
            raise ValueError(f"{article.source}: no stored document has this text or URL")
        occurrence = OccurrenceRow.of(vars(article.meta), article.source)
        with self.db.transaction():
            return self._add_occurrence(existing, text_hash, occurrence, len(article.text.split()))

    def _add_occurrence(
        self, document_id: str, text_hash: str, occurrence: OccurrenceRow, words: int
    ) -> StoreResult:
        added = self.db.value(
            """INSERT INTO occurrences (document_id, key, url, title, published, published_raw, outlet,
                author, source, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING id""",
            (
                document_id,
                occurrence.key(text_hash),
                occurrence.url,
                occurrence.title,
                occurrence.published,
                occurrence.published_raw,
                occurrence.outlet,
                occurrence.author,
                occurrence.source,
                utc_now(),
            ),
        )
        return StoreResult("duplicate" if added is None else "occurrence", document_id, 0, words)

    def store(self, record: dict[str, Any], source: str, reprocess: bool = False) -> StoreResult:
        """Store one extracted document (the JSON contract) with its statements, atomically.

        A document whose text is already stored (or whose URL is) is not stored again: when an outlet, URL
        or date publishes it anew, that occurrence is recorded. With ``reprocess`` its statements are
        replaced by these.
        """
        text_hash = content_hash(record["document"]["text"])
        rows = statement_rows(record)
        self.identity.refresh()  # corrections made since, by another connection, apply to this document
        try:
            with self.db.transaction():
                return self._store(record, text_hash, source, rows, reprocess)
        except BaseException:
            self._forget_uncommitted()
            raise

    def _store(
        self, record: dict[str, Any], text_hash: str, source: str, rows: list[StatementRow], reprocess: bool
    ) -> StoreResult:
        """``store`` inside its transaction."""
        document = record["document"]
        words = len(document["text"].split())
        existing = self.existing_document(document.get("url"), text_hash)
        occurrence = OccurrenceRow.of(document, source)
        if existing and not reprocess:
            return self._add_occurrence(existing, text_hash, occurrence, words)
        values = self._document_values(record, text_hash, source, len(rows), words)
        outcome: Outcome
        if existing:
            self.db.unindex_statements(existing)
            self.db.execute("DELETE FROM statements WHERE document_id = ?", (existing,))
            assignments = ", ".join(f"{column} = ?" for column in values)
            num = self.db.value(
                f"UPDATE documents SET {assignments} WHERE id = ? RETURNING num",
                [*values.values(), existing],
            )
            document_id, outcome = existing, "reprocessed"
        else:
            document_id = self._free_id(str(document["id"]), text_hash)
            values = {"id": document_id, **values}
            columns = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            num = self.db.value(
                f"INSERT INTO documents ({columns}) VALUES ({marks}) RETURNING num", list(values.values())
            )
            outcome = "stored"
        self._add_occurrence(document_id, text_hash, occurrence, words)
        self.db.index_document(
            num, document_search_text(document.get("title"), document["text"]), bool(existing)
        )
        for row in rows:
            self._insert_statement(document_id, row)
        self.identity.settle()
        recount_document(self.db, num)
        return StoreResult(outcome, document_id, len(rows), words)

    @staticmethod
    def _document_values(
        record: dict[str, Any], text_hash: str, source: str, statements: int, words: int
    ) -> dict[str, Any]:
        document = record["document"]
        published, published_raw = published_columns(document.get("published"))
        return {
            "content_hash": text_hash,
            "url": document.get("url"),
            "title": document.get("title"),
            "published": published,  # ISO: dates compare as text
            "published_raw": published_raw,
            "outlet": document.get("outlet"),
            "author": author_text(document.get("author")),  # a contract line from elsewhere may hold anything
            "language": document.get("language"),
            "text": document["text"],
            "word_count": words,
            "source": source,
            "model": record.get("model"),
            "zitat_version": record.get("zitat_version") or __version__,
            "statement_count": statements,
            "ingested_at": utc_now(),
        }

    def _free_id(self, wanted: str, text_hash: str) -> str:
        """``wanted``, or when another document has that id, ``wanted`` with a piece of the hash."""
        candidate, length = wanted, 8
        while self.db.value("SELECT 1 AS taken FROM documents WHERE id = ?", (candidate,)):
            candidate, length = f"{wanted}-{text_hash[:length]}", length + 4
        return candidate

    def _speaker_id(self, speaker: SpeakerRow) -> int:
        known = self._speaker_ids.get(speaker)
        if known is None:
            known = self._speaker_ids[speaker] = upsert_speaker(self.db, speaker)
        return known

    def _insert_statement(self, document_id: str, row: StatementRow) -> None:
        speaker_id = self._speaker_id(self.identity.counted_as(row.speaker)) if row.speaker else None
        statement_id = self.db.value(
            """INSERT INTO statements (document_id, position, form, medium, confidence, nested_in,
                cue, message, source, addressee, frame, spans, speaker, speaker_id, speaker_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            (
                document_id,
                row.position,
                row.form,
                row.medium,
                row.confidence,
                row.nested_in,
                row.texts["cue"],
                row.texts["message"],
                row.texts["source"],
                row.texts["addressee"],
                row.texts["frame"],
                json.dumps(row.spans),
                json.dumps(row.speaker_json, ensure_ascii=False) if row.speaker_json else None,
                speaker_id,
                row.speaker.key if row.speaker else None,
            ),
        )
        self.db.index_statement(statement_id, row.search_text)
        for start, end in row.mentions if speaker_id is not None else ():
            self.db.execute(
                "INSERT INTO mentions (statement_id, speaker_id, char_start, char_end) VALUES (?, ?, ?, ?)",
                (statement_id, speaker_id, start, end),
            )

    def record_failure(self, failure: Failure) -> str:
        """Remember an input that could not be stored (once per input); its kind."""
        kind = failure_kind(failure)
        with self.db.transaction():
            self.db.execute(
                """INSERT INTO failures (source, reason, kind, recorded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (source) DO UPDATE SET reason = excluded.reason, kind = excluded.kind,
                    recorded_at = excluded.recorded_at""",
                (failure.source, failure.reason, kind, utc_now()),
            )
        return kind

    def ingest(
        self,
        inputs: Iterable[str | Path] | Iterable[Article | Extracted | Failure],
        *,
        model: str | None = None,
        workers: int = 1,
        reprocess: bool = False,
        progress: bool = False,
        reconnect: float = RECONNECT_SECONDS,
    ) -> IngestSummary:
        """Read, extract and store inputs: paths (files, folders, '-') or ``Article`` objects (or
        ``Extracted`` documents and ``Failure`` records, as readers yield them).

        ``workers`` extraction processes; ``reprocess`` re-extracts stored documents; ``progress``
        shows a progress line on standard error; ``reconnect``: seconds to keep reconnecting to a
        PostgreSQL server that dropped the connection (0: stop at once).
        """
        return ingest(
            self,
            inputs,
            model=model,
            workers=workers,
            reprocess=reprocess,
            progress=progress,
            reconnect=reconnect,
        )

    # reading

    def search(
        self,
        query: str | None = None,
        *,
        limit: int | None = 20,
        offset: int = 0,
        sort: str = DEFAULT_SORT,
        **filters: Any,
    ) -> list[Row]:
        """Statements matching a full-text query (``zitat.store.search_syntax``) and filters, newest first
        (undated last); ``sort`` may also be 'oldest', 'confidence' (highest first) or 'relevance' (best
        matches of the query first).

        Filters: ``speaker``, ``type``, ``gender``, ``form``, ``medium``, ``outlet``, ``author``,
        ``since``, ``until``, ``month``, ``min_confidence``, ``document`` (see ``Filters``).
        """
        chosen = Filters(query=query, **filters)
        return list(self.iter_statements(chosen, limit=limit, offset=offset, sort=sort))

    def count(self, query: str | None = None, **filters: Any) -> int:
        chosen = Filters(query=query, **filters)
        where, params = chosen.where(self.db)
        # speaker conditions are subqueries on s.speaker_id: only date, outlet and author need the documents
        tables = STATEMENT_FROM if chosen.needs_documents else " FROM statements s"
        return int(self.db.value(f"SELECT count(*) AS n{tables}{where}", params))

    def iter_statements(
        self, filters: Filters, *, limit: int | None = None, offset: int = 0, sort: str = DEFAULT_SORT
    ) -> Iterator[Row]:
        """The statements ``search`` finds, one row at a time (``limit=None``: all of them)."""
        order = order_by(sort)
        where, params = filters.where(self.db)
        join = ""
        ranking = self.db.statement_ranking(filters.search_query) if sort == RELEVANCE else None
        if ranking is not None:
            join, order = ranking.join, f"{ranking.order}, {order}"
            params = [*ranking.join_params, *params, *ranking.order_params]
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        # returned, not yielded from: a bad sort fails at the call, not at the first row
        return self.db.iter_rows(
            f"SELECT {STATEMENT_COLUMNS}{STATEMENT_FROM}{join}{where} ORDER BY {order}{page}", params
        )

    def speakers(
        self, *, top: int = 20, offset: int = 0, unresolved: bool = False, **filters: Any
    ) -> list[Row]:
        """Speakers by number of statements, with their forms, outlets and first and last date seen.

        Sources that resolution tied to no name — unresolved mentions („sie“, „demnach“) and speakers
        known only by a description („ein Sprecher“, „Experten“), all with ``mention:`` keys — are left
        out unless ``unresolved``: counted together they would make one speaker of many people."""
        where, params = Filters(**filters).where(self.db)
        speaker_filter = " AND " if where else " WHERE "
        resolved_only = "" if unresolved else " AND sp.key NOT LIKE ?"
        named = [] if unresolved else [MENTION_KEY + "%"]
        found = self.db.rows(
            f"""SELECT sp.id, sp.key, sp.name, sp.type, sp.gender, sp.role, sp.affiliation,
                count(*) AS statements, count(DISTINCT s.document_id) AS documents,
                min(d.published) AS first_seen, max(d.published) AS last_seen
            {STATEMENT_FROM}{where}{speaker_filter}s.speaker_id IS NOT NULL{resolved_only}
            GROUP BY sp.id, sp.key, sp.name, sp.type, sp.gender, sp.role, sp.affiliation
            ORDER BY statements DESC, sp.name LIMIT ? OFFSET ?""",
            [*params, *named, top, offset],
        )
        for speaker in found:
            speaker["forms"] = self._speaker_breakdown(speaker["id"], "s.form", where, params)
            speaker["outlets"] = self._speaker_breakdown(speaker["id"], "d.outlet", where, params)
        return found

    def _speaker_breakdown(
        self, speaker_id: int, column: str, where: str, params: list[Any]
    ) -> dict[str, int]:
        joiner = " AND " if where else " WHERE "
        rows = self.db.rows(
            f"SELECT {column} AS label, count(*) AS n {STATEMENT_FROM}{where}{joiner}s.speaker_id = ? "
            f"GROUP BY {column} ORDER BY n DESC",
            [*params, speaker_id],
        )
        return {str(row["label"]) if row["label"] is not None else "none": int(row["n"]) for row in rows}

    def speaker(self, speaker_id: int) -> Row | None:
        """One speaker with counts per form, outlet and month; ``merged_into``: the id of the speaker its
        statements count for since a merge (else None)."""
        speaker = self.db.row("SELECT * FROM speakers WHERE id = ?", (speaker_id,))
        if speaker is None:
            return None
        speaker.pop("search_name", None)
        speaker["statements"] = self.count(speaker=str(speaker_id))
        current = self.identity.current(speaker) if not speaker["statements"] else speaker
        speaker["merged_into"] = current["id"] if current["id"] != speaker_id else None
        for name, column in (
            ("forms", "s.form"),
            ("outlets", "d.outlet"),
            ("months", "substr(d.published, 1, 7)"),
        ):
            speaker[name] = self._speaker_breakdown(speaker_id, column, "", [])
        return speaker

    def co_speakers(self, speaker_id: int, limit: int = 10, unresolved: bool = False) -> list[Row]:
        """Speakers quoted in the same documents as this one, by number of shared documents; speakers
        known only by a mention („ein Sprecher“) only when ``unresolved``."""
        named = "" if unresolved else " AND sp.key NOT LIKE ?"
        return self.db.rows(
            f"""SELECT sp.id, sp.name, sp.type, count(DISTINCT other.document_id) AS documents
            FROM statements own JOIN statements other
                ON other.document_id = own.document_id AND other.speaker_id <> own.speaker_id
            JOIN speakers sp ON sp.id = other.speaker_id
            WHERE own.speaker_id = ?{named}
            GROUP BY sp.id, sp.name, sp.type ORDER BY documents DESC, sp.name LIMIT ?""",
            [speaker_id, *([] if unresolved else [MENTION_KEY + "%"]), limit],
        )

    # reviewing speakers

    def find_speaker(self, ref: str) -> Row:
        """The speaker (id, key, name, type, statements) named by an id, a key or a name, as
        ``speakers()`` shows them; a merged-away speaker leads to the one it was merged into.

        Raises ``zitat.errors.NotFound``, or ``ZitatError`` for a name of several speakers."""
        return self.identity.find(ref)

    def speaker_variants(self, ref: str) -> list[Row]:
        """The name variants (automatic keys) whose statements count for a speaker: key, name, why
        ('own', 'merge' or 'surname'), statements, documents and the latest mentions."""
        return self.identity.variants(self.find_speaker(ref)["id"])

    def merge_speakers(self, a: str, b: str, note: str | None = None) -> Row:
        """Speaker ``b`` becomes part of speaker ``a`` (ids, keys or names), now and in every later
        ingest. ``{"speaker", "merged", "correction"}``; the correction is None when they already were one."""
        return self._review(lambda: self.identity.merge(a, b, note))

    def split_speaker(self, speaker: str, variant: str, note: str | None = None) -> Row:
        """Split a name variant (key or name, see ``speaker_variants``) off a speaker into a speaker of
        its own, now and in every later ingest. ``{"speaker", "split_off", "correction"}``."""
        return self._review(lambda: self.identity.split(speaker, variant, note))

    def corrections(self) -> list[Row]:
        """The stored merge and split corrections, oldest first."""
        return self.identity.corrections()

    def remove_correction(self, correction_id: int) -> Row:
        """Delete a correction and undo its effect on the stored statements; the removed correction."""
        return self._review(lambda: self.identity.remove(correction_id))

    def _review(self, change: Callable[[], Row]) -> Row:
        try:
            with self.db.transaction():
                return change()
        except BaseException:
            self.identity.forget()  # it may hold the corrections that were just rolled back
            raise

    def document(self, key: str) -> Row | None:
        """A stored document (by id or URL) in the JSON contract's shape, plus archive fields."""
        row = self.db.row(
            "SELECT * FROM documents WHERE id = ? UNION ALL SELECT * FROM documents WHERE url = ?", (key, key)
        )
        if row is None:
            return None
        statements = self.db.rows(
            "SELECT * FROM statements WHERE document_id = ? ORDER BY position", (row["id"],)
        )
        return {
            "zitat_version": row["zitat_version"],
            "model": row["model"],
            "document": {
                name: row[name]
                for name in ("id", "title", "url", "published", "outlet", "author", "language", "text")
            },
            "archive": {
                **{
                    name: row[name]
                    for name in ("content_hash", "source", "word_count", "ingested_at", "published_raw")
                },
                # each clustered statement's cluster (zitat.tracking): the same utterance elsewhere
                "clusters": {f"s{s['position'] + 1}": s["cluster_id"] for s in statements if s["cluster_id"]},
            },
            "statements": [statement_json(s) for s in statements],
        }

    def documents(
        self, query: str | None = None, *, limit: int | None = 20, offset: int = 0, **filters: Any
    ) -> list[Row]:
        """Documents, newest first (undated last), whose title or text match the query
        (``zitat.store.search_syntax``), narrowed by ``Filters``: outlet, author and dates directly,
        the statement filters (speaker, form, …) to documents with such a statement."""
        where, params = Filters(query=query, **filters).document_where(self.db)
        page = "" if limit is None else " LIMIT ? OFFSET ?"
        return self.db.rows(
            "SELECT d.id, d.title, d.url, d.published, d.outlet, d.author, d.word_count, d.statement_count "
            f"FROM documents d{where} ORDER BY d.published DESC NULLS LAST, d.num DESC{page}",
            [*params, *([limit, offset] if limit is not None else [])],
        )

    def count_documents(self, query: str | None = None, **filters: Any) -> int:
        """How many documents ``documents`` finds."""
        where, params = Filters(query=query, **filters).document_where(self.db)
        return int(self.db.value(f"SELECT count(*) AS n FROM documents d{where}", params))

    def failures(self, *, limit: int | None = None, kind: str | None = None) -> list[Row]:
        """Inputs that were not stored, with their reason; ``kind`` is 'failed' or 'non_german'."""
        where, params = (" WHERE kind = ?", [kind]) if kind else ("", [])
        page = " LIMIT ?" if limit is not None else ""
        return self.db.rows(
            "SELECT source, reason, kind, recorded_at FROM failures"
            f"{where} ORDER BY recorded_at, source{page}",
            [*params, *([limit] if limit is not None else [])],
        )

    def export(self, out: IO[Any], fmt: str = "csv", **filters: Any) -> int:
        """Write the filtered statements to ``out`` (text for csv/jsonl, binary for parquet); how many."""
        from zitat.store import export

        writers: dict[str, Callable[[Iterator[Row], IO[Any]], int]] = {
            "csv": export.write_csv,
            "jsonl": export.write_jsonl,
            "parquet": export.write_parquet,
        }
        if fmt not in writers:
            raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(writers)}")
        return writers[fmt](self.iter_statements(Filters(**filters)), out)

    def facets(
        self, names: Iterable[str], *, limit: int | None = 10, unresolved: bool = False, **filters: Any
    ) -> dict[str, list[Row]]:
        """For each facet name (``zitat.store.facets.FACETS``: speaker, type, gender, outlet, author,
        form, medium, month), the ``limit`` values with most filtered statements: value, label, count.
        Speakers known only by a mention are left out unless ``unresolved``."""
        from zitat.store.facets import facets

        return facets(self.db, Filters(**filters), names, limit, unresolved)

    def count_speakers(self, *, unresolved: bool = False, **filters: Any) -> int:
        """How many speakers ``speakers`` would list at most (``unresolved`` likewise)."""
        from zitat.store.facets import speaker_count

        return speaker_count(self.db, Filters(**filters), unresolved)

    def timeline(self, *, by_gender: bool = False, **filters: Any) -> list[Row]:
        """Filtered statements per month, empty months included; ``by_gender``: person speakers' statements
        per month and gender (see ``zitat.store.facets.timeline``)."""
        from zitat.store.facets import timeline

        return timeline(self.db, Filters(**filters), by_gender)

    def stats(self, **filters: Any) -> Row:
        """Counts, anonymous share, gender shares of person speakers, top outlets, months, forms, media."""
        from zitat.store.stats import archive_stats

        return archive_stats(self.db, Filters(**filters))
