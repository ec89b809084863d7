"""Answers kept while the archive is unchanged (``zitat.web.response_cache`` and the counts and facets
``StoreArchive`` keeps): asked again, a page costs no query; after a change by any connection, by
another process too, the next answer is new; errors, cookies and exports are never kept."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from zitat.errors import EnvironmentFault
from zitat.store import open_archive
from zitat.web.app import create_app
from zitat.web.archive import StoreArchive

from ..store.articles import RESEARCH_RECORDS, said
from ..store.conftest import postgres_server  # noqa: F401 (a fixture)


class CountingArchive(StoreArchive):
    """A ``StoreArchive`` that counts the searches it runs on the archive."""

    searches = 0

    def search(self, *args: Any, **kwargs: Any) -> Any:
        self.searches += 1
        return super().search(*args, **kwargs)


@pytest.fixture(params=["sqlite", "postgres"])
def location(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An archive holding the four research documents, SQLite or PostgreSQL."""
    if request.param == "sqlite":
        found = str(tmp_path_factory.mktemp("kept") / "kept.db")
        drop = None
    else:
        import psycopg

        server = request.getfixturevalue("postgres_server")
        drop = f"zitat_kept_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {drop}")
        found = f"{server.rpartition('/')[0]}/{drop}"
    with open_archive(found) as archive:
        for record in RESEARCH_RECORDS:
            archive.store(record, "fixture")
    yield found
    if drop:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {drop} WITH (FORCE)")


def total(page: str) -> int:
    """The number of hits a search page names."""
    found = re.search(r"(\d+) statement\(s\)", page)
    assert found is not None
    return int(found.group(1))


def test_a_page_asked_again_costs_no_query_until_another_process_stores(location: str) -> None:
    store = CountingArchive(location)
    client = TestClient(create_app(store, model="rules"))
    first = client.get("/search", params={"q": "Energie"})
    again = client.get("/search", params={"q": "Energie"})
    assert first.status_code == again.status_code == 200 and again.text == first.text
    assert store.searches == 1
    assert again.headers["content-security-policy"]  # the outer middlewares' headers are added to kept ones
    facets = client.get("/api/facets", params={"facet": "speaker"}).json()
    # another connection stores a document (as `zitat ingest` in another process would)
    with open_archive(location) as other:
        other.store(
            said("d5", "Robert Habeck", "Wir setzen auf Energie aus Wind", "2024-06-01", "Morgenpost"),
            "later",
        )
    after = client.get("/search", params={"q": "Energie"})
    assert (
        store.searches == 2 and "Robert Habeck" in after.text and total(after.text) == total(first.text) + 1
    )
    grown = client.get("/api/facets", params={"facet": "speaker"}).json()
    assert grown != facets and "Robert Habeck" in {row["label"] for row in grown["facets"]["speaker"]}


def test_answers_differ_by_language_and_errors_cookies_and_exports_are_not_kept(location: str) -> None:
    store = CountingArchive(location)
    client = TestClient(create_app(store, model="rules"))
    german = client.get("/search", params={"q": "Energie"}, headers={"accept-language": "de"})
    english = client.get("/search", params={"q": "Energie"}, headers={"accept-language": "en"})
    assert "2 Aussage(n)." in german.text and "2 statement(s)." in english.text and store.searches == 2
    switched = client.get("/search", params={"q": "Energie", "lang": "de"})
    assert "lang=de" in switched.headers["set-cookie"]  # added outside the cache: asked again, set again
    client.cookies.clear()
    assert "lang=de" in client.get("/search", params={"q": "Energie", "lang": "de"}).headers["set-cookie"]
    for _ in range(2):
        assert client.get("/search", params={"since": "2024-13"}).status_code == 422
        assert client.get("/articles/nirgends").status_code == 404
    before = store.searches
    for _ in range(2):
        export = client.get("/api/statements/export", params={"q": "Energie", "format": "jsonl"})
        assert export.status_code == 200 and len(export.text.splitlines()) == 2
    assert store.searches == before  # exports stream from a connection of their own, every time anew


def test_no_answers_are_kept_with_a_cache_of_zero(location: str) -> None:
    store = CountingArchive(location)
    client = TestClient(create_app(store, model="rules", cache_bytes=0))
    for _ in range(3):
        assert client.get("/search", params={"q": "Energie"}).status_code == 200
    assert store.searches == 3


def test_counts_and_facets_follow_a_merge_made_elsewhere(location: str) -> None:
    client = TestClient(create_app(StoreArchive(location), model="rules"))
    shown = client.get("/api/stats").json()
    with open_archive(location) as other:
        other.merge_speakers("Olaf Scholz", "Angela Merkel", "a test of the cache, not of the names")
    merged = client.get("/api/stats").json()
    assert shown["speakers"] == 2 and merged["speakers"] == 1
    assert [row["name"] for row in merged["top_speakers"]] == ["Olaf Scholz"]


def test_without_a_data_version_answers_are_made_anew_and_a_lost_watcher_reconnects(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CountingArchive(location)
    client = TestClient(create_app(store, model="rules"))
    assert client.get("/search", params={"q": "Klima"}).status_code == 200
    if location.startswith("postgresql://"):
        # the server ends the watcher's session (as a restart would): the next request opens a new one
        with open_archive(location) as other:
            ended = other.db.rows(
                "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND query LIKE ?",
                ["%pg_current_snapshot%"],
            )
        assert [row["ended"] for row in ended] == [True]  # the watcher, and only it
        store.data_version()  # reconnects instead of failing from now on
    assert client.get("/search", params={"q": "Energie"}).status_code == 200

    def gone() -> str:
        raise EnvironmentFault("archive: the database server failed (gone)")

    monkeypatch.setattr(store, "data_version", gone)
    for _ in range(2):
        assert client.get("/search", params={"q": "Wind"}).status_code == 200
    assert store.searches == 4  # nothing kept while the version cannot be read
