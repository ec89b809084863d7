"""The web layer over the real archive (``zitat.store``, SQLite): the adapter's shapes end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zitat.web.app import create_app
from zitat.web.archive import StoreArchive

from .fixtures import XSS_NAME

GOOD_TEXT = "„Wir sind bereit“, sagte Nato-Generalsekretär Jens Stoltenberg am Montag in Brüssel."


@pytest.fixture(scope="module")
def client(archive_path: Path) -> TestClient:
    return TestClient(create_app(StoreArchive(str(archive_path))), raise_server_exceptions=False)


def test_search_counts_filters_and_links_hits_to_speakers(client: TestClient) -> None:
    everything = client.get("/api/statements").json()
    assert everything["total"] == len(everything["items"]) >= 6
    ukraine = client.get("/api/statements", params={"q": "ukraine"}).json()
    assert ukraine["total"] == 1
    (hit,) = ukraine["items"]
    assert hit["document_id"] == "nato-gipfel" and hit["form"] == "Direct" and hit["outlet"] == "Der Standard"
    assert hit["speaker"]["name"] == "Nato-Generalsekretär Jens Stoltenberg"
    speaker = client.get(f"/api/speakers/{hit['speaker']['id']}").json()
    assert speaker["statements"] == 1 and speaker["outlets"] == [{"outlet": "Der Standard", "statements": 1}]
    assert client.get("/api/statements", params={"form": "Direct", "until": "2024-03"}).json()["total"] == 1
    assert hit["author"] == "Anna Schmidt, Peter Müller"
    by_author = client.get("/api/statements", params={"author": "anna schmidt"}).json()
    assert {i["document_id"] for i in by_author["items"]} == {"nato-gipfel"} and by_author["total"] == 2
    assert (
        client.get("/api/documents/nato-gipfel").json()["document"]["author"] == "Anna Schmidt, Peter Müller"
    )
    assert (
        '<span class="author">by Anna Schmidt, Peter Müller</span>'
        in client.get("/articles/nato-gipfel").text
    )


def test_speakers_pages_and_unknown_ids(client: TestClient) -> None:
    listed = client.get("/api/speakers", params={"limit": 2}).json()
    assert len(listed["items"]) == 2 and listed["total"] >= 4
    assert client.get("/api/speakers", params={"q": "Sprecherin"}).json()["items"][0]["name"] == XSS_NAME
    for missing in ("999999", "not-a-number"):
        assert client.get(f"/api/speakers/{missing}").status_code == 404


def test_article_page_links_speakers_through_the_lookup(client: TestClient) -> None:
    page = client.get("/articles/reform")
    assert page.status_code == 200 and 'class="hl hl-cue"' in page.text
    lookup = client.get("/speakers/lookup", params={"name": "Leonore Gewessler"}, follow_redirects=False)
    assert lookup.status_code == 303
    assert "Leonore Gewessler" in client.get(lookup.headers["location"]).text
    assert client.get("/speakers/lookup", params={"name": "Niemand"}).status_code == 404


def test_overview_and_documents(client: TestClient) -> None:
    overview = client.get("/")
    assert overview.status_code == 200 and "Statements per month" in overview.text
    doc = client.get("/api/documents/xss").json()
    assert doc["document"]["url"].startswith("javascript:") and doc["statements"]


def test_post_documents_stores_once(tmp_path: Path) -> None:
    client = TestClient(create_app(StoreArchive(str(tmp_path / "empty.db"))))
    body = {"documents": [{"text": GOOD_TEXT, "id": "posted", "published": "2024-05-01"}]}
    first = client.post("/api/documents", json=body)
    assert first.status_code == 201 and first.json() == {
        "ingested": 1,
        "duplicates": 0,
        "document_ids": ["posted"],
    }
    again = client.post("/api/documents", json=body).json()
    assert again["ingested"] == 0 and again["duplicates"] == 1
    assert client.get("/api/documents/posted").json()["document"]["published"] == "2024-05-01"
