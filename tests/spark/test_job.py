"""The Spark job in local mode: same results as the single-machine extraction, WARC and Parquet input,
bad records in ``failures``."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from zitat.attribution.registry import DEFAULT_MODEL
from zitat.errors import ZitatError
from zitat.ingest.article import Article
from zitat.ingest.readers import read_bytes, read_inputs
from zitat.output import document_json
from zitat.pipeline import process_text
from zitat.spark import read_spark_output

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")

from zitat.spark.job import DATASETS, run_extract

BAD_LINES = [
    "{kein json",
    json.dumps({"id": "leer", "text": "  "}),
    json.dumps(
        {
            "id": "englisch",
            "text": "The minister said on Monday that the budget will not grow next year at all.",
        }
    ),
]


def single_machine(path: Path) -> dict[str, dict[str, Any]]:
    """What `zitat extract --format jsonl` makes of ``path``, by document id."""
    documents = {}
    for item in read_inputs([str(path)]):
        if isinstance(item, Article):
            documents[item.meta.id] = document_json(process_text(item.text, item.meta), DEFAULT_MODEL)
    return documents


def parquet_rows(folder: Path) -> list[dict[str, Any]]:
    return pq.read_table(folder).to_pylist()


@pytest.fixture(scope="module")
def jsonl_run(spark: Any, german_articles: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("jsonl")
    source = folder / "nachrichten.jsonl"
    lines = [json.dumps(article, ensure_ascii=False) for article in german_articles]
    source.write_text("\n".join(lines[:30] + BAD_LINES + lines[30:]) + "\n", encoding="utf-8")
    summary = run_extract(spark, str(source), str(folder / "out"), partitions=5)
    return source, folder / "out", summary


def test_spark_equals_single_machine(jsonl_run: tuple[Path, Path, Any]) -> None:
    source, out, summary = jsonl_run
    expected = single_machine(source)
    got = {doc["document"]["id"]: doc for doc in read_spark_output(out)}
    assert len(expected) == 60
    assert got.keys() == expected.keys()
    for doc_id, document in expected.items():
        assert got[doc_id] == document, doc_id  # same statements, roles, spans, metadata
    assert summary.documents == 60
    assert summary.statements == sum(len(doc["statements"]) for doc in expected.values()) >= 150


def test_ingest_from_parquet_stores_every_document_once(
    jsonl_run: tuple[Path, Path, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zitat.cli import main
    from zitat.store import open_archive

    _, out, summary = jsonl_run
    db = tmp_path / "spark.db"
    for _ in range(2):  # the second run finds everything stored already
        assert main(["ingest", "--from-parquet", str(out), "--db", str(db), "--quiet", "--json"]) == 0
    second = json.loads(capsys.readouterr().out.split("\n}\n")[1] + "\n}")
    assert (second["ingested"], second["duplicates"]) == (0, 60)
    with open_archive(db) as archive:
        assert archive.stats()["documents"] == 60
        assert archive.stats()["statements"] == summary.statements
        stored = {row["key"]: row for row in archive.speakers(top=1000, unresolved=True)}
    # the archive counts the statements for the same speakers as the speakers dataset
    speakers = {row["speaker_key"]: row for row in parquet_rows(out / "speakers")}
    assert stored.keys() == speakers.keys()
    for key, row in speakers.items():
        assert (stored[key]["statements"], stored[key]["documents"]) == (row["statements"], row["documents"])


def test_flat_statements_carry_the_offsets(jsonl_run: tuple[Path, Path, Any]) -> None:
    _, out, summary = jsonl_run
    documents = {doc["document"]["id"]: doc for doc in read_spark_output(out)}
    rows = parquet_rows(out / "statements")
    assert len(rows) == summary.statements
    for row in rows:
        document = documents[row["document_id"]]
        statement = next(s for s in document["statements"] if s["id"] == row["statement_id"])
        assert row["outlet"] == document["document"]["outlet"]
        assert (row["form"], row["medium"], row["confidence"]) == (
            statement["form"],
            statement["medium"],
            statement["confidence"],
        )
        for role in ("cue", "message", "source", "addressee", "frame"):
            expected = statement[role]
            assert row[f"{role}_text"] == (expected and expected["text"])
            assert row[f"{role}_spans"] == (expected and expected["spans"])
        text = document["document"]["text"]
        assert row["message_text"].startswith(text[row["message_start"] : row["message_start"] + 5])


def test_speakers_agree_with_the_statements(jsonl_run: tuple[Path, Path, Any]) -> None:
    _, out, summary = jsonl_run
    by_key: dict[str, list[str]] = {}
    for row in parquet_rows(out / "statements"):
        if key := row["speaker_resolved_key"]:
            by_key.setdefault(key, []).append(row["document_id"])
    speakers = {row["speaker_key"]: row for row in parquet_rows(out / "speakers")}
    assert summary.speakers == len(speakers) > 0  # the count observed while writing
    assert speakers.keys() == by_key.keys()
    for key, documents in by_key.items():
        row = speakers[key]
        assert (row["statements"], row["documents"]) == (len(documents), len(set(documents)))


SPEAKER_ARTICLES = {
    "volvo": "Volvo-Chef Hakan Samuelsson sagte am Dienstag in Göteborg, der Konzern habe ein gutes Jahr "
    "hinter sich. Die Aktie stieg um drei Prozent.",
    "rente": "Arbeitsministerin Petra Lange sagte am Montag in Berlin, die Rente sei sicher. "
    "Die Opposition widersprach.",
    "moskau": "Der russische Präsident Wladimir Putin sagte am Freitag in Moskau, Russland sei zu "
    "Gesprächen bereit. Der Kreml veröffentlichte ein Video.",
    "sanktionen": "Putin erklärte am Sonntag, die Sanktionen würden Russland nicht schaden. "
    "Die EU berät am Montag weiter.",
}


@pytest.fixture(scope="module")
def speaker_run(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("speakers")
    lines = [
        json.dumps({"id": key, "text": text}, ensure_ascii=False) for key, text in SPEAKER_ARTICLES.items()
    ]
    (folder / "artikel.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_extract(spark, str(folder / "artikel.jsonl"), str(folder / "out"), partitions=2)
    return folder / "out"


def test_speakers_of_different_articles_are_not_merged_by_entity_id(speaker_run: Path) -> None:
    statements = {row["document_id"]: row for row in parquet_rows(speaker_run / "statements")}
    # each article's first entity is e0: the id names nobody outside its article
    assert statements["volvo"]["speaker_id"] == statements["rente"]["speaker_id"] == "e0"
    assert statements["volvo"]["speaker_key"] != statements["rente"]["speaker_key"]
    speakers = {row["name"]: row for row in parquet_rows(speaker_run / "speakers")}
    assert (speakers["Hakan Samuelsson"]["statements"], speakers["Hakan Samuelsson"]["documents"]) == (1, 1)
    assert (speakers["Petra Lange"]["statements"], speakers["Petra Lange"]["documents"]) == (1, 1)
    assert speakers["Hakan Samuelsson"]["speaker_key"] != speakers["Petra Lange"]["speaker_key"]


def test_a_bare_surname_counts_for_the_one_full_name(speaker_run: Path) -> None:
    statements = {row["document_id"]: row for row in parquet_rows(speaker_run / "statements")}
    moskau, sanktionen = statements["moskau"], statements["sanktionen"]
    assert (moskau["speaker_name"], sanktionen["speaker_name"]) == ("Wladimir Putin", "Putin")
    assert (moskau["speaker_key"], sanktionen["speaker_key"]) == ("p:putin:vla", "p:putin")
    assert moskau["speaker_resolved_key"] == sanktionen["speaker_resolved_key"] == "p:putin:vla"
    [putin] = [row for row in parquet_rows(speaker_run / "speakers") if "Putin" in row["name"]]
    assert (putin["speaker_key"], putin["statements"], putin["documents"]) == ("p:putin:vla", 2, 2)
    assert (putin["name"], putin["type"], putin["gender"]) == ("Wladimir Putin", "person", "male")
    # the nested statements carry the key too; reading them back gives the JSON contract without it
    [document] = [row for row in parquet_rows(speaker_run / "documents") if row["id"] == "sanktionen"]
    assert document["statements"][0]["speaker_key"] == "p:putin"
    [read] = [doc for doc in read_spark_output(speaker_run) if doc["document"]["id"] == "sanktionen"]
    assert "speaker_key" not in read["statements"][0]


def test_local_jvm_runs_without_the_optimizing_compiler_and_concurrent_collector(spark: Any) -> None:
    options = spark.sparkContext.getConf().get("spark.driver.extraJavaOptions").split()
    assert "-XX:TieredStopAtLevel=1" in options and "-XX:+UseParallelGC" in options


def test_workers_start_with_the_model_loaded(spark: Any) -> None:
    """Workers fork from ``zitat.spark.daemon``, which loaded the pipeline before forking them."""
    context = spark.sparkContext
    # a new environment gets a new daemon, so these workers have run nothing before
    context.environment["ZITAT_TEST_FRESH_DAEMON"] = "1"
    try:
        loaded = context.parallelize(range(2), 2).mapPartitions(_loaded_pipelines).collect()
    finally:
        del context.environment["ZITAT_TEST_FRESH_DAEMON"]
    assert loaded == [1, 1]


def _loaded_pipelines(_: Any) -> Any:
    from zitat.pipeline import load

    yield load.cache_info().currsize


def test_bad_records_are_counted_not_fatal(jsonl_run: tuple[Path, Path, Any]) -> None:
    _, out, summary = jsonl_run
    failures = sorted(parquet_rows(out / "failures"), key=lambda row: row["source"])
    assert summary.failures == 3
    assert [row["source"].rsplit(":", 1)[1] for row in failures] == ["31", "32", "33"]
    assert [row["reason"].split(" (")[0] for row in failures] == [
        "not valid JSON",
        "no text",
        "not German text",
    ]
    assert sorted(path.name for path in out.iterdir() if path.is_dir()) == sorted(DATASETS)


def test_existing_output_is_refused(spark: Any, jsonl_run: tuple[Path, Path, Any]) -> None:
    source, out, _ = jsonl_run
    with pytest.raises(ZitatError, match="already exists"):
        run_extract(spark, str(source), str(out))


def html_page(article: dict[str, Any]) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article["text"].split("\n\n")[1:])
    title = article["title"]
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><nav>Startseite</nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], tail: bytes = b"") -> None:
    """A gzipped WARC of (type, url, payload, content type) records, then ``tail`` (e.g. garbage)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for rec_type, url, payload, content_type in records:
        http = None
        if rec_type == "response":
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        headers = None if http else {"Content-Type": content_type}
        record = writer.create_warc_record(
            url, rec_type, payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
        )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue() + tail)


def test_warc_input(spark: Any, german_articles: list[dict[str, Any]], tmp_path: Path) -> None:
    pages = {f"https://zeitung.example/{i}": html_page(german_articles[i]) for i in range(4)}
    english = (
        "<html><body><article><p>"
        + "The minister said the budget will not grow. " * 5
        + "</p></article></body></html>"
    )
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_warc(
        crawl / "a.warc.gz",
        [
            *[("response", url, pages[url].encode(), "text/html; charset=utf-8") for url in list(pages)[:3]],
            ("request", "https://zeitung.example/0", b"GET / HTTP/1.1\r\n\r\n", "application/http"),
            ("response", "https://zeitung.example/logo.png", b"\x89PNG....", "image/png"),
            ("response", "https://zeitung.example/leer", b"", "text/html"),
            ("response", "https://news.example/en", english.encode(), "text/html"),
        ],
    )
    late = html_page(german_articles[3]).encode()
    write_warc(
        crawl / "b.warc.gz",
        [("response", "https://zeitung.example/3", late, "text/html")],
        tail=b"kein WARC-Datensatz\r\n\r\n",
    )

    summary = run_extract(spark, str(crawl), str(tmp_path / "out"))

    documents = {doc["document"]["url"]: doc for doc in read_spark_output(tmp_path / "out")}
    assert sorted(documents) == sorted(pages)
    for url, html in pages.items():
        [article] = read_bytes(html.encode(), url, "page.html")  # what `zitat extract page.html` reads
        expected = document_json(process_text(article.text, article.meta), DEFAULT_MODEL)
        assert documents[url]["document"]["text"] == expected["document"]["text"]
        assert documents[url]["statements"] == expected["statements"]
        assert documents[url]["statements"]
    reasons = sorted(row["reason"] for row in parquet_rows(tmp_path / "out" / "failures"))
    assert reasons[0] == "empty input"
    assert reasons[1].startswith("not German text")
    assert reasons[2].startswith("truncated or corrupt WARC after 1 ")  # the wording is zitat.ingest.warc's
    assert summary.documents == 4


def test_parquet_input(spark: Any, german_articles: list[dict[str, Any]], tmp_path: Path) -> None:
    table = pa.table(
        {
            "text": [german_articles[0]["text"], german_articles[1]["text"], None],
            "outlet": ["Tagesblatt", None, "Rundschau"],
            "published": pa.array([datetime(2024, 5, 1, 8, 30), None, None], pa.timestamp("us")),
            "rubrik": ["Politik", "Lokales", "Sport"],
            "author": [["Anna Schmidt", "Peter Müller"], None, ["Julia Weiß"]],  # a list column
        }
    )
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "artikel.parquet")

    summary = run_extract(spark, str(tmp_path / "in"), str(tmp_path / "out"))

    documents = sorted(read_spark_output(tmp_path / "out"), key=lambda doc: doc["document"]["text"])
    assert [doc["document"]["outlet"] for doc in documents] == ["Tagesblatt", None]
    assert [doc["document"]["author"] for doc in documents] == ["Anna Schmidt, Peter Müller", None]
    assert documents[0]["document"]["published"] == "2024-05-01T08:30:00"
    assert all(doc["document"]["id"].startswith("doc-") and doc["statements"] for doc in documents)
    [failure] = parquet_rows(tmp_path / "out" / "failures")
    assert failure["reason"] == "JSON object lacks a string field 'text'"
    assert (summary.documents, summary.failures) == (2, 1)
