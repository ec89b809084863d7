"""Search as a research tool, on a SQLite archive: hits link to their statement, results are ordered,
exports are complete, and German or wrong filter input gets a clear answer (issue #23)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import get_args

import pytest
from fastapi.testclient import TestClient

from zitat.store.filters import SORTS
from zitat.web.api import Sort
from zitat.web.app import create_app
from zitat.web.archive import StoreArchive
from zitat.web.extraction import ExtractionWorker

from ..store.articles import quote
from .fixtures import extracted_articles

SPEAKER = "Jürgen Öztürk"
QUOTES = 520  # more than the largest page (500): an export must not stop there


def published(n: int) -> str | None:
    """Dates from 2015 to 2024, every tenth quote undated."""
    return None if n % 10 == 0 else f"{2015 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}"


NEWEST = max(date for n in range(QUOTES) if (date := published(n)))
OLDEST = min(date for n in range(QUOTES) if (date := published(n)))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, extractor: ExtractionWorker) -> TestClient:
    store = StoreArchive(str(tmp_path_factory.mktemp("research") / "research.db"))
    store.ingest(extracted_articles(extractor))
    store.ingest([quote(f"q{n}", SPEAKER, f"Die Brücke über die Mur wird gebaut ({n})", published(n))
                  for n in range(QUOTES)])  # fmt: skip
    return TestClient(create_app(store), raise_server_exceptions=False)


def test_every_hit_links_to_its_statement_in_the_article(client: TestClient) -> None:
    items = client.get("/api/statements", params={"limit": 500}).json()["items"]
    assert items and all(re.fullmatch(r"s\d+", item["statement"]) for item in items)
    for item in items:
        assert item["link"] == f"/articles/{item['document_id']}#t-{item['statement']}"
    (gewessler,) = [i for i in items if i["speaker"] and i["speaker"]["name"] == "Leonore Gewessler"]
    article = client.get(f"/articles/{gewessler['document_id']}").text
    assert f'id="t-{gewessler["statement"]}"' in article and "Leonore Gewessler" in article
    page = client.get("/search", params={"q": "verhandelt"}).text
    assert f'href="/articles/reform#t-{gewessler["statement"]}"' in page


def test_results_are_newest_first_undated_last_with_other_orders(client: TestClient) -> None:
    def dates(**params: str) -> list[str | None]:
        items = client.get("/api/statements", params={"speaker": SPEAKER, "limit": 500, **params}).json()
        return [item["published"] for item in items["items"]]

    newest = dates()
    assert newest[0] == NEWEST and newest[-1] is None and None not in newest[:400]
    known = [d for d in newest if d]
    assert known == sorted(known, reverse=True)
    oldest = dates(sort="oldest")
    assert oldest[0] == OLDEST and oldest[:400] == sorted(oldest[:400])
    confident = client.get("/api/statements", params={"sort": "confidence"}).json()["items"]
    assert [i["confidence"] for i in confident] == sorted((i["confidence"] for i in confident), reverse=True)
    bad = client.get("/api/statements", params={"sort": "random"})
    assert bad.status_code == 422 and "sort" in bad.json()["error"]["message"]
    assert set(get_args(Sort)) == set(SORTS)  # the API offers exactly the archive's orders
    page = client.get("/search", params={"speaker": SPEAKER, "sort": "oldest"}).text
    assert re.findall(r'<time datetime="([^"]+)">', page)[:2] == [OLDEST, OLDEST]
    assert "sort=oldest" in page  # the pager and the downloads keep the order


def test_a_speakers_page_lists_the_newest_statements_first(client: TestClient) -> None:
    speaker_id = client.get("/api/speakers", params={"q": SPEAKER}).json()["items"][0]["id"]
    page = client.get(f"/speakers/{speaker_id}")
    shown = re.findall(r'<time datetime="([^"]+)">', page.text)
    assert len(shown) == 20 and shown == sorted(shown, reverse=True) and shown[0] == NEWEST


def test_the_csv_export_holds_every_match_with_all_columns_for_excel(client: TestClient) -> None:
    search = client.get("/search", params={"speaker": SPEAKER}).text
    link = re.search(r'href="(/api/statements/export\?[^"]+format=csv)"', search)
    assert link, "the search page links its full export"
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())  # the BOM: Excel reads the umlauts
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == QUOTES
    first = rows[0]
    assert first["speaker"] == SPEAKER and first["speaker_gender"] and first["speaker_id"].isdigit()
    assert first["confidence"] == "0.9" and first["published"] == NEWEST
    assert first["link"] == f"http://testserver/articles/{first['document_id']}#t-s1"
    assert {"addressee", "frame", "speaker_type", "statement"} <= set(first)
    lines = client.get("/api/statements/export", params={"speaker": SPEAKER, "format": "jsonl"})
    hits = [json.loads(line) for line in lines.text.splitlines()]
    assert len(hits) == QUOTES and hits[0]["speaker"]["name"] == SPEAKER
    everything = client.get("/api/statements/export").content.decode("utf-8-sig")
    total = client.get("/api/statements").json()["total"]
    assert len(list(csv.DictReader(io.StringIO(everything)))) == total > QUOTES


def test_german_dates_and_decimal_commas_are_understood(client: TestClient) -> None:
    def total(**params: str) -> int:
        return int(client.get("/api/statements", params=params).json()["total"])

    assert total(since="01.03.2016") == total(since="2016-03-01") < total()
    assert total(until="31.12.2016") == total(until="2016-12-31") > 0
    assert total(min_confidence="0,9") == total(min_confidence="0.9") > 0
    page = client.get("/search", params={"since": "01.03.2016", "min_confidence": "0,9"})
    assert page.status_code == 200 and 'value="01.03.2016"' in page.text  # shown as typed
    assert f"{total(since='2016-03-01', min_confidence='0.9')} statement(s)" in page.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("since", "2016-13"),
        ("until", "2016-02-30"),
        ("since", "gestern"),
        ("min_confidence", "1,5"),
    ],
)
def test_wrong_filters_are_explained_in_the_form_that_keeps_the_input(
    client: TestClient, field: str, value: str
) -> None:
    api = client.get("/api/statements", params={field: value})
    assert api.status_code == 422 and api.json()["error"]["message"].startswith(f"{field}: '{value}' is not")
    page = client.get("/search", params={"q": "Brücke", "speaker": SPEAKER, field: value})
    assert page.status_code == 422 and 'class="filters"' in page.text  # the form, not an error page
    assert re.search(f'name="{field}" value="{re.escape(value)}"[^>]* aria-invalid="true"', page.text)
    assert 'value="Brücke"' in page.text and f'value="{SPEAKER}"' in page.text
    assert f'id="error-{field}">&#39;{value}&#39; is not' in page.text
    assert "statement(s)" not in page.text and "\\d" not in page.text and "^(" not in page.text


def test_a_page_beyond_the_last_leads_to_the_last(client: TestClient) -> None:
    beyond = client.get("/search", params={"speaker": SPEAKER, "page": 999}, follow_redirects=False)
    assert beyond.status_code == 303 and beyond.headers["location"].endswith("page=26")
    assert beyond.headers["location"].startswith("/search?speaker=")
    last = client.get(beyond.headers["location"]).text
    assert "Page 26 of 26" in last and "No statements match" not in last
    nothing = client.get("/search", params={"q": "Zauberwort", "page": 999})
    assert nothing.status_code == 200 and "0 statement(s)" in nothing.text
    speaker_id = client.get("/api/speakers", params={"q": SPEAKER}).json()["items"][0]["id"]
    assert client.get(f"/speakers/{speaker_id}?page=999", follow_redirects=False).status_code == 303


def test_speakers_can_be_listed_by_type(client: TestClient) -> None:
    everyone = client.get("/api/speakers", params={"limit": 500}).json()
    types = {item["type"] for item in everyone["items"]}
    assert "person" in types and len(types) > 1, types
    totals = 0
    for kind in types:
        listed = client.get("/api/speakers", params={"type": kind, "limit": 500}).json()
        assert listed["items"] and {item["type"] for item in listed["items"]} == {kind}
        totals += len(listed["items"])
    assert totals == len(everyone["items"])
    assert client.get("/api/speakers", params={"type": "alien"}).status_code == 422
    page = client.get("/speakers", params={"type": "person"}).text
    assert '<option value="person" selected>person</option>' in page and SPEAKER in page
