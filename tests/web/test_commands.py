"""`zitat serve` argument handling (the live server itself is exercised by the browser tests)."""

from __future__ import annotations

import pytest

from zitat.web.__main__ import main


def test_serve_reports_a_bad_archive_location_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", "/no/such/folder/zitat.db", "--port", "8123"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("zitat: error:") and "does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [("--port", "70000", "--port"), ("--model", "nope", "unknown model"), ("--threads", "0", "--threads")],
)
def test_serve_rejects_bad_options(
    capsys: pytest.CaptureFixture[str], option: str, value: str, problem: str
) -> None:
    assert main(["serve", "--db", ":memory:", option, value]) == 1
    assert problem in capsys.readouterr().err


def test_serve_defaults_to_loopback() -> None:
    import argparse

    from zitat.web.commands import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["serve"])
    assert (args.host, args.port, args.max_body_mb, args.threads) == ("127.0.0.1", 8000, 5.0, 4)


def test_requests_run_in_as_many_threads_as_asked() -> None:
    import anyio.to_thread
    from fastapi.testclient import TestClient

    from zitat.web.app import create_app

    app = create_app(None, threads=3)

    @app.get("/limit")
    async def limit() -> int:
        return int(anyio.to_thread.current_default_thread_limiter().total_tokens)

    with TestClient(app) as client:  # the limit is set when the app starts
        assert client.get("/limit").json() == 3
