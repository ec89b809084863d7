"""The fault matrix, input part (docs/reliability.md): every reader given truncated, corrupt or empty
input, odd encodings and characters, and a large file. Each case is ingested twice: every complete
document is stored once, every failure is recorded with its position, and the rerun adds nothing."""

from __future__ import annotations

import gzip
import io
import json
import sys
import tracemalloc
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import read_inputs
from zitat.ingest.sources import InputSet
from zitat.store import open_archive
from zitat.store.ingestion import IngestSummary

from ..ingest.pages import PARAGRAPHS, news_page, warc_bytes
from .articles import article, quote
from .extractor import MODEL

SEPARATORS = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"  # str.splitlines() splits on all of them


def jsonl(records: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def documents(count: int) -> bytes:
    return jsonl([article(n) for n in range(count)])


def cut(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def whole_lines(compressed: bytes) -> int:
    """How many whole lines a cut gzip stream holds, unpacked one byte at a time (the test's oracle)."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return b"".join(unpacker.decompress(compressed[i : i + 1]) for i in range(len(compressed))).count(b"\n")


def feed(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Meldung {n}</title><link>https://feed.example/{n}</link>"
        f"<description><![CDATA[<p>{article(n)['text']}</p>]]></description></item>"
        for n in range(entries)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed</title>{items}'
        "</channel></rss>"
    ).encode()


def atom(entries: int) -> bytes:
    items = "".join(
        f'<entry><title>Meldung {n}</title><link href="https://atom.example/{n}"/><id>urn:{n}</id>'
        f'<updated>2024-06-01T12:00:00Z</updated><content type="text">{article(n)["text"]}</content></entry>'
        for n in range(entries)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{items}</feed>'.encode()


def warc(pages: int, compressed: bool) -> bytes:
    return warc_bytes(
        [
            (f"https://warc.example/{n}", news_page(f"Titel {n}", [PARAGRAPHS[0], article(n)["text"]]).encode(),
             "text/html; charset=utf-8")
            for n in range(pages)
        ],
        gzip=compressed,
    )  # fmt: skip


def text_with(extra: str) -> bytes:
    return (article(0)["text"] + extra).encode()


TRUNCATED_GZ = cut(gzip.compress(documents(60)), 0.5)


@dataclass
class Case:
    """An input file, the documents it holds whole, and the failures (source suffix, reason part)."""

    name: str
    file: str
    data: Callable[[], bytes]
    stored: int
    failures: list[tuple[str, str]]


CASES = [
    # plain text: one document; a cut inside a character, binary data and emptiness are one failure each
    Case("text truncated mid-character", "a.txt", lambda: text_with(" Ende: Straße")[:-2], 0,
         [("a.txt", "not valid UTF-8: byte 0xc3 at offset")]),
    Case("text truncated between words", "a.txt", lambda: cut(text_with(""), 0.8), 1, []),
    Case("text corrupt (NUL bytes)", "a.txt", lambda: text_with("\x00\x00"), 0, [("a.txt", "contains NUL bytes")]),
    Case("text corrupt (a PDF)", "a.txt", lambda: b"%PDF-1.7\n" + bytes(range(256)), 0, [("a.txt", "a PDF document")]),
    Case("text empty", "a.txt", lambda: b"", 0, [("a.txt", "empty input")]),
    Case("text with a BOM", "a.txt", lambda: b"\xef\xbb\xbf" + text_with(""), 1, []),
    Case("text in Latin-1", "a.txt", lambda: text_with(" Grüße").decode().encode("latin-1", "replace"), 0,
         [("a.txt", "looks like Latin-1")]),
    Case("text with line separators", "a.txt", lambda: text_with(SEPARATORS), 1, []),
    # HTML: a cut page still has its first paragraphs (nothing shows it was cut)
    Case("HTML truncated", "a.html", lambda: cut(news_page().encode(), 0.6), 1, []),
    Case("HTML corrupt", "a.html", lambda: bytes(range(1, 256)) * 4, 0, [("a.html", "not valid UTF-8")]),
    Case("HTML empty", "a.html", lambda: b"  \n", 0, [("a.html", "empty input")]),
    # feeds: the entries before the cut are read; the entry cut in half is a failure with its number
    Case("RSS truncated", "a.rss", lambda: cut(feed(4), 0.62), 2, [("a.rss#3", "no text")]),
    Case("RSS corrupt", "a.rss", lambda: b"<?xml version=\"1.0\"?><rss><channel><item>\x01\x02", 0,
         [("a.rss#1", "no text")]),
    Case("RSS empty", "a.rss", lambda: b"", 0, [("a.rss", "feed has no entries")]),
    Case("Atom truncated", "a.atom", lambda: cut(atom(3), 0.7), 2, [("a.atom#3", "no text")]),
    # JSONL: each line is a document; a bad line is a failure with its number, the others are stored
    Case("JSONL truncated", "a.jsonl", lambda: documents(5)[:-30], 4, [("a.jsonl:5", "not valid JSON")]),
    Case("JSONL corrupt line", "a.jsonl", lambda: documents(2) + b'{"text": "kaputt\n' + documents(5)[-1200:].split(b"\n", 1)[1],
         4, [("a.jsonl:3", "not valid JSON")]),
    Case("JSONL empty", "a.jsonl", lambda: b"\n\n", 0, [("a.jsonl", "empty input")]),
    Case("JSONL with a BOM and CRLF", "a.jsonl", lambda: b"\xef\xbb\xbf" + documents(3).replace(b"\n", b"\r\n"), 3, []),
    Case("JSONL with Unicode line separators", "a.jsonl",
         lambda: jsonl([{**article(n), "text": article(n)["text"] + SEPARATORS} for n in range(3)]), 3, []),
    Case("JSONL with mixed encodings", "a.jsonl",
         lambda: documents(2) + json.dumps(article(7), ensure_ascii=False).encode("latin-1", "replace") + b"\n", 2,
         [("a.jsonl:3", "not valid UTF-8")]),
    Case("JSONL with NUL bytes", "a.jsonl", lambda: documents(1) + b'{"text": "a\x00b"}\n', 1,
         [("a.jsonl:2", "not valid JSON")]),
    Case("JSONL with escaped NUL and broken surrogates", "a.jsonl",  # \u0000 and \ud800 in the JSON
         lambda: (json.dumps({**article(0), "text": article(0)["text"] + " \x00 \ud800"}) + "\n"
                  + json.dumps({**article(1), "title": "\x00"}) + "\n").encode(), 2, []),
    # (TRUNCATED_GZ holds 15 whole lines: later lines compress better, so half the bytes hold a quarter)
    Case("JSONL.gz truncated", "a.jsonl.gz", lambda: TRUNCATED_GZ, 15,
         [("a.jsonl.gz:16", "corrupt gzip data: compressed file ended before the end-of-stream marker")]),
    Case("JSONL.gz truncated, named .gz", "dump.gz", lambda: TRUNCATED_GZ, 15, [("dump.gz:16", "corrupt gzip data")]),
    Case("JSONL.gz corrupt checksum", "a.jsonl.gz", lambda: gzip.compress(documents(5))[:-8] + bytes(8), 5,
         [("a.jsonl.gz:6", "corrupt gzip data: Error -3 while decompressing data: incorrect data check")]),
    Case("JSONL.gz empty", "a.jsonl.gz", lambda: gzip.compress(b""), 0, [("a.jsonl.gz", "empty input")]),
    # WARC: the pages before the damage, then one failure saying how many were read
    Case("WARC truncated", "a.warc", lambda: cut(warc(4, False), 0.6), 2, [("a.warc", "after 2 complete page(s)")]),
    Case("WARC.gz truncated", "a.warc.gz", lambda: cut(warc(4, True), 0.6), 2, [("a.warc.gz", "after 2 complete page(s)")]),
    Case("WARC corrupt", "a.warc", lambda: b"WARC/1.0\r\nWARC-Type: response\r\n\r\nkaputt" * 3, 0,
         [("a.warc", "after 0 complete page(s)")]),
    Case("WARC empty", "a.warc", lambda: b"", 0, [("a.warc", "WARC holds no HTML responses")]),
    Case("WARC.gz empty", "a.warc.gz", lambda: gzip.compress(b""), 0, [("a.warc.gz", "WARC holds no HTML responses")]),
]  # fmt: skip


def ingest(db: str, *inputs: object) -> IngestSummary:
    with open_archive(db) as archive:
        return archive.ingest([str(i) if isinstance(i, Path) else i for i in inputs], model=MODEL)  # type: ignore[misc]


def failures(db: str, folder: Path) -> list[tuple[str, str]]:
    with open_archive(db) as archive:
        return [(row["source"].replace(f"{folder}/", ""), row["reason"]) for row in archive.failures()]


def stored(db: str) -> int:
    with open_archive(db) as archive:
        return int(archive.db.value("SELECT count(*) AS n FROM documents"))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_input_fault_stores_every_complete_document_once(case: Case, tmp_path: Path) -> None:
    if case.name.startswith("JSONL.gz truncated"):
        assert whole_lines(case.data()) == case.stored
    path = tmp_path / case.file
    path.write_bytes(case.data())
    db = str(tmp_path / "archive.db")
    first = ingest(db, path)
    assert (first.ingested, stored(db)) == (case.stored, case.stored)
    found = failures(db, tmp_path)
    assert len(found) == len(case.failures), found
    for (source, reason), (want_source, want_reason) in zip(found, case.failures, strict=True):
        assert source == want_source and want_reason in reason, (source, reason)
    again = ingest(db, path)  # the rerun: nothing new, the same failures (recorded once per source)
    assert (again.ingested, again.duplicates, stored(db)) == (0, case.stored, case.stored)
    assert failures(db, tmp_path) == found


def test_a_truncated_dump_completed_later_stores_the_rest_once(tmp_path: Path) -> None:
    """A half-downloaded .jsonl.gz, then the whole one: the rerun stores exactly the missing documents."""
    whole = gzip.compress(documents(60))
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(cut(whole, 0.5))
    db = str(tmp_path / "archive.db")
    assert ingest(db, path).ingested == whole_lines(cut(whole, 0.5)) == 15
    path.write_bytes(whole)
    again = ingest(db, path)
    assert (again.ingested, again.duplicates, again.failed, stored(db)) == (45, 15, 0, 60)
    with open_archive(db) as archive:
        assert archive.db.value("SELECT count(DISTINCT url) AS n FROM documents") == 60


def test_a_truncated_dump_on_standard_input_keeps_the_lines_before_the_break(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(cut(gzip.compress(documents(60)), 0.5))))
    db = str(tmp_path / "archive.db")
    summary = ingest(db, "-")
    assert (summary.ingested, [f.source for f in summary.failures]) == (15, ["<stdin>:16"])


def test_unicode_separators_and_crlf_stay_inside_the_line_for_extract_too(tmp_path: Path) -> None:
    """``zitat extract`` and the web upload read JSONL from a string: it splits on "\\n" only."""
    texts = [article(n)["text"] + SEPARATORS for n in range(3)]
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        jsonl([{"id": f"x{n}", "text": text} for n, text in enumerate(texts)]).replace(b"\n", b"\r\n")
    )
    found = list(read_inputs([str(path)]))
    assert [item.text for item in found if isinstance(item, Article)] == [t.strip() for t in texts]
    assert not [item for item in found if isinstance(item, Failure)]


def test_a_large_jsonl_file_is_streamed_not_read_whole(tmp_path: Path) -> None:
    """A ~24 MB JSONL (3,000 documents of 8 KB): memory while reading stays far below the file's size."""
    filler = " ".join(["Die Regierung will bis zum Sommer einen Entwurf vorlegen."] * 140)
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(3000):
            out.write(json.dumps({"id": f"b{n}", "text": f"{filler} Nummer {n}."}, ensure_ascii=False) + "\n")
    size = path.stat().st_size
    assert size > 20_000_000
    tracemalloc.start()
    try:
        count = sum(isinstance(item, Article) for item, _ in InputSet([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    assert peak < size / 20, f"peak {peak:,} bytes for a {size:,}-byte file"


def spark_output(folder: Path, parts: int, rows: int) -> list[Path]:
    """A ``zitat spark extract`` output (documents/part-N.parquet) written with pyarrow alone."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from zitat.spark.rows import document_row

    (folder / "documents").mkdir(parents=True)
    files = []
    for part in range(parts):
        records = [
            {**quote(f"p{part}-{n}", "Anna Schmidt", f"Satz {part} {n}"), "statements": []}
            for n in range(rows)
        ]
        files.append(folder / "documents" / f"part-{part}.parquet")
        pq.write_table(
            pa.Table.from_pylist([document_row(r, f"in.jsonl:{n}") for n, r in enumerate(records)]), files[-1]
        )
    return files


@pytest.mark.parametrize("damage", ["truncated", "corrupt", "empty"])
def test_a_damaged_parquet_file_of_a_spark_output_is_one_failure(tmp_path: Path, damage: str) -> None:
    """Parquet keeps its index at the end: a damaged file yields nothing, the other files are stored."""
    from zitat.spark.results import read_spark_items

    output = tmp_path / "out"
    _, damaged = spark_output(output, parts=2, rows=5)
    data = damaged.read_bytes()
    damaged.write_bytes({"truncated": cut(data, 0.5), "corrupt": bytes(len(data)), "empty": b""}[damage])
    db = str(tmp_path / "archive.db")
    first = ingest(db, *read_spark_items(output))
    assert (first.ingested, [(f.source, f.reason[:31]) for f in first.failures]) == (
        5, [(f"{damaged}#1", "unreadable Parquet data after 0")])  # fmt: skip
    again = ingest(db, *read_spark_items(output))
    assert (again.ingested, again.duplicates, stored(db), len(failures(db, tmp_path))) == (0, 5, 5, 1)


def test_publication_dates_are_stored_as_iso_dates_and_the_given_spelling_is_kept(tmp_path: Path) -> None:
    given = [
        "03.02.2024",
        "2020-03-1",
        "gestern",
        "3. März 2024",
        "Sat, 03 Feb 2024 10:00:00 +0100",
        "2024-05",
    ]
    path = tmp_path / "dates.jsonl"
    path.write_bytes(jsonl([{**article(n), "published": published} for n, published in enumerate(given)]))
    db = str(tmp_path / "archive.db")
    assert ingest(db, path).ingested == len(given)
    with open_archive(db) as archive:
        rows = archive.db.rows("SELECT published, published_raw FROM documents ORDER BY num")
        assert [(row["published"], row["published_raw"]) for row in rows] == [
            ("2024-02-03", "03.02.2024"), ("2020-03-01", "2020-03-1"), (None, "gestern"),
            ("2024-03-03", "3. März 2024"), ("2024-02-03", "Sat, 03 Feb 2024 10:00:00 +0100"), ("2024-05", None),
        ]  # fmt: skip
        # compared as dates now: „03.02.2024“ was after „2024-…“ as text, and „gestern“ after everything
        assert archive.count(since="2024-02", until="2024-02") == 2 * 2
        assert archive.document("art-2")["archive"]["published_raw"] == "gestern"
