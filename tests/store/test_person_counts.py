"""Each document's counts of person statements by gender stay what its statements say through every
write (ingest, surname joins, a gender filled in, reviews, re-extraction, deletes), and the gender
shares per month added up from them are those counted statement by statement; SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from zitat.document import GENDERS
from zitat.store import Archive, open_archive
from zitat.store.person_counts import COLUMNS

from .articles import quote


def said(doc_id: str, name: str, gender: str, published: str, outlet: str = "Tagesblatt") -> dict[str, Any]:
    record = quote(doc_id, name, f"Wir halten Kurs, sagt {doc_id}", published, outlet)
    record["statements"][0]["speaker"]["gender"] = gender
    return record


def checked(archive: Archive) -> dict[str, list[int]]:
    """The documents' stored person counts, after checking them against their statements, and the gender
    shares per month added up from them against those counted statement by statement."""
    db = archive.db
    expected = {row["id"]: [0] * len(COLUMNS) for row in db.rows("SELECT id FROM documents")}
    for row in db.rows(
        "SELECT s.document_id, sp.gender FROM statements s JOIN speakers sp ON sp.id = s.speaker_id "
        "WHERE sp.type = 'person'"
    ):
        counts = expected[row["document_id"]]
        counts[0] += 1
        counts[1 + GENDERS.index(row["gender"])] += 1
    stored = {
        row["id"]: [row[column] for column in COLUMNS]
        for row in db.rows(f"SELECT id, {', '.join(COLUMNS)} FROM documents")
    }
    assert stored == expected
    for filters in ({}, {"outlet": "tagesblatt"}, {"since": "2024-02"}):
        # type=person: the same statements, counted statement by statement
        assert archive.timeline(by_gender=True, **filters) == archive.timeline(
            by_gender=True, type="person", **filters
        ), filters
    return stored


def shares(archive: Archive) -> list[tuple[str, int, int, int]]:
    return [
        (row["month"], row["female"], row["male"], row["unknown"]) for row in archive.timeline(by_gender=True)
    ]


def test_person_counts_follow_every_write(location: str) -> None:
    with open_archive(location) as archive:
        organization = said("org", "Die Bundesregierung", "unknown", "2024-01-05")
        organization["statements"][0]["speaker"]["type"] = "organization"
        for record in (
            said("m1", "Merkel", "unknown", "2024-01-10"),
            said("s1", "Olaf Scholz", "male", "2024-01-20", outlet="Morgenpost"),
            said("b1", "Annalena Baerbock", "unknown", "2024-02-03"),
            organization,
        ):
            archive.store(record, "test")
        assert checked(archive)["org"] == [0, 0, 0, 0]
        assert shares(archive) == [("2024-01", 0, 1, 1), ("2024-02", 0, 0, 1)]
        # a full name joins the bare surname stored before: Merkel's statement counts for a woman now
        archive.store(said("m2", "Angela Merkel", "female", "2024-03-01"), "test")
        assert checked(archive)["m1"] == [1, 1, 0, 0]
        # a later mention fills in the gender of a stored speaker
        archive.store(said("b2", "Annalena Baerbock", "female", "2024-03-02"), "test")
        assert checked(archive)["b1"] == [1, 1, 0, 0]
        assert shares(archive) == [("2024-01", 1, 1, 0), ("2024-02", 1, 0, 0), ("2024-03", 2, 0, 0)]
        # a review merges speakers of different genders, and is undone
        merge = archive.merge_speakers("Olaf Scholz", "Angela Merkel")
        assert checked(archive)["m2"] == [1, 0, 1, 0]
        assert shares(archive) == [("2024-01", 0, 2, 0), ("2024-02", 1, 0, 0), ("2024-03", 1, 1, 0)]
        archive.remove_correction(merge["correction"]["id"])
        assert checked(archive)["m2"] == [1, 1, 0, 0]
        # the bare surname split off: a person of unknown gender again
        archive.split_speaker("Angela Merkel", "p:merkel")
        assert checked(archive)["m1"] == [1, 0, 0, 1]
        # re-extraction replaces a document's statements
        replaced = said("s1", "Katarina Barley", "female", "2024-01-20", outlet="Morgenpost")
        assert archive.store(replaced, "test", reprocess=True).outcome == "reprocessed"
        assert checked(archive)["s1"] == [1, 1, 0, 0]
        # a deleted document takes its counts along
        archive.db.execute("DELETE FROM documents WHERE id = ?", ("b1",))
        assert "b1" not in checked(archive)
        assert shares(archive) == [("2024-01", 1, 0, 1), ("2024-02", 0, 0, 0), ("2024-03", 2, 0, 0)]
