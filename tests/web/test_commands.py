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
    assert (args.max_chars, args.extract_timeout) == (200_000, 60.0)


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


@pytest.mark.parametrize(
    ("host", "token", "warned"),
    [("0.0.0.0", None, True), ("::", None, True), ("192.168.1.20", None, True), ("zitat.example", None, True),
     ("0.0.0.0", "geheim", False), ("127.0.0.1", None, False), ("::1", None, False), ("localhost", None, False),
     ("127.0.0.2", None, False)],
)  # fmt: skip
def test_serving_beyond_loopback_without_a_token_warns_in_one_line_at_start(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    host: str,
    token: str | None,
    warned: bool,
) -> None:
    import uvicorn

    started: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **options: started.append(options))
    if token:
        monkeypatch.setenv("ZITAT_API_TOKEN", token)
    else:
        monkeypatch.delenv("ZITAT_API_TOKEN", raising=False)
    assert main(["serve", "--db", ":memory:", "--host", host, "--model", "rules"]) == 0
    assert started and started[0]["host"] == host
    err = capsys.readouterr().err
    if warned:
        assert err.count("\n") == 1 and err.startswith(f"zitat: warning: serving on {host}")
        assert "ZITAT_API_TOKEN" in err
    else:
        assert err == ""


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [("--max-chars", "0", "--max-chars must be between 1 and 1,500,000"),
     ("--max-chars", "2000000", "--max-chars"), ("--extract-timeout", "0", "--extract-timeout")],
)  # fmt: skip
def test_serve_rejects_bad_limits(
    capsys: pytest.CaptureFixture[str], option: str, value: str, problem: str
) -> None:
    assert main(["serve", "--db", ":memory:", option, value]) == 1
    assert problem in capsys.readouterr().err
