"""Statement clusters in the web app over a real archive: the API, the cluster page with its diffs, the
links to it from articles and search hits, and errors for unknown ids and unclustered archives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zitat.store import open_archive
from zitat.tracking import cluster_archive
from zitat.web.app import create_app
from zitat.web.archive import StoreArchive
from zitat.web.i18n import MESSAGES

from ..tracking.fixtures import store
from ..tracking.test_update import spahn_coverage


def tracked_archive(path: Path, clustered: bool = True) -> str:
    with open_archive(path) as archive:
        store(archive, *spahn_coverage())
        if clustered:
            cluster_archive(archive.db)
    return str(path)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tracked_archive(tmp_path_factory.mktemp("clusters") / "tracked.db")
    return TestClient(create_app(StoreArchive(path)), raise_server_exceptions=False)


def test_the_api_lists_clusters_and_shows_one(client: TestClient) -> None:
    listed = client.get("/api/clusters").json()
    (item,) = listed["items"]
    assert item["size"] == 6 and item["flags"] == ["misquote", "misattribution"]
    assert client.get("/api/clusters", params={"flag": "misquote", "speaker": "spahn"}).json()["items"] == [
        item
    ]
    assert client.get("/api/clusters", params={"speaker": "Söder"}).json()["items"] == []
    found = client.get(f"/api/clusters/{item['id']}").json()
    assert found["first"]["outlet"] == "Tagesspiegel" and found["first"]["first_published"] == "2020-12-20"
    assert [o["outlet"] for o in found["outlets_by_count"]][:2] == ["Tagesspiegel", "Zeit"]
    assert {"kind": "added", "text": "niemals"} in found["variants"][-1]["diff"]


def test_the_cluster_page_shows_timeline_outlets_and_highlighted_diffs(client: TestClient) -> None:
    cluster_id = client.get("/api/clusters").json()["items"][0]["id"]
    page = client.get(f"/clusters/{cluster_id}", headers={"accept": "text/html"})
    assert page.status_code == 200
    html = page.text
    assert '<ins class="diff-added">niemals</ins>' in html
    assert '<del class="diff-removed">und zwar nach klaren Regeln für alle Länder</del>' in html
    assert "journalistenwatch" in html and "2020-12-23" in html and "possible misattribution" in html
    listing = client.get("/clusters", headers={"accept": "text/html"}).text
    assert f'href="/clusters/{cluster_id}"' in listing


def test_statements_link_to_their_cluster(client: TestClient) -> None:
    cluster_id = client.get("/api/clusters").json()["items"][0]["id"]
    article = client.get("/articles/rt-1", headers={"accept": "text/html"}).text
    assert f'href="/clusters/{cluster_id}"' in article
    hits = client.get("/api/statements", params={"q": "Impfstoffe"}).json()["items"]
    assert {hit["cluster_id"] for hit in hits} == {cluster_id}
    search = client.get("/search", params={"q": "Impfstoffe"}, headers={"accept": "text/html"}).text
    assert f'href="/clusters/{cluster_id}"' in search


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/clusters/999999", 404, "no cluster 999999"),
        ("/api/clusters/99999999999999999999999", 404, "no cluster"),
        ("/api/clusters/abc", 422, ""),
        ("/api/clusters?flag=fake", 422, ""),
        ("/api/clusters?min_size=0", 422, ""),
        ("/api/clusters?limit=100000", 422, ""),
    ],
)
def test_bad_ids_and_parameters_are_clear_errors(
    client: TestClient, path: str, status: int, message: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == status and message in answer.text
    if "min_size" in path or "limit" in path:
        return  # API-only parameters: the page pages by itself
    page = client.get(path.removeprefix("/api"), headers={"accept": "text/html"})
    assert page.status_code == status and "<html" in page.text


def test_an_archive_never_clustered_says_so(tmp_path: Path) -> None:
    path = tracked_archive(tmp_path / "raw.db", clustered=False)
    client = TestClient(create_app(StoreArchive(path)), raise_server_exceptions=False)
    answer = client.get("/api/clusters")
    assert answer.status_code == 404 and "run zitat cluster" in answer.text
    assert client.get("/clusters/1", headers={"accept": "text/html"}).status_code == 404


def english_only(html: str) -> list[str]:
    """The cluster pages' English words (those German says otherwise) in the text of ``html``."""
    text = re.sub(r"<[^>]*>", " ", html)
    return [
        english
        for key, english in MESSAGES["en"].items()
        if key.startswith(("cluster.", "clusters.", "flag.")) and english != MESSAGES["de"][key]
        and "{" not in english and re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text)
    ]  # fmt: skip


def test_the_cluster_pages_are_in_the_readers_language(client: TestClient) -> None:
    cluster_id = client.get("/api/clusters").json()["items"][0]["id"]
    german = {"accept-language": "de-DE,de;q=0.9", "accept": "text/html"}
    listing = client.get("/clusters", headers=german).text
    assert "<h1>Zitat-Spuren</h1>" in listing and "Maßgebliche Fassung" in listing
    assert '<option value="misquote">mögliches Falschzitat</option>' in listing
    assert '<time datetime="2020-12-20">20. Dezember 2020</time>' in listing
    assert english_only(listing) == []
    page = client.get(f"/clusters/{cluster_id}", headers=german).text
    for words in ("Erstes Erscheinen", "Zeitverlauf", "Fassungen", "mögliche falsche Zuschreibung",
                  "Wortlaut weicht vom frühesten direkten Zitat ab", "zugeschrieben: ", "Eine Aussage in"):  # fmt: skip
        assert words in page, words
    assert english_only(page) == []
    english = client.get(f"/clusters/{cluster_id}", headers={"accept-language": "en", "accept": "text/html"})
    assert "First appearance" in english.text and "possible misquote" in english.text
    assert "20 Dec 2020" in english.text
    # errors of the pages too; the API's stay English
    missing = client.get("/clusters/999999", headers=german)
    assert missing.status_code == 404 and "Keine Zitat-Spur 999999" in missing.text
    assert "no cluster 999999" in client.get("/api/clusters/999999", headers=german).text


def test_a_never_clustered_archive_says_so_in_the_readers_language(tmp_path: Path) -> None:
    client = TestClient(create_app(StoreArchive(tracked_archive(tmp_path / "raw.db", clustered=False))))
    answer = client.get("/clusters", headers={"accept-language": "de", "accept": "text/html"})
    assert answer.status_code == 404 and "Das Archiv hat noch keine Zitat-Spuren" in answer.text
