"""Shared pytest fixtures for the web tests: an in-memory archive, a SQLite archive built through
``zitat.store`` and a live ``zitat serve`` over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from zitat.web.commands import serve_argv
from zitat.web.extraction import ExtractionWorker

from .fixtures import MemoryArchive, extracted_articles
from .live import LiveServer, free_port, start


@pytest.fixture(scope="session")
def extractor() -> Iterator[ExtractionWorker]:
    worker = ExtractionWorker("rules")
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
def memory_archive(extractor: ExtractionWorker) -> MemoryArchive:
    archive = MemoryArchive()
    archive.ingest(extracted_articles(extractor))
    return archive


@pytest.fixture(scope="session")
def archive_path(tmp_path_factory: pytest.TempPathFactory, extractor: ExtractionWorker) -> Path:
    """A SQLite archive holding the fixture articles, stored through the archive's Python API."""
    from zitat.web.archive import StoreArchive

    path = tmp_path_factory.mktemp("archive") / "web.db"
    StoreArchive(str(path)).ingest(extracted_articles(extractor))
    return path


@pytest.fixture(scope="session")
def live_server(archive_path: Path) -> Iterator[LiveServer]:
    port = free_port()
    server = start(serve_argv("--db", str(archive_path), "--port", str(port)), port)
    try:
        for name, query in (("xss_speaker", "Sprecherin"), ("gewessler", "Gewessler")):
            found = httpx.get(f"{server.url}/api/speakers", params={"q": query}).json()["items"]
            server.speaker_ids[name] = found[0]["id"]
        yield server
    finally:
        server.stop()
