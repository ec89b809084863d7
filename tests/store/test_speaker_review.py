"""Speaker identity in the archive: titles, surname joins, reviewed merges and splits, and that they hold
for stored rows and later ingests alike, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from zitat.errors import NotFound, ZitatError
from zitat.store import Archive, open_archive

from .articles import quote


def store(archive: Archive, *records: dict[str, Any]) -> None:
    for record in records:
        archive.store(record, source="test")


def counts(archive: Archive) -> dict[str, int]:
    """Statements per speaker name, as the speaker listing has them."""
    return {row["name"]: row["statements"] for row in archive.speakers(top=50)}


BIDEN = [
    quote("biden-1", "Joe Biden", "Wir stehen fest an der Seite der Ukraine", "2024-01-10", "Tagesblatt"),
    quote("biden-2", "Joe Biden", "Die Wirtschaft wächst wieder", "2024-02-11", "Morgenpost"),
    quote("biden-3", "Joseph Biden", "Ich werde erneut kandidieren", "2024-03-12", "Tagesblatt"),
]


def test_academic_titles_do_not_make_another_speaker(location: str) -> None:
    with open_archive(location) as archive:
        store(
            archive,
            quote("m1", "Dr. Angela Merkel", "Wir schaffen das"),
            quote("m2", "Angela Merkel", "Das ist ein guter Tag für Europa"),
            quote("m3", "Prof. Dr. h.c. Angela Merkel", "Die Würde des Menschen ist unantastbar"),
            quote("d1", "Prof. Dr. Christian Drosten", "Die Lage bleibt ernst"),
        )
        assert counts(archive) == {"Dr. Angela Merkel": 3, "Prof. Dr. Christian Drosten": 1}
        assert archive.count(speaker="Angela Merkel") == 3


def test_a_bare_surname_joins_the_one_full_name_whatever_the_order(location: str) -> None:
    with open_archive(location) as archive:
        store(archive, quote("m1", "Müller", "Wir haben verdient gewonnen"))
        assert counts(archive) == {"Müller": 1}
        store(archive, quote("m2", "Thomas Müller", "Die Mannschaft hat Charakter gezeigt"))
        assert counts(archive) == {"Thomas Müller": 2}  # the earlier bare „Müller“ joined too
        assert sorted(v["link"] for v in archive.speaker_variants("Thomas Müller")) == ["own", "surname"]
        # a second full Müller: the bare surname is no evidence for either of them
        store(archive, quote("m3", "Gerd Müller", "Entwicklungshilfe ist Zukunftspolitik"))
        assert counts(archive) == {"Thomas Müller": 1, "Gerd Müller": 1, "Müller": 1}


def test_keys_merged_into_a_bare_surname_follow_it_when_it_joins_a_full_name(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        store(
            archive,
            quote("m1", "Müller", "Wir haben verdient gewonnen"),
            quote("m2", "Der Kapitän", "Wir geben nie auf"),
        )
        archive.merge_speakers("Müller", "Der Kapitän")
        store(archive, quote("m3", "Thomas Müller", "Die Mannschaft hat Charakter gezeigt"))
        assert counts(archive) == {"Thomas Müller": 3}


def test_merge_makes_one_speaker_for_listing_search_stats_export_and_later_ingests(location: str) -> None:
    with open_archive(location) as archive:
        store(archive, *BIDEN, quote("s1", "Olaf Scholz", "Wir stehen zusammen"))
        assert counts(archive) == {"Joe Biden": 2, "Joseph Biden": 1, "Olaf Scholz": 1}
        speakers_before = archive.stats()["speakers"]
        result = archive.merge_speakers("Joe Biden", "Joseph Biden", note="derselbe Präsident")
        assert result["correction"]["kind"] == "merge" and result["speaker"]["statements"] == 3
        assert counts(archive) == {"Joe Biden": 3, "Olaf Scholz": 1}
        joe = archive.find_speaker("Joe Biden")
        for name in (str(joe["id"]), "Joe Biden", "Joseph Biden", "biden"):
            assert archive.count(speaker=name) == 3, name
        assert {row["speaker"] for row in archive.search(speaker="Joseph Biden")} == {"Joe Biden"}
        assert archive.stats()["speakers"] == speakers_before - 1
        assert archive.stats(speaker=str(joe["id"]))["statements"] == 3
        out = io.StringIO()
        archive.export(out, "csv")
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert {r["speaker"] for r in rows if r["document_id"].startswith("biden")} == {"Joe Biden"}
        assert {r["speaker_id"] for r in rows if r["document_id"].startswith("biden")} == {str(joe["id"])}
        # the same merge again changes nothing and stores nothing
        again = archive.merge_speakers("Joe Biden", "Joseph Biden")
        assert again["correction"] is None and len(archive.corrections()) == 1
        # a later ingest: the correction holds
        store(archive, quote("biden-4", "Joseph Biden", "Amerika ist zurück", "2024-04-13"))
        assert counts(archive) == {"Joe Biden": 4, "Olaf Scholz": 1}
        (correction,) = archive.corrections()
        assert correction["note"] == "derselbe Präsident" and correction["a_name"] == "Joe Biden"


def test_split_undoes_a_surname_join_now_and_in_later_ingests(location: str) -> None:
    with open_archive(location) as archive:
        store(
            archive,
            quote("t1", "Thomas Müller", "Wir haben das Spiel verdient gewonnen"),
            quote("t2", "Müller", "Der Haushalt der Stadt ist solide"),
        )
        assert counts(archive) == {"Thomas Müller": 2}
        result = archive.split_speaker("Thomas Müller", "Müller", note="der Kämmerer, nicht der Fußballer")
        assert result["split_off"]["name"] == "Müller" and result["split_off"]["statements"] == 1
        assert counts(archive) == {"Thomas Müller": 1, "Müller": 1}
        store(archive, quote("t3", "Müller", "Die Gebühren steigen nicht"))
        assert counts(archive) == {"Thomas Müller": 1, "Müller": 2}
        # removing the correction brings the join back, also for the statement stored since
        archive.remove_correction(result["correction"]["id"])
        assert counts(archive) == {"Thomas Müller": 3} and archive.corrections() == []


def test_split_undoes_a_merge_and_the_speaker_gets_its_id_back(location: str) -> None:
    with open_archive(location) as archive:
        store(archive, *BIDEN)
        joseph = archive.find_speaker("Joseph Biden")
        joseph_id = joseph["id"]
        archive.merge_speakers("Joe Biden", "Joseph Biden")
        assert archive.speaker(joseph_id)["merged_into"] == archive.find_speaker("Joe Biden")["id"]
        variants = archive.speaker_variants("Joe Biden")
        assert sorted((v["name"], v["link"], v["statements"]) for v in variants) == [
            ("Joe Biden", "own", 2),
            ("Joseph Biden", "merge", 1),
        ]
        assert variants[0]["mentions"][0]["source"] == "Joe Biden"
        result = archive.split_speaker("Joe Biden", joseph["key"])  # a variant by key
        assert result["split_off"]["id"] == joseph_id
        assert counts(archive) == {"Joe Biden": 2, "Joseph Biden": 1}
        assert archive.speaker(joseph_id)["merged_into"] is None
        store(archive, quote("biden-4", "Joseph Biden", "Amerika ist zurück"))
        assert counts(archive) == {"Joe Biden": 2, "Joseph Biden": 2}
        assert [c["kind"] for c in archive.corrections()] == ["merge", "split"]


def test_review_errors_are_clear(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        store(archive, *BIDEN, quote("a1", "Anna Schmidt", "Die Schulen brauchen mehr Geld"))
        store(archive, quote("a2", "Peter Schmidt", "Die Steuern bleiben"))
        with pytest.raises(NotFound, match="no speaker with id 999"):
            archive.merge_speakers("999", "Joe Biden")
        with pytest.raises(NotFound, match="no speaker named 'Niemand'"):
            archive.merge_speakers("Joe Biden", "Niemand")
        with pytest.raises(ZitatError, match="itself"):
            archive.merge_speakers("Joe Biden", " Joe Biden ")
        with pytest.raises(
            ZitatError, match=r"'Schmidt' names 2 speakers \(\d+ Anna Schmidt, \d+ Peter Schmidt\)"
        ):
            archive.merge_speakers("Joe Biden", "Schmidt")
        with pytest.raises(ZitatError, match="one name variant only"):
            archive.split_speaker("Joe Biden", "Joe Biden")
        archive.merge_speakers("Joe Biden", "Joseph Biden")
        with pytest.raises(
            ZitatError, match=r"not a name variant of speaker \d+ Joe Biden \(its variants: .*Joseph Biden\)"
        ):
            archive.split_speaker("Joe Biden", "Hunter Biden")
        with pytest.raises(ZitatError, match="own key"):
            archive.split_speaker("Joe Biden", "Joe Biden")
        with pytest.raises(NotFound, match="no correction 42"):
            archive.remove_correction(42)
        assert len(archive.corrections()) == 1  # failed reviews stored nothing


def test_a_correction_made_elsewhere_applies_to_the_next_document(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with open_archive(path) as writer, open_archive(path) as reviewer:
        store(writer, *BIDEN[:2])
        store(reviewer, BIDEN[2])
        reviewer.merge_speakers("Joe Biden", "Joseph Biden")
        store(writer, quote("biden-4", "Joseph Biden", "Amerika ist zurück"))
        assert counts(writer) == {"Joe Biden": 4}


@pytest.fixture
def review_db(tmp_path: Path) -> str:
    db = str(tmp_path / "review.db")
    with open_archive(db) as archive:
        store(archive, *BIDEN, quote("t1", "Thomas Müller", "Wir haben verdient gewonnen"))
        store(archive, quote("t2", "Müller", "Der Haushalt der Stadt ist solide"))
    return db


def test_cli_merge_split_variants_and_corrections(review_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from zitat.cli import main

    assert (
        main(["speakers", "merge", "Joe Biden", "Joseph Biden", "--db", review_db, "--note", "derselbe"]) == 0
    )
    assert (
        "merged 2 Joseph Biden (p:biden:ios) into 1 Joe Biden (p:biden:ioe): 3 statement(s) (correction 1)"
        in (capsys.readouterr().out)
    )
    assert main(["speakers", "--db", review_db, "merge", "Joe Biden", "Joseph Biden"]) == 0  # --db before
    assert "2 Joseph Biden (p:biden:ios) already counts as 1 Joe Biden" in capsys.readouterr().out
    assert main(["speakers", "variants", "Joe Biden", "--db", review_db]) == 0
    table = capsys.readouterr().out
    assert "Joseph Biden" in table and "merge" in table and "biden-3: Joseph Biden" in table
    assert main(["speakers", "split", "Thomas Müller", "Müller", "--db", review_db]) == 0
    assert "split off 4 Müller (p:mueler) with 1 statement(s); 3 Thomas Müller (p:mueler:tom) keeps 1" in (
        capsys.readouterr().out
    )
    assert main(["speakers", "--db", review_db, "--format", "json"]) == 0
    listed = {row["name"]: row["statements"] for row in json.loads(capsys.readouterr().out)}
    assert listed == {"Joe Biden": 3, "Thomas Müller": 1, "Müller": 1}
    assert main(["speakers", "corrections", "--db", review_db, "--format", "json"]) == 0
    corrections = json.loads(capsys.readouterr().out)
    assert [(c["id"], c["kind"], c["note"]) for c in corrections] == [
        (1, "merge", "derselbe"),
        (2, "split", None),
    ]
    assert main(["speakers", "corrections", "--db", review_db]) == 0
    assert "p:mueler:tom Thomas Müller" in capsys.readouterr().out
    assert main(["speakers", "corrections", "--remove", "1", "--db", review_db]) == 0
    assert "removed correction 1: merge" in capsys.readouterr().out
    with open_archive(review_db) as archive:
        assert counts(archive) == {"Joe Biden": 2, "Joseph Biden": 1, "Thomas Müller": 1, "Müller": 1}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["merge", "Joe Biden", "Niemand"], "no speaker named 'Niemand'"),
        (["merge", "1", "1"], "cannot merge a speaker with itself"),
        (["merge", "Thomas Müller", "Biden"], "'Biden' names 2 speakers (1 Joe Biden, 2 Joseph Biden)"),
        (
            ["split", "Joe Biden", "Hunter Biden"],
            "'Hunter Biden' is not a name variant of speaker 1 Joe Biden",
        ),
        (["split", "4711", "Müller"], "no speaker with id 4711"),
        (["variants", ""], "no speaker given"),
        (["corrections", "--remove", "9"], "no correction 9"),
    ],
)
def test_cli_review_errors_are_one_line(
    review_db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    from zitat.cli import main

    main(["speakers", "split", "Thomas Müller", "Müller", "--db", review_db])
    capsys.readouterr()
    assert main(["speakers", *argv, "--db", review_db]) == 1
    error = capsys.readouterr().err
    assert error.startswith("zitat: error: ") and error.count("\n") == 1 and message in error
