"""The statement archive: SQLite or PostgreSQL, one Python API (``Archive``) under the CLI and the web app."""

from __future__ import annotations

import os

from zitat.store.archive import Archive
from zitat.store.filters import Filters
from zitat.store.records import StoreResult

DEFAULT_DB = "zitat.db"


def default_location() -> str:
    """``$ZITAT_DB``, else ``zitat.db`` in the working directory."""
    return os.environ.get("ZITAT_DB") or DEFAULT_DB


def open_archive(location: str | os.PathLike[str] | None = None) -> Archive:
    """The archive at ``location`` (SQLite path or ``postgresql://`` URL), created or migrated as needed."""
    from zitat.store.database import connect
    from zitat.store.migrations import migrate

    target = str(location) if location is not None else default_location()
    database = connect(target)
    migrate(database)
    return Archive(database, target)


__all__ = ["DEFAULT_DB", "Archive", "Filters", "StoreResult", "default_location", "open_archive"]
