"""The archive commands end to end on SQLite: ingest a mixed folder, then query it every way."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest

from zitat.errors import ZitatError

from ..ingest.pages import EMPTY_FEED, RSS, news_page, warc_bytes
from .articles import article, run_cli, write_jsonl
from .extractor import MODEL


@pytest.fixture
def archive_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """An archive made from a folder of good and bad inputs of every format."""
    folder = tmp_path / "inputs"
    (folder / "feeds").mkdir(parents=True)
    write_jsonl(folder / "news.jsonl", [article(n) for n in range(8)])
    (folder / "more.jsonl.gz").write_bytes(gzip.compress(json.dumps(article(8), ensure_ascii=False).encode()))
    (folder / "feeds" / "stadt.rss").write_text(RSS, encoding="utf-8")
    (folder / "feeds" / "leer.rss").write_text(EMPTY_FEED, encoding="utf-8")
    (folder / "seite.html").write_text(news_page(), encoding="utf-8")
    crawl = warc_bytes(
        [("https://stadtanzeiger.example/x", news_page("Zweite Seite").encode(), "text/html")], True
    )
    (folder / "crawl.warc.gz").write_bytes(crawl[: len(crawl) // 2])
    (folder / "kaputt.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    (folder / "english.txt").write_text(
        "The minister said on Monday that the government would act quickly and that there was no reason to panic."
    )
    db = str(tmp_path / "archive.db")
    assert run_cli("ingest", str(folder), "--db", db, "--model", MODEL, "--quiet") == 0
    capsys.readouterr()
    return db


def test_ingest_summary_counts_and_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [article(1), article(2), {"text": ""}])
    (folder / "leer.rss").write_text(EMPTY_FEED, encoding="utf-8")
    db = str(tmp_path / "a.db")
    assert run_cli("ingest", str(folder), "--db", db, "--model", MODEL, "--workers", "2") == 0
    out = capsys.readouterr().out
    assert "ingested 2 documents (4 statements" in out
    assert "duplicates 0, skipped non-German 0, failed 2" in out
    assert "leer.rss: feed has no entries" in out and "a.jsonl:3: no text" in out
    assert "documents/s" in out and "words/s" in out
    assert run_cli("ingest", str(folder), "--db", db, "--model", MODEL, "--json", "--quiet") == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["ingested"], summary["duplicates"], summary["failed"]) == (0, 2, 2)


def test_ingest_of_only_bad_input_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "leer.rss").write_text(EMPTY_FEED, encoding="utf-8")
    assert run_cli("ingest", str(tmp_path / "leer.rss"), "--db", str(tmp_path / "a.db"), "--quiet") == 1


def test_mixed_folder_goes_on_past_bad_inputs(archive_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli("stats", "--db", archive_db, "--format", "json")
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 9 + 2 + 1  # JSONL + JSONL.gz, two feed entries, the HTML page
    assert stats["skipped_non_german"] == 1 and stats["failed"] == 3
    run_cli("failures", "--db", archive_db, "--format", "json")
    reasons = {
        Path(f["source"].split("#")[0].split(":")[0]).name: f["reason"]
        for f in json.loads(capsys.readouterr().out)
    }
    assert reasons["leer.rss"] == "feed has no entries"
    assert reasons["crawl.warc.gz"].startswith("truncated or corrupt WARC")
    assert "corrupt gzip" in reasons["kaputt.jsonl.gz"]
    assert reasons["english.txt"].startswith("not German")


def test_search_table_json_and_csv(archive_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli("search", "klimaschutz", "--db", archive_db)
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:4] == ["ID", "DATE", "OUTLET", "SPEAKER"] and len(table) == 1 + 2
    run_cli("search", "--db", archive_db, "--type", "person", "--since", "2024-03", "--format", "json")
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(h["speaker_type"] == "person" and h["published"] >= "2024-03" for h in hits)
    run_cli("search", "Tempo", "--db", archive_db, "--speaker", "müller", "--format", "csv", "--limit", "1")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1 and rows[0]["speaker"] == "Peter Müller"


def test_search_reads_german_dates_and_refuses_impossible_ones(
    archive_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli("search", "--db", archive_db, "--since", "01.03.2024", "--format", "json")
    german = json.loads(capsys.readouterr().out)
    run_cli("search", "--db", archive_db, "--since", "2024-03-01", "--format", "json")
    assert german == json.loads(capsys.readouterr().out) and german
    for impossible in ("2024-13", "2024-02-30", "gestern"):
        with pytest.raises(SystemExit):
            run_cli("search", "--db", archive_db, "--since", impossible)
        assert f"argument --since: '{impossible}' is not a date" in capsys.readouterr().err


def test_search_stats_and_export_by_author(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [
        {**article(1), "author": ["Anna Schmidt", "Peter Müller"]},
        {**article(2), "author": "Julia Weiß"},
    ]
    db = str(tmp_path / "authors.db")
    run_cli(
        "ingest", str(write_jsonl(tmp_path / "a.jsonl", records)), "--db", db, "--model", MODEL, "--quiet"
    )
    capsys.readouterr()
    run_cli("search", "--db", db, "--author", "peter müller", "--format", "json")
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2 and {h["author"] for h in hits} == {"Anna Schmidt, Peter Müller"}
    run_cli("stats", "--db", db, "--author", "Julia Weiß", "--format", "json")
    assert json.loads(capsys.readouterr().out)["statements"] == 2
    out = tmp_path / "weiss.csv"
    run_cli("export", "--db", db, "--author", "Julia Weiß", "--format", "csv", "-o", str(out))
    assert [r["author"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["Julia Weiß"] * 2
    run_cli("show", "art-1", "--db", db)
    assert "Anna Schmidt, Peter Müller · 2024-" in capsys.readouterr().out


def test_speakers_show_and_stats_text(archive_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli("speakers", "--db", archive_db, "--top", "3")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and "person" in lines[1] and "Direct" in lines[1]
    assert not any("anonymous" in line for line in lines)  # „ein Sprecher“ names nobody
    run_cli("speakers", "--db", archive_db, "--top", "3", "--unresolved")
    lines = capsys.readouterr().out.splitlines()
    assert "anonymous" in lines[1]
    run_cli("show", "art-2", "--db", archive_db)
    shown = capsys.readouterr().out
    assert "Streit um Verkehrswende (2)" in shown and "2 statement(s)" in shown and "Julia Weiß:" in shown
    run_cli("show", "https://news.example/2", "--db", archive_db, "--format", "json")
    assert json.loads(capsys.readouterr().out)["document"]["id"] == "art-2"
    run_cli("stats", "--db", archive_db)
    text = capsys.readouterr().out
    assert "anonymous share  40.9%" in text and "female" in text and "Tagesblatt" in text


def test_show_unknown_document_is_a_user_error(archive_db: str) -> None:
    with pytest.raises(ZitatError, match="no document"):
        run_cli("show", "nope", "--db", archive_db)


def test_export_formats_to_files(archive_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.csv"
    run_cli("export", "--db", archive_db, "--format", "csv", "-o", str(out), "--outlet", "Morgenpost")
    assert "exported 8 statements" in capsys.readouterr().err
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 8
    jsonl = tmp_path / "s.jsonl"
    run_cli("export", "Tempo", "--db", archive_db, "--format", "jsonl", "-o", str(jsonl))
    assert all("Tempo" in json.loads(line)["message"] for line in jsonl.read_text().splitlines())
    pq = pytest.importorskip("pyarrow.parquet")
    parquet = tmp_path / "s.parquet"
    run_cli("export", "--db", archive_db, "--format", "parquet", "-o", str(parquet))
    assert pq.read_table(parquet).num_rows == json.loads(_stats(archive_db, capsys))["statements"]


def _stats(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    run_cli("stats", "--db", db, "--format", "json")
    return capsys.readouterr().out


def test_db_defaults_to_zitat_db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZITAT_DB", str(tmp_path / "env.db"))
    write_jsonl(tmp_path / "a.jsonl", [article(1)])
    run_cli("ingest", str(tmp_path / "a.jsonl"), "--model", MODEL, "--quiet")
    assert (tmp_path / "env.db").exists()
    monkeypatch.delenv("ZITAT_DB")
    monkeypatch.chdir(tmp_path)
    run_cli("ingest", str(tmp_path / "a.jsonl"), "--model", MODEL, "--quiet")
    assert (tmp_path / "zitat.db").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("search", "Tempo"),
        ("speakers",),
        ("speakers", "merge", "Anna Berger", "Berger"),
        ("show", "doc-1"),
        ("stats",),
        ("export", "--format", "csv"),
        ("failures",),
    ],
)
def test_only_ingest_creates_an_archive(tmp_path: Path, command: tuple[str, ...]) -> None:
    """A mistyped --db is an error, not a new empty archive that answers with nothing."""
    missing = tmp_path / "archiv.db"
    with pytest.raises(ZitatError, match=f"no archive at {missing}"):
        run_cli(*command, "--db", str(missing))
    assert not missing.exists()


def test_min_confidence_filter_and_its_bad_values(
    archive_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli("search", "--db", archive_db, "--min-confidence", "0.9", "--format", "json", "--limit", "100")
    hits = json.loads(capsys.readouterr().out)
    assert hits and {h["speaker_type"] for h in hits} == {"person"}  # the anonymous quotes have 0.6
    for bad in ("1.5", "-0.1", "sicher", "nan"):
        with pytest.raises(SystemExit) as exit_info:
            run_cli("search", "--db", archive_db, "--min-confidence", bad)
        assert exit_info.value.code == 2
        assert "is not a number from 0 to 1" in capsys.readouterr().err
