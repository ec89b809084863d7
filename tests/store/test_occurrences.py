"""Every publication of a stored text is kept as an occurrence (one text, extracted once), on SQLite and
PostgreSQL: agency copy carried by three outlets, idempotent re-ingest, pre-extracted documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zitat.store import open_archive

from .articles import quote, write_jsonl
from .extractor import MODEL

DPA_TEXT = (
    "Berlin (dpa) - Die Bundesregierung will die Corona-Hilfen verlängern. „Wir lassen niemanden im "
    "Stich“, sagte Finanzminister Olaf Scholz am Dienstag in Berlin. Die Opposition kritisierte den Plan."
)


def carried(outlet: str, url: str | None, published: str, author: str | None = None) -> dict[str, Any]:
    return {
        "id": f"{outlet.lower()}-1",
        "title": f"Corona-Hilfen ({outlet})",
        "url": url,
        "published": published,
        "outlet": outlet,
        "author": author,
        "text": DPA_TEXT,
    }


AGENCY_COPY = [
    carried("Tagesspiegel", "https://tagesspiegel.example/hilfen", "2020-11-03", "dpa"),
    carried("Zeit", "https://zeit.example/news/hilfen", "2020-11-03"),
    carried("journalistenwatch", None, "3.11.2020"),
]


def occurrence_rows(archive: Any) -> list[dict[str, Any]]:
    return archive.db.rows(
        "SELECT document_id, url, outlet, published, published_raw, author, title FROM occurrences ORDER BY id"
    )


def test_three_outlets_carrying_one_agency_text_are_one_document_with_three_occurrences(
    location: str, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "dpa.jsonl", AGENCY_COPY)
    with open_archive(location) as archive:
        summary = archive.ingest([path], model=MODEL)
        assert (summary.ingested, summary.occurrences, summary.duplicates) == (1, 2, 0)
        assert archive.db.value("SELECT count(*) AS n FROM documents") == 1
        assert archive.count() == summary.statements > 0  # extracted once
        rows = occurrence_rows(archive)
    assert [row["document_id"] for row in rows] == ["tagesspiegel-1"] * 3
    assert [(row["outlet"], row["url"], row["published"], row["published_raw"]) for row in rows] == [
        ("Tagesspiegel", "https://tagesspiegel.example/hilfen", "2020-11-03", None),
        ("Zeit", "https://zeit.example/news/hilfen", "2020-11-03", None),
        ("journalistenwatch", None, "2020-11-03", "3.11.2020"),
    ]
    assert rows[0]["author"] == "dpa" and rows[1]["title"] == "Corona-Hilfen (Zeit)"


def test_ingesting_the_same_occurrences_again_changes_nothing(location: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "dpa.jsonl", AGENCY_COPY)
    with open_archive(location) as archive:
        archive.ingest([path], model=MODEL)
        before = occurrence_rows(archive)
        again = archive.ingest([path], model=MODEL)
        assert (again.ingested, again.occurrences, again.duplicates) == (0, 0, 3)
        assert occurrence_rows(archive) == before
        # without a URL, another date or outlet is another occurrence; the same date spelled alike is not
        later = write_jsonl(
            tmp_path / "later.jsonl",
            [
                carried("journalistenwatch", None, "4.11.2020"),
                carried("journalistenwatch", None, "3.11.2020"),
            ],
        )
        more = archive.ingest([later], model=MODEL)
        assert (more.occurrences, more.duplicates) == (1, 1)
        assert len(occurrence_rows(archive)) == 4


def test_occurrences_of_pre_extracted_documents_are_kept_too(location: str) -> None:
    first = quote("a-1", "Olaf Scholz", "Wir lassen niemanden im Stich", published="2020-11-03")
    second = quote("b-1", "Olaf Scholz", "Wir lassen niemanden im Stich", outlet="Zeit")
    with open_archive(location) as archive:
        assert archive.store(first, "a.jsonl").outcome == "stored"
        assert archive.store(second, "b.jsonl").outcome == "occurrence"
        assert archive.store(second, "b.jsonl").outcome == "duplicate"
        outlets = [row["outlet"] for row in occurrence_rows(archive)]
    assert outlets == ["Tagesblatt", "Zeit"]
