"""What a Spark task makes of one input file or Parquet row, and the documents row round trip (no Spark)."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from zitat.errors import ZitatError
from zitat.ingest.article import Article, Failure
from zitat.output import document_json
from zitat.pipeline import process_text
from zitat.spark import read_spark_output
from zitat.spark.__main__ import main
from zitat.spark.inputs import file_articles, file_name, row_article
from zitat.spark.rows import document_from_row, document_row

ARTICLE = "„Wir bleiben hart“, sagte Gewerkschaftschef Jonas Weber am Montag in Hamburg vor den Mitgliedern."


def test_file_name_of_hadoop_paths() -> None:
    assert file_name("hdfs://nn:8020/crawl/a.warc.gz") == "a.warc.gz"
    assert file_name("file:/tmp/in/artikel.jsonl") == "artikel.jsonl"


def test_gzipped_jsonl_reads_like_plain_jsonl() -> None:
    lines = "\n".join([json.dumps({"text": ARTICLE}), "{kaputt"]).encode()
    items = list(file_articles("s3a://bucket/tag.jsonl.gz", gzip.compress(lines)))
    assert isinstance(items[0], Article) and items[0].meta.id == "tag-1"
    assert isinstance(items[1], Failure) and items[1].source == "s3a://bucket/tag.jsonl.gz:2"


def test_extracted_documents_are_extracted_again() -> None:
    contract = {"zitat_version": "0.0.1", "model": "alt", "statements": []}
    contract["document"] = {"id": "alt-1", "text": ARTICLE, "outlet": "Rundschau", "language": "de"}
    [article] = file_articles("hdfs:///alt.jsonl", json.dumps(contract).encode())
    assert isinstance(article, Article)
    assert (article.meta.id, article.meta.outlet, article.text) == ("alt-1", "Rundschau", ARTICLE)


def test_parquet_row_ids_and_dates() -> None:
    article = row_article(
        {"text": ARTICLE, "published": date(2024, 5, 1), "rubrik": "Politik"}, "in/a.parquet"
    )
    assert isinstance(article, Article)
    assert article.meta.id.startswith("doc-") and len(article.meta.id) == 20
    assert article.meta.published == "2024-05-01"
    assert article.source == f"in/a.parquet#{article.meta.id}"
    same = row_article({"text": ARTICLE}, "elsewhere.parquet")
    assert same.meta.id == article.meta.id  # the id depends on the text only
    failure = row_article({"id": "x7", "text": ""}, "in/a.parquet")
    assert failure == Failure("in/a.parquet#x7", "no text")


def test_documents_row_round_trip() -> None:
    from zitat.document import DocumentMeta, Speaker

    doc = process_text(ARTICLE, DocumentMeta(id="weber", outlet="Tagesblatt", author="Anna Schmidt"))
    member = Speaker(id="m", name="Jonas Weber", type="person", mentions=[(40, 51)])
    doc._.statements[0].speaker = Speaker(id="g", name="IG Hafen", type="group", members=[member])
    contract = document_json(doc, "rules")
    row = document_row(contract, "in/a.jsonl:1")
    assert row["source"] == "in/a.jsonl:1" and row["id"] == "weber" and row["author"] == "Anna Schmidt"
    assert document_from_row(row) == contract
    older = {name: value for name, value in row.items() if name != "author"}  # written before authors
    assert document_from_row(older)["document"]["author"] is None


def test_documents_schema_has_the_author() -> None:
    from zitat.spark.schema import DOCUMENT

    assert DOCUMENT["author"].dataType.simpleString() == "string"
    assert DOCUMENT.names.index("author") == DOCUMENT.names.index("outlet") + 1


@pytest.mark.parametrize(
    ("value", "author"), [(["Anna Schmidt", "Peter Müller"], "Anna Schmidt, Peter Müller"), (7, None)]
)
def test_parquet_row_and_extracted_document_authors(value: object, author: str | None) -> None:
    article = row_article({"text": ARTICLE, "author": value}, "in/a.parquet")
    assert isinstance(article, Article) and article.meta.author == author
    contract = {"zitat_version": "0.0.1", "model": "alt", "statements": []}
    contract["document"] = {"id": "alt-1", "text": ARTICLE, "author": value}
    [again] = file_articles("hdfs:///alt.jsonl", json.dumps(contract).encode())
    assert isinstance(again, Article) and again.meta.author == author


def test_read_spark_output_needs_a_documents_folder(tmp_path: Path) -> None:
    with pytest.raises(ZitatError, match="no Spark output"):
        list(read_spark_output(tmp_path))


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--model", "nope"], "unknown model 'nope'"), (["--partitions", "0"], "at least 1")],
)
def test_cli_refuses_bad_options_before_starting_spark(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "in.jsonl", "out", *args]) == 1
    assert message in capsys.readouterr().err
