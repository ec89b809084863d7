"""WARC and WARC.gz web archives (warcio): one article per HTML response record, with its URL and date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import InputProblem, check_size, decode, html_article

META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
HEADER_CHARSET = re.compile(r"charset=([\w-]+)", re.IGNORECASE)


def _charset(content_type: str, body: bytes) -> str | None:
    """The declared encoding: the HTTP header's, else the page's own <meta charset>."""
    found = HEADER_CHARSET.search(content_type)
    if found:
        return found.group(1)
    meta = META_CHARSET.search(body[:4096])
    return meta.group(1).decode("ascii") if meta else None


def page_text(body: bytes, content_type: str) -> str:
    """The HTML of a response body, decoded as declared (UTF-8, strictly, when nothing is declared)."""
    check_size(len(body))
    charset = _charset(content_type, body)
    if charset and charset.lower().replace("_", "-") not in {"utf-8", "utf8"}:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputProblem(f"cannot decode as declared charset {charset!r}: {exc}") from None
    return decode(body)


def record_article(record: Any, where: str, doc_id: str) -> Article:
    headers = record.http_headers
    body = record.content_stream().read()
    article = html_article(page_text(body, headers.get_header("Content-Type") or ""), where, doc_id)
    # the record says where and when the page was fetched; the page's own date, if any, wins
    article.meta.url = record.rec_headers.get_header("WARC-Target-URI") or article.meta.url
    crawl_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    article.meta.published = article.meta.published or crawl_date
    return article


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


class TruncatedWarc(Exception):
    """A record is shorter than its header says, or the file ends inside a record."""


def _check_complete(record: Any) -> None:
    """Read what is left of the record; a shortfall means the file was cut off."""
    if record.rec_type is None:
        raise TruncatedWarc("unreadable record")
    while record.raw_stream.read(65536):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise TruncatedWarc(f"{record.rec_type} record cut off {record.raw_stream.limit} bytes short")


def _check_tail(records: Any, stream: BinaryIO) -> None:
    """warcio stops quietly at a record header cut in half: bytes after the last record betray it."""
    size = stream.seek(0, 2)
    try:
        end = records.get_record_offset() + records.get_record_length()
    except (AttributeError, TypeError):
        return  # no record at all; the caller says so
    if size - end > len(b"\r\n\r\n"):
        raise TruncatedWarc(f"{size - end} bytes after the last complete record")


def read_warc(stream: BinaryIO, source: str) -> Iterator[tuple[Article | Failure, int]]:
    """HTML response records of one WARC (gzip-compressed or not), each with the stream offset after it."""
    # imported here: only WARC inputs pay for it
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stem = Path(source).name.split(".")[0]
    pages = 0  # HTML responses read completely
    records = ArchiveIterator(stream)
    try:
        for record in records:
            if not _is_html_response(record):
                _check_complete(record)
                continue
            where = f"{source}#{pages + 1}"
            try:
                item: Article | Failure = record_article(record, where, f"{stem}-{pages + 1}")
            except InputProblem as problem:
                item = Failure(where, str(problem))
            _check_complete(record)
            pages += 1
            yield item, stream.tell()
        _check_tail(records, stream)
    except Exception as exc:  # warcio signals corruption with assorted exception types
        # its own (ArchiveLoadFailed) and ours say what is wrong; others (AttributeError …) say nothing
        detail = str(exc) if isinstance(exc, TruncatedWarc | ArchiveLoadFailed) else "unreadable record"
        yield (
            Failure(source, f"truncated or corrupt WARC after {pages} complete page(s): {detail}"),
            stream.tell(),
        )
        return
    if pages == 0:
        yield Failure(source, "WARC holds no HTML responses"), stream.tell()
