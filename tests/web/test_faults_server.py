"""The fault matrix, server part (docs/reliability.md): 1,000 hostile requests drawn by hypothesis
against the app in-process, over a SQLite archive, answer without a single 5xx."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

pytest.importorskip("hypothesis", reason="hypothesis is not installed (pip install 'zitat[dev]')")
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zitat.web.app import create_app
from zitat.web.archive import StoreArchive

REQUESTS = 1000
HOSTILE = [
    "", " ", "\x00", "%00", "%", "../../etc/passwd", "'; DROP TABLE documents; --", '" OR 1=1 --', "*", "\"",
    "NEAR(", "a AND OR NOT", "-1", "0", "1e309", "NaN", "inf", "9" * 400, "<script>alert(1)</script>",
    "\u2028\u2029", "\ufeff", "ä" * 600, "2024-13-45", "03.02.2024", "javascript:alert(1)", "{{7*7}}",
]  # fmt: skip
GET_PATHS = [
    "/", "/search", "/articles/{}", "/speakers", "/speakers/lookup", "/speakers/{}/review", "/speakers/{}",
    "/analyze", "/docs", "/openapi.json", "/static/{}", "/api/statements", "/api/speakers",
    "/api/speakers/{}/review", "/api/speakers/{}", "/api/documents/{}", "/{}",
]  # fmt: skip
POST_PATHS = [
    "/api/extract", "/api/speakers/merge", "/api/speakers/{}/split", "/api/documents", "/speakers/{}/merge",
    "/speakers/{}/split", "/analyze",
]  # fmt: skip
PARAMS = ["q", "speaker", "type", "form", "outlet", "author", "since", "until", "min_confidence", "limit",
          "offset", "format", "page", "name", "id"]  # fmt: skip
FIELDS = ["text", "html", "id", "title", "url", "published", "outlet", "author", "documents", "a", "b",
          "variant", "note"]  # fmt: skip

texts = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(codec="utf-8"), max_size=60))
scalars = st.one_of(texts, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4), max_leaves=12)  # fmt: skip
documents = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6)
bodies = st.one_of(
    st.none(),
    documents.map(lambda d: ("json", d)),
    st.lists(documents, max_size=3).map(lambda ds: ("json", {"documents": ds})),
    json_values.map(lambda v: ("json", v)),
    st.binary(max_size=200).map(lambda b: ("raw", b)),
    st.dictionaries(st.sampled_from(FIELDS), texts, max_size=4).map(lambda d: ("form", d)),
)


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    post = draw(st.booleans())
    template = draw(st.sampled_from(POST_PATHS if post else GET_PATHS))
    path = template.format(quote(draw(texts), safe="") or "x")  # any text, percent-encoded
    params = draw(st.dictionaries(st.sampled_from(PARAMS) | texts, texts, max_size=5))
    headers = {"accept": draw(st.sampled_from(["application/json", "text/html", "*/*", "x/y"]))}
    if draw(st.booleans()):
        headers["content-type"] = draw(st.sampled_from(["application/json", "text/plain", "multipart/form-data", "a/b; charset=nope"]))  # fmt: skip
    return {"method": "POST" if post else "GET", "url": path, "params": params, "headers": headers,
            "body": draw(bodies) if post else None}  # fmt: skip


@pytest.fixture(scope="module")
def client(archive_path: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """The app over a copy of the web tests' archive (the requests may store and merge)."""
    copy = tmp_path_factory.mktemp("fuzz") / "web.db"
    shutil.copy(archive_path, copy)
    return TestClient(create_app(StoreArchive(str(copy)), model="rules"), raise_server_exceptions=False)


def send(client: TestClient, request: dict[str, Any]) -> Any:
    kind, payload = request["body"] or (None, None)
    extra: dict[str, Any] = {}
    headers = dict(request["headers"])
    if kind == "json":  # NaN and Infinity too, which strict JSON has not
        extra["content"] = json.dumps(payload).encode()
        headers["content-type"] = "application/json"
    elif kind == "raw":
        extra["content"] = payload
    elif kind == "form":
        extra["data"] = payload
        headers.pop("content-type", None)  # httpx sets the form's
    return client.request(
        request["method"], request["url"], params=request["params"], headers=headers, **extra
    )


def test_hostile_requests_never_get_a_5xx(client: TestClient) -> None:
    answered: list[int] = []

    @settings(max_examples=REQUESTS, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(requests())
    def hostile(request: dict[str, Any]) -> None:
        response = send(client, request)
        answered.append(response.status_code)
        assert response.status_code < 500, (request, response.status_code, response.text[:300])
        assert "Traceback" not in response.text

    hostile()
    assert len(answered) >= REQUESTS
    assert {code // 100 for code in answered} >= {2, 4}  # both answers and refusals were drawn
