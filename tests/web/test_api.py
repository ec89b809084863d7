"""Every API endpoint and page through the ASGI app, with good and bad input, on an in-memory archive."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from zitat.web.app import create_app, safe_url

from .fixtures import XSS_AUTHOR, XSS_TITLE, MemoryArchive, first

TOKEN = "s3cret-token"
GOOD_TEXT = "„Wir sind bereit“, sagte Nato-Generalsekretär Jens Stoltenberg am Montag in Brüssel."


@pytest.fixture()
def client(memory_archive: MemoryArchive) -> TestClient:
    return TestClient(create_app(memory_archive), raise_server_exceptions=False)


@pytest.fixture()
def guarded(memory_archive: MemoryArchive) -> TestClient:
    return TestClient(
        create_app(memory_archive, api_token=TOKEN, max_body_bytes=4096), raise_server_exceptions=False
    )


def error_of(response) -> str:
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == response.status_code
    assert "Traceback" not in response.text
    return body["error"]["message"]


def test_extract_returns_the_json_contract_for_text_and_html(client: TestClient) -> None:
    body = client.post(
        "/api/extract", json={"text": GOOD_TEXT, "id": "t1", "outlet": "APA", "author": "Eva Huber"}
    ).json()
    assert body["document"]["id"] == "t1" and body["document"]["outlet"] == "APA"
    assert body["document"]["author"] == "Eva Huber"
    stmt = first(body["statements"])
    assert stmt["form"] == "Direct" and stmt["cue"]["text"] == "sagte"
    html = f"<html><head><title>Gipfel</title></head><body><nav>Menü</nav><article><p>{GOOD_TEXT}</p></article></body></html>"
    from_html = client.post("/api/extract", json={"html": html}).json()
    assert "„Wir sind bereit“, sagte" in from_html["document"]["text"]
    assert from_html["document"]["author"] is None
    bylined = html.replace("</title>", '</title><meta name="author" content="Eva Huber">')
    assert client.post("/api/extract", json={"html": bylined}).json()["document"]["author"] == "Eva Huber"
    assert from_html["statements"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("{", "JSON decode error"),
        ("[]", "valid dictionary"),
        ('{"text": ""}', "no text"),
        ('{"text": 5}', "valid string"),
        ('{"text": "a", "html": "b"}', "exactly one"),
        ("{}", "exactly one"),
        ('{"html": "<p>kurz</p>"}', "no article text"),
        ('{"text": "This is plainly an English sentence with quite enough words in it."}', "not German"),
    ],
)
def test_extract_rejects_bad_input_with_a_json_error(client: TestClient, body: str, problem: str) -> None:
    response = client.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert problem in error_of(response)


def test_statements_filters_paginates_and_rejects_bad_parameters(client: TestClient) -> None:
    page = client.get("/api/statements", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 6 and page["limit"] == 2 and page["offset"] == 1 and len(page["items"]) == 2
    direct = client.get("/api/statements", params={"form": "Direct"}).json()
    assert direct["total"] == 3 and {i["form"] for i in direct["items"]} == {"Direct"}
    assert client.get("/api/statements", params={"q": "ukraine"}).json()["total"] == 1
    assert (
        client.get("/api/statements", params={"since": "2024-04", "until": "2024-04-05"}).json()["total"] == 2
    )
    for bad in (
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"limit": "x"},
        {"form": "Shouted"},
        {"type": "alien"},
        {"since": "gestern"},
        {"format": "xml"},
    ):
        response = client.get("/api/statements", params=bad)
        assert response.status_code == 422, bad
        assert next(iter(bad)) in error_of(response)


def test_statements_csv_neutralizes_spreadsheet_formulas(
    memory_archive: MemoryArchive, client: TestClient
) -> None:
    doc = memory_archive.documents["reform"]
    original = doc["statements"][0]["message"]["text"]
    doc["statements"][0]["message"]["text"] = '=HYPERLINK("http://x")'
    try:
        response = client.get("/api/statements", params={"format": "csv", "outlet": "Die Presse"})
    finally:
        doc["statements"][0]["message"]["text"] = original
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2 and rows[0]["message"] == '\'=HYPERLINK("http://x")'
    assert rows[1]["speaker"] == "Leonore Gewessler"


def test_speakers_list_and_detail(client: TestClient) -> None:
    listed = client.get("/api/speakers", params={"q": "gewessler"}).json()
    assert listed["total"] == 1
    speaker = client.get(f"/api/speakers/{listed['items'][0]['id']}").json()
    assert speaker["name"] == "Leonore Gewessler" and speaker["statements"] == 1
    assert speaker["outlets"] == [{"outlet": "Die Presse", "statements": 1}]
    assert "Die Ministerin" in [c["name"] for c in speaker["co_speakers"]]
    missing = client.get("/api/speakers/nobody")
    assert missing.status_code == 404 and "nobody" in error_of(missing)
    assert client.get("/api/speakers", params={"limit": 1000}).status_code == 422


def test_documents_get(client: TestClient) -> None:
    doc = client.get("/api/documents/nato-gipfel").json()
    assert doc["document"]["title"] == "Nato-Gipfel in Brüssel" and len(doc["statements"]) == 2
    assert client.get("/api/documents/missing").status_code == 404


def test_documents_post_ingests_and_requires_the_token(
    memory_archive: MemoryArchive, guarded: TestClient
) -> None:
    body = {"documents": [{"text": GOOD_TEXT, "id": "posted-1", "title": "Neu"}]}
    assert guarded.post("/api/documents", json=body).status_code == 401
    wrong = guarded.post("/api/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    created = guarded.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201 and created.json()["document_ids"] == ["posted-1"]
    assert memory_archive.documents["posted-1"]["document"]["title"] == "Neu"
    del memory_archive.documents["posted-1"]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.post("/api/documents", json={"documents": []}, headers=auth).status_code == 422
    assert guarded.post("/api/documents", json={"documents": [{"text": ""}]}, headers=auth).status_code == 422


def test_body_limit_answers_413_by_header_and_while_streaming(guarded: TestClient) -> None:
    big = b'{"text": "' + b"a" * 5000 + b'"}'
    response = guarded.post("/api/extract", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "too large" in error_of(response)

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        yield b'{"text": "'
        for _ in range(10):
            yield b"a" * 1000
        yield b'"}'

    streamed = guarded.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_unknown_paths_and_methods_give_json_errors_for_the_api(client: TestClient) -> None:
    assert error_of(client.get("/api/nothing")) == "Not Found"
    assert client.delete("/api/documents/nato-gipfel").status_code == 405


def test_without_an_archive_the_archive_endpoints_say_so(memory_archive: MemoryArchive) -> None:
    bare = TestClient(create_app(None))
    response = bare.get("/api/statements")
    assert response.status_code == 503 and "--db" in error_of(response)
    assert bare.post("/api/extract", json={"text": GOOD_TEXT}).status_code == 200


def test_openapi_and_offline_docs_page(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {
        "/api/extract",
        "/api/statements",
        "/api/speakers",
        "/api/speakers/{speaker_id}",
        "/api/documents/{document_id}",
        "/api/documents",
    } <= set(spec["paths"])
    page = client.get("/docs")
    assert page.status_code == 200 and "GET /api/statements" in page.text
    assert "cdn" not in page.text.lower() and '<script src="http' not in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=Reform",
        "/articles/nato-gipfel",
        "/speakers",
        "/speakers/leonore-gewessler",
        "/analyze",
        "/docs",
    ],
)
def test_pages_render_with_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_pages_escape_untrusted_title_url_text_and_speaker_name(client: TestClient) -> None:
    article = client.get("/articles/xss").text
    speaker_id = client.get("/api/speakers", params={"q": "Sprecherin"}).json()["items"][0]["id"]
    pages = [
        article,
        client.get("/search?q=Test").text,
        client.get("/").text,
        client.get(f"/speakers/{speaker_id}").text,
    ]
    for html in pages:
        assert "<script>window" not in html and "<img src=x" not in html
        assert 'href="javascript:' not in html
    assert XSS_TITLE.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in article
    assert "&lt;img src=x onerror=" in pages[3] and "<b>Outlet</b>" not in article
    assert f'<span class="author">by {escape(XSS_AUTHOR)}</span>' in article


def test_article_page_shows_the_author_next_to_outlet_and_date(client: TestClient) -> None:
    page = client.get("/articles/nato-gipfel").text
    byline = (
        '<p class="meta dotted"><span>Der Standard</span><span class="author">by Anna Schmidt, Peter Müller'
        '</span><time datetime="2024-03-06">6 Mar 2024</time><a href="https://example.org/nato"'
    )
    assert byline in page  # style.css puts a dot between the parts there are: none is left over
    assert 'class="author"' not in client.get("/articles/reform").text  # no author, no byline


def test_search_hits_show_the_author(client: TestClient) -> None:
    page = client.get("/search", params={"author": "Anna Schmidt"}).text
    assert "· by Anna Schmidt, Peter Müller" in page


def test_statements_filter_by_author(client: TestClient) -> None:
    found = client.get("/api/statements", params={"author": "Peter Müller"}).json()
    assert found["total"] == 2 and {i["author"] for i in found["items"]} == {"Anna Schmidt, Peter Müller"}
    assert client.get("/api/statements", params={"author": ""}).json()["total"] == 6  # empty: no filter
    assert client.get("/api/statements", params={"author": "x" * 501}).status_code == 422
    page = client.get("/search", params={"author": "Anna Schmidt"}).text
    assert "2 statement(s)" in page and 'name="author" value="Anna Schmidt"' in page
    assert "author=Anna+Schmidt" in page  # the download links keep the filter
    csv_rows = list(
        csv.DictReader(io.StringIO(client.get("/api/statements?format=csv&author=Anna+Schmidt").text))
    )
    assert [r["author"] for r in csv_rows] == ["Anna Schmidt, Peter Müller"] * 2


def test_statements_filter_by_least_confidence(client: TestClient) -> None:
    everything = client.get("/api/statements").json()["items"]
    threshold = sorted(item["confidence"] for item in everything)[len(everything) // 2]
    sure = client.get("/api/statements", params={"min_confidence": threshold}).json()
    assert 0 < sure["total"] < len(everything)
    assert sure["total"] == sum(item["confidence"] >= threshold for item in everything)
    assert client.get("/api/statements", params={"min_confidence": ""}).json()["total"] == len(everything)
    for bad in ("1.5", "-1", "sicher"):
        response = client.get("/api/statements", params={"min_confidence": bad})
        assert response.status_code == 422 and "min_confidence" in error_of(response)
    page = client.get("/search", params={"min_confidence": threshold}).text
    assert f"{sure['total']} statement(s)" in page and f"min_confidence={threshold:g}" in page
    assert (
        f'class="confidence" title="the model&#39;s confidence">{sure["items"][0]["confidence"]:.2f}<' in page
    )


def test_page_errors_are_html_for_browsers(client: TestClient) -> None:
    missing = client.get("/articles/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "<h1>Error 404</h1>" in missing.text
    bad = client.get("/search?form=%3Cscript%3E", headers={"accept": "text/html"})
    assert bad.status_code == 422 and "<script>" not in bad.text
    assert client.get("/search?page=zwei").status_code == 200


def test_search_page_links_keep_the_search(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Reform", "form": "Indirect", "sort": "oldest"}).text
    assert "/api/statements/export?q=Reform&amp;form=Indirect&amp;sort=oldest&amp;format=csv" in page
    assert '<option value="oldest" selected>' in page


def test_search_form_with_empty_fields_means_no_filter(client: TestClient) -> None:
    page = client.get("/search?q=Reform&speaker=&type=&form=&outlet=&author=&since=&until=")
    assert page.status_code == 200 and "1 statement(s)" in page.text


def test_analyze_page_highlights_pasted_text_and_uploaded_html(client: TestClient) -> None:
    pasted = client.post("/analyze", data={"text": GOOD_TEXT})
    assert pasted.status_code == 200 and 'class="hl hl-cue"' in pasted.text
    upload = client.post(
        "/analyze",
        files={"file": ("a.html", f"<html><body><p>{GOOD_TEXT}</p></body></html>".encode(), "text/html")},
    )
    assert upload.status_code == 200 and 'class="hl hl-source"' in upload.text
    empty = client.post("/analyze", data={"text": "   "})
    assert empty.status_code == 422 and "empty input" in empty.text
    binary = client.post("/analyze", files={"file": ("x.txt", b"\x89PNG\r\n", "text/plain")})
    assert binary.status_code == 422 and "PNG" in binary.text


def test_analyze_stores_only_on_request_and_with_the_token(
    memory_archive: MemoryArchive, guarded: TestClient
) -> None:
    before = set(memory_archive.documents)
    guarded.post("/analyze", data={"text": GOOD_TEXT})
    assert set(memory_archive.documents) == before
    refused = guarded.post("/analyze", data={"text": GOOD_TEXT, "store": "1", "token": "wrong"})
    assert refused.status_code == 401 and set(memory_archive.documents) == before
    stored = guarded.post("/analyze", data={"text": GOOD_TEXT, "store": "1", "token": TOKEN})
    assert stored.status_code == 200 and "Stored: 1 new document" in stored.text
    (new,) = set(memory_archive.documents) - before
    del memory_archive.documents[new]


def test_safe_url_links_only_web_addresses() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil",
        "http://[::1",
        None,
        "",
    ):
        assert safe_url(bad) is None


def test_an_archive_failure_is_a_500_without_details(memory_archive: MemoryArchive) -> None:
    class BrokenArchive(MemoryArchive):
        def search(self, *args, **kwargs):
            raise RuntimeError("secret database path /var/lib/zitat.db")

    broken = BrokenArchive()
    response = TestClient(create_app(broken), raise_server_exceptions=False).get("/api/statements")
    assert response.status_code == 500 and error_of(response) == "internal error"
    assert "secret" not in response.text


def test_pager_keeps_the_search_and_stops_at_the_ends() -> None:
    from zitat.web.pages import pager

    middle = pager(45, 2, {"q": "Wien", "form": "Direct"})
    assert middle == {"page": 2, "pages": 3, "previous": "?q=Wien&form=Direct&page=1",
                      "next": "?q=Wien&form=Direct&page=3"}  # fmt: skip
    assert pager(0, 1, {})["previous"] is None and pager(0, 1, {})["next"] is None
