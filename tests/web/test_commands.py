"""`zitat serve` argument handling (the live server itself is exercised by the browser tests)."""

from __future__ import annotations

import pytest

from zitat.web.__main__ import main


def test_serve_reports_a_bad_archive_location_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", "/no/such/folder/zitat.db", "--port", "8123"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("zitat: error:") and "does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("option", "value", "problem"), [("--port", "70000", "--port"), ("--model", "nope", "unknown model")]
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
    assert (args.host, args.port, args.max_body_mb) == ("127.0.0.1", 8000, 5.0)
