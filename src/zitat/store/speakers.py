"""Who a stored statement counts for: speaker rows, identity resolution and reviewed corrections.

Each statement keeps the automatic key its speaker got in its article (``statements.speaker_key``); the
speaker it counts for (``statements.speaker_id``) is the row of that key resolved by an
``IdentityResolver`` over every key seen and every stored correction. ``reresolve`` makes all stored
statements agree with the resolver, so a correction takes effect at once; ingestion resolves through the
same resolver (``SpeakerIdentity.counted_as``), so it holds for every later ingest. Speaker rows are
never deleted: a merged-away speaker keeps its id and gets its statements back when the merge is undone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Literal

from zitat.errors import NotFound, ZitatError
from zitat.speakers.identity import Correction, IdentityResolver, surname_key
from zitat.store.database import Database, Row
from zitat.store.person_counts import recount_keys, recount_speaker
from zitat.store.records import SpeakerRow, row_id, speaker_row, utc_now
from zitat.text.folding import fold

SPEAKER_FIELDS = "sp.id, sp.key, sp.name, sp.type"
STATEMENT_COUNT = "(SELECT count(*) FROM statements s WHERE s.speaker_id = sp.id) AS statements"
EXAMPLES_PER_VARIANT = 3
NAME_SEPARATOR = " | "  # between the folded names in speakers.search_name
REKEY_BATCH = 500  # statement ids per UPDATE


def _folded(name: str | None) -> str:
    return " ".join(fold(name or "").split())


def _counted_as(row: Row) -> str | None:
    """What a statement of this speaker counts as in the documents' person counts: its gender, for a
    person (``zitat.store.person_counts``)."""
    return str(row["gender"]) if row["type"] == "person" else None


def upsert_speaker(db: Database, speaker: SpeakerRow) -> int:
    """The id of the speaker row with this key, created or completed from ``speaker``."""
    before = db.row("SELECT type, gender FROM speakers WHERE key = ?", (speaker.key,))
    # a later, better-resolved mention fills in what an earlier one left unknown
    after = db.row(
        """INSERT INTO speakers (key, name, search_name, type, gender, role, affiliation, country)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET
                name = COALESCE(speakers.name, excluded.name),
                search_name = COALESCE(speakers.search_name, excluded.search_name),
                type = CASE WHEN speakers.type = 'unknown' THEN excluded.type ELSE speakers.type END,
                gender = CASE WHEN speakers.gender = 'unknown' THEN excluded.gender
                    ELSE speakers.gender END,
                role = COALESCE(speakers.role, excluded.role),
                affiliation = COALESCE(speakers.affiliation, excluded.affiliation),
                country = COALESCE(speakers.country, excluded.country)
            RETURNING id, type, gender""",
        (
            speaker.key,
            speaker.name,
            _folded(speaker.name) or None,
            speaker.type,
            speaker.gender,
            speaker.role,
            speaker.affiliation,
            speaker.country,
        ),
    )
    assert after is not None  # an upsert always gives its row
    if before is not None and _counted_as(before) != _counted_as(after):
        recount_speaker(db, int(after["id"]))  # its statements count for a person, or another gender
    return int(after["id"])


def load_resolver(db: Database) -> IdentityResolver:
    """A resolver knowing the archive's person keys and replaying its corrections in order."""
    corrections = [
        Correction(row["kind"], row["a"], row["b"])
        for row in db.rows("SELECT kind, a, b FROM speaker_corrections ORDER BY id")
    ]
    # a range, not LIKE 'p:%', so that both databases use the index on speaker_key
    known = db.rows(
        "SELECT DISTINCT speaker_key AS key FROM statements WHERE speaker_key >= 'p:' AND speaker_key < 'p;'"
    )
    return IdentityResolver(corrections, (row["key"] for row in known))


def _stored_speaker(db: Database, variant: str, key: str) -> SpeakerRow:
    """Speaker ``key`` as the latest statement with the automatic key ``variant`` named it."""
    latest = db.row(
        "SELECT speaker, source FROM statements WHERE speaker_key = ? ORDER BY id DESC LIMIT 1", (variant,)
    )
    found = None
    if latest is not None:
        found = speaker_row(json.loads(latest["speaker"]) if latest["speaker"] else None, latest["source"])
    return replace(found, key=key) if found else SpeakerRow(key, None, "unknown", "unknown")


def _speaker_id(db: Database, key: str, variant: str) -> int:
    """The row of speaker ``key``; made from the statements of ``variant`` when there is none yet."""
    found = db.value("SELECT id FROM speakers WHERE key = ?", (key,))
    return int(found) if found is not None else upsert_speaker(db, _stored_speaker(db, variant, key))


def reassign(db: Database, resolver: IdentityResolver, keys: Iterable[str]) -> set[str]:
    """Point the statements (and mentions) of these automatic keys at the speakers they resolve to now.
    The keys whose statements now count for a speaker of another type or gender: their documents' person
    counts are to be counted again (``zitat.store.person_counts.recount_keys``)."""
    touched: set[int] = set()  # speakers that gained or lost statements
    regendered: set[str] = set()
    for key in keys:
        rows = db.rows("SELECT DISTINCT speaker_id AS id FROM statements WHERE speaker_key = ?", (key,))
        current = {row["id"] for row in rows}
        if not current:
            continue
        target = _speaker_id(db, resolver.resolve_key(key), key)
        if current == {target}:
            continue
        db.execute("UPDATE statements SET speaker_id = ? WHERE speaker_key = ?", (target, key))
        db.execute(
            "UPDATE mentions SET speaker_id = ? "
            "WHERE statement_id IN (SELECT id FROM statements WHERE speaker_key = ?)",
            (target, key),
        )
        moved = current | {target}
        touched |= moved
        counted_as = db.rows(
            "SELECT DISTINCT CASE WHEN type = 'person' THEN gender END AS counted FROM speakers "
            f"WHERE id IN ({', '.join('?' for _ in moved)})",
            list(moved),
        )
        if len(counted_as) > 1:
            regendered.add(key)
    _refresh_search_names(db, touched)
    return regendered


def rekey(db: Database) -> None:
    """Recompute each statement's automatic key from what it stored (its speaker object and source
    mention), by the rules of this version (``reresolve`` then moves the statements)."""
    changed: dict[str, list[int]] = {}
    for row in db.iter_rows(
        "SELECT id, speaker, source, speaker_key FROM statements WHERE speaker_id IS NOT NULL"
    ):
        found = speaker_row(json.loads(row["speaker"]) if row["speaker"] else None, row["source"])
        if found and found.key != row["speaker_key"]:
            changed.setdefault(found.key, []).append(row["id"])
    for key, ids in changed.items():
        for start in range(0, len(ids), REKEY_BATCH):
            batch = ids[start : start + REKEY_BATCH]
            marks = ", ".join("?" for _ in batch)
            db.execute(f"UPDATE statements SET speaker_key = ? WHERE id IN ({marks})", [key, *batch])


def reresolve(db: Database, resolver: IdentityResolver) -> set[str]:
    """Make every stored statement count for the speaker its key resolves to now (after a correction);
    the keys whose statements count for another type or gender now (see ``reassign``)."""
    pairs = db.rows(
        "SELECT s.speaker_key AS variant, sp.key AS key FROM statements s "
        "JOIN speakers sp ON sp.id = s.speaker_id GROUP BY s.speaker_key, sp.key"
    )
    for pair in pairs:  # all keys first: a surname joins only when one full name is known in the archive
        resolver.remember(pair["variant"])
    stale = {pair["variant"] for pair in pairs if resolver.resolve_key(pair["variant"]) != pair["key"]}
    return reassign(db, resolver, sorted(stale))


def _refresh_search_names(db: Database, speaker_ids: Iterable[int]) -> None:
    """A speaker is found under the names of all keys it holds: merged „Joseph Biden“ finds „Joe Biden“."""
    for speaker_id in speaker_ids:
        names = db.rows(
            "SELECT name, id FROM speakers WHERE id = ? "
            "OR key IN (SELECT speaker_key FROM statements WHERE speaker_id = ?) ORDER BY id",
            (speaker_id, speaker_id),
        )
        own = [row for row in names if row["id"] == speaker_id]
        folded = dict.fromkeys(_folded(row["name"]) for row in own + names if row["name"])
        db.execute(
            "UPDATE speakers SET search_name = ? WHERE id = ?",
            (NAME_SEPARATOR.join(folded) or None, speaker_id),
        )


class SpeakerIdentity:
    """An archive's resolver (reloaded when another connection changed the corrections) and its reviews."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._resolver: IdentityResolver | None = None
        self._version: tuple[int, int] | None = None
        self._pending: set[str] = set()  # surname keys whose join a newly seen full name may change

    def _stored_version(self) -> tuple[int, int]:
        # correction ids are never reused, so count and highest id change with every change
        row = self.db.row("SELECT count(*) AS n, max(id) AS last FROM speaker_corrections")
        assert row is not None  # an aggregate always gives a row
        return int(row["n"]), int(row["last"] or 0)

    @property
    def resolver(self) -> IdentityResolver:
        if self._resolver is None:
            self._version = self._stored_version()
            self._resolver = load_resolver(self.db)
        return self._resolver

    def refresh(self) -> None:
        """Reload the corrections if another connection changed them since."""
        if self._resolver is not None and self._stored_version() != self._version:
            self.forget()

    def forget(self) -> None:
        """Drop the resolver (after a rollback, or a change of the corrections); it is loaded again."""
        self._resolver = None
        self._pending.clear()

    # ingestion

    def counted_as(self, speaker: SpeakerRow) -> SpeakerRow:
        """The speaker that a statement with this automatic speaker counts for."""
        surname = surname_key(speaker.key)
        if self.resolver.remember(speaker.key) and surname:
            self._pending.add(surname)
        key = self.resolver.resolve_key(speaker.key)
        return speaker if key == speaker.key else replace(speaker, key=key)

    def settle(self) -> None:
        """After storing a document: bare surnames (and keys merged into them) join or leave the full
        names it introduced."""
        pending, self._pending = self._pending, set()
        affected = set().union(*(self.resolver.keys_of(surname) for surname in pending))
        recount_keys(self.db, reassign(self.db, self.resolver, sorted(affected)))

    # finding speakers

    def _row(self, condition: str, value: Any) -> Row | None:
        return self.db.row(
            f"SELECT {SPEAKER_FIELDS}, {STATEMENT_COUNT} FROM speakers sp WHERE {condition}", (value,)
        )

    def summary(self, speaker_id: int) -> Row:
        found = self._row("sp.id = ?", speaker_id)
        assert found is not None, speaker_id
        return found

    def lookup(self, ref: str) -> Row:
        """The speaker row ``ref`` names: an id, a key (a speaker's, or a statement's automatic key) or a
        name (the folded name, else a unique part of it)."""
        ref = ref.strip()
        if not ref:
            raise NotFound("no speaker given")
        if (number := row_id(ref)) is not None:
            found = self._row("sp.id = ?", number)
            if found is None:
                raise NotFound(f"no speaker with id {ref} (see zitat speakers)")
            return found
        found = self._row("sp.key = ?", ref) or self._row(
            "sp.id = (SELECT speaker_id FROM statements WHERE speaker_key = ? LIMIT 1)", ref
        )
        return found or self._by_name(ref)

    def _by_name(self, name: str) -> Row:
        """The speaker with this name: its own name (also a merged-away speaker's), else the name of a
        key it holds, else a part of its names; ambiguous names are refused."""
        folded = _folded(name)
        candidates = self.db.rows(
            f"SELECT {SPEAKER_FIELDS}, {STATEMENT_COUNT}, sp.search_name FROM speakers sp "
            "WHERE sp.search_name LIKE ? ORDER BY sp.id",
            (f"%{folded}%",),
        )
        active = [row for row in candidates if row["statements"]]
        tiers = (
            [row for row in candidates if _folded(row["name"]) == folded],
            [row for row in active if folded in row["search_name"].split(NAME_SEPARATOR)],
            active,
        )
        for tier in tiers:
            found = [row for row in tier if row["statements"]] or tier  # speakers with statements first
            if len(found) > 1:
                listed = ", ".join(f"{row['id']} {row['name']}" for row in found[:5])
                more = ", …" if len(found) > 5 else ""
                raise ZitatError(f"{name!r} names {len(found)} speakers ({listed}{more}): give an id")
            if found:
                del found[0]["search_name"]
                return found[0]
        raise NotFound(f"no speaker named {name!r} (see zitat speakers)")

    def current(self, row: Row) -> Row:
        """The speaker that the statements of ``row``'s key count for now (``row`` unless merged away)."""
        key = self.resolver.resolve_key(row["key"])
        return row if key == row["key"] else self._row("sp.key = ?", key) or row

    def find(self, ref: str) -> Row:
        return self.current(self.lookup(ref))

    # reviews

    def _record(self, kind: Literal["merge", "split"], a: str, b: str, note: str | None) -> Row:
        correction = self.db.row(
            "INSERT INTO speaker_corrections (kind, a, b, note, created_at) VALUES (?, ?, ?, ?, ?) "
            "RETURNING id, kind, a, b, note, created_at",
            (kind, a, b, note or None, utc_now()),
        )
        assert correction is not None
        self.apply()
        return correction

    def apply(self) -> None:
        """Apply the stored corrections, as they are now, to every stored statement."""
        self.forget()
        recount_keys(self.db, reresolve(self.db, self.resolver))

    def merge(self, a: str, b: str, note: str | None = None) -> Row:
        """Speaker ``b`` becomes part of speaker ``a``; idempotent: when they already are one, no correction
        is stored and ``merged`` is the speaker ``b`` names."""
        if a.strip() == b.strip():
            raise ZitatError("cannot merge a speaker with itself")
        named = self.lookup(b)
        keep, other = self.find(a), self.current(named)
        if keep["id"] == other["id"]:
            return {"speaker": keep, "merged": named, "correction": None}
        correction = self._record("merge", keep["key"], other["key"], note)
        return {"speaker": self.summary(keep["id"]), "merged": other, "correction": correction}

    def variants(self, speaker_id: int) -> list[Row]:
        """The automatic keys whose statements count for this speaker (its own key first), with a name,
        why they count for it ('own', 'merge' or 'surname'), counts and the latest mentions."""
        variants = self.db.rows(
            "SELECT speaker_key AS key, count(*) AS statements, count(DISTINCT document_id) AS documents "
            "FROM statements WHERE speaker_id = ? GROUP BY speaker_key",
            (speaker_id,),
        )
        for variant in variants:
            named = self.db.value("SELECT name FROM speakers WHERE key = ?", (variant["key"],))
            variant["name"] = named or _stored_speaker(self.db, variant["key"], variant["key"]).name
            variant["link"] = self.resolver.link(variant["key"])
            variant["mentions"] = self.db.rows(
                "SELECT s.id, s.document_id, s.position, s.source, d.title FROM statements s "
                "JOIN documents d ON d.id = s.document_id WHERE s.speaker_id = ? AND s.speaker_key = ? "
                f"ORDER BY s.id DESC LIMIT {EXAMPLES_PER_VARIANT}",
                (speaker_id, variant["key"]),
            )
        return sorted(variants, key=lambda v: (v["link"] != "own", -v["statements"], v["key"]))

    def split(self, speaker: str, variant: str, note: str | None = None) -> Row:
        """Take the statements of one name variant (a key or name from ``variants``) off ``speaker``."""
        found = self.find(speaker)
        label = f"speaker {found['id']} {found['name']}"
        variants = self.variants(found["id"])
        wanted = _folded(variant)
        chosen = next(
            (v for v in variants if variant.strip() == v["key"] or wanted == _folded(v["name"])), None
        )
        if chosen is None:
            listed = "; ".join(f"{v['key']} {v['name']}" for v in variants)
            raise ZitatError(f"{variant!r} is not a name variant of {label} (its variants: {listed})")
        if len(variants) == 1:
            raise ZitatError(f"{label} has one name variant only: nothing to split off")
        if chosen["key"] == found["key"]:
            raise ZitatError(f"{chosen['key']} is the own key of {label}: split the other variants off it")
        correction = self._record("split", found["key"], chosen["key"], note)
        split_off = self.find(chosen["key"])
        return {"speaker": self.summary(found["id"]), "split_off": split_off, "correction": correction}

    def corrections(self) -> list[Row]:
        """The stored corrections, oldest first, with the names of the speakers their keys belong to."""
        return self.db.rows(
            "SELECT c.id, c.kind, c.a, (SELECT name FROM speakers WHERE key = c.a) AS a_name, "
            "c.b, (SELECT name FROM speakers WHERE key = c.b) AS b_name, c.note, c.created_at "
            "FROM speaker_corrections c ORDER BY c.id"
        )

    def remove(self, correction_id: int) -> Row:
        """Delete a correction; the stored statements go back to what the remaining ones say."""
        found = self.db.row(
            "SELECT id, kind, a, b, note, created_at FROM speaker_corrections WHERE id = ?", (correction_id,)
        )
        if found is None:
            raise NotFound(f"no correction {correction_id} (see zitat speakers corrections)")
        self.db.execute("DELETE FROM speaker_corrections WHERE id = ?", (correction_id,))
        self.apply()
        return found
