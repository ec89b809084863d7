"""What the web layer needs from an archive, as plain JSON-ready values.

Pages and API routes talk only to ``ArchiveView`` (and ``SpeakerReview``, where the archive supports
it); ``StoreArchive`` implements both on the archive's Python API (``zitat.store``), so nothing here
reads the archive's tables.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from urllib.parse import quote

from zitat.errors import EnvironmentFault
from zitat.store.filters import DEFAULT_SORT, Filters
from zitat.store.records import row_id

if TYPE_CHECKING:
    from zitat.store import Archive

Record = dict[str, Any]

# Counting every match costs more than fetching a page of them (tens of ms on 100,000 statements, the
# overview's statistics far more), and paging through one search asks for the same total again and
# again: counts, facets, timelines and statistics are kept while the archive stays as it was (its data
# version, ``zitat.store.database.Database.data_version``), the most recently used this many.
MAX_CACHED = 4096
TOP = 10  # speakers, forms, … on the overview


@dataclass(frozen=True)
class Page:
    total: int
    items: list[Record]


class ArchiveView(Protocol):
    def overview(self, filters: Filters, unresolved: bool = False) -> Record:
        """For the statements ``filters`` find: counts (documents, statements, speakers), statements per
        month (empty months included), top speakers, form and medium mix, anonymous and gender shares;
        speakers known only by a mention are left out of the speakers unless ``unresolved``."""
        ...

    def search(self, filters: Filters, limit: int, offset: int, sort: str = DEFAULT_SORT) -> Page:
        """Statement hits, newest first (``sort``: a name in ``zitat.store.filters.SORTS``): id,
        document_id, statement (s1, s2, … in its document), link (to it on the article page), title,
        outlet, author, published, url, speaker (id, name, type, gender), source, form, medium, cue,
        message, addressee, frame, confidence."""
        ...

    def statements(self, filters: Filters, sort: str = DEFAULT_SORT) -> Iterator[Record]:
        """Every hit of a search, as ``search`` shapes them, one at a time (for complete exports)."""
        ...

    def speakers(
        self, query: str | None, limit: int, offset: int, type: str | None = None, unresolved: bool = False
    ) -> Page:
        """Speakers by number of statements, whose name holds ``query``, of one ``type`` when given;
        speakers known only by a mention („ein Sprecher“, „sie“) only when ``unresolved``."""
        ...

    def speaker(self, speaker_id: str, unresolved: bool = False) -> Record | None:
        """One speaker with roles seen, statements per month, outlets, co-occurring speakers
        (``co_speakers``: id, name, type, documents; mention-only speakers when ``unresolved``),
        ``review_url`` (None without review) and
        ``merged_into`` (the id its statements count for since a merge, else None)."""
        ...

    def document(self, document_id: str) -> Record | None:
        """One stored document in the JSON contract shape (docs/output-format.md)."""
        ...

    def ingest(self, records: list[Record]) -> Record:
        """Store extracted documents (JSON contract); ``ingested``, ``duplicates`` and ``document_ids``."""
        ...


@runtime_checkable
class ResearchView(ArchiveView, Protocol):
    """Facets, timelines and document lists: what an archive that supports them adds to ``ArchiveView``."""

    def facets(
        self, filters: Filters, names: Sequence[str], limit: int | None = 10, unresolved: bool = False
    ) -> dict[str, list[Record]]:
        """Per facet name (``zitat.store.facets.FACETS``), the values with most statements: ``value`` (what
        the filter of that name takes), ``label`` and ``count``."""
        ...

    def timeline(self, filters: Filters, by_gender: bool = False) -> list[Record]:
        """Statements per month (``month``, ``count``), empty months included; ``by_gender``: person
        speakers' statements with ``female``, ``male`` and ``unknown`` counts."""
        ...

    def documents(self, filters: Filters, limit: int, offset: int) -> Page:
        """Documents, newest first: id, title, url, published, outlet, author, word_count,
        statement_count."""
        ...


@runtime_checkable
class Versioned(Protocol):
    """An archive that tells when it changed: what the web layer may cache, and until when."""

    def data_version(self) -> str:
        """A value that differs once the archive has changed; what was read after taking it is at least
        as new as the archive was then."""
        ...


@runtime_checkable
class SpeakerReview(Protocol):
    """Reviewing speaker identity: what an archive that supports it adds to ``ArchiveView``.

    Speakers are named by id, key or name; an unknown one raises ``zitat.errors.NotFound``, any other
    refusal ``zitat.errors.ZitatError`` with a message for the user.
    """

    def speaker_review(self, speaker_id: str) -> Record:
        """``speaker`` (id, key, name, type, statements), its name ``variants`` (key, name, link, statements,
        documents, mentions) and ``candidates``: other speakers with a similar name."""
        ...

    def merge_speakers(self, a: str, b: str, note: str | None) -> Record:
        """Speaker ``b`` becomes part of ``a``: ``speaker``, ``merged``, ``correction`` (None when they
        already were one)."""
        ...

    def split_speaker(self, speaker_id: str, variant: str, note: str | None) -> Record:
        """A name variant becomes a speaker of its own: ``speaker``, ``split_off``, ``correction``."""
        ...


HIT_FIELDS = (
    "title", "outlet", "author", "published", "url", "source", "form", "medium", "cue", "message",
    "addressee", "frame", "confidence", "cluster_id",
)  # fmt: skip


def statement_link(document_id: str, statement: str | None) -> str:
    """Where a statement is on its article page: the article, at the statement's ``#t-sN`` anchor."""
    article = "/articles/" + quote(document_id)  # the route takes the id as a path, slashes and all
    return f"{article}#t-{quote(statement, safe='')}" if statement else article


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _hit(row: Record) -> Record:
    """A search hit from one of the archive's statement rows."""
    speaker = None
    if row.get("speaker_id") is not None:
        speaker = {
            "id": str(row["speaker_id"]),
            "name": row.get("speaker"),
            "type": row.get("speaker_type"),
            "gender": row.get("speaker_gender"),
        }
    position = row.get("position")
    # the statement's id within its document (s1, s2, …) anchors the link into the article
    statement = None if position is None else f"s{position + 1}"
    return {
        "id": row["id"],
        "document_id": row["document_id"],
        "statement": statement,
        "link": statement_link(row["document_id"], statement),
        "speaker": speaker,
        **{key: row.get(key) for key in HIT_FIELDS},
    }


def contract_hits(record: Record) -> list[Record]:
    """The statements of an extracted document (the JSON contract) shaped as search hits, for a text
    that is not in the archive: no link, no archive ids."""
    document = record["document"]

    def text(statement: Record, role: str) -> str | None:
        return (statement.get(role) or {}).get("text")

    return [
        {
            "id": None,
            "document_id": document.get("id"),
            "statement": statement["id"],
            "link": None,
            **{key: document.get(key) for key in ("title", "outlet", "author", "published", "url")},
            "speaker": statement.get("speaker")
            and {key: statement["speaker"].get(key) for key in ("id", "name", "type", "gender")},
            **{role: text(statement, role) for role in ("source", "cue", "message", "addressee", "frame")},
            **{key: statement.get(key) for key in ("form", "medium", "confidence")},
        }
        for statement in record["statements"]
    ]


def _speaker_summary(row: Record) -> Record:
    return {"id": str(row["id"]), **{k: row[k] for k in ("key", "name", "type", "statements")}}


class StoreArchive:
    """``ArchiveView`` and ``SpeakerReview`` over ``zitat.store``: one archive connection per thread (the
    server's worker threads read in parallel; SQLite in WAL mode and PostgreSQL both allow it)."""

    def __init__(self, location: str) -> None:
        from zitat.store import open_archive
        from zitat.store.database import connect

        self.location = location
        self._open = open_archive
        self._local = threading.local()
        self._local.archive = open_archive(location)  # fail now, at start-up, on a bad location
        # a connection that only ever asks for the data version: SQLite's changes when any *other*
        # connection commits, so it must not be one that writes (the threads' connections do)
        self._watcher = connect(location)
        self._watcher_lock = threading.Lock()
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cache_version: str | None = None

    @property
    def archive(self) -> Archive:
        archive = getattr(self._local, "archive", None)
        if archive is None:
            archive = self._local.archive = self._open(self.location)
        return archive

    def data_version(self) -> str:
        from zitat.store.database import ConnectionLost

        with self._watcher_lock:
            try:
                return self._watcher.data_version()
            except ConnectionLost:  # the database server restarted: once more on a new connection
                self._watcher.reconnect()
                return self._watcher.data_version()

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, or what it gave before for ``key`` while the archive has not changed since."""
        try:
            version = self.data_version()  # taken first: the value computed next is at least this new
        except EnvironmentFault:  # the watcher's server is gone: the threads' connections may still do
            return compute()
        key = (version, *key)
        with self._cache_lock:
            if version != self._cache_version:  # the archive changed: nothing kept is worth keeping
                self._cache.clear()
                self._cache_version = version
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._cache_lock:
            self._cache[key] = value
            while len(self._cache) > MAX_CACHED:
                self._cache.popitem(last=False)
        return value

    def overview(self, filters: Filters, unresolved: bool = False) -> Record:
        return self._cached(
            ("overview", unresolved, *astuple(filters)), lambda: self._overview(filters, unresolved)
        )

    def _overview(self, filters: Filters, unresolved: bool) -> Record:
        from zitat.store.facets import person_speaker_genders, totals

        found = self.facets(filters, ("speaker", "form", "medium", "gender"), TOP, unresolved)
        anonymous = self.facets(filters, ("type",), None, unresolved=True)["type"]
        counts = totals(self.archive.db, filters, unresolved)
        persons = sum(row["count"] for row in found["gender"])
        person_speakers = person_speaker_genders(self.archive.db, filters, unresolved)
        people = sum(person_speakers.values())
        return {
            **counts,
            "anonymous_share": _share(
                sum(r["count"] for r in anonymous if r["value"] == "anonymous"), counts["statements"]
            ),
            "months": self.timeline(filters),
            "gender_months": self.timeline(filters, by_gender=True),
            "top_speakers": [
                {"id": row["value"], "name": row["label"], "statements": row["count"]}
                for row in found["speaker"]
            ],
            "forms": {row["value"]: row["count"] for row in found["form"]},
            "media": {row["value"]: row["count"] for row in found["medium"]},
            "gender_shares": {row["value"]: _share(row["count"], persons) for row in found["gender"]},
            "speaker_gender_shares": {gender: _share(n, people) for gender, n in person_speakers.items()},
        }

    def facets(
        self, filters: Filters, names: Sequence[str], limit: int | None = 10, unresolved: bool = False
    ) -> dict[str, list[Record]]:
        return self._cached(
            ("facets", tuple(names), limit, unresolved, *astuple(filters)),
            lambda: self.archive.facets(
                names, limit=limit, unresolved=unresolved, query=filters.query, **filters.narrowing()
            ),
        )

    def timeline(self, filters: Filters, by_gender: bool = False) -> list[Record]:
        return self._cached(
            ("timeline", by_gender, *astuple(filters)),
            lambda: self.archive.timeline(by_gender=by_gender, query=filters.query, **filters.narrowing()),
        )

    def documents(self, filters: Filters, limit: int, offset: int) -> Page:
        chosen = {"query": filters.query, **filters.narrowing()}
        items = self.archive.documents(limit=limit, offset=offset, **chosen)
        total = self._cached(("documents", *astuple(filters)), lambda: self.archive.count_documents(**chosen))
        return Page(total, items)

    def search(self, filters: Filters, limit: int, offset: int, sort: str = DEFAULT_SORT) -> Page:
        rows = self.archive.iter_statements(filters, limit=limit, offset=offset, sort=sort)
        items = [_hit(row) for row in rows]
        total = self._cached(
            ("count", *astuple(filters)), lambda: self.archive.count(filters.query, **filters.narrowing())
        )
        return Page(total, items)

    def statements(self, filters: Filters, sort: str = DEFAULT_SORT) -> Iterator[Record]:
        # a connection of its own: a streamed export is read in many worker threads, one chunk at a
        # time, while other requests use the connection of the thread they run in
        archive = self._open(self.location)
        try:
            yield from (_hit(row) for row in archive.iter_statements(filters, sort=sort))
        finally:
            archive.close()

    def speakers(
        self, query: str | None, limit: int, offset: int, type: str | None = None, unresolved: bool = False
    ) -> Page:
        rows = self.archive.speakers(
            top=limit, offset=offset, unresolved=unresolved, speaker=query, type=type
        )
        total = len(rows)
        if query or type or offset or total == limit:  # more than this page: ask the archive
            total = self._cached(
                ("speakers", query, type, unresolved),
                lambda: self.archive.count_speakers(unresolved=unresolved, speaker=query, type=type),
            )
        items = [
            {"id": str(row["id"]), **{k: row[k] for k in ("name", "type", "gender", "role", "statements")}}
            for row in rows
        ]
        return Page(total, items)

    def speaker(self, speaker_id: str, unresolved: bool = False) -> Record | None:
        number = row_id(speaker_id)
        found = self.archive.speaker(number) if number is not None else None
        if found is None:
            return None
        months = self.archive.timeline(speaker=str(found["id"]))
        co_speakers = [
            {**row, "id": str(row["id"])}
            for row in self.archive.co_speakers(found["id"], unresolved=unresolved)
        ]
        return {
            **{k: found.get(k) for k in ("name", "type", "gender", "role", "affiliation", "country")},
            "id": str(found["id"]),
            "roles": [found["role"]] if found.get("role") else [],
            "statements": found["statements"],
            "forms": found["forms"],
            "first_seen": months[0]["month"] if months else None,
            "last_seen": months[-1]["month"] if months else None,
            "months": months,
            "outlets": [{"outlet": o, "statements": n} for o, n in found["outlets"].items()],
            "co_speakers": co_speakers,
            "review_url": f"/speakers/{quote(str(found['id']), safe='')}/review",
            "merged_into": None if found["merged_into"] is None else str(found["merged_into"]),
        }

    def speaker_review(self, speaker_id: str) -> Record:
        speaker = self.archive.find_speaker(speaker_id)
        surname = (speaker["name"] or "").split()[-1:]  # namesakes and variants are the likely duplicates
        similar = self.archive.speakers(top=11, speaker=surname[0]) if surname else []
        return {
            "speaker": _speaker_summary(speaker),
            "variants": self.archive.speaker_variants(str(speaker["id"])),
            "candidates": [
                {"id": str(row["id"]), "name": row["name"], "statements": row["statements"]}
                for row in similar
                if row["id"] != speaker["id"]
            ][:10],
        }

    def merge_speakers(self, a: str, b: str, note: str | None) -> Record:
        return self._changed(self.archive.merge_speakers(a, b, note))

    def split_speaker(self, speaker_id: str, variant: str, note: str | None) -> Record:
        return self._changed(self.archive.split_speaker(speaker_id, variant, note))

    @staticmethod
    def _changed(result: Record) -> Record:
        """A review's result with string ids."""
        return {
            name: _speaker_summary(value) if name != "correction" and value else value
            for name, value in result.items()
        }

    def document(self, document_id: str) -> Record | None:
        return self.archive.document(document_id)

    def ingest(self, records: list[Record]) -> Record:
        results = [self.archive.store(record, source="web") for record in records]
        stored = [r.document_id for r in results if r.outcome != "duplicate"]
        return {"ingested": len(stored), "duplicates": len(results) - len(stored), "document_ids": stored}


def open_archive(location: str) -> StoreArchive:
    return StoreArchive(location)
