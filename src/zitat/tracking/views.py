"""Reading clusters back: a list with filters, one cluster in full (first appearance, timeline by
outlet, variants with word diffs, flagged members) and tracing a statement by id or wording. The CLI,
the API and the web page show these."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from zitat.errors import ZitatError
from zitat.store.database import Database, Row
from zitat.store.records import row_id
from zitat.store.search_syntax import parse_query
from zitat.text.folding import fold
from zitat.tracking.summary import DIRECT, altered_members, chronological
from zitat.tracking.update import is_clustered, members
from zitat.tracking.wording import Overlap, shingles, word_diff, words

FLAGS = ("misquote", "misattribution")
FLAG_CONDITIONS = {"misquote": "c.altered_quotes > 0", "misattribution": "c.named_speakers > 1"}
SORTS = {
    "size": "c.size DESC, c.id",
    "outlets": "c.outlets DESC, c.size DESC, c.id",
    "first": "c.first_published IS NULL, c.first_published, c.id",
}
TRACE_CANDIDATES = 200  # statements found by full-text search that a wording is compared with


def flags(row: Row) -> list[str]:
    """The flags of a cluster row: possible misquote, possible misattribution."""
    found = []
    if row["altered_quotes"]:
        found.append("misquote")
    if row["named_speakers"] > 1:
        found.append("misattribution")
    return found


def ensure_clustered(db: Database) -> None:
    """A clear error for an archive that ``zitat cluster`` has not run on (or that holds nothing)."""
    if not is_clustered(db):
        raise ZitatError("the archive has no clusters yet: run zitat cluster --db … first")


def list_clusters(
    db: Database,
    *,
    flag: str | None = None,
    speaker: str | None = None,
    min_size: int = 2,
    sort: str = "size",
    limit: int | None = 20,
    offset: int = 0,
) -> list[Row]:
    """Clusters of at least ``min_size`` statements, with their canonical wording and flags."""
    if flag is not None and flag not in FLAG_CONDITIONS:
        raise ZitatError(f"unknown flag {flag!r}: choose {' or '.join(FLAGS)}")
    if sort not in SORTS:
        raise ZitatError(f"unknown sort {sort!r}: choose one of {', '.join(SORTS)}")
    if min_size < 1 or offset < 0 or (limit is not None and limit < 0):
        raise ZitatError("--min-size must be at least 1, --limit and --offset not negative")
    ensure_clustered(db)
    conditions, params = ["c.size >= ?"], list[Any]([min_size])
    if flag:
        conditions.append(FLAG_CONDITIONS[flag])
    if speaker:
        conditions.append(
            "EXISTS (SELECT 1 FROM statements m JOIN speakers ms ON ms.id = m.speaker_id "
            "WHERE m.cluster_id = c.id AND ms.search_name LIKE ?)"
        )
        params.append(f"%{fold(speaker.strip())}%")
    page = ""
    if limit is not None:
        page = " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = db.rows(
        "SELECT c.*, s.message AS canonical, s.form AS canonical_form, sp.name AS speaker, "
        "f.document_id AS first_document FROM clusters c "
        "JOIN statements s ON s.id = c.canonical_statement_id LEFT JOIN speakers sp ON sp.id = s.speaker_id "
        "JOIN statements f ON f.id = c.first_statement_id "
        f"WHERE {' AND '.join(conditions)} ORDER BY {SORTS[sort]}{page}",
        params,
    )
    for row in rows:
        row["flags"] = flags(row)
    return rows


def cluster(db: Database, cluster_id: int) -> Row:
    """One cluster in full; an unknown id is a ``ZitatError``."""
    ensure_clustered(db)
    row = db.row("SELECT * FROM clusters WHERE id = ?", (cluster_id,))
    if row is None:
        raise ZitatError(f"no cluster {cluster_id}")
    found = members(db, [cluster_id]).get(cluster_id, [])
    ordered = chronological(found)
    altered = {m.id for m in altered_members(found)}
    details = _statement_details(db, cluster_id)
    occurrences = db.rows(
        "SELECT DISTINCT o.document_id, o.outlet, o.url, o.published, o.published_raw, o.title "
        "FROM occurrences o JOIN statements s ON s.document_id = o.document_id WHERE s.cluster_id = ? "
        "ORDER BY o.published, o.outlet",
        (cluster_id,),
    )
    canonical = next(m for m in found if m.id == row["canonical_statement_id"])
    earliest_direct = next((m for m in ordered if m.form == DIRECT), None)
    statements = []
    for member in ordered:
        statement = {**details[member.id], "first_published": member.first_published}
        statement["altered"] = member.id in altered
        statement["named_speaker"] = member.named_speaker is not None
        statement["occurrences"] = [o for o in occurrences if o["document_id"] == member.document_id]
        statements.append(statement)
    return {
        **row,
        "flags": flags(row),
        "canonical": {"statement_id": canonical.id, "message": canonical.message},
        "earliest_direct_statement_id": earliest_direct.id if earliest_direct else None,
        "first": next(s for s in statements if s["id"] == row["first_statement_id"]),
        "statements": statements,
        "outlets_by_count": _outlet_counts(occurrences),
        "timeline": _timeline(occurrences),
        "variants": _variants(statements, canonical.message),
        "speakers": _speakers(statements),
    }


def _statement_details(db: Database, cluster_id: int) -> dict[int, Row]:
    rows = db.rows(
        "SELECT s.id, s.document_id, s.form, s.message, s.source, s.speaker_id, sp.name AS speaker, "
        "sp.type AS speaker_type, d.title, d.outlet, d.url FROM statements s "
        "JOIN documents d ON d.id = s.document_id LEFT JOIN speakers sp ON sp.id = s.speaker_id "
        "WHERE s.cluster_id = ?",
        (cluster_id,),
    )
    return {int(row["id"]): row for row in rows}


def _outlet_counts(occurrences: list[Row]) -> list[Row]:
    counts = Counter(o["outlet"] or "unknown" for o in occurrences)
    firsts: dict[str, str | None] = {}
    for o in occurrences:  # ordered by date: the first seen is the earliest
        firsts.setdefault(o["outlet"] or "unknown", o["published"])
    return [
        {"outlet": name, "occurrences": n, "first_published": firsts[name]}
        for name, n in counts.most_common()
    ]


def _timeline(occurrences: list[Row]) -> list[Row]:
    """Occurrences per day (undated ones last), with the outlets of that day."""
    days: dict[str | None, Counter[str]] = defaultdict(Counter)
    for o in occurrences:
        days[o["published"]][o["outlet"] or "unknown"] += 1
    ordered = sorted(days, key=lambda day: (day is None, day or ""))
    return [
        {"date": day, "occurrences": sum(days[day].values()), "outlets": dict(days[day])} for day in ordered
    ]


def _variants(statements: list[Row], canonical: str | None) -> list[Row]:
    """Each distinct wording (by folded words) with its statements and its diff from the canonical one."""
    grouped: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for statement in statements:
        grouped[words(statement["message"])].append(statement)
    variants = [
        {
            "message": group[0]["message"],
            "statements": [s["id"] for s in group],
            "outlets": sorted({o["outlet"] or "unknown" for s in group for o in s["occurrences"]}),
            "canonical": wording == words(canonical),
            "diff": [
                {"kind": kind, "text": text} for kind, text in word_diff(canonical, group[0]["message"])
            ],
        }
        for wording, group in grouped.items()
    ]
    return sorted(variants, key=lambda v: (not v["canonical"], -len(v["statements"])))


def _speakers(statements: list[Row]) -> list[Row]:
    counts = Counter((s["speaker"] or s["source"] or "unknown", s["named_speaker"]) for s in statements)
    return [{"speaker": name, "named": named, "statements": n} for (name, named), n in counts.most_common()]


def trace(db: Database, key: str) -> Row:
    """The cluster of a statement given by its id, or of the stored statement closest to a wording."""
    ensure_clustered(db)
    key = key.strip()
    if not key:
        raise ZitatError("give a statement id or the words of a statement")
    statement_id = row_id(key)
    if statement_id is None:
        statement_id = _closest(db, key)
    found = db.row("SELECT cluster_id FROM statements WHERE id = ?", (statement_id,))
    if found is None:
        raise ZitatError(f"no statement {statement_id}")
    if found["cluster_id"] is None:
        raise ZitatError(f"statement {statement_id} is not clustered yet: run zitat cluster --db …")
    return {"statement_id": statement_id, **cluster(db, int(found["cluster_id"]))}


def _closest(db: Database, text: str) -> int:
    # every word of the wording, as search terms (no phrases, OR or exclusions: the words are plain)
    query = parse_query(" ".join(words(text)))
    if not query.groups:
        raise ZitatError(f"no words to look for in {text!r}")
    condition, params = db.statement_match(query)
    rows = db.rows(
        f"SELECT s.id, s.message FROM statements s WHERE {condition} ORDER BY s.id LIMIT ?",
        [*params, TRACE_CANDIDATES],
    )
    if not rows:
        raise ZitatError(f"no stored statement has all the words of {text!r}")
    wanted = shingles(words(text))
    scored = [(Overlap.of(wanted, shingles(words(row["message"]))), int(row["id"])) for row in rows]
    best = max(scored, key=lambda pair: (pair[0].containment, pair[0].jaccard, -pair[1]))
    return best[1]
