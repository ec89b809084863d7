"""The SpkAtt-2023 metric on hand-made articles; every expected figure is computed by hand in a comment."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from zitat.errors import InputError
from zitat.spkatt.format import SpkAttArticle, write_article
from zitat.spkatt.scorer import (
    Report,
    assign,
    evaluate,
    evaluate_dirs,
    format_forms,
    format_parts,
    format_report,
)

# one sentence of 20 tokens is enough: positions are "0:i"
SENTENCES = [[f"w{i}" for i in range(20)]]
SHARED = Path(
    os.environ.get("ZITAT_SHARED_DATA", Path(__file__).resolve().parents[2] / ".." / "shared" / "data")
)
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


def test_detection_is_counted_per_form() -> None:
    gold = [GOLD, ann(range(12, 15), form="Reported"), ann(range(16, 19), form="Direct")]
    pred = [dict(GOLD, Form="Direct"), ann(range(16, 18), form="Direct"), ann(range(0, 2), form="Reported")]
    forms = {form: counts.to_dict() for form, counts in score(gold, pred).forms.items()}
    assert forms == {
        "Indirect": {"gold": 1, "found": 1, "same_form": 0, "spurious": 0},
        "Reported": {"gold": 1, "found": 0, "same_form": 0, "spurious": 1},
        "Direct": {"gold": 1, "found": 1, "same_form": 1, "spurious": 0},
    }
    table = format_forms(score(gold, pred)).splitlines()
    assert table[0].split() == ["form", "gold", "found", "same", "form", "missed", "spurious"]
    assert table[3].split() == ["Reported", "1", "0", "0", "1", "1"]


def test_parts_are_scored_alone_over_all_and_over_found_pairs() -> None:
    # pairs: (half source, GOLD) found; (spurious, empty); (empty, missed)
    # Source, all: P = 1/1 (only the found pair has a system source), R = (1/2 + 0)/2 = 0.25 → F1 0.4;
    #   found pairs only: P 1, R 0.5 → F1 0.6667
    # Cue, all: P = (1 + 0)/2 (the spurious cue), R = (1 + 0)/2 (the missed cue) → 0.5; found: 1
    # Addr: defined nowhere → 0
    missed = ann(range(12, 15), cue=range(11, 12), source=range(10, 11))
    half_source = dict(GOLD, Source=["0:0"])
    spurious = ann(range(16, 19), cue=range(15, 16))
    report = score([GOLD, missed], [half_source, spurious])
    every = {part: (round(prf.precision, 4), round(prf.recall, 4)) for part, prf in _results(report.parts)}
    found = {
        part: (round(prf.precision, 4), round(prf.recall, 4)) for part, prf in _results(report.found_parts)
    }
    assert every["Source"] == (1.0, 0.25) and found["Source"] == (1.0, 0.5)
    assert every["Cue"] == (0.5, 0.5) and found["Cue"] == (1.0, 1.0)
    assert every["Addr"] == found["Addr"] == (0.0, 0.0)
    rows = {line.split()[0]: line.split()[1:] for line in format_parts(report).splitlines()[1:]}
    assert rows["Source"] == ["1.0000", "0.2500", "0.4000", "1.0000", "0.5000", "0.6667"]


def _results(parts: dict) -> list:
    return [(part, mean.result()) for part, mean in parts.items()]


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


def test_equal_form_decides_between_equally_overlapping_statements() -> None:
    # both system statements have exactly the gold message (overlap F1 1); the Direct one gets +0.01
    # and is paired: Form tp 1; the Indirect one is left over: fp 1 → Form P 1/2, R 1/1
    gold = ann(range(5, 10), form="Direct")
    result = figures(score([gold], [ann(range(5, 10), form="Indirect"), ann(range(5, 10), form="Direct")]))
    assert result["Full: Form"] == (0.5, 1.0, 0.6667)


def test_means_run_over_pairs_of_all_articles_not_per_article() -> None:
    # article a: one gold statement found exactly; article b: three gold statements, none found
    # Messages R = (1 + 0 + 0 + 0) / 4 = 0.25 (a mean per article would give 0.5); P = 1/1
    # F1 = 2 · 1 · 0.25 / 1.25 = 0.4
    b_gold = [ann(range(0, 3)), ann(range(6, 9)), ann(range(12, 15))]
    report = evaluate([
        (SpkAttArticle("a", SENTENCES, [GOLD]), SpkAttArticle("a", SENTENCES, [GOLD])),
        (SpkAttArticle("b", SENTENCES, b_gold), SpkAttArticle("b", SENTENCES, [])),
    ])  # fmt: skip
    assert figures(report)["Full: Messages"] == (1.0, 0.25, 0.4)
    assert report.full.pairs == 4


def test_simplified_roles_are_the_source_only() -> None:
    # source sys {1} vs gold {0, 1}: P 1, R 1/2 → simplified Roles (1, 0.5, 0.6667)
    # the wrong cue (sys {3} vs gold {2}: P 0, R 0) only counts in the full task:
    # full Roles P = (cue 0 + source 1 + frame 1)/3 = 0.6667, R = (0 + 0.5 + 1)/3 = 0.5
    # simplified Joint P = (message 1 + source 1)/2 = 1, R = (1 + 0.5)/2 = 0.75
    pred = ann(range(5, 10), cue=range(3, 4), source=range(1, 2), frame=range(0, 5))
    result = figures(score([GOLD], [pred]))
    assert result["Simplified: Roles (Source)"] == (1.0, 0.5, 0.6667)
    assert result["Full: Roles"] == (0.6667, 0.5, 0.5714)
    assert result["Simplified: Joint"] == (1.0, 0.75, 0.8571)


def test_stwr_none_means_no_label() -> None:
    # gold STWR "none": a system "none" is neither right nor wrong (no counts at all);
    # a system "Speech" is a false positive: P 0/1
    gold = dict(GOLD, STWR="none")
    same = score([gold], [gold]).full.stwr
    assert (same.tp, same.fp, same.fn) == (0, 0, 0)
    other = score([gold], [dict(GOLD, STWR="Speech")]).full.stwr
    assert (other.tp, other.fp, other.fn) == (0, 1, 0)


def test_assignment_agrees_with_scipy_on_random_matrices() -> None:
    optimize = pytest.importorskip("scipy.optimize")
    rng = random.Random(7)
    for _ in range(200):
        rows, cols = rng.randint(1, 7), rng.randint(1, 7)
        # coarse values make ties common, so only the optimal total is comparable
        scores = [[rng.choice((0.0, 0.2, 0.5, 0.9, 1.011)) for _ in range(cols)] for _ in range(rows)]
        ours = sum(scores[i][j] for i, j in assign(scores))
        r, c = optimize.linear_sum_assignment(scores, maximize=True)
        assert ours == pytest.approx(sum(scores[i][j] for i, j in zip(r, c, strict=True)))
        assert len(assign(scores)) == min(rows, cols)


def test_missing_and_extra_prediction_files_are_reported(tmp_path: Path) -> None:
    # gold a (found exactly) and b (no prediction file: its statement is missed); prediction c has no gold
    # Messages P = 1/1, R = (1 + 0)/2 = 0.5
    for folder, name, statements in (
        ("gold", "a", [GOLD]),
        ("gold", "b", [GOLD]),
        ("pred", "a", [GOLD]),
        ("pred", "c", []),
    ):
        (tmp_path / folder).mkdir(exist_ok=True)
        write_article(tmp_path / folder / f"{name}.json", SpkAttArticle(name, SENTENCES, statements))
    report = evaluate_dirs(tmp_path / "gold", tmp_path / "pred")
    assert report.missing_predictions == ["b"] and report.extra_predictions == ["c.json"]
    assert figures(report)["Full: Messages"] == (1.0, 0.5, 0.6667)
    text = format_report(report)
    assert "1 gold article(s) without a prediction, scored as empty: b" in text
    assert "1 prediction file(s) without a gold file, ignored: c.json" in text


def test_prediction_with_other_tokens_is_refused() -> None:
    gold = SpkAttArticle("a", SENTENCES, [GOLD])
    with pytest.raises(InputError, match="sentences differ"):
        evaluate([(gold, SpkAttArticle("a", [SENTENCES[0][:10]], []))])


@pytest.mark.skipif(not TRAIN.is_dir(), reason=f"SpkAtt training data not found at {TRAIN}")
def test_gold_against_itself_is_perfect_on_the_training_set() -> None:
    report = evaluate_dirs(TRAIN, TRAIN)
    assert report.articles == 700 and report.full.pairs == 2877
    assert all(prf.f1 == 1.0 for prf in report.lines().values())
