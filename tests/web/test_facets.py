"""The web app as a research tool on SQLite and PostgreSQL (issue #23): facets that narrow a search,
timelines, the overview with filters, search syntax and marked matches, browsing articles, outlets and
authors, exports on every page and the switch for speakers known only by a mention."""

from __future__ import annotations

import csv
import html
import io
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import get_args
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from zitat.store.facets import FACETS
from zitat.web.api import FacetName
from zitat.web.app import create_app
from zitat.web.archive import StoreArchive
from zitat.web.extraction import ExtractionWorker

from ..store.articles import RESEARCH_RECORDS
from ..store.conftest import postgres_server  # noqa: F401 (a fixture)
from .fixtures import XSS_AUTHOR, extracted_articles


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The four research documents in a fresh archive, served by the app."""
    if request.param == "sqlite":
        location, drop = str(tmp_path_factory.mktemp("facets") / "facets.db"), None
    else:
        import psycopg

        server = request.getfixturevalue("postgres_server")
        name = f"zitat_web_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        location, drop = f"{server.rpartition('/')[0]}/{name}", name
    store = StoreArchive(location)
    store.ingest(RESEARCH_RECORDS)
    yield TestClient(create_app(store, model="rules"), raise_server_exceptions=False)
    store.archive.close()
    if drop:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {drop} WITH (FORCE)")


def links(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', page)]


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_api_facets_count_and_each_value_leads_to_its_statements(client: TestClient) -> None:
    found = client.get("/api/facets", params=[("facet", "outlet"), ("facet", "gender")]).json()["facets"]
    assert {row["label"]: row["count"] for row in found["outlet"]} == {"Tagesblatt": 3, "Morgenpost": 1}
    assert {row["label"]: row["count"] for row in found["gender"]} == {"male": 2, "female": 1}
    for rows in found.values():
        for row in rows:
            narrowed = {name: values[0] for name, values in params(row["search"]).items()}
            assert client.get("/api/statements", params=narrowed).json()["total"] == row["count"]
    every = client.get("/api/facets", params={"q": "energie"}).json()["facets"]
    assert set(every) == set(FACETS) and every["outlet"] == [
        {
            "value": "Tagesblatt",
            "label": "Tagesblatt",
            "count": 2,
            "search": "/search?q=energie&outlet=Tagesblatt",
        }
    ]
    hits = client.get("/api/statements", params=[("q", "energie"), ("facet", "author")]).json()
    assert hits["total"] == 2 and [row["label"] for row in hits["facets"]["author"]] == [
        "Anna Schmidt",
        "Peter Müller",
    ]
    assert "facets" not in client.get("/api/statements").json()
    assert client.get("/api/facets", params={"facet": "colour"}).status_code == 422
    assert client.get("/api/facets", params={"facet_limit": 0}).status_code == 422
    assert set(get_args(FacetName)) == set(FACETS)  # the API offers exactly the archive's facets


def test_new_filters_and_their_errors(client: TestClient) -> None:
    def documents(**given: str) -> set[str]:
        return {item["document_id"] for item in client.get("/api/statements", params=given).json()["items"]}

    assert documents(gender="female") == {"d1"}
    assert documents(month="2024-03") == {"d2", "d3"}
    assert documents(medium="Speech", outlet="Morgenpost") == {"d2"}
    assert documents(document="d3") == {"d3"}
    for name, wrong, says in (("month", "2024-13", "not a month"), ("gender", "divers", "not a gender"),
                              ("medium", "Radio", "not a medium")):  # fmt: skip
        answer = client.get("/api/statements", params={name: wrong})
        assert answer.status_code == 422 and says in answer.json()["error"]["message"]
        page = client.get("/search", params={name: wrong})
        assert page.status_code == 422 and says in page.text


def test_search_page_facets_narrow_and_chips_remove(client: TestClient) -> None:
    page = client.get("/search").text
    assert 'aria-label="Facets"' in page and "Gender (person speakers)" in page
    scholz = next(href for href in links(page) if "speaker=" in href)
    narrowed = client.get(scholz).text
    assert "2 statement(s)" in narrowed
    # the chip names the speaker, not its id, and its × leads back to the search without it
    chip = re.search(r'<ul class="chips".*?</ul>', narrowed, re.S)
    assert chip is not None and "Speaker: Olaf Scholz" in chip.group()
    (remove,) = links(chip.group())
    assert "speaker" not in params(remove) and "4 statement(s)" in client.get(remove).text
    # the active value in the sidebar says so, and clicking it again removes the filter too
    assert 'aria-current="true"' in narrowed


def test_facet_months_and_hit_dates_are_written_in_the_readers_language(client: TestClient) -> None:
    german = client.get("/search", params={"lang": "de"}).text
    month = re.search(r'<a href="[^"]*month=2024-03[^"]*">([^<]+)</a> <span class="count">2</span>', german)
    assert month is not None and month.group(1) == "März 2024"
    assert '<time datetime="2024-03-20">20. März 2024</time>' in german
    english = client.get("/search", params={"lang": "en"}).text
    assert '<time datetime="2024-03-20">20 Mar 2024</time>' in english and ">Mar 2024</a>" in english


def test_timelines_have_empty_months_axes_and_links(client: TestClient) -> None:
    months = client.get("/api/timeline").json()["months"]
    assert months == [{"month": "2024-01", "count": 1}, {"month": "2024-02", "count": 0},
                      {"month": "2024-03", "count": 2}]  # fmt: skip
    shares = client.get("/api/timeline", params={"by": "gender", "outlet": "Tagesblatt"}).json()["months"]
    assert [(m["female"], m["male"]) for m in shares] == [(1, 0), (0, 0), (0, 1)]
    page = client.get("/search", params={"q": "energie"}).text
    svg = re.search(r'<details class="timeline".*?</svg>', page, re.S)
    assert svg is not None
    assert "/search?q=energie&month=2024-03" in links(svg.group())  # a column leads to its month
    labels = re.findall(r'<text class="label"[^>]*>([^<]+)</text>', svg.group())
    assert "Jan 2024" in labels and "0" in labels and "1" in labels  # x axis months, y axis ticks
    german = client.get("/search", params={"q": "energie", "lang": "de"}).text
    assert ">Mär 2024</text>" in german and "März 2024: 1" in german  # the axis, a column's tooltip
    client.get("/", params={"lang": "en"})  # the language the other tests expect
    speaker = client.get("/api/speakers", params={"q": "Scholz"}).json()["items"][0]["id"]
    speaker_page = client.get(f"/speakers/{speaker}").text
    assert f"/search?speaker={speaker}&month=2024-03" in links(speaker_page)


def test_overview_respects_filters_and_its_charts_link_to_the_search(client: TestClient) -> None:
    everything = client.get("/").text
    assert re.search(r"<dt>Statements</dt><dd><a [^>]+>4</a>", everything)
    morgenpost = client.get("/", params={"outlet": "Morgenpost"}).text
    assert re.search(r"<dt>Statements</dt><dd><a [^>]+>1</a>", morgenpost)
    assert "Outlet: Morgenpost" in morgenpost and "Gender shares over time in Morgenpost" in morgenpost
    targets = links(morgenpost)
    assert "/search?outlet=Morgenpost&gender=male" in targets  # the gender bar
    assert "/search?outlet=Morgenpost&form=Direct" in targets
    assert "/search?outlet=Morgenpost&month=2024-03&type=person" in targets  # a gender share column
    stats = client.get("/api/stats", params={"outlet": "Tagesblatt"}).json()
    assert (stats["statements"], stats["documents"], stats["speakers"]) == (3, 3, 2)
    assert stats["anonymous_share"] == round(1 / 3, 4) and stats["gender_shares"] == {
        "female": 0.5,
        "male": 0.5,
    }
    assert client.get("/", params={"since": "gestern"}).status_code == 422


def test_search_syntax_relevance_and_marked_matches(client: TestClient) -> None:
    def documents(query: str, **given: str) -> list[str]:
        items = client.get("/api/statements", params={"q": query, **given}).json()["items"]
        return [item["document_id"] for item in items]

    assert documents('"grüne Energie"') == ["d1"]
    assert documents("teuer OR wind") == ["d3", "d1"]  # best match first by default
    assert documents("teuer OR wind", sort="newest") == ["d3", "d1"]
    assert documents("teuer OR wind", sort="oldest") == ["d1", "d3"]
    assert sorted(documents("energie -teuer")) == ["d1"]
    page = client.get("/search", params={"q": '"grüne Energie" OR teuer'}).text
    assert "<mark>grüne</mark> <mark>Energie</mark>" in page and page.count("<mark>teuer</mark>") == 3
    assert "<mark>Energiewende</mark>" not in page  # a phrase's words are whole words
    assert "Search syntax" in page and 'value="relevance" selected' in page


def test_articles_outlets_and_authors_can_be_browsed(client: TestClient) -> None:
    listed = client.get("/api/documents", params={"outlet": "Tagesblatt"}).json()
    assert listed["total"] == 3 and [d["id"] for d in listed["items"]] == ["d3", "d1", "d4"]
    assert client.get("/api/documents", params={"speaker": "Merkel"}).json()["total"] == 1
    page = client.get("/articles/", params={"q": "klimagipfel"}).text
    assert "1 article, newest first." in page and "/articles/d4" in links(page)
    assert "4 articles, newest first." in client.get("/articles").text
    assert client.get("/articles/", params={"page": 9}, follow_redirects=False).status_code == 303
    outlets = client.get("/outlets").text
    assert "/outlets/Tagesblatt" in links(outlets) and "/outlets/Morgenpost" in links(outlets)
    outlet = client.get("/outlets/Tagesblatt").text
    assert re.search(r"<dt>Statements</dt><dd><a [^>]+>3</a>", outlet)
    assert "Olaf Scholz" in outlet and "/authors/Anna%20Schmidt" in links(outlet)
    author = client.get("/authors/Peter Müller").text
    assert re.search(r"<dt>Statements</dt><dd><a [^>]+>2</a>", author) and "/outlets/Morgenpost" in links(
        author
    )
    assert client.get("/outlets/Abendblatt").status_code == 404
    # the filter fields suggest the outlets, authors and speakers there are
    search = client.get("/search").text
    assert '<datalist id="outlet-names"><option value="Tagesblatt">' in search
    assert 'list="author-names"' in search and '<option value="Anna Schmidt">' in search


def rows(answer: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(answer.removeprefix("\ufeff"))))


def test_speaker_article_and_analyze_pages_export_their_statements(client: TestClient) -> None:
    speaker = client.get("/api/speakers", params={"q": "Scholz"}).json()["items"][0]["id"]
    page = client.get(f"/speakers/{speaker}").text
    export = next(href for href in links(page) if href.startswith("/api/statements/export") and "csv" in href)
    assert {row["document_id"] for row in rows(client.get(export).text)} == {"d2", "d3"}
    article = client.get("/articles/d1").text
    jsonl = next(href for href in links(article) if "export" in href and "jsonl" in href)
    lines = client.get(jsonl).text.splitlines()
    assert len(lines) == 1 and '"document_id": "d1"' in lines[0]
    text = "„Wir schaffen das“, sagte Angela Merkel am Montag in Berlin."
    analyzed = client.post("/analyze", data={"text": text}).text
    assert 'action="/analyze/export"' in analyzed
    answer = client.post("/analyze/export", data={"text": text, "format": "csv"})
    assert answer.status_code == 200 and answer.text.startswith("\ufeff")
    (row,) = rows(answer.text)
    assert "Wir schaffen das" in row["message"] and row["link"] == ""
    assert client.post("/analyze/export", data={"text": "", "format": "csv"}).status_code == 422


def test_mention_only_speakers_are_left_out_unless_asked_for(client: TestClient) -> None:
    named = client.get("/api/speakers").json()
    assert named["total"] == 2 and {s["name"] for s in named["items"]} == {"Olaf Scholz", "Angela Merkel"}
    every = client.get("/api/speakers", params={"unresolved": "true"}).json()
    assert every["total"] == 3 and "Ein Sprecher" in {s["name"] for s in every["items"]}
    page = client.get("/speakers").text
    assert "Ein Sprecher" not in page and 'role="switch"' in page
    switch = next(href for href in links(page) if "unresolved=1" in href)
    assert "Ein Sprecher" in client.get(switch).text
    facets = client.get("/api/facets", params={"facet": "speaker", "unresolved": "true"}).json()["facets"]
    assert {row["label"] for row in facets["speaker"]} == {"Olaf Scholz", "Angela Merkel", "Ein Sprecher"}
    assert "Ein Sprecher" not in client.get("/").text
    assert "Ein Sprecher" in client.get("/", params={"unresolved": "1"}).text


def test_an_archive_without_research_features_says_so(tmp_path: Path) -> None:
    from .fixtures import MemoryArchive

    client = TestClient(create_app(MemoryArchive()), raise_server_exceptions=False)
    for path in ("/api/facets", "/api/timeline", "/api/documents", "/articles/", "/outlets"):
        assert client.get(path).status_code == 404, path
    assert client.get("/search").status_code == 200  # without facets


def test_names_from_the_news_stay_text_in_facets_chips_charts_and_suggestions(
    tmp_path: Path, extractor: ExtractionWorker
) -> None:
    store = StoreArchive(str(tmp_path / "xss.db"))
    store.ingest(extracted_articles(extractor))  # an outlet „<b>Outlet</b>“, a script in the author
    client = TestClient(create_app(store, model="rules"), raise_server_exceptions=False)
    outlet = "<b>Outlet</b>"
    for path, given in (("/search", {"outlet": outlet}), ("/", {"outlet": outlet}), ("/outlets", {}),
                        (f"/outlets/{outlet}", {}), ("/articles/", {}), (f"/authors/{XSS_AUTHOR}", {})):  # fmt: skip
        page = client.get(path, params=given)
        assert page.status_code == 200, path
        assert outlet not in page.text and "<script>window.__pwned" not in page.text, path
        assert "&lt;b&gt;Outlet&lt;/b&gt;" in page.text, path
