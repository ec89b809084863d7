"""``zitat cluster``, ``clusters`` and ``trace`` on a hand-written archive, and their errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from zitat.cli import main
from zitat.store import open_archive

from .fixtures import ALTERED, DPA_QUOTE, SPAHN, Said, document, store
from .test_update import spahn_coverage


@pytest.fixture
def archive_path(tmp_path: Path) -> str:
    path = str(tmp_path / "news.db")
    with open_archive(path) as archive:
        store(archive, *spahn_coverage())
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cluster_then_list_and_trace(archive_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cluster", "--db", archive_path)
    assert code == 0 and out.startswith("full clustering (first run): 8 statements")
    code, out, _ = run(capsys, "clusters", "--db", archive_path, "--format", "json")
    (cluster,) = json.loads(out)  # one cluster of two or more statements
    assert cluster["size"] == 6 and cluster["flags"] == ["misquote", "misattribution"]
    assert cluster["canonical"] == DPA_QUOTE and cluster["speaker"] == SPAHN
    _, out, _ = run(capsys, "clusters", "--db", archive_path, "--flag", "misquote", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["id"] for row in rows] == [str(cluster["id"])] and rows[0][
        "flags"
    ] == "misquote, misattribution"
    _, out, _ = run(capsys, "clusters", "--db", archive_path, "--speaker", "lauterbach")
    assert out.splitlines()[1].split()[0] == str(cluster["id"])
    _, out, _ = run(capsys, "clusters", "--db", archive_path, "--speaker", "Söder")
    assert len(out.splitlines()) == 1  # the header: Söder's statement is in no cluster of two

    code, out, _ = run(capsys, "trace", "--db", archive_path, "Impfstoffe niemals gerecht verteilen")
    assert code == 0
    assert "first appearance: 2020-12-20, Tagesspiegel (document ts-1" in out
    assert "flags: possible misquote, possible misattribution" in out
    assert "{+niemals+}" in out and "2020-12-23  de.rt.com, politikstube" in out
    assert "ein Sprecher: 1 (names nobody)" in out
    _, out, _ = run(capsys, "trace", "--db", archive_path, str(cluster["id"]), "--format", "json")
    traced = json.loads(out)
    altered = [s for s in traced["statements"] if s["altered"]]
    assert [(s["document_id"], s["message"]) for s in altered] == [("jw-1", ALTERED)]
    assert [day["date"] for day in traced["timeline"]] == [
        "2020-12-20",
        "2020-12-21",
        "2020-12-22",
        "2020-12-23",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["clusters"], "no clusters yet: run zitat cluster"),
        (["trace", "1"], "no clusters yet"),
    ],
)
def test_an_archive_never_clustered_is_a_clear_error(
    archive_path: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv, "--db", archive_path)
    assert code == 1 and out == "" and message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["trace", "999999"], "no statement 999999"),
        (["trace", "Quantenphysik im Weltall"], "no stored statement has all the words"),
        (["trace", "  "], "give a statement id or the words"),
        (["trace", "…"], "no words to look for"),
        (["clusters", "--min-size", "0"], "--min-size must be at least 1"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    archive_path: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    run(capsys, "cluster", "--db", archive_path)
    code, out, err = run(capsys, *argv, "--db", archive_path)
    assert code == 1 and out == "" and message in err and len(err.strip().splitlines()) == 1


def test_an_unclustered_statement_and_a_missing_archive_are_errors(
    archive_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "cluster", "--db", archive_path)
    with open_archive(archive_path) as archive:
        store(
            archive,
            document(
                "neu-1", "Zeit", "2021-01-02", Said(SPAHN, "Wir impfen jetzt auch in den Hausarztpraxen")
            ),
        )
        new_id = archive.db.value("SELECT max(id) AS n FROM statements")
    code, _, err = run(capsys, "trace", str(new_id), "--db", archive_path)
    assert code == 1 and f"statement {new_id} is not clustered yet" in err
    code, _, err = run(capsys, "cluster", "--db", str(tmp_path / "nowhere.db"))
    assert code == 1 and "no archive at" in err


def test_ingest_updates_the_clusters_of_a_clustered_archive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "news.db")
    folder = tmp_path / "in"
    folder.mkdir()
    for record in spahn_coverage():
        (folder / f"{record['document']['id']}.json").write_text(json.dumps(record), encoding="utf-8")
    first, later = sorted(folder.iterdir())[:3], sorted(folder.iterdir())[3:]
    code, out, _ = run(capsys, "ingest", *map(str, first), "--db", path, "--quiet")
    assert code == 0 and "clustering" not in out  # never clustered: ingest leaves it to zitat cluster
    code, out, _ = run(capsys, "ingest", str(later[0]), "--db", path, "--quiet", "--cluster", "--json")
    assert code == 0 and json.loads(out)["clusters"]["mode"] == "full"
    code, out, _ = run(capsys, "ingest", str(later[1]), "--db", path, "--quiet")
    assert out.splitlines()[-1].startswith(
        "incremental clustering (only statements stored since the last run)"
    )
    code, out, _ = run(capsys, "ingest", str(later[2]), "--db", path, "--quiet", "--no-cluster")
    assert "clustering" not in out
    with open_archive(path) as archive:
        # the two statements of the Zeit article, stored with --no-cluster
        assert archive.db.value("SELECT count(*) AS n FROM statements WHERE cluster_id IS NULL") == 2
