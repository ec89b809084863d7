"""Facets and timelines: how the statements a search finds are spread over speakers, outlets, forms,
genders, months, … (``Archive.facets``, ``Archive.timeline``; the web app's facet lists and charts).

Every value a facet counts is a value of a filter of the same name (``Filters``), so a count can be
clicked to narrow the search to it. The facets are counted with one query per level (speaker,
statement, document), grouping as early as they can: speakers per speaker id on the statements'
own index before looking at the speakers, documents through a covering index of their facet
columns, and when the filters only look at documents, the documents' statement counts are added up
instead of joining every statement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from zitat.document import GENDERS
from zitat.ingest.article import AUTHOR_SEPARATOR
from zitat.store.database import Database, Row
from zitat.store.filters import Filters
from zitat.store.person_counts import COLUMNS as PERSON_COLUMNS
from zitat.store.person_counts import GENDER_COLUMNS
from zitat.store.records import MENTION_KEY

Counted = tuple[str, str | None, int]  # a facet's value, its label (speakers only) and count
STATEMENT_GROUPING = "s.form, s.medium"  # the first columns of the index statements_facets
STATEMENT_LEVEL = ("speaker", "type", "gender", "form", "medium", "min_confidence", "document")


@dataclass(frozen=True)
class Facet:
    """A facet: the SQL of its value over ``s``, ``d`` or ``sp`` (the speaker), and where it lives."""

    column: str
    level: str  # 'statement', 'document' or 'speaker'
    chronological: bool = False  # listed by value (newest first), not by count


FACETS = {
    "speaker": Facet("sp.id", "speaker"),
    "type": Facet("sp.type", "speaker"),
    "gender": Facet("sp.gender", "speaker"),
    "outlet": Facet("d.outlet", "document"),
    "author": Facet("d.author", "document"),
    "form": Facet("s.form", "statement"),
    "medium": Facet("s.medium", "statement"),
    "month": Facet("substr(d.published, 1, 7)", "document", chronological=True),
}


def _per(column: str, where: str) -> str:
    """What to group the filtered statements by, for ``s.speaker_id`` or ``s.document_id``. With
    filters, an expression of the column (same values) rather than the column: SQLite would otherwise
    walk the column's index in order, to save sorting, and read every statement's row to test the
    filters, instead of finding the few rows through the filters' own indexes (on 1M statements, many
    times slower for a rare form's speakers)."""
    if not where:
        return column
    return f"{column} || ''" if column == "s.document_id" else f"{column} + 0"


def _only_documents(filters: Filters) -> bool:
    """Whether the filters look at documents alone (no full-text query, nothing about statements)."""
    return not filters.query and not any(getattr(filters, name) for name in STATEMENT_LEVEL)


def facets(
    db: Database, filters: Filters, names: Iterable[str], limit: int | None = 10, unresolved: bool = False
) -> dict[str, list[Row]]:
    """For each facet name, its values among the statements ``filters`` find, most statements first
    (months newest first): ``value`` (what the filter of that name takes), ``label`` (what to show) and
    ``count``. Speakers known only by a mention („ein Sprecher“, „sie“) are left out unless
    ``unresolved``; the gender is a person speaker's. ValueError for an unknown name."""
    names = list(names)
    for name in names:
        if name not in FACETS:
            raise ValueError(f"unknown facet {name!r}; choose one of {', '.join(FACETS)}")
    counted: dict[str, list[Counted]] = {}
    levels = {
        FACETS[name].level: [n for n in names if FACETS[n].level == FACETS[name].level] for name in names
    }
    if "speaker" in levels:
        counted.update(_speaker_level(db, filters, unresolved))
    if "statement" in levels:
        counted.update(_grouped(db, filters, levels["statement"]))
    if "document" in levels:
        counted.update(_grouped(db, filters, levels["document"]))
    return {name: _listed(name, counted[name], limit) for name in names}


def facet(
    db: Database, filters: Filters, name: str, limit: int | None = 10, unresolved: bool = False
) -> list[Row]:
    """One facet's values (see ``facets``)."""
    return facets(db, filters, [name], limit, unresolved)[name]


def _listed(name: str, counted: list[Counted], limit: int | None) -> list[Row]:
    if FACETS[name].chronological:
        counted.sort(key=lambda row: row[0], reverse=True)
    else:
        counted.sort(key=lambda row: (-row[2], row[1] or row[0]))
    chosen = counted if limit is None else counted[:limit]
    return [{"value": value, "label": label or value, "count": n} for value, label, n in chosen]


def _speaker_level(db: Database, filters: Filters, unresolved: bool) -> dict[str, list[Counted]]:
    """Speaker, type and gender counts from one query: the statements per speaker id first (the
    statements' speaker index), then the speakers' rows."""
    where, params = filters.statement_where(db)
    named = "" if unresolved else " WHERE sp.key NOT LIKE ?"
    # no "speaker_id IS NOT NULL" inside (see _per): the join leaves statements without a speaker out
    per = _per("s.speaker_id", where)
    rows = db.rows(
        f"SELECT sp.id, sp.name, sp.type, sp.gender, c.n FROM (SELECT {per} AS speaker_id, count(*) AS n "
        f"FROM statements s{where} GROUP BY {per}) c JOIN speakers sp ON sp.id = c.speaker_id{named}",
        [*params, *([] if unresolved else [MENTION_KEY + "%"])],
    )
    types: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    for row in rows:
        types[row["type"]] += int(row["n"])
        if row["type"] == "person":
            genders[row["gender"]] += int(row["n"])
    return {
        "speaker": [(str(row["id"]), row["name"], int(row["n"])) for row in rows],
        "type": [(value, None, n) for value, n in types.items()],
        "gender": [(value, None, n) for value, n in genders.items()],
    }


def _grouped(db: Database, filters: Filters, names: Sequence[str]) -> dict[str, list[Counted]]:
    """The counts of facets of one level (statement or document) from one query grouped by all of
    their columns; the documents' statement counts when the filters only look at documents."""
    columns = [FACETS[name].column for name in names]
    selected = ", ".join(f"{column} AS v{i}" for i, column in enumerate(columns))
    grouping = ", ".join(columns)
    if FACETS[names[0]].level == "statement":
        # grouped by both, in the order of the facet index: read in its order, no sorting (one medium
        # alone would sort every statement; the few form and medium pairs are added up below)
        grouping = STATEMENT_GROUPING
        where, params = filters.statement_where(db)
        sql = f"SELECT {selected}, count(*) AS n FROM statements s{where} GROUP BY {grouping}"
    elif _only_documents(filters):
        where, params = filters.where(db)
        sql = f"SELECT {selected}, sum(d.statement_count) AS n FROM documents d{where} GROUP BY {grouping}"
    else:
        # each statement joined to its document's entry in the covering index documents_by_id: on 1M
        # statements about half the time of counting them per document first (a sort of every match)
        where, params = filters.statement_where(db)
        sql = (
            f"SELECT {selected}, count(*) AS n FROM statements s JOIN documents d ON d.id = s.document_id"
            f"{where} GROUP BY {grouping}"
        )
    totals: list[Counter[str]] = [Counter() for _ in names]
    for row in db.rows(sql, params):
        for i, total in enumerate(totals):
            if row[f"v{i}"] is not None and int(row["n"]):
                total[str(row[f"v{i}"])] += int(row["n"])
    found: dict[str, list[Counted]] = {
        name: [(value, None, n) for value, n in total.items()]
        for name, total in zip(names, totals, strict=True)
    }
    if "author" in found:
        found["author"] = _authors(found["author"])
    return found


def _authors(bylines: list[Counted]) -> list[Counted]:
    """Counts per byline as counts per author: a statement in an article by two counts for each."""
    counts: Counter[str] = Counter()
    for byline, _, n in bylines:
        for author in byline.split(AUTHOR_SEPARATOR):
            if author.strip():
                counts[author.strip()] += n
    return [(author, None, n) for author, n in counts.items()]


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), both included."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while (found := f"{year:04d}-{month:02d}") <= last:
        months.append(found)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline(db: Database, filters: Filters, by_gender: bool = False) -> list[Row]:
    """Statements per month (``month``, ``count``), from the first month with one to the last, the
    months without any included; undated documents are left out. ``by_gender``: the statements of
    person speakers only, with their counts per gender (``female``, ``male``, ``unknown``) beside the
    ``count`` of them all."""
    if not by_gender:
        counts = {row["value"]: row["count"] for row in facet(db, filters, "month", limit=None)}
        return [{"month": month, "count": counts.get(month, 0)} for month in _span(counts)]
    by_month = _person_months(db, filters)
    empty: Counter[str] = Counter()
    return [
        {
            "month": month,
            "count": sum(by_month.get(month, empty).values()),
            **{gender: by_month.get(month, empty)[gender] for gender in GENDERS},
        }
        for month in _span(by_month)
    ]


def _person_months(db: Database, filters: Filters) -> dict[str, Counter[str]]:
    """The filtered statements of person speakers per month and gender (any gender a speaker has)."""
    by_month: dict[str, Counter[str]] = {}
    if _only_documents(filters) and not filters.author:
        # the documents' own counts (zitat.store.person_counts), added up from an index that holds them
        # with the date and the folded outlet (not the byline: an author's documents are found through
        # the index by outlet and author below, 20 ms on 1M statements, instead of reading every row)
        where, params = filters.where(db)
        joiner = " AND " if where else " WHERE "
        sums = ", ".join(f"sum(d.{column}) AS {column}" for column in PERSON_COLUMNS)
        for row in db.rows(
            f"SELECT substr(d.published, 1, 7) AS month, {sums} FROM documents d{where}{joiner}"
            "d.published IS NOT NULL GROUP BY substr(d.published, 1, 7) HAVING sum(d.person_statements) > 0",
            params,
        ):
            counts = Counter({gender: int(row[column]) for gender, column in GENDER_COLUMNS.items()})
            # and the statements of persons of other genders (a contract document from elsewhere may say so)
            counts["other"] = int(row["person_statements"]) - sum(counts.values())
            by_month[row["month"]] = +counts  # without the genders of no statement
        return by_month
    # counted per document and gender first (the speakers are few, the documents' rows are read once)
    where, params = filters.statement_where(db)
    joiner = " AND " if where else " WHERE "
    per, speaker = _per("s.document_id", where), _per("s.speaker_id", where)
    rows = db.rows(
        f"SELECT substr(d.published, 1, 7) AS month, c.gender, sum(c.n) AS n FROM (SELECT {per} AS "
        f"document_id, sp.gender AS gender, count(*) AS n FROM statements s JOIN speakers sp ON sp.id = "
        f"{speaker}{where}{joiner}sp.type = 'person' GROUP BY {per}, sp.gender) c JOIN documents d "
        f"ON d.id = c.document_id WHERE d.published IS NOT NULL GROUP BY substr(d.published, 1, 7), c.gender",
        params,
    )
    for row in rows:
        by_month.setdefault(row["month"], Counter())[row["gender"]] += int(row["n"])
    return by_month


def _span(months: dict[str, Any]) -> list[str]:
    return months_between(min(months), max(months)) if months else []


def _speakers_of(db: Database, filters: Filters, unresolved: bool) -> tuple[str, list[Any]]:
    """FROM and WHERE of the speakers (``sp``, each once) of the filtered statements, and their
    parameters; mention-only speakers only when ``unresolved``."""
    where, params = filters.statement_where(db)
    named = " WHERE TRUE" if unresolved else " WHERE sp.key NOT LIKE ?"
    per = _per("s.speaker_id", where)
    return (
        f" FROM (SELECT {per} AS speaker_id FROM statements s{where} GROUP BY {per}) c"
        f" JOIN speakers sp ON sp.id = c.speaker_id{named}",
        [*params, *([] if unresolved else [MENTION_KEY + "%"])],
    )


def speaker_count(db: Database, filters: Filters, unresolved: bool = False) -> int:
    """How many speakers the filtered statements have; mention-only speakers count when ``unresolved``."""
    speakers, params = _speakers_of(db, filters, unresolved)
    return int(db.value(f"SELECT count(*) AS n{speakers}", params))


def person_speaker_genders(db: Database, filters: Filters, unresolved: bool = False) -> dict[str, int]:
    """How many person speakers of each gender the filtered statements have, each person once (who gets
    quoted at all, beside how often: the ``gender`` facet counts statements)."""
    speakers, params = _speakers_of(db, filters, unresolved)
    rows = db.rows(
        f"SELECT sp.gender AS gender, count(*) AS n{speakers} AND sp.type = 'person' GROUP BY sp.gender",
        params,
    )
    return {str(row["gender"]): int(row["n"]) for row in rows}


def totals(db: Database, filters: Filters, unresolved: bool = False) -> Row:
    """``statements``, ``documents`` and ``speakers`` (see ``speaker_count``) of the filtered statements;
    without filters, ``documents`` are all stored documents, with or without statements."""
    where, params = filters.statement_where(db)
    found = db.row(
        f"SELECT count(*) AS statements, count(DISTINCT s.document_id) AS documents FROM statements s{where}",
        params,
    ) or {"statements": 0, "documents": 0}
    documents = found["documents"] if where else db.value("SELECT count(*) AS n FROM documents")
    return {
        "documents": int(documents or 0),
        "statements": int(found["statements"]),
        "speakers": speaker_count(db, filters, unresolved),
    }
