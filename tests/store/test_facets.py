"""Facets, timelines, the research filters, the search syntax and document lists, on SQLite and
PostgreSQL alike (issue #23)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from zitat.store import Archive, open_archive
from zitat.store.facets import months_between, person_speaker_genders
from zitat.store.filters import Filters, month_filter
from zitat.store.search_syntax import Term, parse_query

from .articles import RESEARCH_RECORDS as RECORDS


@pytest.fixture
def archive(location: str) -> Iterator[Archive]:
    with open_archive(location) as opened:
        for record in RECORDS:
            opened.store(record, source="test")
        yield opened


def documents(archive: Archive, query: str | None = None, **filters: Any) -> set[str]:
    return {row["document_id"] for row in archive.search(query, limit=None, **filters)}


def counts(archive: Archive, name: str, **options: Any) -> dict[str, int]:
    return {row["label"]: row["count"] for row in archive.facets([name], **options)[name]}


def test_facets_count_the_filtered_statements_by_each_dimension(archive: Archive) -> None:
    assert counts(archive, "outlet") == {"Tagesblatt": 3, "Morgenpost": 1}
    assert counts(archive, "gender") == {"male": 2, "female": 1}  # person speakers only
    assert counts(archive, "type") == {"person": 3}  # the mention-only speaker is left out …
    assert counts(archive, "type", unresolved=True) == {"person": 3, "anonymous": 1}  # … unless asked
    assert counts(archive, "speaker") == {"Olaf Scholz": 2, "Angela Merkel": 1}
    assert counts(archive, "author") == {"Peter Müller": 2, "Anna Schmidt": 1}
    assert counts(archive, "form") == {"Direct": 4} and counts(archive, "medium") == {"Speech": 4}
    months = archive.facets(["month"])["month"]
    assert [(row["value"], row["count"]) for row in months] == [("2024-03", 2), ("2024-01", 1)]
    # with filters, on statements (the query, a speaker filter) or on documents alone (the outlet)
    assert counts(archive, "outlet", query="energie") == {"Tagesblatt": 2}
    assert counts(archive, "month", outlet="tagesblatt") == {"2024-03": 1, "2024-01": 1}
    assert counts(archive, "author", outlet="Morgenpost") == {"Peter Müller": 1}
    assert counts(archive, "gender", form="Direct", outlet="Tagesblatt") == {"male": 1, "female": 1}
    assert archive.facets(["outlet"], limit=1)["outlet"][0]["value"] == "Tagesblatt"
    # a speaker's value is the id its filter takes
    (scholz,) = [row for row in archive.facets(["speaker"])["speaker"] if row["label"] == "Olaf Scholz"]
    assert documents(archive, speaker=scholz["value"]) == {"d2", "d3"}
    with pytest.raises(ValueError, match="unknown facet"):
        archive.facets(["colour"])


def test_every_facet_value_is_a_filter_that_finds_its_count(archive: Archive) -> None:
    for name, rows in archive.facets(["speaker", "type", "gender", "outlet", "author", "form", "medium",
                                      "month"]).items():  # fmt: skip
        for row in rows:
            assert archive.count(**{name: row["value"]}) == row["count"], (name, row)


def test_gender_medium_month_and_document_filters(archive: Archive) -> None:
    assert documents(archive, gender="female") == {"d1"}
    assert documents(archive, gender="unknown") == set()  # the anonymous source is no person
    assert documents(archive, month="2024-03") == {"d2", "d3"}
    assert documents(archive, medium="Writing") == set()
    assert documents(archive, document="d3") == {"d3"}
    assert month_filter("2024-03") == "2024-03"
    for wrong in ("2024", "2024-03-01", "2024-13", "März"):
        with pytest.raises(ValueError, match="not a month"):
            month_filter(wrong)


def test_timelines_show_empty_months_and_gender_shares(archive: Archive) -> None:
    assert archive.timeline() == [
        {"month": "2024-01", "count": 1},
        {"month": "2024-02", "count": 0},
        {"month": "2024-03", "count": 2},
    ]
    by_gender = archive.timeline(by_gender=True, outlet="Tagesblatt")
    assert by_gender == [
        {"month": "2024-01", "count": 1, "female": 1, "male": 0, "unknown": 0},
        {"month": "2024-02", "count": 0, "female": 0, "male": 0, "unknown": 0},
        {"month": "2024-03", "count": 1, "female": 0, "male": 1, "unknown": 0},
    ]
    assert archive.timeline(query="nichtsdergleichen") == []
    assert months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


def test_search_syntax_phrases_or_and_exclusion(archive: Archive) -> None:
    assert documents(archive, "energie") == {"d1", "d3"}
    assert documents(archive, '"grüne Energie"') == {"d1"}  # the words in this order
    assert documents(archive, '"Energie grüne"') == set()
    assert documents(archive, "klimaschutz OR wind") == {"d1", "d2"}
    assert documents(archive, "energie -teuer") == {"d1"}
    assert documents(archive, "-klima") == {"d1", "d3"}  # Klimaschutz, Klimagipfel: words starting so
    assert documents(archive, 'energie -"teuer teuer"') == {"d1"}
    assert documents(archive, "energie OR klimagipfel -wind") == {"d3", "d4"}


def test_relevance_puts_the_best_match_first(archive: Archive) -> None:
    ranked = archive.search("teuer OR wind", sort="relevance", limit=None)
    assert [row["document_id"] for row in ranked] == ["d3", "d1"]  # bm25 in SQLite, ts_rank in PostgreSQL
    # without a query, relevance is the newest first
    assert archive.search(sort="relevance", limit=1)[0]["document_id"] == "d3"


def test_parse_query_reads_phrases_or_and_exclusions() -> None:
    query = parse_query('Klima OR "Grüne Energie" -Gipfel -"kalter Krieg" Wind OR')
    assert query.groups == ((Term(("klima",)), Term(("gruene", "energie"))), (Term(("wind",)),))
    assert query.excluded == (Term(("gipfel",)), Term(("kalter", "krieg")))
    assert not parse_query(' OR - "" ') and parse_query('"halb offen').groups == ((Term(("halb", "offen")),),)
    assert Filters(query="OR klima").search_query.groups == ((Term(("klima",)),),)


def test_documents_are_listed_with_filters_newest_first(archive: Archive) -> None:
    assert [row["id"] for row in archive.documents(limit=None)] == ["d3", "d2", "d1", "d4"]
    assert [row["id"] for row in archive.documents(outlet="Tagesblatt", limit=2)] == ["d3", "d1"]
    assert archive.count_documents(outlet="Tagesblatt") == 3
    assert [row["id"] for row in archive.documents(speaker="Scholz", since="2024-03-10")] == ["d3"]
    assert [row["id"] for row in archive.documents("klimagipfel")] == ["d4"]
    assert archive.count_documents(author="Peter Müller", month="2024-03") == 1


def test_person_speakers_count_once_by_gender_beside_their_statements(archive: Archive) -> None:
    # Scholz speaks twice and Merkel once: two men's statements, but one man and one woman
    assert person_speaker_genders(archive.db, Filters()) == {"male": 1, "female": 1}
    assert person_speaker_genders(archive.db, Filters(outlet="Morgenpost")) == {"male": 1}
    assert person_speaker_genders(archive.db, Filters(query="nichtsdergleichen")) == {}
