"""One connection to an archive, SQLite or PostgreSQL, behind the same small interface.

SQL is written once with ``?`` placeholders; the dialects differ only in connecting, transactions and
full-text search (SQLite FTS5 tables; PostgreSQL ``tsvector`` columns with the German configuration).
Both index text folded for search (``zitat.text.folding.fold_for_search``: the index methods fold what
they are given), so search is case- and umlaut-insensitive on both, and both split words at quotation
marks.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from zitat.errors import EnvironmentFault, ZitatError
from zitat.store.search_syntax import SearchQuery, Term
from zitat.text.folding import fold_for_search

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
LOCK_TIMEOUT_SECONDS = 30.0  # how long a SQLite writer waits for another one's lock

# SQLite's primary result codes that the machine causes, not the data or the code, and what they mean
SQLITE_FAULTS = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_IOERR": "reading or writing the file failed (a full disk or a file size limit?)",
    "SQLITE_READONLY": "it is read-only",
    "SQLITE_BUSY": "another process holds its lock",
    "SQLITE_LOCKED": "another process holds its lock",
    "SQLITE_CANTOPEN": "the file cannot be opened",
    "SQLITE_PERM": "permission denied",
    "SQLITE_CORRUPT": "the file is damaged",
}

Row = dict[str, Any]
RECONNECT_TIMEOUT_SECONDS = 10  # a server that is gone for good should not stall one reconnect attempt


@dataclass(frozen=True)
class Ranking:
    """How to order statements by relevance to a query: a join to add after the FROM clause and an
    ORDER BY expression (best first), each with its parameters."""

    join: str
    join_params: list[Any]
    order: str
    order_params: list[Any]


class ConnectionLost(EnvironmentFault):
    """The connection to the database server broke (a restart, a dropped session, the network): a new
    one may work (``Database.reconnect``); what was not committed is gone."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # the server's or the driver's words, for a message about several attempts


class Database:
    """The shared part; subclasses connect and say how full-text search works."""

    dialect = ""
    begin_sql = "BEGIN"

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.depth = 0  # open transactions: the outermost is BEGIN … COMMIT, inner ones are savepoints

    def _sql(self, sql: str) -> str:
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.connection.execute(self._sql(sql), tuple(params))
        except Exception as exc:
            fault = self.fault(exc)
            if fault is None:
                raise
            raise fault from exc

    def fault(self, exc: Exception) -> EnvironmentFault | None:
        """``exc`` as one clear line when the machine caused it (disk, permissions, locks, network);
        None when it is a bug."""
        return None

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """``sql`` once per parameter row (bulk updates)."""
        if not rows:
            return
        try:
            self._execute_many(self._sql(sql), rows)
        except Exception as exc:
            fault = self.fault(exc)
            if fault is None:
                raise
            raise fault from exc

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.connection.executemany(sql, rows)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [dict(row) for row in self.execute(sql, params).fetchall()]

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows as tuples of their values, in column order: many rows without a dict for each."""
        return [tuple(row) for row in self.execute(sql, params).fetchall()]

    def iter_rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        for row in self.execute(sql, params):
            yield dict(row)

    def row(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        found = self.execute(sql, params).fetchone()
        return dict(found) if found is not None else None

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.execute(sql, params).fetchone()
        return None if found is None else next(iter(dict(found).values()))

    def begin(self) -> None:
        self.execute(self.begin_sql if self.depth == 0 else f"SAVEPOINT level{self.depth}")
        self.depth += 1

    def commit(self) -> None:
        self.depth -= 1
        self.execute("COMMIT" if self.depth == 0 else f"RELEASE SAVEPOINT level{self.depth}")

    def rollback(self) -> None:
        self.depth = max(0, self.depth - 1)
        if self.depth == 0:
            if self.in_transaction():
                self.execute("ROLLBACK")
            return
        try:
            self.execute(f"ROLLBACK TO SAVEPOINT level{self.depth}")
            self.execute(f"RELEASE SAVEPOINT level{self.depth}")
        except Exception:
            # the savepoint is not where the count says (Ctrl-C or SIGTERM came between a statement and
            # the count): undo the whole transaction rather than keep half a document
            self.abandon()

    def in_transaction(self) -> bool:
        """Whether the connection has a transaction open (the database's own answer, not ``depth``)."""
        raise NotImplementedError

    def finish(self) -> None:
        """On Ctrl-C or SIGTERM: commit what is open. The signal may have come between a statement and
        the count of open transactions (``depth``), so the connection says whether one is open; COMMIT
        ends its savepoints too."""
        self.depth = 0
        if self.in_transaction():
            self.execute("COMMIT")

    def abandon(self) -> None:
        """After a failed commit or a lost connection: end whatever transaction is open, quietly (the
        database may have rolled it back itself), so the original error is the one reported."""
        self.depth = 0
        with suppress(Exception):
            self.connection.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nested in an open transaction, a savepoint (undone alone on error)."""
        self.begin()
        try:
            yield
        except EnvironmentFault:
            self.abandon()  # the savepoint may be gone with the transaction: undoing it would fail again
            raise
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def close(self) -> None:
        self.connection.close()

    def reconnect(self) -> None:
        """A new connection in place of a lost one, with no transaction open; raises ``ConnectionLost``
        while the server cannot be reached. Only a server connection is ever lost."""
        raise NotImplementedError

    def optimize(self) -> None:
        """After a bulk change: let the database update its planner statistics."""

    def data_version(self) -> str:
        """A value that differs once another connection has committed a change to the archive (SQLite:
        any other connection, this process's too; PostgreSQL: any write anywhere on the server, so it
        may also differ when nothing in the archive changed), for caching what was read: a result
        read after this value was taken is at least as new as the archive was then."""
        raise NotImplementedError

    # schema

    def schema_version(self) -> int:
        raise NotImplementedError

    # full-text search

    def index_statement(self, statement_id: int, text: str) -> None:
        """Index a new statement's ``text`` (message, source and speaker's name), folded for search."""
        raise NotImplementedError

    def unindex_statements(self, document_id: str) -> None:
        raise NotImplementedError

    def index_document(self, num: int, text: str, replace: bool = False) -> None:
        """Index a document's ``text`` (title and text), folded for search; ``replace`` its old entry."""
        raise NotImplementedError

    def statement_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        """A condition on ``s`` (statements) that is true where the query's terms are found (see
        ``zitat.store.search_syntax``)."""
        raise NotImplementedError

    def document_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        """The same on ``d`` (documents), over title and text."""
        raise NotImplementedError

    def statement_ranking(self, query: SearchQuery) -> Ranking | None:
        """Statements ordered by how well they match the query's wanted terms (None without any)."""
        raise NotImplementedError

    def regex_match(self, column: str) -> str:
        """A condition that ``column`` matches the regular expression in the parameter (written in the
        syntax Python and PostgreSQL share)."""
        raise NotImplementedError


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _regexp(pattern: str, value: str | None) -> bool:
    """SQLite's ``value REGEXP pattern``."""
    return value is not None and _compiled(pattern).search(value) is not None


class SQLiteDatabase(Database):
    dialect = "sqlite"
    begin_sql = "BEGIN IMMEDIATE"  # take the write lock now, not halfway through a document

    def __init__(self, path: str) -> None:
        self.path = path
        if path != ":memory:" and not Path(path).parent.exists():
            raise ZitatError(f"cannot create archive {path}: folder {Path(path).parent} does not exist")
        try:
            connection = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=LOCK_TIMEOUT_SECONDS
            )
            connection.row_factory = sqlite3.Row
            # SQLite has the REGEXP operator but leaves its function to the application
            connection.create_function("regexp", 2, _regexp, deterministic=True)
            # WAL: readers see the last committed document while a writer adds the next one
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            fault = self.fault(exc)
            raise fault or ZitatError(f"cannot open archive {path}: {exc}") from None
        super().__init__(connection)

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self.connection.cursor()
        cursor.row_factory = None  # plain tuples, without a Row object for each
        try:
            return list(cursor.execute(sql, tuple(params)).fetchall())
        except Exception as exc:
            fault = self.fault(exc)
            if fault is None:
                raise
            raise fault from exc

    def fault(self, exc: Exception) -> EnvironmentFault | None:
        # the extended code's primary part: SQLITE_IOERR_WRITE is an SQLITE_IOERR
        code = "_".join(str(getattr(exc, "sqlite_errorname", "")).split("_")[:2])
        if not isinstance(exc, sqlite3.DatabaseError) or code not in SQLITE_FAULTS:
            return None
        return EnvironmentFault(f"archive {self.path}: {SQLITE_FAULTS[code]} (SQLite: {exc})")

    def optimize(self) -> None:
        # the statistics the query planner needs: without them it joins documents through their id's
        # index instead of the covering one and drives a filtered facet from the form's index instead
        # of the full-text matches (on 1M statements, facets 2-8 times slower). PRAGMA optimize alone
        # never makes them for an archive that only had documents stored; a sample of 400 rows per
        # index keeps it under a second on 1M statements, as SQLite's documentation advises
        self.execute("PRAGMA analysis_limit = 400")
        self.execute("ANALYZE")

    def data_version(self) -> str:
        # changes when another connection commits; this connection's own commits leave it alone
        return str(self.value("PRAGMA data_version"))

    def schema_version(self) -> int:
        try:
            self.connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        except sqlite3.DatabaseError as exc:
            raise ZitatError(f"not a zitat archive (SQLite says: {exc})") from None
        return int(self.value("SELECT max(version) AS v FROM schema_version") or 0)

    def index_statement(self, statement_id: int, text: str) -> None:
        self.execute(
            "INSERT INTO statements_fts (rowid, body) VALUES (?, ?)", (statement_id, fold_for_search(text))
        )

    def unindex_statements(self, document_id: str) -> None:
        self.execute(
            "DELETE FROM statements_fts WHERE rowid IN (SELECT id FROM statements WHERE document_id = ?)",
            (document_id,),
        )

    def index_document(self, num: int, text: str, replace: bool = False) -> None:
        if replace:
            self.execute("DELETE FROM documents_fts WHERE rowid = ?", (num,))
        self.execute("INSERT INTO documents_fts (rowid, body) VALUES (?, ?)", (num, fold_for_search(text)))

    @staticmethod
    def _fts_term(term: Term) -> str:
        # the index holds no word positions (detail = none): a phrase is found as all its words here,
        # and its order is checked on the indexed text (_matching)
        if term.is_phrase:
            return "(" + " AND ".join(f'"{word}"' for word in term.words) + ")"
        return f'"{term.words[0]}"*'

    def _fts_wanted(self, query: SearchQuery) -> str:
        return " AND ".join(
            "(" + " OR ".join(self._fts_term(term) for term in group) + ")" for group in query.groups
        )

    def _matching(self, table: str, key: str, query: SearchQuery) -> tuple[str, list[Any]]:
        """Conditions on ``key`` (the row id the FTS table ``table`` indexes) for a search query."""
        conditions: list[str] = []
        params: list[Any] = []
        if query.groups:
            phrases = [group for group in query.groups if any(term.is_phrase for term in group)]
            checks = "".join(" AND body REGEXP ?" for _ in phrases)
            conditions.append(f"{key} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?{checks})")
            params.append(self._fts_wanted(query))
            params.extend("|".join(term.pattern() for term in group) for group in phrases)
        for term in query.excluded:
            check = " AND body REGEXP ?" if term.is_phrase else ""
            conditions.append(f"{key} NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH ?{check})")
            params.extend([self._fts_term(term), *([term.pattern()] if term.is_phrase else [])])
        return " AND ".join(conditions), params

    def statement_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        return self._matching("statements_fts", "s.id", query)

    def document_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        return self._matching("documents_fts", "d.num", query)

    def statement_ranking(self, query: SearchQuery) -> Ranking | None:
        if not query.groups:
            return None
        # bm25: smaller is better
        join = (
            " JOIN (SELECT rowid AS rid, bm25(statements_fts) AS relevance FROM statements_fts"
            " WHERE statements_fts MATCH ?) ranked ON ranked.rid = s.id"
        )
        return Ranking(join, [self._fts_wanted(query)], "ranked.relevance ASC", [])

    def regex_match(self, column: str) -> str:
        return f"{column} REGEXP ?"

    def in_transaction(self) -> bool:
        return bool(self.connection.in_transaction)


class PostgresDatabase(Database):
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise ZitatError("PostgreSQL archives need psycopg: pip install 'zitat[postgres]'") from None
        self.url = url
        self.where = redact(url)  # for messages
        try:
            connection = self._connect()
        except psycopg.Error as exc:
            raise ZitatError(f"cannot connect to {self.where}: {first_line(exc)}") from None
        super().__init__(connection)

    def _connect(self, **options: Any) -> Any:
        import psycopg
        from psycopg.rows import dict_row

        return psycopg.connect(self.url, autocommit=True, row_factory=dict_row, **options)

    def fault(self, exc: Exception) -> EnvironmentFault | None:
        import psycopg

        # OperationalError: the server went away, shut down, ran out of disk or timed out a lock;
        # InterfaceError: the connection is closed since
        if not isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
            return None
        reason = first_line(exc)
        message = f"archive {self.where}: the database server failed ({reason})"
        # only a broken connection is worth a new one: a full disk or a lock timeout would fail again
        if self.connection.broken or self.connection.closed:
            return ConnectionLost(message, reason)
        return EnvironmentFault(message)

    def reconnect(self) -> None:
        import psycopg

        with suppress(Exception):
            self.connection.close()
        try:
            self.connection = self._connect(connect_timeout=RECONNECT_TIMEOUT_SECONDS)
        except psycopg.Error as exc:
            reason = first_line(exc)
            raise ConnectionLost(f"archive {self.where}: cannot reconnect ({reason})", reason) from None
        self.depth = 0

    def optimize(self) -> None:
        # autovacuum gathers statistics only after its delay: right after a migration rewrote every
        # search vector (schema 10) the 1M-statement bench archive answered facets at p95 1.8 s, after a
        # VACUUM ANALYZE by hand at 0.14 s (docs/benchmarks.md, "Web"); VACUUM cannot run in the
        # migration's transaction, the planner's statistics can be gathered there
        self.execute("ANALYZE")

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row.values()) for row in self.execute(sql, params).fetchall()]  # rows are dicts here

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def data_version(self) -> str:
        # the server's running and next write transactions: a commit (or a new writer) changes them, and
        # reads start none, so the text stays the same while nothing is written
        return str(self.value("SELECT pg_current_snapshot()::text AS snapshot"))

    def schema_version(self) -> int:
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        return int(self.value("SELECT max(version) AS v FROM schema_version") or 0)

    def index_statement(self, statement_id: int, text: str) -> None:
        self.execute(
            "UPDATE statements SET search = to_tsvector('german', ?) WHERE id = ?",
            (fold_for_search(text), statement_id),
        )

    def unindex_statements(self, document_id: str) -> None:
        """Nothing to do: the index lives in the statements' own rows."""

    def index_document(self, num: int, text: str, replace: bool = False) -> None:
        self.execute(
            "UPDATE documents SET search = to_tsvector('german', ?) WHERE num = ?",
            (fold_for_search(text), num),
        )

    @staticmethod
    def _ts_term(term: Term) -> str:
        if term.is_phrase:
            return "(" + " <-> ".join(term.words) + ")"
        return f"{term.words[0]}:*"

    def _ts_wanted(self, query: SearchQuery) -> str:
        return " & ".join(
            "(" + " | ".join(self._ts_term(term) for term in group) + ")" for group in query.groups
        )

    def _ts_query(self, query: SearchQuery) -> str:
        excluded = [f"!{self._ts_term(term)}" for term in query.excluded]
        return " & ".join([*([self._ts_wanted(query)] if query.groups else []), *excluded])

    def statement_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        return "s.search @@ to_tsquery('german', ?)", [self._ts_query(query)]

    def document_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        return "d.search @@ to_tsquery('german', ?)", [self._ts_query(query)]

    def statement_ranking(self, query: SearchQuery) -> Ranking | None:
        if not query.groups:
            return None
        return Ranking("", [], "ts_rank(s.search, to_tsquery('german', ?)) DESC", [self._ts_wanted(query)])

    def regex_match(self, column: str) -> str:
        return f"{column} ~ ?"

    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.connection.info.transaction_status != TransactionStatus.IDLE)


def first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}" if ":" in credentials else url


def connect(location: str) -> Database:
    """The database at ``location`` (a SQLite file or a postgresql:// URL), as it is (see
    ``zitat.store.migrations.migrate``)."""
    if location.startswith(POSTGRES_SCHEMES):
        return PostgresDatabase(location)
    return SQLiteDatabase(location)
