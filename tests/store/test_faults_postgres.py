"""The fault matrix, PostgreSQL part (docs/reliability.md): the server drops the ingest's connection (as a
restart or a failover does). The ingest reconnects, waits doubling, stores the uncommitted documents
again and finishes with every document once; a server that stays away ends it in one line, exit 74,
with every stored document whole, and a rerun completes the rest."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zitat.cli import main
from zitat.store import open_archive
from zitat.store.archive import Archive
from zitat.store.database import PostgresDatabase

from .articles import CORPUS_DOCUMENTS as DOCUMENTS
from .test_crash import half_written, stored, wait_for
from .test_faults_environment import assert_complete_after_rerun, ingest_args, one_clear_line, zitat

GROUP = 50  # documents per group commit in the in-process tests, so that the drop lands mid-group


def on_server(server: str, url: str, sql: str) -> None:
    """Run ``sql`` about the database at ``url`` (``{database}``) from the server's own database."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.format(database=url.rpartition("/")[2]))  # type: ignore[arg-type]


def drop_sessions(server: str, url: str, refuse: bool = False) -> None:
    """End every session on the database at ``url``, as a server restart does; ``refuse``: and let no
    new one in (the server stays away)."""
    if refuse:
        on_server(server, url, "ALTER DATABASE {database} WITH ALLOW_CONNECTIONS false")
    on_server(
        server, url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
    )


def drop_on_call(
    monkeypatch: pytest.MonkeyPatch, owner: type, method: str, call: int, drop: Callable[[], None],
    counts: Callable[[Any], bool] = lambda self: True,
) -> None:  # fmt: skip
    """``drop()`` just before the ``call``-th call of ``owner.method`` (of those that ``counts``)."""
    original = getattr(owner, method)
    calls = itertools.count(1)

    def dropping(self: Any, *args: Any, **kwargs: Any) -> Any:
        if counts(self) and next(calls) == call:
            drop()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, method, dropping)


def assert_stored_once(url: str) -> None:
    with open_archive(url) as archive:
        assert archive.db.value("SELECT count(DISTINCT url) AS n FROM documents") == DOCUMENTS == stored(url)
    assert half_written(url) == 0


def empty_archive_with_small_groups(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty archive, and commits every GROUP documents (never by time), so a drop lands mid-group."""
    open_archive(url).close()
    monkeypatch.setattr("zitat.store.batch.GROUP_COMMIT_DOCUMENTS", GROUP)
    monkeypatch.setattr("zitat.store.batch.GROUP_COMMIT_SECONDS", 60.0)


@pytest.mark.parametrize(
    ("owner", "method", "call", "counts"),
    [
        (Archive, "store", 3 * GROUP // 2, None),  # while storing a document, half a group uncommitted
        (Archive, "is_stored", 3 * GROUP // 2, None),  # while looking up whether to extract one
        (PostgresDatabase, "commit", 3, lambda db: db.depth == 1),  # at the 3rd group commit
    ],
    ids=["store", "look-up", "commit"],
)
def test_postgres_dropping_the_connection_mid_ingest_is_retried_and_every_document_stored_once(
    corpus: Path, postgres_url: str, postgres_server: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], owner: type, method: str, call: int, counts: Callable[[Any], bool] | None,
) -> None:  # fmt: skip
    empty_archive_with_small_groups(postgres_url, monkeypatch)
    drop_on_call(
        monkeypatch,
        owner,
        method,
        call,
        lambda: drop_sessions(postgres_server, postgres_url),
        counts or (lambda _: True),
    )
    assert main([*ingest_args(corpus, postgres_url, "--reconnect", "1", "--json")]) == 0
    summary = json.loads(capsys.readouterr().out)
    # counted once although the uncommitted documents were stored twice
    assert (summary["ingested"], summary["duplicates"], summary["reconnects"]) == (DOCUMENTS, 0, 1)
    assert len(summary["document_ids"]) == len(set(summary["document_ids"])) == DOCUMENTS
    assert_stored_once(postgres_url)
    with open_archive(postgres_url) as archive:
        assert archive.db.value("SELECT count(*) AS n FROM statements") == summary["statements"]


def test_postgres_staying_away_ends_the_ingest_in_one_line_and_a_rerun_completes(
    corpus: Path, postgres_url: str, postgres_server: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    empty_archive_with_small_groups(postgres_url, monkeypatch)
    drop_on_call(
        monkeypatch,
        Archive,
        "store",
        3 * GROUP // 2,
        lambda: drop_sessions(postgres_server, postgres_url, refuse=True),
    )
    started = time.monotonic()
    assert main([*ingest_args(corpus, postgres_url, "--reconnect", "0.6")]) == 74
    took = time.monotonic() - started
    line = one_clear_line(capsys.readouterr().err.encode())
    assert "the database server failed (terminating connection due to administrator command), and " in line
    assert "5 reconnects in 0.6 s failed (" in line and "is not currently accepting connections" in line
    assert line.endswith("once this is fixed, the same command stores the rest")
    assert took >= 0.6  # it waited for the server before giving up
    monkeypatch.undo()
    on_server(postgres_server, postgres_url, "ALTER DATABASE {database} WITH ALLOW_CONNECTIONS true")
    assert stored(postgres_url) == GROUP and half_written(postgres_url) == 0  # the committed group, whole
    assert_complete_after_rerun(corpus, postgres_url, GROUP)


def test_postgres_dropping_the_connection_under_the_real_cli_is_retried(
    corpus: Path, postgres_url: str, postgres_server: str
) -> None:
    """The same, unprepared: the real ``zitat ingest`` with two workers, its session ended at any moment."""
    open_archive(postgres_url).close()
    child = zitat(*ingest_args(corpus, postgres_url, "--workers", "2", "--json"), delay=0.01, popen=True)
    assert isinstance(child, subprocess.Popen)
    try:
        for count in (30, 150):
            wait_for(lambda: stored(postgres_url) >= count or child.poll() is not None)  # noqa: B023
            drop_sessions(postgres_server, postgres_url)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    assert child.returncode == 0, err.decode()
    summary = json.loads(out)
    assert summary["ingested"] == DOCUMENTS and 1 <= summary["reconnects"] <= 2, summary
    assert_stored_once(postgres_url)
