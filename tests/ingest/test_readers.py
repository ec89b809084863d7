"""Readers turn every kind of bad input into a Failure with a clear reason, and good input into articles."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import MAX_DOCUMENT_BYTES, read_inputs

GERMAN = "„Wir sind bereit“, sagte der Minister am Montag in Berlin. Er sagte, die Regierung werde für die Bürger handeln."
ENGLISH = (
    "The minister said on Monday that the government would act quickly and that there was no reason to panic."
)


def read(paths: list[Path]) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths]))


def only_failure(items: list[Article | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def test_plain_text_file_becomes_article_named_after_file(tmp_path: Path) -> None:
    path = tmp_path / "meldung.txt"
    path.write_text(GERMAN + "\n", encoding="utf-8")
    [article] = read([path])
    assert isinstance(article, Article)
    assert article.meta.id == "meldung"
    assert article.text == GERMAN


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GERMAN.encode())
    [article] = read([path])
    assert isinstance(article, Article) and article.text.startswith("„Wir")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty input"),
        (b"  \n\t ", "empty input"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (gzip.compress(b"hallo"), "gzip"),
        (b"%PDF-1.7 ...", "PDF"),
        (GERMAN.encode("latin-1", errors="replace"), "Latin-1"),
        (b"Das ist kaputt: \xc3\x28 und mehr", "not valid UTF-8"),
        (ENGLISH.encode(), "not German"),
    ],
)
def test_bad_input_gives_one_clear_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    failure = only_failure(read([path]))
    assert failure.source == str(path)
    assert reason in failure.reason
    assert "\n" not in str(failure)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_DOCUMENT_BYTES + 1)
    assert "too large" in only_failure(read([path])).reason


def test_missing_file(tmp_path: Path) -> None:
    assert only_failure(read([tmp_path / "nope.txt"])).reason == "no such file"


def test_html_article_with_navigation_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "seite.html"
    path.write_text(
        "<html><head><title>Minister warnt</title>"
        '<meta property="og:site_name" content="Tagesblatt"></head><body>'
        "<nav><a href='/'>Startseite</a> <a href='/politik'>Politik</a></nav>"
        f"<article><h1>Minister warnt</h1><p>{GERMAN}</p>"
        "<p>Die Opposition kritisierte den Plan am Dienstag scharf und forderte eine Debatte im Parlament.</p>"
        "</article><footer>Impressum · Datenschutz</footer></body></html>",
        encoding="utf-8",
    )
    [article] = read([path])
    assert isinstance(article, Article)
    assert "sagte der Minister" in article.text
    assert "Impressum" not in article.text and "Startseite" not in article.text
    assert article.meta.outlet == "Tagesblatt"


def test_html_without_article(tmp_path: Path) -> None:
    path = tmp_path / "leer.html"
    path.write_text("<html><body><nav>Menü</nav></body></html>", encoding="utf-8")
    assert only_failure(read([path])).reason == "HTML page with no article text"


def test_jsonl_lines_keep_metadata_and_report_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "artikel.jsonl"
    lines = [
        json.dumps(
            {"id": "a1", "text": GERMAN, "title": "Titel", "outlet": "dpa", "published": "2024-05-01"}
        ),
        "{kein json",
        json.dumps({"title": "ohne Text"}),
        "",
        json.dumps({"text": GERMAN}),
        json.dumps(["keine", "Objekt"]),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read([path])
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article", "Failure"]
    first, bad_json, no_text, second, not_object = items
    assert first.meta.id == "a1" and first.meta.outlet == "dpa" and first.meta.published == "2024-05-01"
    assert bad_json.source.endswith("artikel.jsonl:2") and "not valid JSON" in bad_json.reason
    assert "'text'" in no_text.reason
    assert second.meta.id == "artikel-5"
    assert "not an object" in not_object.reason


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "zwei.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "eins.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / ".versteckt").write_text("x", encoding="utf-8")
    ids = [item.meta.id for item in read([tmp_path]) if isinstance(item, Article)]
    assert ids == ["zwei", "eins"]  # sorted by path: "b/zwei.txt" < "eins.txt"; hidden files skipped


def test_content_sniffing_without_extension(tmp_path: Path) -> None:
    html = tmp_path / "seite"
    html.write_text(f"<!DOCTYPE html><html><body><article><p>{GERMAN}</p></article></body></html>")
    jsonl = tmp_path / "daten"
    jsonl.write_text(json.dumps({"id": "x", "text": GERMAN}) + "\n")
    items = read([html, jsonl])
    assert [i.meta.id for i in items if isinstance(i, Article)] == ["seite", "x"]
