"""Crash safety and concurrent reading: ``kill -9`` mid-ingest, then rerun; search while ingesting."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from zitat.store import open_archive

from .articles import article, write_jsonl
from .extractor import MODEL

DOCUMENTS = 240
HERE = Path(__file__).parent
SRC = HERE.parents[1] / "src"
CHILD = (
    f"import sys; sys.path[:0] = [{str(HERE)!r}, {str(SRC)!r}]; "
    "import extractor; from articles import run_cli; sys.exit(run_cli(*sys.argv[1:]))"
)


def start_ingest(location: str, corpus: Path, delay: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ZITAT_TEST_EXTRACT_DELAY": str(delay)}
    command = [sys.executable, "-c", CHILD, "ingest", str(corpus), "--db", location, "--model", MODEL]
    return subprocess.Popen(
        [*command, "--workers", "2", "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def stored(location: str) -> int:
    with open_archive(location) as archive:
        return int(archive.db.value("SELECT count(*) AS n FROM documents"))


def half_written(location: str) -> int:
    """Documents whose statements are not all there (never allowed to be seen)."""
    with open_archive(location) as archive:
        return int(
            archive.db.value(
                "SELECT count(*) AS n FROM documents d WHERE statement_count <> "
                "(SELECT count(*) FROM statements s WHERE s.document_id = d.id)"
            )
        )


def wait_for(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_kill_9_mid_ingest_then_rerun_stores_every_document_once(location: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(n) for n in range(DOCUMENTS)])
    open_archive(location).close()
    child = start_ingest(location, corpus, delay=0.02)
    try:
        wait_for(lambda: stored(location) >= 30 or child.poll() is not None)
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    before = stored(location)
    assert 30 <= before < DOCUMENTS, "the kill must land mid-run"

    rerun = start_ingest(location, corpus, delay=0)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    assert f"ingested {DOCUMENTS - before:,} documents" in out.decode()
    with open_archive(location) as archive:
        db = archive.db
        assert db.value("SELECT count(*) AS n FROM documents") == DOCUMENTS
        assert db.value("SELECT count(DISTINCT url) AS n FROM documents") == DOCUMENTS
        assert db.value("SELECT count(*) AS n FROM statements") == 2 * DOCUMENTS
        assert db.value("SELECT count(DISTINCT document_id) AS n FROM statements") == DOCUMENTS
    assert half_written(location) == 0


def test_search_during_ingest_never_sees_half_written_documents(location: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(n) for n in range(120)])
    open_archive(location).close()
    child = start_ingest(location, corpus, delay=0.01)
    seen = []
    with open_archive(location) as reader:
        while child.poll() is None:
            seen.append(reader.count("Klimaschutz"))
            assert half_written(location) == 0
    _, err = child.communicate()
    assert child.returncode == 0, err.decode()
    assert len(seen) > 3 and seen == sorted(seen) and seen[-1] <= 24
    with open_archive(location) as archive:
        assert archive.count("Klimaschutz") == 24
