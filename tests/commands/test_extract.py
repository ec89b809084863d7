"""`zitat extract` end to end: the JSON contract, JSONL for several documents, bad input as one line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from zitat.cli import main

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "docs" / "output.schema.json").read_text(encoding="utf-8"))
SAMPLES = sorted((REPO / "samples").glob("*.txt"))

ARTICLE = (
    "Nato-Gipfel in Brüssel\n\n"
    "„Wir werden die Ukraine unterstützen, solange es nötig ist“, sagte Nato-Generalsekretär Jens Stoltenberg "
    "am Mittwoch. Er sagte, das Bündnis sei geschlossen."
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def check_contract(obj: dict) -> None:
    jsonschema.validate(obj, SCHEMA)
    text = obj["document"]["text"]
    for stmt in obj["statements"]:
        for role in ("cue", "message", "source", "addressee", "frame"):
            if stmt[role] is None:
                continue
            spans = stmt[role]["spans"]
            assert stmt[role]["text"] == " ".join(text[s["start"] : s["end"]] for s in spans)
            assert all(0 <= s["start"] < s["end"] <= len(text) for s in spans)
        if stmt["nested_in"] is not None:
            assert stmt["nested_in"] in {s["id"] for s in obj["statements"]}


def test_single_document_gives_one_json_object_honouring_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nato.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, str(path), "--format", "json")
    assert code == 0
    obj = json.loads(out)
    check_contract(obj)
    assert obj["document"]["id"] == "nato"
    messages = [s["message"]["text"] for s in obj["statements"] if s["message"]]
    assert any("Wir werden die Ukraine unterstützen" in m for m in messages)
    assert any(m.startswith("das Bündnis sei geschlossen") for m in messages)


def test_samples_give_jsonl_in_input_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *map(str, SAMPLES), "--format", "json")
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert [o["document"]["id"] for o in objects] == [p.stem for p in SAMPLES]
    for obj in objects:
        check_contract(obj)
        assert len(obj["statements"]) >= 3


def test_stdin_and_table_format(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    code, out, _ = run(capsys, "-")
    assert code == 0
    assert "SPEAKER" in out and "Jens Stoltenberg (Er)" in out and "sagte" in out


def test_bad_inputs_are_listed_and_the_rest_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "gut.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "leer.txt"
    empty.write_bytes(b"")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(ARTICLE.encode("latin-1", errors="replace"))
    code, out, err = run(capsys, str(empty), str(good), str(latin1), "--format", "jsonl")
    assert code == 1
    assert [json.loads(line)["document"]["id"] for line in out.splitlines()] == ["gut"]
    assert f"zitat: error: {empty}: empty input" in err
    assert f"zitat: error: {latin1}: not valid UTF-8" in err
    assert "Traceback" not in err


def test_unknown_model_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, str(path), "--model", "gibtsnicht")
    assert code == 1
    assert err.strip().startswith("zitat: error: unknown model 'gibtsnicht'")
    assert len(err.strip().splitlines()) == 1


def test_spkatt_format_keeps_tokens_and_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, str(path), "--format", "spkatt")
    assert code == 0
    obj = json.loads(out)
    assert obj["DocumentName"] == "a"
    tokens = [t for s in obj["Sentences"] for t in s["Tokens"]]
    assert "Stoltenberg" in tokens
    assert obj["Annotations"], "the quote should be found"
    for ann in obj["Annotations"]:
        for ref in ann["Message"]:
            sent, tok = map(int, ref.split(":"))
            assert 0 <= tok < len(obj["Sentences"][sent]["Tokens"])
