"""The speaker page's other speakers and the merge/split review, as API and pages, on a SQLite archive
(a fresh one per test: reviews change it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zitat.web.app import create_app
from zitat.web.archive import StoreArchive
from zitat.web.extraction import ExtractionWorker

from ..store.articles import quote
from .fixtures import MemoryArchive, extracted_articles

TOKEN = "pruef-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
XSS = "<script>window.__pwned='review'</script>Biden"


@pytest.fixture
def client(tmp_path: Path, extractor: ExtractionWorker) -> TestClient:
    store = StoreArchive(str(tmp_path / "review.db"))
    store.ingest(extracted_articles(extractor))
    store.ingest(
        [
            quote("biden-1", "Joe Biden", "Wir stehen fest an der Seite der Ukraine", "2024-01-10"),
            quote("biden-2", "Joe Biden", "Die Wirtschaft wächst wieder", "2024-02-11"),
            quote("biden-3", "Joseph Biden", "Ich werde erneut kandidieren", "2024-03-12"),
            quote("xss", XSS, "Das ist ein Test", "2024-03-13"),
        ]
    )
    return TestClient(create_app(store, api_token=TOKEN), raise_server_exceptions=False)


def speaker_id(client: TestClient, name: str) -> str:
    (found,) = [
        s for s in client.get("/api/speakers", params={"q": name}).json()["items"] if s["name"] == name
    ]
    return found["id"]


def error_of(response) -> str:
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == response.status_code
    return body["error"]["message"]


def test_speaker_detail_has_other_speakers_and_the_review_link(client: TestClient) -> None:
    gewessler = client.get(f"/api/speakers/{speaker_id(client, 'Leonore Gewessler')}").json()
    (other,) = gewessler["co_speakers"]
    assert other["name"] == "Die Ministerin" and other["documents"] == 1 and isinstance(other["id"], str)
    assert gewessler["review_url"] == f"/speakers/{gewessler['id']}/review"
    assert gewessler["merged_into"] is None
    page = client.get(f"/speakers/{gewessler['id']}").text
    assert "Other speakers in the same articles" in page
    assert f'<a href="/speakers/{other["id"]}">Die Ministerin</a> (1 article)' in page
    assert f'href="/speakers/{gewessler["id"]}/review"' in page


def test_api_merge_and_split_with_the_token(client: TestClient) -> None:
    joe, joseph = speaker_id(client, "Joe Biden"), speaker_id(client, "Joseph Biden")
    body = {"a": "Joe Biden", "b": joseph, "note": "derselbe Präsident"}
    assert client.post("/api/speakers/merge", json=body).status_code == 401
    merged = client.post("/api/speakers/merge", json=body, headers=AUTH)
    assert merged.status_code == 200, merged.text
    result = merged.json()
    assert result["speaker"]["id"] == joe and result["speaker"]["statements"] == 3
    assert result["merged"]["id"] == joseph and result["correction"]["kind"] == "merge"
    assert client.post("/api/speakers/merge", json=body, headers=AUTH).json()["correction"] is None
    # counts agree at once: listing, search and the old id
    assert client.get("/api/statements", params={"speaker": joe}).json()["total"] == 3
    assert client.get("/api/speakers", params={"q": "Joseph Biden"}).json()["items"][0]["id"] == joe
    assert client.get(f"/api/speakers/{joseph}").json()["merged_into"] == joe
    assert client.get(f"/speakers/{joseph}", follow_redirects=False).headers["location"] == f"/speakers/{joe}"
    review = client.get(f"/api/speakers/{joe}/review").json()
    assert sorted((v["name"], v["link"]) for v in review["variants"]) == [
        ("Joe Biden", "own"),
        ("Joseph Biden", "merge"),
    ]
    assert {c["name"] for c in review["candidates"]} == {XSS}  # similar names, not Joe himself
    variant = next(v["key"] for v in review["variants"] if v["link"] == "merge")
    split = client.post(f"/api/speakers/{joe}/split", json={"variant": variant}, headers=AUTH)
    assert split.status_code == 200 and split.json()["split_off"]["id"] == joseph
    assert client.get("/api/statements", params={"speaker": joe}).json()["total"] == 2


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "message"),
    [
        ("post", "/api/speakers/merge", {"a": "Joe Biden"}, 422, "body.b"),
        ("post", "/api/speakers/merge", {"a": "", "b": "Joe Biden"}, 422, "body.a"),
        ("post", "/api/speakers/merge", {"a": "Joe Biden", "b": "x" * 501}, 422, "body.b"),
        (
            "post",
            "/api/speakers/merge",
            {"a": "Joe Biden", "b": "Niemand"},
            404,
            "no speaker named 'Niemand'",
        ),
        ("post", "/api/speakers/merge", {"a": "Joe Biden", "b": "Joe Biden"}, 422, "itself"),
        ("post", "/api/speakers/merge", {"a": "Joe Biden", "b": "Biden"}, 422, "names 3 speakers"),
        ("post", "/api/speakers/merge", [1, 2], 422, "valid dictionary"),
        ("post", "/api/speakers/999999/split", {"variant": "x"}, 404, "no speaker with id 999999"),
        ("post", "/api/speakers/Joe%20Biden/split", {"variant": "Hunter"}, 422, "not a name variant"),
        ("post", "/api/speakers/Joe%20Biden/split", {}, 422, "body.variant"),
        ("get", "/api/speakers/999999/review", None, 404, "no speaker with id 999999"),
        ("get", "/api/speakers/%20/review", None, 404, "no speaker given"),
    ],
)
def test_api_review_refuses_bad_input_with_json_errors(
    client: TestClient, method: str, path: str, body: object, status: int, message: str
) -> None:
    response = client.request(method, path, json=body, headers=AUTH)
    assert response.status_code == status, response.text
    assert message in error_of(response)


def test_malformed_json_is_a_422(client: TestClient) -> None:
    response = client.post(
        "/api/speakers/merge", content="{", headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 422 and "JSON" in error_of(response)


def test_review_page_forms_merge_and_split(client: TestClient) -> None:
    joe, joseph = speaker_id(client, "Joe Biden"), speaker_id(client, "Joseph Biden")
    page = client.get(f"/speakers/{joe}/review")
    assert page.status_code == 200 and "Name variants counted for this speaker" in page.text
    assert f'action="/speakers/{joe}/merge"' in page.text and 'name="token"' in page.text
    assert "no variant to split off" in page.text
    refused = client.post(f"/speakers/{joe}/merge", data={"other": joseph, "token": "falsch"})
    assert refused.status_code == 401 and "wrong API token" in refused.text
    merged = client.post(
        f"/speakers/{joe}/merge", data={"other": joseph, "token": TOKEN}, follow_redirects=False
    )
    assert merged.status_code == 303 and merged.headers["location"] == f"/speakers/{joe}/review?done=merge"
    after = client.get(merged.headers["location"]).text
    assert "Merged." in after and 'type="radio" name="variant"' in after and "merged by a review" in after
    unknown = client.post(f"/speakers/{joe}/merge", data={"other": "Niemand", "token": TOKEN})
    assert unknown.status_code == 422 and "no speaker named &#39;Niemand&#39;" in unknown.text
    variant = client.get(f"/api/speakers/{joe}/review").json()["variants"]
    key = next(v["key"] for v in variant if v["link"] == "merge")
    split = client.post(f"/speakers/{joe}/split", data={"variant": key, "token": TOKEN})
    assert split.status_code == 200 and "Split off." in split.text  # followed the redirect
    assert client.get(f"/api/speakers/{joseph}").json()["statements"] == 1


def test_review_page_escapes_names_and_errors(client: TestClient) -> None:
    xss = speaker_id(client, XSS)
    page = client.get(f"/speakers/{xss}/review").text
    assert "<script>window" not in page and "&lt;script&gt;window" in page
    refused = client.post(f"/speakers/{xss}/split", data={"variant": "<b>x</b>", "token": TOKEN})
    assert (
        refused.status_code == 422
        and "<b>x</b>" not in refused.text
        and "&lt;b&gt;x&lt;/b&gt;" in refused.text
    )
    assert client.get("/speakers/999999/review", headers={"accept": "text/html"}).status_code == 404
    ambiguous = client.get("/speakers/Biden/review", headers={"accept": "text/html"})
    assert ambiguous.status_code == 422 and "names 3 speakers" in ambiguous.text


def test_an_archive_without_review_says_so(memory_archive: MemoryArchive) -> None:
    client = TestClient(create_app(memory_archive), raise_server_exceptions=False)
    response = client.get("/api/speakers/leonore-gewessler/review")
    assert response.status_code == 404 and "does not support reviewing" in error_of(response)
    assert client.post("/api/speakers/merge", json={"a": "x", "b": "y"}).status_code == 404
    assert "Review name variants" not in client.get("/speakers/leonore-gewessler").text


def test_openapi_documents_the_review_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/speakers/merge",
        "/api/speakers/{speaker_id}/split",
        "/api/speakers/{speaker_id}/review",
    } <= set(paths)
    merge = paths["/api/speakers/merge"]["post"]
    assert "ZITAT_API_TOKEN" in merge["summary"] and "requestBody" in merge
