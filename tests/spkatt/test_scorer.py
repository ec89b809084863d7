"""The SpkAtt-2023 metric on hand-made articles; every expected figure is computed by hand in a comment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zitat.spkatt.format import SpkAttArticle
from zitat.spkatt.scorer import Report, assign, evaluate, evaluate_dirs

# one sentence of 20 tokens is enough: positions are "0:i"
SENTENCES = [[f"w{i}" for i in range(20)]]
SHARED = Path(os.environ.get("ZITAT_SHARED_DATA", Path(__file__).resolve().parents[2] / ".." / "shared" / "data"))
TRAIN = SHARED / "spkatt-news" / "train"


def ann(message: range, cue: range = range(0), source: range = range(0), frame: range = range(0),
        addr: range = range(0), form: str = "Indirect", stwr: str = "Speech", nested: bool = False) -> dict:  # fmt: skip
    refs = lambda r: [f"0:{i}" for i in r]  # noqa: E731
    return {"Message": refs(message), "Cue": refs(cue), "Source": refs(source), "Frame": refs(frame),
            "Addr": refs(addr), "Form": form, "STWR": stwr, "IsNested": nested, "HasNested": False}  # fmt: skip


def score(gold: list[dict], pred: list[dict]) -> Report:
    return evaluate([(SpkAttArticle("a", SENTENCES, gold), SpkAttArticle("a", SENTENCES, pred))])


def figures(report: Report) -> dict[str, tuple[float, float, float]]:
    return {k: (round(v.precision, 4), round(v.recall, 4), round(v.f1, 4)) for k, v in report.lines().items()}


GOLD = ann(range(5, 10), cue=range(2, 3), source=range(0, 2), frame=range(0, 5))


def test_perfect_prediction_scores_one() -> None:
    assert all(f == (1.0, 1.0, 1.0) for f in figures(score([GOLD], [GOLD])).values())


def test_empty_prediction_scores_zero_recall_and_no_precision() -> None:
    # no system statement: every gold part has recall 0, no precision is defined (mean over nothing = 0)
    result = figures(score([GOLD], []))
    assert result["Full: Joint"] == (0.0, 0.0, 0.0)
    assert result["Full: Form"] == (0.0, 0.0, 0.0)


def test_spurious_statement_costs_precision_only() -> None:
    # pairs: (GOLD, GOLD) perfect, (spurious, empty): message P 0, cue P 0; no recall defined for it
    # Messages: P = (1 + 0) / 2 = 0.5, R = 1 / 1 = 1 → F1 = 2·0.5·1/1.5 = 0.6667
    # Roles (cue, source, frame defined for GOLD; cue only for spurious): P = (1+1+1+0)/4 = 0.75, R = 1
    # Form: tp 1, fp 1 → P 0.5, R 1
    spurious = ann(range(15, 18), cue=range(14, 15))
    result = figures(score([GOLD], [GOLD, spurious]))
    assert result["Full: Messages"] == (0.5, 1.0, 0.6667)
    assert result["Full: Roles"] == (0.75, 1.0, 0.8571)
    assert result["Full: Form"] == (0.5, 1.0, 0.6667)


def test_partial_overlap_of_every_part() -> None:
    # message sys 7..11 (5 tokens) vs gold 5..9: common 7,8,9 = 3 → P 3/5 = 0.6, R 3/5 = 0.6
    # cue sys 2..3 (2 tokens) vs gold {2}: P 1/2, R 1/1; source sys {1} vs gold {0,1}: P 1, R 1/2
    # frame sys 0..4 = gold: P 1, R 1. Roles P = (0.5 + 1 + 1)/3 = 0.8333, R = (1 + 0.5 + 1)/3 = 0.8333
    # Joint P = (0.6 + 0.5 + 1 + 1)/4 = 0.775, R = (0.6 + 1 + 0.5 + 1)/4 = 0.775
    pred = ann(range(7, 12), cue=range(2, 4), source=range(1, 2), frame=range(0, 5))
    result = figures(score([GOLD], [pred]))
    assert result["Full: Messages"] == (0.6, 0.6, 0.6)
    assert result["Full: Roles"] == (0.8333, 0.8333, 0.8333)
    assert result["Full: Joint"] == (0.775, 0.775, 0.775)


def test_split_message_pairs_the_larger_half_and_leaves_the_other_spurious() -> None:
    # gold message 5..14 (10 tokens); system splits it into 5..11 (7) and 12..14 (3)
    # pair scores: 2·7/17 = 0.82 vs 2·3/13 = 0.46 → the 7-token half is paired: P 1, R 0.7
    # the 3-token half is spurious: P 0. Messages P = (1 + 0)/2 = 0.5, R = 0.7
    gold = ann(range(5, 15))
    result = figures(score([gold], [ann(range(5, 12)), ann(range(12, 15))]))
    assert result["Full: Messages"] == (0.5, 0.7, 0.5833)


def test_unaligned_statements_are_not_paired() -> None:
    # no message overlap: both sides unpaired. Messages P = 0 (sys vs empty), R = 0 (gold vs empty);
    # the cue at the same position earns nothing because the statements are not a pair
    result = figures(score([GOLD], [ann(range(12, 16), cue=range(2, 3))]))
    assert result["Full: Messages"] == (0.0, 0.0, 0.0)
    assert result["Full: Roles"] == (0.0, 0.0, 0.0)


def test_nested_statements_are_left_out_of_the_simplified_task() -> None:
    # gold: outer 2..15 and nested 8..10; system finds only the outer one
    # full: Messages P = 1/1, R = (1 + 0)/2 = 0.5; simplified: only the outer one counts → 1.0
    outer = ann(range(2, 16), source=range(0, 1))
    nested = ann(range(8, 11), source=range(7, 8), nested=True, form="Direct")
    result = figures(score([outer, nested], [outer]))
    assert result["Full: Messages"] == (1.0, 0.5, 0.6667)
    assert result["Simplified: Messages"] == (1.0, 1.0, 1.0)
    assert result["Simplified: Roles (Source)"] == (1.0, 1.0, 1.0)


def test_form_and_medium_mismatch() -> None:
    # same spans, Form Direct vs Indirect and STWR Writing vs Speech: one fp and one fn each → 0
    pred = dict(GOLD, Form="Direct", STWR="Writing")
    result = figures(score([GOLD], [pred]))
    assert result["Full: Form"] == (0.0, 0.0, 0.0)
    assert result["Full: STWR"] == (0.0, 0.0, 0.0)
    assert result["Full: Joint"] == (1.0, 1.0, 1.0)


def test_empty_role_on_one_side_is_undefined_not_zero() -> None:
    # gold has no addressee; system predicts none either: Addr P and R are undefined and left out.
    # system predicts no source although gold has one: source R = 0, source P undefined.
    # Roles P = (cue 1 + frame 1)/2 = 1, R = (cue 1 + source 0 + frame 1)/3 = 0.6667
    pred = dict(GOLD, Source=[])
    result = figures(score([GOLD], [pred]))
    assert result["Full: Roles"] == (1.0, 0.6667, 0.8)


def test_assignment_maximizes_total_score() -> None:
    # greedy would take 0.9 and then 0.1 (total 1.0); the optimum is 0.8 + 0.8 = 1.6
    assert assign([[0.9, 0.8], [0.8, 0.1]]) == [(0, 1), (1, 0)]
    assert assign([[0.5], [0.7], [0.1]]) == [(1, 0)]


@pytest.mark.skipif(not TRAIN.is_dir(), reason=f"SpkAtt training data not found at {TRAIN}")
def test_gold_against_itself_is_perfect_on_the_training_set() -> None:
    report = evaluate_dirs(TRAIN, TRAIN)
    assert report.articles == 700
    assert all(prf.f1 == 1.0 for prf in report.lines().values())
