"""Archives to test against: SQLite in a temporary folder, and PostgreSQL when a server can be had.

PostgreSQL comes from ``ZITAT_TEST_POSTGRES_URL`` (a server whose user may create databases) or else
from a throwaway cluster started here with the installed server binaries (Debian package
``postgresql``); when neither exists, PostgreSQL tests skip and say why.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .articles import CORPUS_DOCUMENTS, article, write_jsonl

SERVER_USER = "postgres"  # the server refuses to run as root; Debian's package creates this user


def _server_binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_USER, "--", *command]


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder, trusting local connections, stopped at the end."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="zitat-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        if os.geteuid() == 0:
            account = pwd.getpwnam(SERVER_USER)
            os.chown(self.folder, account.pw_uid, account.pw_gid)

    def _run(self, *args: str) -> None:
        subprocess.run(
            _as_server_user([str(self.binaries / args[0]), *args[1:]]),
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> str:
        self._run("initdb", "-D", str(self.data), "-U", "zitat", "--auth=trust", "-E", "UTF8", "--locale=C")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )
        return f"postgresql://zitat@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A URL of a PostgreSQL server where the test user may create databases."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'zitat[postgres]')")
    given = os.environ.get("ZITAT_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    binaries = _server_binaries()
    if binaries is None:
        pytest.skip(
            "no PostgreSQL server binaries (apt-get install postgresql) and no ZITAT_TEST_POSTGRES_URL"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            pytest.skip(f"running as root and there is no {SERVER_USER!r} user to run the PostgreSQL server")
    cluster = ThrowawayCluster(binaries)
    try:
        url = cluster.start()
    except subprocess.CalledProcessError as exc:
        pytest.skip(
            f"could not start a PostgreSQL cluster: {exc.stderr.decode(errors='replace').strip()[:300]}"
        )
    yield url
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    import psycopg

    name = f"zitat_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = postgres_server.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where an archive lives: a SQLite file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A JSONL file of ``CORPUS_DOCUMENTS`` distinct articles."""
    return write_jsonl(tmp_path / "corpus.jsonl", [article(n) for n in range(CORPUS_DOCUMENTS)])
