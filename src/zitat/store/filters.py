"""Statement filters shared by search, speakers, stats and export, as SQL over ``s``, ``d`` and ``sp``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zitat.store.database import Database
from zitat.store.records import fold, query_terms


@dataclass(frozen=True)
class Filters:
    """Which statements: full-text query, speaker (name part or id), speaker type, form, outlet, dates.

    ``since`` and ``until`` compare with the document's publication date and are inclusive prefixes:
    ``until="2024-03"`` keeps all of March 2024.
    """

    query: str | None = None
    speaker: str | None = None
    type: str | None = None
    form: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None

    def narrowing(self) -> dict[str, str]:
        """The filters besides the query that are set, by name."""
        names = ("speaker", "type", "form", "outlet", "since", "until")
        return {name: value for name in names if (value := getattr(self, name))}

    def as_params(self) -> dict[str, str]:
        """Query parameters that repeat this search (the web app's page and download links)."""
        return {"q": self.query, **self.narrowing()} if self.query else self.narrowing()

    @property
    def needs_documents(self) -> bool:
        """Whether the conditions look at the documents table (counting can skip it otherwise)."""
        return bool(self.outlet or self.since or self.until)

    def where(self, db: Database) -> tuple[str, list[Any]]:
        """A WHERE clause (or '') and its parameters."""
        conditions: list[str] = []
        params: list[Any] = []
        terms = query_terms(self.query or "")
        if terms:
            condition, values = db.statement_match(terms)
            conditions.append(condition)
            params.extend(values)
        if self.speaker:
            if self.speaker.isdigit():
                conditions.append("s.speaker_id = ?")
                params.append(int(self.speaker))
            else:
                # a subquery over the small speakers table, then the statements' speaker index
                conditions.append("s.speaker_id IN (SELECT id FROM speakers WHERE search_name LIKE ?)")
                params.append(f"%{' '.join(fold(self.speaker).split())}%")
        if self.type:
            conditions.append("s.speaker_id IN (SELECT id FROM speakers WHERE type = ?)")
            params.append(self.type)
        if self.form:
            conditions.append("s.form = ?")
            params.append(self.form)
        if self.outlet:
            conditions.append("lower(d.outlet) = ?")
            params.append(self.outlet.lower())
        if self.since:
            conditions.append("d.published >= ?")
            params.append(self.since)
        if self.until:
            # an inclusive prefix; the length is an int, so formatting it in is safe
            conditions.append(f"substr(d.published, 1, {len(self.until)}) <= ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


STATEMENT_FROM = (
    " FROM statements s JOIN documents d ON d.id = s.document_id"
    " LEFT JOIN speakers sp ON sp.id = s.speaker_id"
)
