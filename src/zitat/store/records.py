"""Rows the archive stores, made from documents in the JSON contract, and the search terms of a query."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Literal

from zitat.document import ROLES, Speaker
from zitat.ingest.article import author_text
from zitat.ingest.dates import iso_date
from zitat.speakers.identity import speaker_key
from zitat.text.folding import fold

# "occurrence": the text was stored, and this is another outlet, URL or date that published it
Outcome = Literal["stored", "reprocessed", "occurrence", "duplicate"]
# personal pronouns name nobody, even capitalized at the start of a sentence
PRONOUNS = frozenset(["ich", "du", "er", "sie", "es", "wir", "ihr", "man"])
DOCUMENT_ENTITY_ID = re.compile(r"e\d+")

# the key prefix of speakers known only by a source mention („ein Sprecher“, „er“), not by a name
MENTION_KEY = "mention:"
MAX_ROW_ID = 2**63 - 1


@dataclass
class StoreResult:
    """What storing one document did: stored it new, replaced it (reprocess), or found it stored."""

    outcome: Outcome
    document_id: str
    statements: int
    words: int


def utc_now() -> str:
    """The time stamp the archive stores: UTC, ISO 8601, in seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def published_columns(value: Any) -> tuple[str | None, str | None]:
    """``published`` and ``published_raw`` of a document whose input gave this date: the ISO date (None
    when it names none, „gestern“), and the value as given when it was spelled otherwise."""
    date = iso_date(value)
    raw = None if value is None or value == "" else str(value)
    return date, None if raw == date else raw


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def occurrence_key(url: str | None, text_hash: str, outlet: str | None, published: str | None) -> str:
    """What makes an occurrence of a text the same one again: its URL, or without one, its text, outlet
    and date as given (``zitat.store.schema.OCCURRENCE_KEY_SQL`` computes the same in SQL)."""
    if url:
        return f"url:{url}"
    return f"text:{text_hash}|{outlet or ''}|{published or ''}"


@dataclass(frozen=True)
class OccurrenceRow:
    """One publication of a stored text: where, when, by whom, and the input that carried it."""

    url: str | None
    title: str | None
    published: str | None
    published_raw: str | None
    outlet: str | None
    author: str | None
    source: str

    @classmethod
    def of(cls, document: dict[str, Any], source: str) -> OccurrenceRow:
        """The occurrence a document in the JSON contract (or an article's metadata as such) describes."""
        published, published_raw = published_columns(document.get("published"))
        return cls(
            url=document.get("url") or None,
            title=document.get("title"),
            published=published,
            published_raw=published_raw,
            outlet=document.get("outlet"),
            author=author_text(document.get("author")),  # a contract line from elsewhere may hold anything
            source=source,
        )

    def key(self, text_hash: str) -> str:
        return occurrence_key(self.url, text_hash, self.outlet, self.published_raw or self.published)


@dataclass(frozen=True)
class SpeakerRow:
    key: str
    name: str | None
    type: str
    gender: str
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None


@dataclass
class StatementRow:
    position: int
    form: str | None
    medium: str | None
    confidence: float
    nested_in: int | None
    texts: dict[str, str | None]  # role → text
    spans: dict[str, list[list[int]]]  # role → [[start, end], ...]
    speaker_json: dict[str, Any] | None
    speaker: SpeakerRow | None
    mentions: list[tuple[int, int]]

    @property
    def search_text(self) -> str:
        """What full-text search sees: the message, the source mention and the speaker's name."""
        name = self.speaker.name if self.speaker else None
        return " ".join(t for t in (self.texts["message"], self.texts["source"], name) if t)


def document_search_text(title: str | None, text: str) -> str:
    """What full-text search sees of a document: its title and text."""
    return f"{title or ''}\n{text}"


def stored_search_text(message: str | None, source: str | None, speaker: str | None) -> str:
    """``StatementRow.search_text`` of a stored statement, from its columns (``speaker``: the JSON)."""
    found = speaker_row(json.loads(speaker) if speaker else None, source)
    return " ".join(t for t in (message, source, found.name if found else None) if t)


def _normalized_name(name: str) -> str:
    return " ".join(fold(name).split())


def _speaker_object(speaker: dict[str, Any]) -> Speaker:
    """A contract speaker object back as a ``Speaker``, members included."""
    known = {f.name for f in fields(Speaker)} - {"members", "mentions"}
    members = [_speaker_object(m) for m in speaker.get("members") or [] if isinstance(m, dict)]
    return Speaker(**{k: v for k, v in speaker.items() if k in known}, members=members)


def _speaker_key(speaker: dict[str, Any], source_text: str | None) -> str | None:
    """The resolved identity, else the speaker's id, else its name, else its type and source mention
    (a ``mention:`` key: a source that names nobody, which speaker lists leave out by default).

    Speaker resolution numbers the entities of each article (e0, e1, …): such an id names nobody in
    another article, so it is no identity (it would make one speaker of every article's first entity).
    """
    key = speaker_key(_speaker_object(speaker))
    if key:
        return key
    if speaker.get("type") == "group" and not speaker.get("members"):
        # „die Ermittler“: people described, never named, are no entity to count across articles
        return f"{MENTION_KEY}group:{_normalized_name(speaker.get('name') or source_text or '')}"
    given = str(speaker.get("id") or "")
    if given and not DOCUMENT_ENTITY_ID.fullmatch(given):
        return given
    if speaker.get("name"):
        return f"name:{_normalized_name(speaker['name'])}"
    if source_text:
        return f"{MENTION_KEY}{speaker.get('type') or 'unknown'}:{_normalized_name(source_text)}"
    return None


def speaker_row(speaker: dict[str, Any] | None, source_text: str | None) -> SpeakerRow | None:
    """The speaker behind a statement: the resolved speaker, else a named source mention.

    Without resolution, pronouns and source mentions without a capital letter name nobody.
    """
    if speaker:
        key = _speaker_key(speaker, source_text)
        if key:
            return SpeakerRow(
                key=key,
                name=speaker.get("name") or source_text,
                type=speaker.get("type") or "unknown",
                gender=speaker.get("gender") or "unknown",
                role=speaker.get("role"),
                affiliation=speaker.get("affiliation"),
                country=speaker.get("country"),
            )
    if source_text and any(c.isupper() for c in source_text) and source_text.lower() not in PRONOUNS:
        name_key = f"name:{_normalized_name(source_text)}"
        return SpeakerRow(key=name_key, name=source_text, type="unknown", gender="unknown")
    return None


def row_id(text: str) -> int | None:
    """``text`` as a row id: ASCII digits (``"²".isdigit()`` too) that fit the databases' 64-bit
    integers; else None, for an id that no row has."""
    digits = text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ROW_ID))
    return int(text) if digits and int(text) <= MAX_ROW_ID else None


def _position(statement_id: str | None, fallback: int) -> int:
    """'s3' → 2: the contract numbers statements from s1."""
    if statement_id and statement_id[1:].isdigit():
        return int(statement_id[1:]) - 1
    return fallback


def statement_rows(record: dict[str, Any]) -> list[StatementRow]:
    rows = []
    for index, stmt in enumerate(record.get("statements") or []):
        roles = {role: stmt.get(role) or {} for role in ROLES}
        speaker_json = stmt.get("speaker")
        source_text = roles["source"].get("text")
        rows.append(
            StatementRow(
                position=_position(stmt.get("id"), index),
                form=stmt.get("form"),
                medium=stmt.get("medium"),
                confidence=float(stmt.get("confidence", 1.0)),
                nested_in=_position(stmt["nested_in"], -1) if stmt.get("nested_in") else None,
                texts={role: roles[role].get("text") for role in ROLES},
                spans={
                    **{
                        role: [[s["start"], s["end"]] for s in roles[role].get("spans", [])] for role in ROLES
                    },
                    # the speaker's words quoted inside the message, with their text (no column of their own)
                    "quotes": [q for q in stmt.get("quotes") or [] if q],
                },
                speaker_json=speaker_json,
                speaker=speaker_row(speaker_json, source_text),
                mentions=[(m["start"], m["end"]) for m in (speaker_json or {}).get("mentions", [])],
            )
        )
    return rows


def role_json(text: str | None, spans: list[list[int]]) -> dict[str, Any] | None:
    if not spans:
        return None
    return {"text": text, "spans": [{"start": s, "end": e} for s, e in spans]}


def statement_json(row: dict[str, Any]) -> dict[str, Any]:
    """A stored statement back in the JSON contract's shape."""
    spans = json.loads(row["spans"])
    out: dict[str, Any] = {
        "id": f"s{row['position'] + 1}",
        "form": row["form"],
        "medium": row["medium"],
        "confidence": row["confidence"],
        "nested_in": None if row["nested_in"] is None else f"s{row['nested_in'] + 1}",
    }
    for role in ROLES:
        out[role] = role_json(row[role], spans.get(role, []))
    out["quotes"] = spans.get("quotes", [])  # statements stored before quotes were folded have none
    out["speaker"] = json.loads(row["speaker"]) if row["speaker"] else None
    return out
