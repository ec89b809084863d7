"""Readers for plain text, HTML and JSONL input, with the checks that turn bad input into one clear line.

Every reader yields ``Article`` or ``Failure`` records; nothing here raises on bad content, so a run
over many inputs can go on and list its failures at the end.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from zitat.document import DocumentMeta
from zitat.ingest.article import Article, Failure, author_text
from zitat.text.language import detect_language

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # far above any news article; guards memory and runtime
MIN_WORDS_FOR_LANGUAGE_CHECK = 15  # below this, German may look 'unknown' (too few function words)
MIN_HTML_ARTICLE_WORDS = 5  # what trafilatura finds on a page without an article is a menu label or two
META_FIELDS = ("title", "url", "published", "outlet", "author")

# magic numbers of formats that are surely not text
BINARY_SIGNATURES = {
    b"\x1f\x8b": "gzip-compressed data",
    b"PK\x03\x04": "a ZIP archive (e.g. .docx)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}


META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
BODY_TAG = re.compile(r"<body\b", re.IGNORECASE)
META_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
TRAFILATURA_AUTHORS = ";"  # trafilatura joins several authors with "; "
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


# ä ö ü ß Ä Ö Ü é in Latin-1: the bytes a German Latin-1 text breaks UTF-8 with
LATIN1_LETTERS = frozenset(b"\xe4\xf6\xfc\xdf\xc4\xd6\xdc\xe9")


class InputProblem(Exception):
    """Raised inside this module only; readers turn it into a ``Failure``."""


def decode(data: bytes) -> str:
    """UTF-8 text of ``data``, or an ``InputProblem`` saying why it isn't text."""
    if not data.strip():
        raise InputProblem("empty input")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputProblem(f"binary file ({what}), not text")
    if b"\x00" in data[:65536]:
        raise InputProblem("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        hint = (
            " (looks like Latin-1: convert with `iconv -f latin1 -t utf-8`)" if byte in LATIN1_LETTERS else ""
        )
        raise InputProblem(f"not valid UTF-8: byte 0x{byte:02x} at offset {exc.start}{hint}") from None


def check_size(size: int) -> None:
    if size > MAX_DOCUMENT_BYTES:
        raise InputProblem(
            f"too large: {size / 1e6:.1f} MB (limit {MAX_DOCUMENT_BYTES / 1e6:.0f} MB per document; "
            "split it into articles, e.g. as JSONL)"
        )


def clean_text(text: str) -> str:
    """``text`` with NUL characters and unpaired surrogates (broken UTF-16 escapes in JSON) replaced by
    U+FFFD: databases refuse to store them, and one character for one keeps every offset."""
    return UNSTORABLE.sub("\ufffd", text)


def check_text(text: str) -> str:
    """The text stripped and cleaned, after the checks every article passes (non-empty, German)."""
    text = clean_text(text).strip()
    if not text:
        raise InputProblem("no text")
    check_size(len(text.encode("utf-8")))
    language = detect_language(text)
    # short texts give little evidence: reject them only when another language is positively recognized
    if language != "de" and (language != "unknown" or len(text.split()) >= MIN_WORDS_FOR_LANGUAGE_CHECK):
        raise InputProblem("not German text (zitat reads German news only)")
    return text


def sniff_format(name: str, text: str) -> str:
    """'html', 'jsonl' or 'text', by file extension first, then by content."""
    suffix = Path(name).suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix in {".txt", ".text", ".md"}:
        return "text"
    head = text.lstrip()[:2000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head:
        return "html"
    return "text"


def meta_author(html: str) -> str | None:
    """The content of the page's first non-empty ``<meta name="author">`` that is not a web address."""
    import html as entities

    body = BODY_TAG.search(html)
    for tag in META_TAG.findall(html[: body.start()] if body else html):
        attributes = {name.lower(): "".join(values) for name, *values in META_ATTRIBUTE.findall(tag)}
        if attributes.get("name", "").strip().lower() != "author":
            continue
        author = author_text(entities.unescape(attributes.get("content", "")))
        if author and not author.lower().startswith(("http://", "https://", "www.")):
            return author
    return None


def html_author(found: str | None, html: str) -> str | None:
    """trafilatura's author (from a byline or the metadata), else the ``<meta name="author">``'s.

    trafilatura drops short names such as agency bylines ("dpa") that the meta tag still has; it joins
    several authors with "; ", which become the archive's one separator.
    """
    return author_text((found or "").split(TRAFILATURA_AUTHORS)) or meta_author(html)


def html_article(html: str, source: str, doc_id: str) -> Article:
    import trafilatura  # imported here: loading it costs ~0.3 s that plain-text runs should not pay
    from trafilatura.settings import Document

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = (extracted.text if isinstance(extracted, Document) else None) or ""
    if not isinstance(extracted, Document) or len(body.split()) < MIN_HTML_ARTICLE_WORDS:
        raise InputProblem("HTML page with no article text")
    meta = DocumentMeta(
        id=doc_id,
        title=extracted.title,
        url=extracted.url,
        published=extracted.date,
        outlet=extracted.sitename,
        author=html_author(extracted.author, html),
    )
    return Article(check_text(body), meta, source)


def json_article(record: Any, source: str, default_id: str) -> Article:
    if not isinstance(record, dict):
        raise InputProblem("JSON line is not an object")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputProblem("JSON object lacks a string field 'text'")
    meta = DocumentMeta(id=str(record.get("id") or default_id))
    for name in META_FIELDS:
        setattr(meta, name, meta_value(name, record.get(name)))
    return Article(check_text(text), meta, source)


def meta_value(name: str, value: Any) -> str | None:
    """A metadata field of a JSON or Parquet record as ``DocumentMeta`` holds it: text, or None.

    ``author`` may be a list of names (joined); an author that is no text (a number, an object) is
    dropped rather than stored as its Python spelling.
    """
    text = author_text(value) if name == "author" else None if value is None else str(value)
    return None if text is None else clean_text(text)


def jsonl_articles(text: str, source: str, stem: str) -> Iterator[Article | Failure]:
    # "\n" only: str.splitlines() also splits on U+2028, U+0085, \x0c …, which JSON strings may hold raw;
    # json.loads ignores the "\r" of a CRLF line
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputProblem(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
            yield json_article(record, where, f"{stem}-{lineno}")
        except InputProblem as problem:
            yield Failure(where, str(problem))


def read_bytes(data: bytes, source: str, name: str) -> Iterator[Article | Failure]:
    """Articles in one input's bytes; ``name`` (a file name) guides format detection."""
    stem = Path(name).stem or "stdin"
    try:
        text = decode(data)
        fmt = sniff_format(name, text)
        if fmt == "jsonl":
            yield from jsonl_articles(text, source, stem)
            return
        check_size(len(data))
        if fmt == "html":
            yield html_article(text, source, stem)
        else:
            yield Article(check_text(text), DocumentMeta(id=stem), source)
    except InputProblem as problem:
        yield Failure(source, str(problem))


def read_inputs(paths: Iterable[str]) -> Iterator[Article | Failure]:
    """Articles from files, folders (recursively, sorted) and '-' (standard input), in the order given."""
    for path in paths:
        if path == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", "stdin")
            continue
        target = Path(path)
        if target.is_dir():
            files = sorted(p for p in target.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not files:
                yield Failure(path, "folder contains no files")
            for file in files:
                yield from read_file(file)
        else:
            yield from read_file(target)


def read_file(path: Path) -> Iterator[Article | Failure]:
    try:
        size = path.stat().st_size
        if path.suffix.lower() not in {".jsonl", ".ndjson"} and size > MAX_DOCUMENT_BYTES:
            check_size(size)  # refuse before reading a huge file into memory
        data = path.read_bytes()
    except FileNotFoundError:
        yield Failure(str(path), "no such file")
        return
    except IsADirectoryError:
        yield Failure(str(path), "is a directory")
        return
    except PermissionError:
        yield Failure(str(path), "permission denied")
        return
    except InputProblem as problem:
        yield Failure(str(path), str(problem))
        return
    yield from read_bytes(data, str(path), path.name)
