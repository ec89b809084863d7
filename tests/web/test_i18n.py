"""The web app in German and English: the catalogue is complete in both, the language follows
?lang=, the cookie it sets and Accept-Language, and pages, legends and API errors use it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

from zitat.document import FORMS, GENDERS, MEDIA, SPEAKER_TYPES
from zitat.store.filters import NARROWING
from zitat.tracking.views import FLAGS
from zitat.web.app import create_app
from zitat.web.browse import SOURCES
from zitat.web.facets import FACETS
from zitat.web.i18n import MESSAGES, accepted_language, format_date, format_number, translate

from .fixtures import MemoryArchive

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "zitat" / "web" / "templates"
# keys the templates build from a value: t("form." ~ form) and the like
BUILT_KEYS = [
    *(f"form.{f}" for f in FORMS), *(f"medium.{m}" for m in MEDIA), *(f"type.{t}" for t in SPEAKER_TYPES),
    *(f"gender.{g}" for g in GENDERS), *(f"review.link.{k}" for k in ("own", "merge", "surname")),
    *(f"search.sort.{s}" for s in ("relevance", "newest", "oldest", "confidence")),
    *(f"facet.{name}" for name in FACETS), *(f"filter.{name}" for name in ("q", *NARROWING)),
    *(f"{page}.{kind}" for page in ("sources", "source") for kind in SOURCES),
    *(f"sources.total.{kind}" for kind in SOURCES),
    *(f"review.done.{d}" for d in ("merge", "split", "nothing")), *(f"flag.{f}" for f in FLAGS),
]  # fmt: skip


@pytest.fixture(scope="module")
def app(memory_archive: MemoryArchive) -> FastAPI:
    return create_app(memory_archive, model="rules")


@pytest.fixture()
def client(app: FastAPI) -> TestClient:
    """A client of its own for each test: the language cookie of one test must not reach the next."""
    return TestClient(app, raise_server_exceptions=False)


def test_both_catalogues_have_the_same_keys_and_placeholders() -> None:
    assert set(MESSAGES["en"]) == set(MESSAGES["de"])
    for key, english in MESSAGES["en"].items():
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", MESSAGES["de"][key])), key


def test_every_key_the_templates_ask_for_is_in_the_catalogue() -> None:
    used = set(BUILT_KEYS)
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_.]+[a-z_])["']""", template.read_text()))
    counted = {key.rsplit(".", 1)[0] for key in MESSAGES["en"] if key.endswith((".one", ".other"))}
    assert used - set(MESSAGES["en"]) - counted == set()


@pytest.mark.parametrize(
    ("header", "language"),
    [("de-AT,de;q=0.9,en;q=0.8", "de"), ("en-US,en;q=0.9,de;q=0.8", "en"), ("fr-FR,de;q=0.5", "de"),
     ("fr, es", None), ("", None), ("de;q=0, en;q=0.1", "en"), ("de;q=abc,en", "en")],
)  # fmt: skip
def test_accept_language_picks_the_best_of_ours(header: str, language: str | None) -> None:
    assert accepted_language(header) == language


def test_messages_fill_in_numbers_the_languages_way() -> None:
    assert format_number("de", 1234567) == "1.234.567" and format_number("en", 1234567) == "1,234,567"
    assert translate("de", "speaker.articles", n=1) == "1 Artikel"
    assert translate("en", "speaker.articles", n=2) == "2 articles"
    assert translate("xx", "nav.search") == "Search"  # an unknown language falls back to English


def test_pages_follow_accept_language_and_the_switch_is_remembered(client: TestClient) -> None:
    german = client.get("/search", headers={"accept-language": "de-DE,de;q=0.9"})
    assert '<html lang="de">' in german.text and "Aussagen suchen" in german.text
    assert "Wörter in der Aussage" in german.text and 'href="/search?lang=en"' in german.text
    english = client.get("/search", headers={"accept-language": "en-GB"})
    assert '<html lang="en">' in english.text and "Search statements" in english.text
    switched = client.get("/search?q=Ukraine&lang=de", headers={"accept-language": "en-GB"})
    assert "Aussagen suchen" in switched.text and 'href="/search?q=Ukraine&amp;lang=en"' in switched.text
    assert switched.cookies.get("lang") == "de" and switched.headers["vary"] == "Accept-Language, Cookie"
    assert "Max-Age" in switched.headers["set-cookie"] and "SameSite=Lax" in switched.headers["set-cookie"]
    later = client.get("/speakers", headers={"accept-language": "en-GB"})  # the cookie, no ?lang=
    assert "<h1>Sprecher</h1>" in later.text
    client.cookies.clear()
    ignored = client.get("/speakers?lang=xx", headers={"accept-language": "en"})
    assert "<h1>Speakers</h1>" in ignored.text and "set-cookie" not in ignored.headers


def test_the_article_and_its_hover_details_in_german(client: TestClient) -> None:
    page = client.get("/articles/nato-gipfel?lang=de").text
    assert "von Anna Schmidt, Peter Müller" in page and ">Quelle</a>" in page
    assert "Form: Direct · Medium: Speech" in page  # the SpkAtt labels stay, explained in the legend
    assert "direkte Rede: wörtlich, in Anführungszeichen" in page


def test_errors_in_german_on_pages_and_from_the_api(client: TestClient) -> None:
    missing = client.get("/articles/nirgends?lang=de", headers={"accept": "text/html"})
    assert (
        missing.status_code == 404 and "Fehler 404" in missing.text and "Zurück zur Übersicht" in missing.text
    )


@pytest.mark.parametrize("path", ["/", "/search?q=Ukraine", "/articles/nato-gipfel", "/speakers/er"])
def test_every_form_and_medium_label_is_explained_where_labels_are_shown(
    client: TestClient, path: str
) -> None:
    for language in ("en", "de"):
        page = client.get(path, params={"lang": language}).text
        assert 'class="labels"' in page
        for key in (*(f"form.{f}" for f in FORMS), *(f"medium.{m}" for m in MEDIA)):
            assert str(translate(language, key)).replace("'", "&#39;") in page, (path, language, key)


def test_a_tag_explains_its_label_on_hover(client: TestClient) -> None:
    page = client.get("/search?q=Ukraine").text
    assert f'<abbr class="tag" title="{translate("en", "form.Direct")}">Direct</abbr>' in page


def test_the_overview_shows_top_speakers_once_and_gender_by_people_and_by_statements(
    client: TestClient,
) -> None:
    page = client.get("/").text
    assert page.count(">Die Ministerin<") == 1  # in the chart, linked; no second list
    assert '<a href="/speakers/die-ministerin"><text class="label"' in page
    assert "Statements of person speakers, by gender" in page and "Person speakers, by gender" in page
    assert "each person speaker counts once" in page
    german = client.get("/?lang=de").text
    assert "Aussagen von Personen, nach Geschlecht" in german and ">weiblich<" in german


def test_every_page_has_the_favicon(client: TestClient) -> None:
    for path in ("/", "/search", "/speakers", "/analyze", "/docs"):
        assert '<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,' in client.get(path).text


def test_a_wrong_date_is_explained_under_its_field_in_german(client: TestClient) -> None:
    page = client.get("/search", params={"since": "31.02.2024", "min_confidence": "hoch", "lang": "de"})
    assert page.status_code == 422
    assert "&#39;31.02.2024&#39; ist kein Datum: bitte JJJJ" in page.text
    assert "&#39;hoch&#39; ist keine Zahl von 0 bis 1" in page.text
    client.cookies.clear()
    api = client.get("/api/statements", params={"since": "2016-13"})
    assert api.status_code == 422 and "'2016-13' is not a date" in api.json()["error"]["message"]


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [("de", "2026-12-07", "7. Dezember 2026"), ("en", "2026-12-07", "7 Dec 2026"), ("de", "2024-03", "März 2024"),
     ("en", "2024-03", "Mar 2024"), ("de", "2024", "2024"), ("en", "gestern", "gestern"), ("de", "2024-13", "2024-13"),
     ("xx", "2024-05-01", "1 May 2024")],
)  # fmt: skip
def test_dates_are_written_the_languages_way(language: str, value: str, shown: str) -> None:
    assert format_date(language, value) == shown


def page_request(language: str) -> Request:
    headers = [(b"accept-language", language.encode())]
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": b"", "headers": headers})


@pytest.mark.parametrize(
    ("language", "shown"),
    [("de", "1.234 · 7. Dezember 2026 · 12,5 % · –"), ("en", "1,234 · 7 Dec 2026 · 12.5 % · –")],
)
def test_templates_write_counts_dates_and_shares_in_the_pages_language(
    app: FastAPI, language: str, shown: str
) -> None:
    template = app.state.templates.env.from_string(
        "{{ 1234 | number }} · {{ '2026-12-07' | date }} · {{ 0.125 | percent }} · {{ none | date }}"
    )
    assert template.render(request=page_request(language)) == shown


def test_pages_show_dates_and_months_in_the_readers_language(client: TestClient) -> None:
    german = client.get("/search", params={"q": "Ukraine", "lang": "de"}).text
    assert '<time datetime="2024-03-06">6. März 2024</time>' in german
    client.cookies.clear()
    english = client.get("/articles/nato-gipfel", params={"lang": "en"}).text
    assert '<time datetime="2024-03-06">6 Mar 2024</time>' in english
