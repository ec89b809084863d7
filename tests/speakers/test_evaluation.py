"""The resolution test set reaches its targets; the SpkAtt references need the shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zitat.speakers.evaluation import (
    accuracy_table,
    anonymous_precision,
    handwritten_outcomes,
    identity_merges,
    spkatt_outcomes,
)

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]
TRAIN = Path(os.environ.get("ZITAT_SHARED_DATA", REPO / ".." / "shared" / "data")) / "spkatt-news" / "train"


def test_handwritten_cases_reach_the_targets():
    outcomes = handwritten_outcomes(DATA / "resolution_cases.tsv")
    table = {kind: right / total for kind, right, total in accuracy_table(outcomes)}
    assert table["all"] >= 0.9
    assert table["pronoun"] >= 0.85 and table["relative"] >= 0.85
    right, predicted = anonymous_precision(outcomes)
    assert right / predicted >= 0.95


def test_identity_key_wrong_merges_stay_below_two_percent():
    wrong, different, _, _ = identity_merges(DATA / "identity_pairs.tsv")
    assert wrong / different <= 0.02


def test_spkatt_references_resolve():
    if not TRAIN.is_dir():
        pytest.skip(f"SpkAtt training data not found at {TRAIN} (set ZITAT_SHARED_DATA)")
    outcomes = spkatt_outcomes(DATA / "spkatt_cases.tsv", TRAIN)
    assert len(outcomes) >= 40
    assert accuracy_table(outcomes)[-1][1] / len(outcomes) >= 0.8
