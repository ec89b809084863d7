"""``zitat cluster``: cluster the archive's statements, or only those stored since the last run.

New statements are compared with the band keys stored for the clustered ones
(``statement_signatures``), and only the candidates among them are read; the clusters that got
members, or whose documents got new occurrences, are summarized again. A full recompute happens when
asked, and when an incremental one could differ from it: statements were deleted (``--reprocess``
replaces them) or speaker corrections changed since (the short-message rule and the flags depend on
speakers).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from zitat.store.database import Database, Row
from zitat.tracking.clustering import Assignment, Statement, assign
from zitat.tracking.minhash import from_bytes, to_bytes
from zitat.tracking.summary import ClusterSummary, Member, Publication, names_somebody, summarize
from zitat.tracking.wording import words

T = TypeVar("T")
CHUNK = 500  # ids per IN (…) list
STATE = ("statement", "occurrence", "correction")  # the last id of each that clustering has seen

STATEMENT_SELECT = (
    "SELECT s.id, s.document_id, s.form, s.message, s.speaker_id, s.cluster_id, sp.key AS speaker_key, "
    "sp.name AS speaker_name, sp.type AS speaker_type "
    "FROM statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id"
)


@dataclass
class ClusterRun:
    """What one ``zitat cluster`` did."""

    mode: str  # 'full' or 'incremental'
    reason: str  # why this mode
    statements: int = 0  # clustered in this run
    clusters_touched: int = 0
    candidate_pairs: int = 0
    linked: int = 0  # statements that joined an earlier statement's cluster
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self), seconds=round(self.seconds, 2))


def _chunks(ids: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _named_speaker_id(row: Row) -> int | None:
    """The speaker id when the statement credits a named speaker (for the short-message rule)."""
    if row["speaker_id"] is None or not names_somebody(
        row["speaker_key"], row["speaker_name"], row["speaker_type"]
    ):
        return None
    return int(row["speaker_id"])


def _statement(row: Row) -> Statement:
    return Statement(
        id=int(row["id"]),
        document_id=str(row["document_id"]),
        words=words(row["message"]),
        speaker_id=_named_speaker_id(row),
        cluster_id=None if row["cluster_id"] is None else int(row["cluster_id"]),
    )


def _state(db: Database) -> dict[str, int]:
    return {row["name"]: int(row["value"]) for row in db.rows("SELECT name, value FROM tracking_state")}


def _latest(db: Database) -> dict[str, int]:
    return {
        "statement": int(db.value("SELECT coalesce(max(id), 0) AS n FROM statements")),
        "occurrence": int(db.value("SELECT coalesce(max(id), 0) AS n FROM occurrences")),
        "correction": int(db.value("SELECT coalesce(max(id), 0) AS n FROM speaker_corrections"))
        + int(db.value("SELECT count(*) AS n FROM speaker_corrections")),  # a removal lowers the count
    }


def _full_reason(db: Database, state: dict[str, int]) -> str | None:
    """Why an incremental update could differ from a full recompute, or None."""
    if not state:
        return "first run"
    clustered = int(db.value("SELECT count(*) AS n FROM statements WHERE cluster_id IS NOT NULL"))
    if clustered != int(db.value("SELECT coalesce(sum(size), 0) AS n FROM clusters")):
        return "clustered statements were deleted or re-extracted since"
    if db.value(
        "SELECT 1 AS found FROM statements WHERE cluster_id IS NULL AND id <= ? LIMIT 1",
        (state["statement"],),
    ):
        return "statements older than the last run are unclustered"
    if _latest(db)["correction"] != state["correction"]:
        return "speaker corrections changed since"
    return None


def _clear(db: Database) -> None:
    db.execute("UPDATE statements SET cluster_id = NULL WHERE cluster_id IS NOT NULL")
    for table in ("clusters", "statement_signatures", "tracking_state"):
        db.execute(f"DELETE FROM {table}")


def stored_statements(db: Database, *, unclustered: bool = False) -> list[Statement]:
    """The archive's statements (only those not clustered yet with ``unclustered``), by id."""
    where = " WHERE s.cluster_id IS NULL" if unclustered else ""
    return [_statement(row) for row in db.rows(f"{STATEMENT_SELECT}{where} ORDER BY s.id")]


def _load(db: Database, ids: Iterable[int]) -> list[Statement]:
    found: list[Statement] = []
    for chunk in _chunks(list(ids)):
        marks = ", ".join("?" for _ in chunk)
        found.extend(_statement(row) for row in db.rows(f"{STATEMENT_SELECT} WHERE s.id IN ({marks})", chunk))
    return found


def cluster_archive(db: Database, *, full: bool = False) -> ClusterRun:
    """Cluster the unclustered statements (all of them with ``full``), in one transaction."""
    started = time.monotonic()
    with db.transaction():
        state = _state(db)
        reason = "asked for (--full)" if full else _full_reason(db, state)
        run = ClusterRun(
            "full" if reason else "incremental", reason or "only statements stored since the last run"
        )
        if reason:
            _clear(db)
        new = stored_statements(db, unclustered=True)
        signatures = (
            []
            if reason
            else db.rows("SELECT statement_id, bands FROM statement_signatures ORDER BY statement_id")
        )
        assignment = assign(
            new,
            np.array([row["statement_id"] for row in signatures], dtype=np.int64),
            from_bytes([row["bands"] for row in signatures]),
            lambda ids: _load(db, ids),
        )
        _store_assignment(db, assignment)
        touched = set(assignment.clusters.values())
        if not reason:
            touched |= _clusters_with_new_occurrences(db, state["occurrence"])
        _store_summaries(db, None if reason else touched)
        _store_state(db, _latest(db))
        if reason:
            # the planner's statistics still see cluster_id as all NULL: without new ones, the next run's
            # look-ups by cluster scan the whole table
            db.execute("ANALYZE statements")
    run.statements = len(new)
    run.clusters_touched = len(touched)
    run.candidate_pairs = assignment.candidate_pairs
    run.linked = assignment.linked_pairs
    run.seconds = time.monotonic() - started
    return run


def _store_assignment(db: Database, assignment: Assignment) -> None:
    db.execute_many(
        "UPDATE statements SET cluster_id = ? WHERE id = ?",
        [(cluster, statement) for statement, cluster in assignment.clusters.items()],
    )
    db.execute_many(
        "INSERT INTO statement_signatures (statement_id, bands) VALUES (?, ?)",
        list(zip(assignment.keyed_ids, to_bytes(assignment.keys), strict=True)),
    )


def _clusters_with_new_occurrences(db: Database, since: int) -> set[int]:
    rows = db.rows(
        "SELECT DISTINCT s.cluster_id FROM occurrences o JOIN statements s ON s.document_id = o.document_id "
        "WHERE o.id > ? AND s.cluster_id IS NOT NULL",
        (since,),
    )
    return {int(row["cluster_id"]) for row in rows}


def members(db: Database, cluster_ids: Iterable[int] | None) -> dict[int, list[Member]]:
    """The members of these clusters (of all with None), each with its document's publications."""
    if cluster_ids is None:
        rows = db.rows(f"{STATEMENT_SELECT} WHERE s.cluster_id IS NOT NULL")
    else:
        rows = []
        for chunk in _chunks(sorted(cluster_ids)):
            marks = ", ".join("?" for _ in chunk)
            rows.extend(db.rows(f"{STATEMENT_SELECT} WHERE s.cluster_id IN ({marks})", chunk))
    publications = _publications(db, None if cluster_ids is None else {row["document_id"] for row in rows})
    found: dict[int, list[Member]] = defaultdict(list)
    for row in rows:
        found[int(row["cluster_id"])].append(
            Member(
                id=int(row["id"]),
                document_id=str(row["document_id"]),
                form=row["form"],
                message=row["message"],
                speaker_key=row["speaker_key"],
                speaker_name=row["speaker_name"],
                speaker_type=row["speaker_type"],
                publications=publications.get(str(row["document_id"]), []),
            )
        )
    return found


def _publications(db: Database, document_ids: set[str] | None) -> dict[str, list[Publication]]:
    sql = "SELECT document_id, outlet, published FROM occurrences"
    if document_ids is None:
        rows = db.rows(sql)
    else:
        rows = []
        for chunk in _chunks(sorted(document_ids)):
            rows.extend(db.rows(f"{sql} WHERE document_id IN ({', '.join('?' for _ in chunk)})", chunk))
    found: dict[str, list[Publication]] = defaultdict(list)
    for row in rows:
        found[str(row["document_id"])].append(Publication(row["outlet"], row["published"]))
    return found


def _store_summaries(db: Database, cluster_ids: set[int] | None) -> None:
    """Summarize these clusters again (all with None)."""
    if cluster_ids is not None:
        for chunk in _chunks(sorted(cluster_ids)):
            db.execute(f"DELETE FROM clusters WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
    summaries: list[ClusterSummary] = [
        summarize(cluster, found) for cluster, found in members(db, cluster_ids).items()
    ]
    db.execute_many(
        "INSERT INTO clusters (id, canonical_statement_id, first_statement_id, first_published, size, "
        "documents, outlets, occurrences, altered_quotes, named_speakers) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (s.id, s.canonical_statement_id, s.first_statement_id, s.first_published, s.size, s.documents,
             s.outlets, s.occurrences, s.altered_quotes, s.named_speakers)
            for s in summaries
        ],
    )  # fmt: skip


def _store_state(db: Database, latest: dict[str, int]) -> None:
    db.execute("DELETE FROM tracking_state")
    for name in STATE:
        db.execute("INSERT INTO tracking_state (name, value) VALUES (?, ?)", (name, latest[name]))
