"""SpkAtt files: reading, writing, conversion to statements, and the predict/eval commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from zitat.cli import main
from zitat.document import DocumentMeta, doc_from_tokens
from zitat.spkatt.format import (
    SpkAttArticle,
    annotations_from_statements,
    read_article,
    statements_from_annotations,
    write_article,
)

SENTENCES = [
    ["Der", "Minister", "sagte", ",", "die", "Lage", "sei", "ernst", "."],
    ["„", "Wir", "handeln", "jetzt", "sofort", "“", ",", "betonte", "er", "."],
]
ANNOTATIONS = [
    {"Cue": ["0:2"], "Source": ["0:0", "0:1"], "Addr": [], "Message": ["0:4", "0:5", "0:6", "0:7"],
     "Frame": ["0:0", "0:1", "0:2", "0:3", "0:8"], "Form": "Indirect", "STWR": "Speech",
     "IsNested": False, "HasNested": False},
    {"Cue": ["1:7"], "Source": ["1:8"], "Addr": [], "Message": [f"1:{i}" for i in range(6)],
     "Frame": ["1:6", "1:7", "1:8", "1:9"], "Form": "Direct", "STWR": "Speech",
     "IsNested": False, "HasNested": False},
]  # fmt: skip


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    write_article(gold / "artikel.json", SpkAttArticle("artikel", SENTENCES, ANNOTATIONS))
    return gold


def test_round_trip_keeps_tokens_and_annotations(gold_dir: Path, tmp_path: Path) -> None:
    article = read_article(gold_dir / "artikel.json")
    assert article.sentences == SENTENCES and article.annotations == ANNOTATIONS
    doc = doc_from_tokens(spacy.blank("de").vocab, article.sentences, DocumentMeta(id="artikel"))
    statements = statements_from_annotations(article)
    assert [doc[i].text for i in statements[1].message] == ["„", "Wir", "handeln", "jetzt", "sofort", "“"]
    assert statements[1].source == (17,)  # sentence offset 9 + token 8
    assert annotations_from_statements(doc, statements) == ANNOTATIONS


def test_malformed_file_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kaputt.json").write_text("{nicht json", encoding="utf-8")
    (tmp_path / "in" / "fremd.json").write_text('{"foo": 1}', encoding="utf-8")
    code = main(["spkatt", "predict", str(tmp_path / "in"), str(tmp_path / "out"), "--model", "rules"])
    err = capsys.readouterr().err
    assert code == 1
    assert "kaputt.json: not valid JSON" in err
    assert "fremd.json: not a SpkAtt article" in err
    assert "Traceback" not in err


def test_predict_keeps_tokens_and_eval_scores_it(
    gold_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "pred"
    assert main(["spkatt", "predict", str(gold_dir), str(pred), "--model", "rules"]) == 0
    written = json.loads((pred / "artikel.json").read_text(encoding="utf-8"))
    assert [s["Tokens"] for s in written["Sentences"]] == SENTENCES
    assert len(written["Annotations"]) == 2
    capsys.readouterr()
    assert main(["spkatt", "eval", str(gold_dir), str(pred), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)["scores"]
    assert scores["Full: Messages"]["f1"] == pytest.approx(1.0)
    assert scores["Full: Form"]["f1"] == pytest.approx(1.0)
    assert scores["Full: Joint"]["f1"] > 0.8


def test_eval_of_gold_against_itself_is_perfect(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spkatt", "eval", str(gold_dir), str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert "Full: Joint" in out and "1.0000  1.0000  1.0000" in out
