"""The fault matrix, server part (docs/reliability.md): 1,000 hostile requests drawn by hypothesis
against every endpoint of the app in-process, over a SQLite archive, answer without a single 5xx,
refuse with a message, and without the API token change no stored row; 300 more may write."""

from __future__ import annotations

import json
import re
import sqlite3
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
    # search syntax with odd quotes and operators
    '"unclosed', '„Merkel“', '"" ""', "OR", "a OR", "OR OR b", "-", "--x", "-\"a b\"", "(a OR b)", "NOT x",
    "x*", "^a", "a:b", "NEAR/3", "'", "‚a‘", "»a«",
    # German dates and decimals, impossible dates, extreme numbers and page sizes
    "01.03.2016", "1.3.2016", "31.02.2024", "2016-02-30", "2016-13", "0,9", "1,5", "0.999", "-0", "1e-400",
    "99999999999999999999999", str(2**63), str(-(2**63) - 1), "100000", "0x10",
    # export and list formats, facet names and orders that do not exist
    "xml", "parquet", "CSV", "JSONL", "total", "gender", "month", "relevance", "random",
]  # fmt: skip
GET_PATHS = [
    "/", "/search", "/articles/{}", "/speakers", "/speakers/lookup", "/speakers/{}/review", "/speakers/{}",
    "/analyze", "/docs", "/openapi.json", "/static/{}", "/api/statements", "/api/speakers",
    "/api/speakers/{}/review", "/api/speakers/{}", "/api/documents/{}", "/{}",
    # the research features (issue #23): facets, timelines, statistics, documents, browsing, clusters
    "/api/facets", "/api/timeline", "/api/stats", "/api/documents", "/api/statements/export",
    "/api/clusters", "/api/clusters/{}", "/articles", "/articles/", "/outlets", "/authors", "/outlets/{}",
    "/authors/{}", "/clusters", "/clusters/{}",
]  # fmt: skip
POST_PATHS = [
    "/api/extract", "/api/speakers/merge", "/api/speakers/{}/split", "/api/documents", "/speakers/{}/merge",
    "/speakers/{}/split", "/analyze",
]  # fmt: skip
PARAMS = ["q", "speaker", "type", "form", "outlet", "author", "since", "until", "min_confidence", "limit",
          "offset", "format", "page", "name", "id", "gender", "medium", "month", "document", "sort", "facet",
          "facet_limit", "unresolved", "by", "lang", "flag", "min_size"]  # fmt: skip
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


TOKEN = "fuzz-secret"
WITH_WRITES = 300  # requests drawn against an app without a token, so bodies get past the token check


def copied(archive_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the web tests' archive (the requests may store and merge), with what its write-ahead
    log holds: copying the file alone would copy an empty archive."""
    copy = tmp_path_factory.mktemp("fuzz") / "web.db"
    with sqlite3.connect(archive_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def stored_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a SQLite archive (the full-text index's too), in a fixed order."""
    with sqlite3.connect(path) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(db.execute(f'SELECT * FROM "{table}"'), key=repr) for table in tables}


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


def answer_hostile_requests(client: TestClient, count: int) -> list[int]:
    """Send ``count`` hostile requests; each answer is below 500, shows no traceback, and a refusal
    says why (a JSON error's message, or the error page's)."""
    answered: list[int] = []

    @settings(max_examples=count, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(requests())
    def hostile(request: dict[str, Any]) -> None:
        response = send(client, request)
        answered.append(response.status_code)
        assert response.status_code < 500, (request, response.status_code, response.text[:300])
        assert "Traceback" not in response.text
        if 400 <= response.status_code < 500 and response.status_code != 405:
            if response.headers.get("content-type", "").startswith("application/json"):
                assert response.json()["error"]["message"], request
            else:
                assert re.search(r'class="(error|form-error|field-error)"', response.text), request

    hostile()
    return answered


def test_hostile_requests_never_get_a_5xx_and_change_nothing_without_the_token(
    archive_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = copied(archive_path, tmp_path_factory)
    before = stored_rows(path)
    assert before["statements"] and before["speakers"]  # there is something to change
    client = TestClient(
        create_app(StoreArchive(str(path)), model="rules", api_token=TOKEN), raise_server_exceptions=False
    )
    answered = answer_hostile_requests(client, REQUESTS)
    assert len(answered) >= REQUESTS
    assert {code // 100 for code in answered} >= {2, 4}  # both answers and refusals were drawn
    assert stored_rows(path) == before


def test_hostile_requests_that_may_write_never_get_a_5xx(
    archive_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = copied(archive_path, tmp_path_factory)
    client = TestClient(create_app(StoreArchive(str(path)), model="rules"), raise_server_exceptions=False)
    answered = answer_hostile_requests(client, WITH_WRITES)
    assert {code // 100 for code in answered} >= {2, 4}
