"""Migrations: ``migrations(dialect)[n]`` takes an archive from schema version n to n + 1, with SQL
statements from ``zitat.store.schema`` and Python steps for what SQL cannot compute; ``migrate``
applies them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from zitat.errors import ZitatError
from zitat.store.database import Database, Row
from zitat.store.person_counts import recount_all
from zitat.store.records import document_search_text, published_columns, stored_search_text
from zitat.store.schema import (
    DIALECT_TYPES,
    DOCUMENT_AUTHOR,
    DOCUMENT_PUBLISHED_RAW,
    FACET_INDEXES,
    PERSON_COUNTS,
    POSTGRES_FTS,
    POSTGRES_SEARCH_VECTORS,
    SCHEMA_VERSION,
    SPEAKER_CORRECTIONS,
    SQLITE_FTS,
    STATEMENTS_BY_DOCUMENT,
    TABLES,
    TRACKING,
    TRACKING_WORDINGS,
)
from zitat.store.speakers import load_resolver, rekey, reresolve
from zitat.text.folding import fold_for_search

Step = str | Callable[[Database], None]
BATCH = 5000  # rows read and written at a time


def _resolve_stored_speakers(db: Database) -> None:
    """… and now stored statements count for the speakers that newly ingested ones would: keys by the
    version 2 rules (titles, article-local ids), bare surnames joined. (The documents' person counts
    that moved statements change are made at version 10, for all documents.)"""
    rekey(db)
    reresolve(db, load_resolver(db))


def _normalize_stored_dates(db: Database) -> None:
    """… and the dates stored before are checked as new ones are (``Archive.store``)."""
    for row in db.rows("SELECT num, published FROM documents WHERE published IS NOT NULL"):
        date, raw = published_columns(row["published"])
        if raw is not None:
            db.execute(
                "UPDATE documents SET published = ?, published_raw = ? WHERE num = ?", (date, raw, row["num"])
            )


def _gather_planner_statistics(db: Database) -> None:
    """… and the statistics the query planner needs, which archives stored before never got (SQLite), or
    that are stale after a step rewrote every row (PostgreSQL): ``Database.optimize``, as after every
    ingest."""
    db.optimize()


def _batches(db: Database, sql: str) -> Iterator[list[Row]]:
    """The rows of ``sql`` (``WHERE key > ? ORDER BY key LIMIT ?``, the key first), ``BATCH`` at a time."""
    last: object = 0
    while rows := db.rows(sql, (last, BATCH)):
        yield rows
        last = next(iter(rows[-1].values()))


def _fold_search_vectors(db: Database) -> None:
    """… and PostgreSQL's search vectors are made anew from text folded for search (``fold_for_search``):
    its parser had taken quotation marks for letters on servers of the C locale, so a word right after
    one („Wir …“) was not found. SQLite's tokenizer split words at them already: its index stays."""
    for rows in _batches(
        db, "SELECT id, message, source, speaker FROM statements WHERE id > ? ORDER BY id LIMIT ?"
    ):
        db.execute_many(
            POSTGRES_SEARCH_VECTORS["statements"],
            [
                (
                    fold_for_search(stored_search_text(row["message"], row["source"], row["speaker"])),
                    row["id"],
                )
                for row in rows
            ],
        )
    for rows in _batches(db, "SELECT num, title, text FROM documents WHERE num > ? ORDER BY num LIMIT ?"):
        db.execute_many(
            POSTGRES_SEARCH_VECTORS["documents"],
            [(fold_for_search(document_search_text(row["title"], row["text"])), row["num"]) for row in rows],
        )


def migrations(dialect: str) -> dict[int, list[Step]]:
    """Steps per version, for ``dialect`` ('sqlite' or 'postgres')."""
    types = DIALECT_TYPES[dialect]
    fts = SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS
    return {
        0: [*(sql.format(**types) for sql in TABLES), *fts],
        1: [*(sql.format(**types) for sql in SPEAKER_CORRECTIONS), _resolve_stored_speakers],
        2: list(DOCUMENT_AUTHOR),
        3: [_resolve_stored_speakers],  # speakers known only by a mention get ``mention:`` keys
        4: [*DOCUMENT_PUBLISHED_RAW, _normalize_stored_dates],
        5: [sql.format(**types) for sql in TRACKING],
        6: list(FACET_INDEXES),
        7: [*STATEMENTS_BY_DOCUMENT, _gather_planner_statistics],
        8: [sql.format(**types) for sql in TRACKING_WORDINGS],
        9: [
            *PERSON_COUNTS,
            recount_all,
            *([_fold_search_vectors] if dialect == "postgres" else []),
            _gather_planner_statistics,  # for the new indexes
        ],
    }


def migrate(db: Database) -> None:
    """Bring the schema to ``SCHEMA_VERSION``, one step per transaction; refuse newer archives."""
    current = db.schema_version()
    if current > SCHEMA_VERSION:
        raise ZitatError(
            f"the archive has schema version {current}, newer than this zitat understands "
            f"({SCHEMA_VERSION}): upgrade zitat"
        )
    steps = migrations(db.dialect)
    for version in range(current, SCHEMA_VERSION):
        with db.transaction():
            for step in steps[version]:
                if isinstance(step, str):
                    db.execute(step)
                else:
                    step(db)
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
