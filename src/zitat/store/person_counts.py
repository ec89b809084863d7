"""Each document's statements of person speakers, all and by gender (``documents.person_statements``,
``person_female``, ``person_male``, ``person_unknown``; schema version 10), from which the gender shares
per month of the whole archive or of an outlet are added up (``zitat.store.facets.timeline``).

A statement counts for a person of some gender through its speaker, so a document's counts change when
its statements are stored or replaced (``Archive.store``), when statements move to another speaker of
another type or gender (identity resolution and reviews: ``zitat.store.speakers.reassign`` names the
keys) and when a stored speaker's unknown type or gender is filled in (``upsert_speaker``). Each of these
counts the documents concerned again, from their statements; a deleted document takes its counts along.
"""

from __future__ import annotations

from collections.abc import Iterable

from zitat.document import GENDERS
from zitat.store.database import Database

GENDER_COLUMNS = {gender: f"person_{gender}" for gender in GENDERS}
COLUMNS = ("person_statements", *GENDER_COLUMNS.values())
BATCH = 5000  # documents per UPDATE when every document is counted


def _recount(db: Database, documents: str, params: Iterable[object]) -> None:
    """Count the person statements of the documents that the condition ``documents`` (on ``documents``)
    keeps again."""
    by_gender = ", ".join(
        f"coalesce(sum(CASE WHEN sp.gender = '{gender}' THEN 1 ELSE 0 END), 0)" for gender in GENDERS
    )
    db.execute(
        f"UPDATE documents SET ({', '.join(COLUMNS)}) = (SELECT count(*), {by_gender} FROM statements s "
        "JOIN speakers sp ON sp.id = s.speaker_id WHERE s.document_id = documents.id AND sp.type = 'person') "
        f"WHERE {documents}",
        list(params),
    )


def recount_document(db: Database, num: int) -> None:
    """After a document's statements were stored or replaced."""
    _recount(db, "num = ?", [num])


def recount_speaker(db: Database, speaker_id: int) -> None:
    """After a speaker's type or gender changed: the documents with its statements."""
    _recount(db, "id IN (SELECT document_id FROM statements WHERE speaker_id = ?)", [speaker_id])


def recount_keys(db: Database, keys: Iterable[str]) -> None:
    """After the statements of these automatic speaker keys moved to a speaker of another type or
    gender: the documents with statements of them."""
    for key in keys:
        _recount(db, "id IN (SELECT document_id FROM statements WHERE speaker_key = ?)", [key])


def recount_all(db: Database) -> None:
    """Every document, a range of document numbers at a time (the migration to version 10)."""
    last = int(db.value("SELECT max(num) AS n FROM documents") or 0)
    for start in range(0, last, BATCH):
        _recount(db, "num > ? AND num <= ?", [start, start + BATCH])
