"""Extraction for the web app: the character limit (413), the timeout that ends the extraction process
(503), a stopped worker, and the inline answers of the analyze page (issue #23, long texts)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from zitat.document import DocumentMeta
from zitat.ingest.article import Article
from zitat.web.app import create_app
from zitat.web.extraction import ExtractionRefused, ExtractionWorker

from .fixtures import MemoryArchive

SHORT = "„Wir sind bereit“, sagte Nato-Generalsekretär Jens Stoltenberg am Montag in Brüssel."
LIMIT = 400  # characters, tiny so the tests stay fast


def report(n: int) -> str:
    return (f"„Wir brauchen beim Thema {n} endlich Tempo“, sagte Anna Schmidt am Montag in Berlin. "
            f"Die Regierung will bis zum Sommer einen Entwurf vorlegen. Meldung Nummer {n}.")  # fmt: skip


LONG = " ".join(report(n) for n in range(60))  # about 10,000 characters
SLOW = " ".join(report(n) for n in range(600))  # about 100,000 characters: a second or more to extract


def error_of(response) -> str:
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == response.status_code
    return body["error"]["message"]


@pytest.fixture(scope="module")
def limited(memory_archive: MemoryArchive) -> Iterator[TestClient]:
    app = create_app(memory_archive, model="rules", max_chars=LIMIT)
    yield TestClient(app, raise_server_exceptions=False)
    app.state.extractor.stop()


def test_a_text_above_the_limit_is_413_in_the_api_in_english_or_german(limited: TestClient) -> None:
    assert limited.post("/api/extract", json={"text": SHORT}).status_code == 200
    too_long = limited.post("/api/extract", json={"text": LONG})
    assert too_long.status_code == 413
    message = error_of(too_long)
    assert f"{len(LONG):,} characters" in message and "limit of 400" in message
    german = limited.post("/api/extract", json={"text": LONG}, headers={"accept-language": "de-AT,de;q=0.9"})
    assert german.status_code == 413 and f"{len(LONG):,} Zeichen".replace(",", ".") in error_of(german)


def test_a_batch_with_one_text_above_the_limit_stores_nothing(
    limited: TestClient, memory_archive: MemoryArchive
) -> None:
    before = len(memory_archive.documents)
    body = {"documents": [{"text": SHORT, "id": "kurz"}, {"text": LONG, "id": "lang"}]}
    assert limited.post("/api/documents", json=body).status_code == 413
    assert len(memory_archive.documents) == before


def test_the_analyze_page_says_why_inline_and_keeps_the_text(limited: TestClient) -> None:
    page = limited.post("/analyze", data={"text": LONG}, headers={"accept": "text/html"})
    assert page.status_code == 413
    assert 'class="error" role="alert"' in page.text and "limit of 400" in page.text
    assert "Meldung Nummer 59." in page.text.split("<textarea")[1]  # the form still holds the text


def test_an_extraction_over_the_timeout_is_ended_with_503_and_the_next_one_works(
    memory_archive: MemoryArchive,
) -> None:
    app = create_app(memory_archive, model="rules", extract_timeout=0.3)
    client = TestClient(app, raise_server_exceptions=False)
    try:
        assert client.post("/api/extract", json={"text": SHORT}).status_code == 200  # loads the pipeline
        first_child = app.state.extractor._process.pid
        slow = client.post("/api/extract", json={"text": SLOW})
        assert slow.status_code == 503 and "longer than 0.3 s" in error_of(slow)
        page = client.post("/analyze", data={"text": SLOW})
        assert page.status_code == 503 and "longer than 0.3 s" in page.text
        again = client.post("/api/extract", json={"text": SHORT})
        assert again.status_code == 200 and again.json()["statements"]
        assert app.state.extractor._process.pid != first_child  # a fresh process after the timeout
    finally:
        app.state.extractor.stop()


def test_a_stopped_worker_refuses_with_503() -> None:
    worker = ExtractionWorker("rules", timeout=30)
    article = Article(SHORT, DocumentMeta(id="t"), "test")
    assert worker.extract(article)["statements"]
    worker.stop()
    with pytest.raises(ExtractionRefused) as refused:
        worker.extract(article)
    assert refused.value.status == 503 and refused.value.key == "error.stopping"
