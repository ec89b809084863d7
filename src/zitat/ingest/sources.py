"""Every input format of ``zitat ingest``: files, folders and standard input, by extension and by content.

Plain text and HTML go to ``zitat.ingest.readers``; this module adds RSS/Atom feeds, WARC and WARC.gz,
gzip-compressed inputs (JSONL.gz above all) and JSONL lines that already hold extracted documents
(the JSON contract, stored without extracting again). Every item comes with the number of input bytes
read so far, which drives the progress bar's ETA.
"""

from __future__ import annotations

import io
import itertools
import json
import shutil
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from zitat.ingest.article import Article, Failure
from zitat.ingest.feeds import looks_like_feed, read_feed
from zitat.ingest.readers import InputProblem, json_article, read_bytes, read_file
from zitat.ingest.warc import read_warc

JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"
MAX_GUNZIPPED_BYTES = 10 * 1024 * 1024  # a gzip-compressed single document; JSONL.gz streams instead
SNIFF_BYTES = 4096
GUNZIP_PIECE = 64 * 1024
GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib reads the gzip header and checks the CRC
STDIN_IN_MEMORY = 10 * 1024 * 1024


@dataclass
class Extracted:
    """A document already in the JSON contract (a line of ``zitat extract --format jsonl`` output)."""

    record: dict[str, Any]
    source: str


Item = Article | Extracted | Failure


class InputSet:
    """The inputs of one run: files (folders expanded, sorted) and '-' for standard input."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.entries: list[str | Path] = []
        self.missing: list[Failure] = []
        for path in paths:
            self._add(path)

    def _add(self, path: str) -> None:
        if path == "-":
            self.entries.append(path)
            return
        target = Path(path)
        if target.is_dir():
            files = sorted(p for p in target.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not files:
                self.missing.append(Failure(path, "folder contains no files"))
            self.entries.extend(files)
        else:
            self.entries.append(target)

    @property
    def total_bytes(self) -> int | None:
        """Input size for the ETA; unknown (None) when reading standard input."""
        total = 0
        for entry in self.entries:
            if entry == "-":
                return None
            try:
                total += Path(entry).stat().st_size
            except OSError:
                continue
        return total

    def __iter__(self) -> Iterator[tuple[Item, int]]:
        """Every item with the input bytes consumed so far (all earlier files plus the current offset)."""
        for failure in self.missing:
            yield failure, 0
        done = 0
        for entry in self.entries:
            size = 0
            if entry == "-":
                items = read_stdin()
            else:
                size = _size(Path(entry))
                items = read_path(Path(entry))
            for item, offset in items:
                yield item, done + min(offset, size)
            done += size


def read_stdin() -> Iterator[tuple[Item, int]]:
    """Items of standard input, spooled to a temporary file (in memory up to ``STDIN_IN_MEMORY``): the
    readers seek in their input, and a large dump piped in must not be held whole."""
    with tempfile.SpooledTemporaryFile(max_size=STDIN_IN_MEMORY) as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.seek(0)
        yield from read_stream(cast(BinaryIO, spool), "<stdin>", "stdin")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_path(path: Path) -> Iterator[tuple[Item, int]]:
    """Items of one file with their byte offset in it."""
    if not path.is_file():
        for item in read_file(path):  # the readers word missing files and folders
            yield item, 0
        return
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
            stream.seek(0)
            if _needs_stream_reader(path.name.lower(), head):
                yield from read_stream(stream, str(path), path.name)
                return
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}"), 0
        return
    for item in read_file(path):  # text and HTML: the readers, with their size checks
        yield item, _size(path)


def read_stream(stream: BinaryIO, source: str, name: str) -> Iterator[tuple[Item, int]]:
    """Items of one seekable binary stream, by ``name``'s extension and then by content."""
    lower = name.lower()
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if lower.endswith(WARC_SUFFIXES) or _is_warc(head):
        yield from read_warc(stream, source)
    elif head.startswith(GZIP_MAGIC):
        yield from read_gzip(stream, source, name[:-3] if lower.endswith(".gz") else name)
    elif lower.endswith(JSONL_SUFFIXES) or (not lower.endswith(FEED_SUFFIXES) and _starts_json(head)):
        yield from read_jsonl(stream, source, Path(name).stem, stream)
    elif lower.endswith(FEED_SUFFIXES) or looks_like_feed(head):
        data = stream.read()
        for item in read_feed(data, source):
            yield item, len(data)
    else:
        data = stream.read()
        for item in read_bytes(data, source, name):
            yield item, len(data)


def _needs_stream_reader(name: str, head: bytes) -> bool:
    """Whether a file is for this module (WARC, gzip, JSONL, feed) rather than the text and HTML readers."""
    if name.endswith((".gz", *WARC_SUFFIXES, *JSONL_SUFFIXES, *FEED_SUFFIXES)) or _is_warc(head):
        return True
    return head.startswith(GZIP_MAGIC) or _starts_json(head) or looks_like_feed(head)


def _starts_json(head: bytes) -> bool:
    """Whether an input's first bytes open a JSON object (after a byte order mark and blanks)."""
    return head.removeprefix(UTF8_BOM).lstrip()[:1] == b"{"


def _is_warc(head: bytes) -> bool:
    return (_gunzipped_head(head, 16) if head.startswith(GZIP_MAGIC) else head).startswith(b"WARC/")


def _gunzipped_head(head: bytes, size: int) -> bytes:
    """The first ``size`` unpacked bytes of a gzip stream's first bytes (none where they are damaged)."""
    try:
        return zlib.decompressobj(GZIP_WBITS).decompress(head, size)
    except zlib.error:
        return b""


def read_gzip(stream: BinaryIO, source: str, inner_name: str) -> Iterator[tuple[Item, int]]:
    """A gzip-compressed input: JSONL streams line by line, anything else is unpacked and read whole.

    JSONL is known by the inner name or, for standard input and names such as ``dump.gz``, by its first
    unpacked bytes: read whole, a truncated dump would lose the complete lines before the break.
    """
    head = _gunzipped_head(stream.read(SNIFF_BYTES), SNIFF_BYTES)
    stream.seek(0)
    chunks = gunzipped(stream)
    try:
        if inner_name.lower().endswith(JSONL_SUFFIXES) or _starts_json(head):
            lines = lines_of(chunks)
            yield from read_jsonl(lines, source, Path(inner_name).stem, stream, "corrupt gzip data")
            return
        data = b"".join(itertools.islice(chunks, MAX_GUNZIPPED_BYTES // GUNZIP_PIECE + 2))
        if len(data) > MAX_GUNZIPPED_BYTES:
            reason = "too large once unpacked (use JSONL.gz for many documents)"
            yield Failure(source, reason), stream.tell()
            return
    except (EOFError, zlib.error) as exc:
        yield Failure(source, f"corrupt gzip data: {exc}"), stream.tell()
        return
    yield from read_stream(io.BytesIO(data), source, inner_name)


def gunzipped(stream: BinaryIO) -> Iterator[bytes]:
    """The unpacked bytes of a gzip stream (members one after another), in pieces of at most
    ``GUNZIP_PIECE``; at damage, every byte before it, then the error (``zlib.error``, ``EOFError``).

    ``gzip.GzipFile`` loses what the damaged block of input held before the damage."""
    decompressor, started, data = zlib.decompressobj(GZIP_WBITS), False, b""
    while data or (data := stream.read(GUNZIP_PIECE)):
        started = True
        before = decompressor.copy()
        try:
            yield decompressor.decompress(data, GUNZIP_PIECE)
        except zlib.error:
            yield from _bytes_before_damage(before, data)
            raise
        data = decompressor.unconsumed_tail
        if decompressor.eof:  # the next member, if any (concatenated gzip files are one stream)
            data, decompressor, started = decompressor.unused_data, zlib.decompressobj(GZIP_WBITS), False
    if started:
        raise EOFError("compressed file ended before the end-of-stream marker was reached")


def _bytes_before_damage(decompressor: Any, data: bytes) -> Iterator[bytes]:
    for index in range(len(data)):  # byte by byte: only the damaged one is lost
        try:
            yield decompressor.decompress(data[index : index + 1])
        except zlib.error:
            return


def lines_of(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The lines of a stream given in chunks, split at b"\\n" only; an error in ``chunks`` ends them
    before the line it cuts."""
    parts: list[bytes] = []
    for chunk in chunks:
        *lines, last = chunk.split(b"\n")
        if lines:
            lines[0] = b"".join([*parts, lines[0]])
            parts = []
            yield from lines
        parts.append(last)
    if tail := b"".join(parts):
        yield tail


def read_jsonl(
    lines: Iterable[bytes], source: str, stem: str, raw: BinaryIO, damage: str = "unreadable data"
) -> Iterator[tuple[Item, int]]:
    """One item per non-empty line; ``raw`` is the underlying file, whose offset measures progress.

    A read error ends the input with one failure (``damage`` and the error) after the lines before it.
    """
    lineno, records = 0, 0
    try:
        for lineno, line in enumerate(lines, 1):
            if line.strip():
                records += 1
                record = line.removeprefix(UTF8_BOM) if lineno == 1 else line
                yield jsonl_item(record, f"{source}:{lineno}", f"{stem}-{lineno}"), raw.tell()
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(f"{source}:{lineno + 1}", f"{damage}: {exc}"), raw.tell()
        return
    if not records:
        yield Failure(source, "empty input"), raw.tell()


def jsonl_item(line: bytes, where: str, default_id: str) -> Item:
    try:
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            raise InputProblem("not valid UTF-8") from None
        except json.JSONDecodeError as exc:
            raise InputProblem(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
        if isinstance(record, dict) and isinstance(record.get("document"), dict) and "statements" in record:
            return extracted_item(record, where)
        return json_article(record, where, default_id)
    except InputProblem as problem:
        return Failure(where, str(problem))


def extracted_item(record: dict[str, Any], where: str) -> Extracted:
    document = record["document"]
    if not isinstance(document.get("text"), str) or not document.get("id"):
        raise InputProblem("extracted document lacks 'document.id' or 'document.text'")
    if not isinstance(record["statements"], list):
        raise InputProblem("'statements' is not a list")
    if _holds_nul(record):  # databases refuse NUL; its offsets forbid changing the text
        raise InputProblem("extracted document holds NUL characters")
    return Extracted(record, where)


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(item) for item in value.values())
    return isinstance(value, list) and any(_holds_nul(item) for item in value)
