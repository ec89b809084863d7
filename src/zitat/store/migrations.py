"""Migrations: ``migrations(dialect)[n]`` takes an archive from schema version n to n + 1, with SQL
statements from ``zitat.store.schema`` and Python steps for what SQL cannot compute; ``migrate``
applies them."""

from __future__ import annotations

from collections.abc import Callable

from zitat.errors import ZitatError
from zitat.store.database import Database
from zitat.store.records import published_columns
from zitat.store.schema import (
    DIALECT_TYPES,
    DOCUMENT_AUTHOR,
    DOCUMENT_PUBLISHED_RAW,
    FACET_INDEXES,
    POSTGRES_FTS,
    SCHEMA_VERSION,
    SPEAKER_CORRECTIONS,
    SQLITE_FTS,
    STATEMENTS_BY_DOCUMENT,
    TABLES,
    TRACKING,
    TRACKING_WORDINGS,
)
from zitat.store.speakers import load_resolver, rekey, reresolve

Step = str | Callable[[Database], None]


def _resolve_stored_speakers(db: Database) -> None:
    """… and now stored statements count for the speakers that newly ingested ones would: keys by the
    version 2 rules (titles, article-local ids), bare surnames joined."""
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
    """… and the statistics the query planner needs, which archives stored before never got (SQLite;
    PostgreSQL gathers its own): ``Database.optimize``, as after every ingest."""
    db.optimize()


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
