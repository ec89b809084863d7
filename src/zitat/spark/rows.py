"""The JSON contract (docs/output-format.md) as a row of the ``documents`` dataset, and back.

A ``documents`` row holds the contract's ``document`` fields at the top level, plus ``source``,
``model``, ``zitat_version`` and ``statements`` as nested structs; Parquet cannot nest a struct in
itself, so a group speaker's members are stored one level deep (members of members are dropped).
Each statement also gets ``speaker_key``, its speaker's identity key as the archive computes it
(``zitat.store.records.speaker_row``): the contract's speaker ``id`` (``e0``, ``e1``, …) only numbers
the entities of one article and names nobody in another.
"""

from __future__ import annotations

from typing import Any

from zitat.store.records import speaker_row

DOCUMENT_FIELDS = ("id", "title", "url", "published", "outlet", "author", "language", "text")
ROLE_FIELDS = ("cue", "message", "source", "addressee", "frame")
SPEAKER_FIELDS = ("id", "name", "type", "role", "gender", "affiliation", "country")


def document_row(contract: dict[str, Any], source: str) -> dict[str, Any]:
    """A ``documents`` row from one ``document_json`` object (the nested dicts already fit the schema)."""
    return {
        **contract["document"],
        "source": source,
        "model": contract["model"],
        "zitat_version": contract["zitat_version"],
        "statements": [
            {**stmt, "speaker_key": statement_speaker_key(stmt)} for stmt in contract["statements"]
        ],
    }


def statement_speaker_key(stmt: dict[str, Any]) -> str | None:
    """The archive's automatic key of a statement's speaker (``statements.speaker_key`` there): the
    cross-article identity (``zitat.speakers.identity.speaker_key``), else a name or named source
    mention; None when the statement names nobody (a pronoun, an anonymous speaker without a mention)."""
    source = stmt.get("source") or {}
    found = speaker_row(stmt.get("speaker"), source.get("text"))
    return found.key if found else None


def document_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The ``document_json`` object a ``documents`` row (read as plain dicts and lists) was made from."""
    return {
        "zitat_version": row["zitat_version"],
        "model": row["model"],
        # .get: outputs written before documents had an author lack that column
        "document": {name: row.get(name) for name in DOCUMENT_FIELDS},
        "statements": [statement_from_row(stmt) for stmt in row["statements"] or []],
    }


def statement_from_row(stmt: dict[str, Any]) -> dict[str, Any]:
    out = {name: stmt[name] for name in ("id", "form", "medium", "confidence", "nested_in")}
    for role in ROLE_FIELDS:
        out[role] = role_from_row(stmt[role])
    # .get: outputs written before statements had quotes lack that field
    out["quotes"] = [role_from_row(quote) for quote in stmt.get("quotes") or []]
    out["speaker"] = speaker_from_row(stmt["speaker"])
    return out


def role_from_row(role: dict[str, Any] | None) -> dict[str, Any] | None:
    if role is None:
        return None
    return {"text": role["text"], "spans": [dict(span) for span in role["spans"]]}


def speaker_from_row(speaker: dict[str, Any] | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    out: dict[str, Any] = {name: speaker[name] for name in SPEAKER_FIELDS}
    out["members"] = [speaker_from_row(member) for member in speaker.get("members") or []]
    out["mentions"] = [dict(span) for span in speaker["mentions"] or []]
    return out
