"""Archive input formats: RSS, Atom, WARC(.gz), JSONL.gz, folders and content sniffing, and their failures."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from zitat.ingest.article import Article, Failure
from zitat.ingest.sources import Extracted, InputSet

from .pages import ATOM, EMPTY_FEED, EMPTY_PAGE, PARAGRAPHS, RSS, news_page, warc_bytes

LEIPZIG = "https://stadtanzeiger.example/leipzig"


def items(*paths: Path) -> list[Article | Extracted | Failure]:
    return [item for item, _ in InputSet(str(p) for p in paths)]


def failure_reason(found: list[Article | Extracted | Failure]) -> str:
    failures = [i for i in found if isinstance(i, Failure)]
    assert len(failures) == 1, found
    return failures[0].reason


def crawl(gzip_records: bool) -> bytes:
    cp1252_page = news_page("Ältere Meldung").replace('charset="utf-8"', 'charset="windows-1252"')
    return warc_bytes(
        [
            (LEIPZIG, news_page().encode(), "text/html; charset=utf-8"),
            ("https://stadtanzeiger.example/alt", cp1252_page.encode("cp1252"), "text/html"),
        ],
        gzip=gzip_records,
    )


def test_rss_entries_become_articles_with_link_date_and_feed_title(tmp_path: Path) -> None:
    path = tmp_path / "stadt.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = items(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text.startswith(PARAGRAPHS[0]) and "Maria Lehmann" in first.text  # content, not summary
    assert "\n\n„Wir investieren" in first.text and "<p>" not in first.text
    assert (first.meta.url, first.meta.published, first.meta.outlet) == (
        LEIPZIG,
        "2024-05-08",
        "Stadtanzeiger",
    )
    assert first.meta.title == "Leipzig baut aus" and first.source.endswith("stadt.rss#1")
    assert second.text == PARAGRAPHS[2]  # only a summary: that is the text


def test_atom_feed_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "landesblatt"
    path.write_text(ATOM, encoding="utf-8")
    [entry] = items(path)
    assert isinstance(entry, Article)
    assert entry.text.startswith("Der Landtag hat den Haushalt")
    assert (entry.meta.url, entry.meta.published, entry.meta.outlet) == (
        "https://landesblatt.example/haushalt",
        "2024-06-01",
        "Landesblatt",
    )


def test_feed_without_entries_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "leer.xml"
    path.write_text(EMPTY_FEED, encoding="utf-8")
    assert failure_reason(items(path)) == "feed has no entries"


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_html_responses_become_articles_with_record_url(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(crawl(compressed))
    found = items(path)
    assert [type(i) for i in found] == [Article, Article]  # request, warcinfo and image records are skipped
    first, second = found
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.meta.url == LEIPZIG and first.meta.id == "crawl-1"
    assert first.meta.published == "2024-05-08" and first.meta.outlet == "Stadtanzeiger"
    assert "Maria Lehmann" in first.text
    for chrome in ("Startseite", "Impressum", "Leser123"):  # navigation, footer, comments
        assert chrome not in first.text
    assert "„Wir investieren" in second.text and second.meta.title == "Ältere Meldung"  # declared cp1252


def test_warc_is_sniffed_by_content(tmp_path: Path) -> None:
    path = tmp_path / "capture.bin"
    path.write_bytes(crawl(True))
    assert [type(i) for i in items(path)] == [Article, Article]


@pytest.mark.parametrize("compressed", [False, True])
def test_truncated_warc_keeps_earlier_pages_and_fails(tmp_path: Path, compressed: bool) -> None:
    data = crawl(compressed)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) * 3 // 4])
    found = items(path)
    assert isinstance(found[0], Article) and found[0].meta.url == LEIPZIG
    assert failure_reason(found).startswith("truncated or corrupt WARC")


def test_jsonl_gz_streams_articles_and_extracted_documents(tmp_path: Path) -> None:
    extracted = {
        "zitat_version": "0.1.0",
        "model": "rules",
        "document": {"id": "done", "text": PARAGRAPHS[1]},
        "statements": [],
    }
    lines = [{"id": "a", "text": PARAGRAPHS[0], "outlet": "Stadtanzeiger"}, extracted, {"id": "b"}]
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines).encode()))
    article, done, bad = items(path)
    assert isinstance(article, Article) and article.meta.outlet == "Stadtanzeiger"
    assert isinstance(done, Extracted) and done.record["document"]["id"] == "done"
    assert isinstance(bad, Failure) and bad.source.endswith("batch.jsonl.gz:3") and "'text'" in bad.reason


def test_corrupt_gzip_is_a_failure_after_good_lines(tmp_path: Path) -> None:
    good = gzip.compress(("".join(json.dumps({"text": p}) + "\n" for p in PARAGRAPHS) * 200).encode())
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(good[: len(good) // 2])
    found = items(path)
    assert all(isinstance(i, Article) for i in found[:-1]) and len(found) > 1
    assert "corrupt gzip" in failure_reason(found)
    garbage = tmp_path / "junk.txt.gz"
    garbage.write_bytes(b"\x1f\x8b\x08\x00" + b"not really gzip" * 10)
    assert "corrupt gzip" in failure_reason(items(garbage))


def test_gzip_compressed_html_is_read(tmp_path: Path) -> None:
    path = tmp_path / "seite.html.gz"
    path.write_bytes(gzip.compress(news_page().encode()))
    [page] = items(path)
    assert isinstance(page, Article) and "Maria Lehmann" in page.text


def test_folders_recurse_over_mixed_formats_and_bad_inputs(tmp_path: Path) -> None:
    (tmp_path / "feeds" / "2024").mkdir(parents=True)
    (tmp_path / "feeds" / "2024" / "stadt.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "crawl.warc.gz").write_bytes(crawl(True))
    (tmp_path / "web" / "seite.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "web" / "start.html").write_text(EMPTY_PAGE, encoding="utf-8")
    (tmp_path / "alt.txt").write_bytes(PARAGRAPHS[0].encode("latin-1"))
    (tmp_path / ".hidden.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    found = items(tmp_path)
    articles = [i for i in found if isinstance(i, Article)]
    failures = {Path(f.source).name: f.reason for f in found if isinstance(f, Failure)}
    assert len(articles) == 5  # two feed entries, two WARC pages, one HTML page
    assert failures["start.html"] == "HTML page with no article text"
    assert "not valid UTF-8" in failures["alt.txt"] and "Latin-1" in failures["alt.txt"]
    assert len(failures) == 2


def test_positions_grow_to_the_input_size(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": p}) + "\n" for p in PARAGRAPHS * 5), encoding="utf-8")
    other = tmp_path / "feed.rss"
    other.write_text(RSS, encoding="utf-8")
    inputs = InputSet([str(path), str(other)])
    positions = [position for _, position in inputs]
    assert positions == sorted(positions) and positions[0] > 0
    assert positions[-1] == inputs.total_bytes
