"""``zitat cluster``: cluster the archive's statements, or only those stored since the last run.

Each distinct wording of the clustered statements is stored with its shingles (``wording_shingles``, an
index by shingle) and each statement with its wording (``statement_wordings``).
New statements look up only their own shingles there, and only the statements of the wordings they
share enough with are read; the clusters that got members, or whose documents got new occurrences, are
summarized again. A full recompute happens when asked, and when an incremental one could differ from
it: the tracking method changed (``clustering.METHOD``: the stored wordings and clusters come from
other rules), statements were deleted (``--reprocess`` replaces them) or speaker corrections changed
since (the rules and the flags depend on speakers).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from zitat.store.database import Database, Row
from zitat.tracking.clustering import METHOD, Assignment, Statement, assign, authors_voice
from zitat.tracking.summary import DIRECT, ClusterSummary, Member, Publication, named_speaker, summarize
from zitat.tracking.wording import names, quoted, words

T = TypeVar("T")
CHUNK = 500  # ids per IN (…) list
POSTINGS_CHUNK = 5000  # shingles per look-up
# the tracking method of the stored wordings and clusters, and the last id of each that clustering has seen
STATE = ("method", "statement", "occurrence", "correction")

STATEMENT_COLUMNS = (
    "s.id, s.document_id, s.form, s.message, s.source, s.nested_in, s.cluster_id, "
    "sp.key AS speaker_key, sp.name AS speaker_name, sp.type AS speaker_type"
)
STATEMENT_SELECT = (
    f"SELECT {STATEMENT_COLUMNS} FROM statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id"
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
    cpu_seconds: float = 0.0  # of this process: on a shared machine, less at the mercy of other jobs

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self), seconds=round(self.seconds, 2), cpu_seconds=round(self.cpu_seconds, 2))


def _chunks(ids: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _statement(row: Row, folded: tuple[str, ...] | None = None) -> Statement:
    """The statement of a row of ``STATEMENT_SELECT``; ``folded``: its words when known (a wording's)."""
    speaker = named_speaker(row["speaker_key"], row["speaker_name"], row["speaker_type"])
    return Statement(
        id=int(row["id"]),
        document_id=str(row["document_id"]),
        words=_words(row, speaker) if folded is None else folded,
        speaker=speaker,
        person=speaker is not None and row["speaker_type"] == "person",
        cluster_id=None if row["cluster_id"] is None else int(row["cluster_id"]),
    )


def _words(row: Row, speaker: str | None) -> tuple[str, ...]:
    """The words clustering compares: none for the author's own voice, and a direct quote's words are
    those in its quotation marks (a span may run on past them)."""
    if speaker is None and authors_voice(row["form"], row["source"], row["nested_in"]):
        return ()
    return words(quoted(row["message"]) if row["form"] == DIRECT else row["message"])


def is_clustered(db: Database) -> bool:
    """Whether ``zitat cluster`` has run on the archive (its clusters may be out of date)."""
    return bool(db.value("SELECT count(*) AS n FROM tracking_state"))


def _state(db: Database) -> dict[str, int]:
    return {row["name"]: int(row["value"]) for row in db.rows("SELECT name, value FROM tracking_state")}


def _latest(db: Database) -> dict[str, int]:
    return {
        "method": METHOD,
        "statement": int(db.value("SELECT coalesce(max(id), 0) AS n FROM statements")),
        "occurrence": int(db.value("SELECT coalesce(max(id), 0) AS n FROM occurrences")),
        "correction": int(db.value("SELECT coalesce(max(id), 0) AS n FROM speaker_corrections"))
        + int(db.value("SELECT count(*) AS n FROM speaker_corrections")),  # a removal lowers the count
    }


def _full_reason(db: Database, state: dict[str, int]) -> str | None:
    """Why an incremental update could differ from a full recompute, or None."""
    if not state:
        return "first run"
    if state.get("method") != METHOD:
        return f"the clusters come from an earlier tracking method (now method {METHOD})"
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
    for table in ("clusters", "statement_wordings", "wording_shingles", "tracking_state"):
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


class ArchiveWordings:
    """The wordings an archive stores for its clustered statements (``clustering.StoredWordings``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def postings(self, shingle_values: Sequence[int]) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        for chunk in _chunks(shingle_values, POSTINGS_CHUNK):
            marks = ", ".join("?" for _ in chunk)
            found.extend(
                self.db.tuples(
                    f"SELECT shingle, wording, size FROM wording_shingles WHERE shingle IN ({marks})", chunk
                )
            )
        return found

    def statements(self, wording_ids: Sequence[int]) -> list[tuple[int, Statement]]:
        found: list[tuple[int, Statement]] = []
        folded: dict[int, tuple[str, ...]] = {}  # the words of each wording, folded once
        for chunk in _chunks(wording_ids):
            marks = ", ".join("?" for _ in chunk)
            rows = self.db.rows(
                f"SELECT {STATEMENT_COLUMNS}, w.wording FROM statement_wordings w "
                "JOIN statements s ON s.id = w.statement_id LEFT JOIN speakers sp ON sp.id = s.speaker_id "
                f"WHERE w.wording IN ({marks})",
                chunk,
            )
            for row in rows:
                wording = int(row["wording"])
                statement = _statement(row, folded.get(wording))
                folded.setdefault(wording, statement.words)
                found.append((wording, statement))
        return found

    def load(self, statement_ids: Sequence[int]) -> list[Statement]:
        return _load(self.db, statement_ids)


class DocumentNames:
    """The names each document of an archive mentions (``wording.names`` of its text), read when first
    asked for: clustering asks only for the articles of short messages credited to nobody."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._found: dict[str, frozenset[str]] = {}

    def __call__(self, document_id: str) -> frozenset[str]:
        found = self._found.get(document_id)
        if found is None:
            text = self.db.value("SELECT text FROM documents WHERE id = ?", (document_id,))
            found = self._found[document_id] = names(text)
        return found


def cluster_archive(db: Database, *, full: bool = False) -> ClusterRun:
    """Cluster the unclustered statements (all of them with ``full``), in one transaction."""
    started, cpu_started = time.monotonic(), time.process_time()
    with db.transaction():
        state = _state(db)
        reason = "asked for (--full)" if full else _full_reason(db, state)
        run = ClusterRun(
            "full" if reason else "incremental", reason or "only statements stored since the last run"
        )
        if reason:
            _clear(db)
        new = stored_statements(db, unclustered=True)
        assignment = assign(new, None if reason else ArchiveWordings(db), names_of=DocumentNames(db))
        _store_assignment(db, assignment)
        touched = set(assignment.clusters.values())
        if not reason:
            touched |= _clusters_with_new_occurrences(db, state["occurrence"], state["statement"])
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
    run.cpu_seconds = time.process_time() - cpu_started
    return run


def _store_assignment(db: Database, assignment: Assignment) -> None:
    db.execute_many(
        "UPDATE statements SET cluster_id = ? WHERE id = ?",
        [(cluster, statement) for statement, cluster in assignment.clusters.items()],
    )
    # a wording stored before (another statement with the same words) keeps its postings
    db.execute_many(
        "INSERT INTO wording_shingles (shingle, wording, size) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        sorted(
            (shingle, wording.id, len(wording.shingles))
            for wording in assignment.wordings
            for shingle in wording.shingles
        ),
    )
    db.execute_many(
        "INSERT INTO statement_wordings (statement_id, wording) VALUES (?, ?)", assignment.statement_wordings
    )


def _clusters_with_new_occurrences(db: Database, since: int, last_statement: int) -> set[int]:
    """The clusters of statements clustered before whose documents got occurrences since (new documents'
    statements are in the clusters this run touched anyway)."""
    rows = db.rows(
        "SELECT DISTINCT s.cluster_id FROM occurrences o JOIN statements s ON s.document_id = o.document_id "
        "WHERE o.id > ? AND s.id <= ? AND s.cluster_id IS NOT NULL",
        (since, last_statement),
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
