"""The preloading worker daemon starts PySpark's own daemon whatever happens to the preload."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")

from pyspark import daemon as pyspark_daemon

from zitat.spark import daemon


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(pyspark_daemon, "manager", lambda: calls.append("manager"))
    monkeypatch.setattr(daemon, "preload", lambda model: calls.append(f"preload {model}"))
    return calls


def test_the_named_model_is_loaded_before_the_daemon_starts(
    started: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZITAT_SPARK_MODEL", "rules")
    daemon.main()
    assert started == ["preload rules", "manager"]


def test_none_loads_nothing(started: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZITAT_SPARK_MODEL", "none")
    daemon.main()
    assert started == ["manager"]


def test_a_failed_preload_still_starts_the_daemon(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(pyspark_daemon, "manager", lambda: calls.append("manager"))

    def broken(model: str) -> Any:
        raise OSError(f"no model files for {model}")

    monkeypatch.setattr(daemon, "preload", broken)
    monkeypatch.setenv("ZITAT_SPARK_MODEL", "kaputt")
    daemon.main()
    out, err = capsys.readouterr()
    assert calls == ["manager"]
    assert err.strip() == "zitat.spark.daemon: model not preloaded (OSError: no model files for kaputt)"
    assert out == ""  # stdout belongs to PySpark: the daemon writes its port there
