"""SpkAtt files: reading, writing, conversion to statements, and the predict/eval commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from zitat.attribution.registry import register_model
from zitat.cli import main
from zitat.document import DocumentMeta, Statement, doc_from_tokens
from zitat.errors import InputError
from zitat.spkatt.format import (
    SpkAttArticle,
    annotations_from_statements,
    dumps_article,
    read_article,
    read_dir,
    statements_from_annotations,
    write_article,
)

SHARED = Path(
    os.environ.get("ZITAT_SHARED_DATA", Path(__file__).resolve().parents[2] / ".." / "shared" / "data")
)
TRAIN = SHARED / "spkatt-news" / "train"

SENTENCES = [
    ["Der", "Minister", "sagte", ",", "die", "Lage", "sei", "ernst", "."],
    ["„", "Wir", "handeln", "jetzt", "sofort", "“", ",", "betonte", "er", "."],
]
ANNOTATIONS = [
    {"Addr": [], "Cue": ["0:2"], "Form": "Indirect", "Frame": ["0:0", "0:1", "0:2", "0:3", "0:8"],
     "HasNested": False, "IsNested": False, "Message": ["0:4", "0:5", "0:6", "0:7"], "STWR": "Speech",
     "Source": ["0:0", "0:1"]},
    {"Addr": [], "Cue": ["1:7"], "Form": "Direct", "Frame": ["1:6", "1:7", "1:8", "1:9"],
     "HasNested": False, "IsNested": False, "Message": [f"1:{i}" for i in range(6)], "STWR": "Speech",
     "Source": ["1:8"]},
]  # fmt: skip


class QuoteExtractor:
    """Test-only model: every „…“ followed by "betonte" is a direct quote of the next token."""

    name = "test-quotes"

    def __call__(self, doc: Doc) -> list[Statement]:
        found = []
        for open_quote in (t for t in doc if t.text == "„"):
            close = next(t for t in doc[open_quote.i :] if t.text == "“")
            cue = next((t for t in doc[close.i :] if t.text == "betonte"), None)
            if cue is not None:
                message = tuple(range(open_quote.i, close.i + 1))
                found.append(Statement(cue=(cue.i,), message=message, source=(cue.i + 1,), form="Direct"))
        return found


register_model(QuoteExtractor.name, QuoteExtractor)


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    write_article(gold / "artikel.json", SpkAttArticle("artikel", SENTENCES, ANNOTATIONS))
    return gold


def test_conversion_to_statements_and_back(gold_dir: Path) -> None:
    article = read_article(gold_dir / "artikel.json")
    assert article.sentences == SENTENCES and article.annotations == ANNOTATIONS
    doc = doc_from_tokens(spacy.blank("de").vocab, article.sentences, DocumentMeta(id="artikel"))
    statements = statements_from_annotations(doc, article)
    assert [doc[i].text for i in statements[1].message] == ["„", "Wir", "handeln", "jetzt", "sofort", "“"]
    assert statements[1].source == (17,)  # sentence offset 9 + token 8
    assert (statements[0].form, statements[0].medium) == ("Indirect", "Speech")
    assert annotations_from_statements(doc, statements) == ANNOTATIONS


def test_nesting_flags_survive_the_conversion() -> None:
    # "Er sagte, Müller habe „ich komme“ gerufen": the quote sits inside the indirect message
    sentences = [["Er", "sagte", ",", "Müller", "habe", "„", "ich", "komme", "“", "gerufen", "."]]
    outer = {
        "Cue": ["0:1"],
        "Source": ["0:0"],
        "Message": [f"0:{i}" for i in range(3, 10)],
        "Form": "Indirect",
        "STWR": "Speech",
        "IsNested": False,
        "HasNested": True,
    }
    inner = {"Cue": ["0:9"], "Source": ["0:3"], "Message": ["0:5", "0:6", "0:7", "0:8"],
             "Form": "Direct", "STWR": "none", "IsNested": True, "HasNested": False}  # fmt: skip
    article = SpkAttArticle("n", sentences, [outer, inner])
    doc = doc_from_tokens(spacy.blank("de").vocab, sentences, DocumentMeta(id="n"))
    statements = statements_from_annotations(doc, article)
    assert statements[1].nested_in == 0 and statements[0].nested_in is None
    assert statements[1].medium is None
    back = annotations_from_statements(doc, statements)
    assert [(a["IsNested"], a["HasNested"], a["STWR"]) for a in back] == [
        (False, True, "Speech"),
        (True, False, "none"),
    ]


def test_written_file_has_the_shared_task_layout(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    write_article(path, SpkAttArticle("CDU/CSU", [["Die", "CDU/CSU", "ätzt"]], []))
    expected = '{"Annotations":[],"DocumentName":"CDU\\/CSU","Sentences":[{"SentenceId":0,"Tokens":["Die","CDU\\/CSU","ätzt"]}]}'
    assert path.read_text(encoding="utf-8") == expected
    assert read_article(path).sentences == [["Die", "CDU/CSU", "ätzt"]]


@pytest.mark.skipif(not TRAIN.is_dir(), reason=f"SpkAtt training data not found at {TRAIN}")
def test_round_trip_reproduces_the_training_files_byte_for_byte() -> None:
    for path, article in read_dir(TRAIN):
        assert dumps_article(article) == path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{nicht json", "not valid JSON"),
        ('{"foo": 1}', "not a SpkAtt article"),
        ('{"Sentences": [{"SentenceId": 0, "Tokens": "Satz"}]}', "sentence 0 has no list of string Tokens"),
        ('{"Sentences": [{"SentenceId": 3, "Tokens": ["a"]}]}', "sentence 0 has SentenceId 3"),
        (
            '{"Sentences": [{"Tokens": ["a"]}], "Annotations": [{"Cue": ["0:1"]}]}',
            "annotation 0: Cue has '0:1'",
        ),
        ('{"Sentences": [{"Tokens": ["a"]}], "Annotations": [{"Message": "0:0"}]}', "Message must be a list"),
        ('{"Sentences": [], "Annotations": [3]}', "Annotations must be a list of objects"),
    ],
)
def test_malformed_files_are_one_clear_error(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "kaputt.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_article(path)


def test_predict_reports_bad_files_and_continues(
    gold_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (gold_dir / "kaputt.json").write_text("{nicht json", encoding="utf-8")
    (gold_dir / "fremd.json").write_text('{"foo": 1}', encoding="utf-8")
    code = main(["spkatt", "predict", str(gold_dir), str(tmp_path / "out"), "--model", QuoteExtractor.name])
    err = capsys.readouterr().err
    assert code == 1
    assert "kaputt.json: not valid JSON" in err and "fremd.json: not a SpkAtt article" in err
    assert "Traceback" not in err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["artikel.json"]


def test_predict_fills_annotations_and_eval_scores_them(
    gold_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = tmp_path / "pred"
    assert main(["spkatt", "predict", str(gold_dir), str(pred), "--model", QuoteExtractor.name]) == 0
    written = read_article(pred / "artikel.json")
    assert written.sentences == SENTENCES and written.name == "artikel"
    # the model finds the direct quote only, without a frame and with no medium
    assert written.annotations == [
        {"Addr": [], "Cue": ["1:7"], "Form": "Direct", "Frame": [], "HasNested": False, "IsNested": False,
         "Message": [f"1:{i}" for i in range(6)], "STWR": "none", "Source": ["1:8"]}
    ]  # fmt: skip
    capsys.readouterr()
    assert main(["spkatt", "eval", str(gold_dir), str(pred), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)["scores"]
    # pairs: (quote, gold 2) and (empty, gold 1)
    # Messages P = 1/1, R = (1 + 0)/2 → F1 0.6667
    # Roles P = (cue 1 + source 1)/2 = 1 (no frame predicted: undefined);
    # R = (cue 1 + source 1 + frame 0 of the pair, cue, source, frame 0 of the missed one)/6 = 1/3
    # Form: tp 1, fn 1 → P 1, R 0.5; STWR: no system label, two gold → P 0 (undefined), R 0
    assert scores["Full: Messages"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3})
    assert scores["Full: Roles"]["precision"] == 1.0
    assert scores["Full: Roles"]["recall"] == pytest.approx(2 / 6)
    assert scores["Full: Form"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3})
    assert scores["Full: STWR"]["recall"] == 0.0


def test_predict_refuses_unknown_model_and_same_folder(
    gold_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["spkatt", "predict", str(gold_dir), str(gold_dir / "out"), "--model", "gibtsnicht"]) == 1
    assert "unknown model 'gibtsnicht'" in capsys.readouterr().err
    assert main(["spkatt", "predict", str(gold_dir), str(gold_dir), "--model", QuoteExtractor.name]) == 1
    assert "OUT_DIR must differ from IN_DIR" in capsys.readouterr().err


def test_eval_of_gold_against_itself_is_perfect(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spkatt", "eval", str(gold_dir), str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert "Full: Joint" in out and "1.0000  1.0000  1.0000" in out
    assert "1 article(s), 2 statement pair(s)" in out


def test_eval_of_a_missing_folder_is_one_line(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spkatt", "eval", str(gold_dir), str(gold_dir / "nirgends")]) == 1
    assert capsys.readouterr().err.strip().endswith("nirgends: not a directory")


def test_spkatt_output_joins_sentences_that_go_on_reporting_one_source() -> None:
    sentences = [
        ["Berg", "sagte", ",", "die", "Lage", "sei", "ernst", "."],
        ["Die", "Armee", "habe", "reagiert", "."],
        ["Neu", "sei", "das", "nicht", "."],
    ]
    doc = doc_from_tokens(spacy.blank("de").vocab, sentences, DocumentMeta(id="t"))
    first = Statement(cue=(1,), source=(0,), message=tuple(range(3, 7)), form="Indirect")
    continued = Statement(source=(0,), message=tuple(range(8, 13)), form="IndirectFreeIndirect")
    goes_on = Statement(source=(0,), message=tuple(range(13, 18)), form="IndirectFreeIndirect")
    annotations = annotations_from_statements(doc, [first, continued, goes_on])
    assert [(a["Message"][0], a["Message"][-1]) for a in annotations] == [("0:3", "0:6"), ("1:0", "2:4")]
    assert goes_on.message == tuple(range(13, 18))  # the document's own statements stay as they were
