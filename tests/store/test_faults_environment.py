"""The fault matrix, environment part (docs/reliability.md): a full disk under the archive and under the
output, a read-only archive, another writer's lock, SIGTERM and SIGINT mid-ingest (a PostgreSQL server
that drops the connection: test_faults_postgres.py). Each ends in one clear line, never exit 70, keeps every stored document
whole, and a rerun completes the rest, every document once."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from zitat.cli import main
from zitat.errors import EnvironmentFault
from zitat.store import open_archive

from .articles import CORPUS_DOCUMENTS as DOCUMENTS
from .articles import article, write_jsonl
from .extractor import MODEL
from .test_crash import HERE, SRC, half_written, stored, wait_for

# runs ``zitat`` (the real CLI, with its error handling) with the fast test extractor registered
CHILD = (
    f"import sys; sys.path[:0] = [{str(HERE)!r}, {str(SRC)!r}]; "
    "import extractor; from zitat.cli import main; sys.exit(main(sys.argv[1:]))"
)


def zitat(*args: str, preexec: object = None, prefix: tuple[str, ...] = (), delay: float = 0,
          popen: bool = False) -> subprocess.Popen[bytes] | subprocess.CompletedProcess[bytes]:  # fmt: skip
    command = [*prefix, sys.executable, "-c", CHILD, *args]
    env = {**os.environ, "ZITAT_TEST_EXTRACT_DELAY": str(delay)}
    if popen:
        return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, preexec_fn=preexec)  # type: ignore[arg-type]  # fmt: skip
    return subprocess.run(command, env=env, capture_output=True, timeout=180, preexec_fn=preexec)  # type: ignore[arg-type]


def one_clear_line(stderr: bytes) -> str:
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zitat: ") and "internal error" not in lines[0], lines
    return lines[0]


def file_size_limit(size: int) -> object:
    """A child's ``ulimit -f``: writing past ``size`` bytes fails with EFBIG, as on a full disk."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def ingest_args(corpus: Path, db: str, *more: str) -> tuple[str, ...]:
    return ("ingest", str(corpus), "--db", db, "--model", MODEL, "--quiet", *more)


def assert_complete_after_rerun(corpus: Path, db: str, before: int) -> None:
    rerun = zitat(*ingest_args(corpus, db))
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert f"ingested {DOCUMENTS - before:,} documents" in rerun.stdout.decode()
    with open_archive(db) as archive:
        assert archive.db.value("SELECT count(DISTINCT url) AS n FROM documents") == DOCUMENTS == stored(db)
    assert half_written(db) == 0


def test_disk_full_under_the_archive_is_one_line_and_a_rerun_completes(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "archive.db")
    run = zitat(*ingest_args(corpus, db), preexec=file_size_limit(1_000_000))
    assert run.returncode == EnvironmentFault.exit_code == 74
    line = one_clear_line(run.stderr)
    assert (
        "reading or writing the file failed (a full disk or a file size limit?)" in line
        and "stores the rest" in line
    )
    before = stored(db)
    assert 0 < before < DOCUMENTS and half_written(db) == 0
    assert_complete_after_rerun(corpus, db, before)


@pytest.mark.parametrize("command", ["export", "search"])
def test_disk_full_under_the_output_is_one_line(corpus: Path, tmp_path: Path, command: str) -> None:
    db = str(tmp_path / "archive.db")
    assert zitat(*ingest_args(corpus, db)).returncode == 0
    out = tmp_path / "out.csv"
    args = {
        "export": ("export", "--db", db, "-o", str(out)),
        "search": ("search", "--db", db, "--limit", "400"),
    }
    with out.open("wb") as stdout:  # search writes to its standard output, redirected to the file
        run = subprocess.run([sys.executable, "-c", CHILD, *args[command]], stdout=stdout, stderr=subprocess.PIPE,
                             preexec_fn=file_size_limit(40_000), timeout=120)  # type: ignore[arg-type]  # fmt: skip
    assert run.returncode == 74
    assert "File too large" in one_clear_line(run.stderr)


def test_a_read_only_archive_can_be_searched_and_refuses_an_ingest_in_one_line(
    corpus: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "archive.db")
    write_jsonl(tmp_path / "few.jsonl", [article(n) for n in range(5)])
    assert zitat(*ingest_args(tmp_path / "few.jsonl", db)).returncode == 0
    os.chmod(db, 0o444)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # root ignores file modes: drop the capabilities that let it
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
        prefix = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--")
    search = zitat("search", "Klimaschutz", "--db", db, prefix=prefix)
    assert search.returncode == 0 and "Klimaschutz" in search.stdout.decode()
    run = zitat(*ingest_args(corpus, db), prefix=prefix)
    assert run.returncode == 74
    assert "it is read-only (SQLite: attempt to write a readonly database)" in one_clear_line(run.stderr)
    assert stored(db) == 5
    os.chmod(db, 0o644)
    assert_complete_after_rerun(corpus, db, 5)


def hold_write_lock(db: str, seconds: float) -> threading.Thread:
    """Another writer: a transaction holding the SQLite write lock for ``seconds``."""
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


@pytest.mark.parametrize(
    ("wait", "held", "code"),
    [(10.0, 1.0, 0), (0.3, 2.0, 74)],
    ids=["a short lock is waited for", "a lock held too long is one line"],
)
def test_another_writers_lock(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    wait: float,
    held: float,
    code: int,
) -> None:
    db = str(tmp_path / "archive.db")
    open_archive(db).close()
    monkeypatch.setattr("zitat.store.database.LOCK_TIMEOUT_SECONDS", wait)
    holder = hold_write_lock(db, held)
    assert main([*ingest_args(corpus, db)]) == code
    if code:
        line = one_clear_line(capsys.readouterr().err.encode())
        assert "another process holds its lock (SQLite: database is locked)" in line
    holder.join()
    if not code:
        assert stored(db) == DOCUMENTS
    assert_complete_after_rerun(corpus, db, stored(db))


@pytest.mark.parametrize(
    ("signum", "code", "said"), [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")]
)
def test_sigterm_and_sigint_mid_ingest_stop_cleanly_within_5_s(
    corpus: Path, tmp_path: Path, signum: int, code: int, said: str
) -> None:
    db = str(tmp_path / "archive.db")
    open_archive(db).close()
    child = zitat(*ingest_args(corpus, db, "--workers", "2"), delay=0.02, popen=True)
    assert isinstance(child, subprocess.Popen)
    try:
        wait_for(lambda: stored(db) >= 30 or child.poll() is not None)
        sent = time.monotonic()
        # SIGINT goes to the whole process group, as Ctrl-C in a terminal does; SIGTERM to the main process
        os.killpg(child.pid, signum) if signum == signal.SIGINT else child.send_signal(signum)
        _, err = child.communicate(timeout=5)
        took = time.monotonic() - sent
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    assert child.returncode == code and took < 5, err
    assert one_clear_line(err) == f"zitat: {said}; what was done so far is kept"
    with pytest.raises(ProcessLookupError):  # no worker is left behind
        os.killpg(child.pid, 0)
    before = stored(db)
    assert 30 <= before < DOCUMENTS and half_written(db) == 0
    assert_complete_after_rerun(corpus, db, before)
