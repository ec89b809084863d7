"""Statement filters shared by search, speakers, stats and export, as SQL over ``s``, ``d`` and ``sp``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Final

from zitat.document import GENDERS, MEDIA
from zitat.ingest.article import AUTHOR_SEPARATOR
from zitat.ingest.dates import iso_date
from zitat.store.database import Database
from zitat.store.records import row_id
from zitat.store.search_syntax import SearchQuery, parse_query
from zitat.text.folding import fold

# the filters besides the full-text query, in the order commands and links give them
NARROWING = (
    "speaker", "type", "gender", "form", "medium", "outlet", "author", "since", "until", "month",
    "min_confidence", "document",
)  # fmt: skip


# how search results can be ordered: ORDER BY clauses over s and d. Dates are ISO text, so they sort as
# text; documents without a date come last either way. The id breaks ties, so pages never overlap.
SORTS = {
    "newest": "d.published DESC NULLS LAST, s.id DESC",
    "oldest": "d.published ASC NULLS LAST, s.id ASC",
    "confidence": "s.confidence DESC, d.published DESC NULLS LAST, s.id DESC",
    # the full-text rank goes first (``Database.statement_ranking``); equally good hits newest first
    "relevance": "d.published DESC NULLS LAST, s.id DESC",
}
DEFAULT_SORT: Final = "newest"
RELEVANCE: Final = "relevance"


def default_sort(query: str | None) -> str:
    """The order when none is asked for: the best matches first for a full-text query, else newest."""
    return RELEVANCE if query and parse_query(query).groups else DEFAULT_SORT


def order_by(sort: str) -> str:
    """The ORDER BY clause of a sort name in ``SORTS``; ValueError for another name."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
    return SORTS[sort]


def one_of(choices: tuple[str, ...], what: str) -> Callable[[str], str]:
    """A reader of a filter value that must be one of ``choices`` (ValueError naming them otherwise)."""

    def read(value: str) -> str:
        if value not in choices:
            raise ValueError(f"{value!r} is not a {what}: choose one of {', '.join(choices)}")
        return value

    return read


gender_filter = one_of(GENDERS, "gender")
medium_filter = one_of(MEDIA, "medium")


def month_filter(value: str) -> str:
    """A month, ``YYYY-MM``; ValueError for anything else (a day, a year, ``2016-13``)."""
    date = iso_date(value)
    if date is None or len(date) != len("2016-03"):
        raise ValueError(f"{value!r} is not a month: write YYYY-MM")
    return date


def confidence_threshold(value: str | float) -> str:
    """A least confidence as the text of a number from 0 to 1 (``"0.9"`` for ``"0.90"``, also with a
    German decimal comma: ``"0,9"``); ValueError for anything else."""
    try:
        number = float(value.replace(",", ".", 1) if isinstance(value, str) else value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:  # also rejects nan
        raise ValueError(f"{value!r} is not a number from 0 to 1")
    return f"{number:g}"


def date_filter(value: str) -> str:
    """A ``since``/``until`` date as the ISO prefix the archive compares with: ``2016``, ``2016-03``,
    ``2016-03-01``, also written ``01.03.2016``; ValueError for anything else (``2016-13``,
    ``2016-02-30``, „gestern“)."""
    date = iso_date(value)
    if date is None:
        raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY")
    return date


@dataclass(frozen=True)
class Filters:
    """Which statements: full-text query (``zitat.store.search_syntax``), speaker (id, or words of the
    name from the start of a word: see ``name_pattern``), speaker type, the gender of a person speaker,
    form, medium, outlet, author, dates (``since``/``until`` or one ``month``, ``YYYY-MM``), the least
    confidence and one document (by id).

    ``author`` is one author's whole name, case-insensitive; it also finds the documents that name
    several authors (``"Anna Schmidt"`` keeps ``"Anna Schmidt, Peter Müller"``, ``"Schmidt"`` does not).
    ``since`` and ``until`` compare with the document's publication date and are inclusive prefixes:
    ``until="2024-03"`` keeps all of March 2024. ``min_confidence`` (a number from 0 to 1, or its text)
    keeps the statements whose model gave them at least that confidence.
    """

    query: str | None = None
    speaker: str | None = None
    type: str | None = None
    gender: str | None = None
    form: str | None = None
    medium: str | None = None
    outlet: str | None = None
    author: str | None = None
    since: str | None = None
    until: str | None = None
    month: str | None = None
    min_confidence: str | float | None = None
    document: str | None = None

    def narrowing(self) -> dict[str, str]:
        """The filters besides the query that are set, by name."""
        return {name: str(value) for name in NARROWING if (value := getattr(self, name))}

    def as_params(self) -> dict[str, str]:
        """Query parameters that repeat this search (the web app's page and download links)."""
        return {"q": self.query, **self.narrowing()} if self.query else self.narrowing()

    @property
    def needs_documents(self) -> bool:
        """Whether the conditions look at the documents table (counting can skip it otherwise)."""
        return bool(self.outlet or self.author or self.since or self.until or self.month)

    @property
    def search_query(self) -> SearchQuery:
        return parse_query(self.query or "")

    def without(self, name: str) -> Filters:
        """These filters without one of them (``query`` or a name in ``NARROWING``)."""
        return replace(self, **{name: None})

    def _search_condition(self, db: Database) -> tuple[list[str], list[Any]]:
        """The condition of the search words (none without a query) and its parameters."""
        query = self.search_query
        if not query:
            return [], []
        condition, values = db.statement_match(query)
        return [condition], list(values)

    def where(self, db: Database) -> tuple[str, list[Any]]:
        """A WHERE clause (or '') and its parameters, over ``s``, ``d`` and the speakers."""
        conditions, params = self._search_condition(db)
        for part in (self._statement_conditions(db, self.matched), self._document_conditions()):
            conditions.extend(part[0])
            params.extend(part[1])
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", params

    def statement_where(self, db: Database) -> tuple[str, list[Any]]:
        """The same as ``where``, over ``s`` alone: the conditions on documents become a subquery of the
        documents they keep, so that the statements are found through their document's index instead
        of joining every statement to its document."""
        conditions, params = self._search_condition(db)
        quoted, values = self._statement_conditions(db, self.matched)
        conditions.extend(quoted)
        params.extend(values)
        documents, values = self._document_conditions()
        if documents:
            conditions.append(
                f"s.document_id IN (SELECT d.id FROM documents d WHERE {' AND '.join(documents)})"
            )
            params.extend(values)
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", params

    def document_where(self, db: Database) -> tuple[str, list[Any]]:
        """A WHERE clause over ``d`` alone, for listing documents: the query searches title and text,
        and the statement filters keep the documents with at least one such statement."""
        conditions, params = self._document_conditions()
        query = self.search_query
        if query:
            condition, values = db.document_match(query)
            conditions.append(condition)
            params.extend(values)
        quoted, values = self._statement_conditions(db)
        if quoted:
            quoting = " AND ".join(quoted)
            conditions.append(f"d.id IN (SELECT s.document_id FROM statements s WHERE {quoting})")
            params.extend(values)
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", params

    @property
    def matched(self) -> bool:
        """Whether the statements are found through the full-text index (the query wants words)."""
        return bool(self.search_query.groups)

    def _statement_conditions(self, db: Database, matched: bool = False) -> tuple[list[str], list[Any]]:
        """The conditions on ``s`` alone (speaker ones are subqueries of ``speakers``). ``matched``: the
        full-text index finds the statements, so form and medium are tested on its matches rather than
        looked up in their own index (``|| ''`` keeps SQLite from it): on 1M statements, the matches of
        „Polizei“ with a common form took 350 ms through the form's index, 40 ms this way."""
        unindexed = " || ''" if matched else ""
        conditions: list[str] = []
        params: list[Any] = []
        if self.speaker:
            if (number := row_id(self.speaker)) is not None:
                conditions.append("s.speaker_id = ?")
                params.append(number)
            else:
                # a subquery over the small speakers table, then the statements' speaker index; LIKE
                # finds the candidates, the pattern keeps those where the name starts a word
                name = " ".join(fold(self.speaker).split())
                conditions.append(
                    "s.speaker_id IN (SELECT id FROM speakers WHERE search_name LIKE ? ESCAPE '\\' "
                    f"AND {db.regex_match('search_name')})"
                )
                params.extend([f"%{_like_literal(name)}%", name_pattern(name)])
        if self.type:
            conditions.append("s.speaker_id IN (SELECT id FROM speakers WHERE type = ?)")
            params.append(self.type)
        if self.gender:
            conditions.append(
                "s.speaker_id IN (SELECT id FROM speakers WHERE type = 'person' AND gender = ?)"
            )
            params.append(self.gender)
        if self.form:
            conditions.append(f"s.form{unindexed} = ?")
            params.append(self.form)
        if self.medium:
            conditions.append(f"s.medium{unindexed} = ?")
            params.append(self.medium)
        if self.document:
            conditions.append("s.document_id = ?")
            params.append(self.document)
        if self.min_confidence:
            conditions.append("s.confidence >= ?")
            params.append(float(self.min_confidence))
        return conditions, params

    def _document_conditions(self) -> tuple[list[str], list[Any]]:
        """The conditions on ``d`` alone."""
        conditions: list[str] = []
        params: list[Any] = []
        if self.outlet:
            conditions.append("lower(d.outlet) = ?")
            params.append(self.outlet.lower())
        if self.author:
            # ", " + byline + ", " holds ", name, ": the name is the whole byline or one of its names
            # (AUTHOR_SEPARATOR is a constant, so formatting it in is safe)
            conditions.append(
                f"'{AUTHOR_SEPARATOR}' || lower(d.author) || '{AUTHOR_SEPARATOR}' LIKE ? ESCAPE '\\'"
            )
            name = _like_literal(" ".join(self.author.lower().split()))
            params.append(f"%{AUTHOR_SEPARATOR}{name}{AUTHOR_SEPARATOR}%")
        if self.since:
            conditions.append("d.published >= ?")
            params.append(self.since)
        if self.until:
            # an inclusive prefix, as a bound the index on the date serves: "~" sorts after the digits
            # and hyphens of ISO dates, so every date that starts with ``until`` is below it
            conditions.append("d.published < ?")
            params.append(self.until + "~")
        if self.month:
            conditions.append("d.published >= ? AND d.published < ?")
            params.extend([self.month, self.month + "~"])
        return conditions, params


def name_pattern(name: str) -> str:
    """A regular expression for a folded speaker name that holds ``name`` at the start of a word, and
    not as the first part of a hyphenated word: „merkel“ finds „angela merkel“ and „merkelbach“, not
    „dem merkel-berater“ (a hyphen joins the parts into one word: no boundary before or after)."""
    return rf"(^|[^\w-]){re.escape(name)}($|[^-])"


def _like_literal(text: str) -> str:
    """``text`` for a LIKE pattern (escape character ``\\``) that matches exactly it."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


STATEMENT_FROM = (
    " FROM statements s JOIN documents d ON d.id = s.document_id"
    " LEFT JOIN speakers sp ON sp.id = s.speaker_id"
)
