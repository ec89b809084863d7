"""``zitat stats``: what an archive (or the filtered part of it) holds."""

from __future__ import annotations

from typing import Any

from zitat.store.database import Database, Row
from zitat.store.filters import STATEMENT_FROM, Filters

TOP_OUTLETS = 10


def _counts(
    db: Database, column: str, where: str, params: list[Any], extra: str = "", counted: str = "count(*)"
) -> dict[str, int]:
    """Statements (or what ``counted`` counts) by ``column``, most first."""
    joiner = " AND " if where else " WHERE "
    condition = f"{joiner}{extra}" if extra else ""
    rows = db.rows(
        f"SELECT {column} AS label, {counted} AS n{STATEMENT_FROM}{where}{condition} "
        f"GROUP BY {column} ORDER BY n DESC",
        params,
    )
    return {str(row["label"]) if row["label"] is not None else "none": int(row["n"]) for row in rows}


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def archive_stats(db: Database, filters: Filters) -> Row:
    where, params = filters.where(db)
    totals = db.row(
        f"SELECT count(*) AS statements, count(DISTINCT s.document_id) AS documents_with_statements, "
        f"count(DISTINCT s.speaker_id) AS speakers{STATEMENT_FROM}{where}",
        params,
    ) or {"statements": 0, "documents_with_statements": 0, "speakers": 0}
    statements = int(totals["statements"])
    speaker_types = _counts(db, "sp.type", where, params)
    person_genders = _counts(db, "sp.gender", where, params, "sp.type = 'person'")
    persons = sum(person_genders.values())
    # people, not statements: who gets quoted at all, beside how often
    person_speakers = _counts(
        db, "sp.gender", where, params, "sp.type = 'person'", counted="count(DISTINCT s.speaker_id)"
    )
    outlets = db.rows(
        f"SELECT d.outlet AS outlet, count(*) AS statements, count(DISTINCT d.id) AS documents"
        f"{STATEMENT_FROM}{where} GROUP BY d.outlet ORDER BY statements DESC LIMIT {TOP_OUTLETS}",
        params,
    )
    failures = {
        row["kind"]: int(row["n"])
        for row in db.rows("SELECT kind, count(*) AS n FROM failures GROUP BY kind")
    }
    republished = db.row(
        "SELECT count(*) AS documents, coalesce(sum(n), 0) AS occurrences FROM "
        "(SELECT count(*) AS n FROM occurrences GROUP BY document_id HAVING count(DISTINCT outlet) > 1) o"
    ) or {"documents": 0, "occurrences": 0}
    return {
        "documents": int(db.value("SELECT count(*) AS n FROM documents") or 0),
        # each publication of a stored text: agency copy carried by several outlets is one document
        "occurrences": int(db.value("SELECT count(*) AS n FROM occurrences") or 0),
        "documents_in_several_outlets": int(republished["documents"]),
        "documents_with_statements": int(totals["documents_with_statements"]),
        "statements": statements,
        "speakers": int(totals["speakers"]),
        "anonymous_share": _share(speaker_types.get("anonymous", 0), statements),
        "speaker_types": speaker_types,
        "person_gender_shares": {gender: _share(n, persons) for gender, n in person_genders.items()},
        "person_speaker_gender_shares": {
            gender: _share(n, sum(person_speakers.values())) for gender, n in person_speakers.items()
        },
        "top_outlets": outlets,
        "statements_per_month": dict(sorted(_counts(db, "substr(d.published, 1, 7)", where, params).items())),
        "forms": _counts(db, "s.form", where, params),
        "media": _counts(db, "s.medium", where, params),
        "failed": failures.get("failed", 0),
        "skipped_non_german": failures.get("non_german", 0),
    }
