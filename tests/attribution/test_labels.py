"""The label codec: spans encoded for training decode to the same spans at prediction."""

import pytest

from zitat.attribution.labels import contiguous_runs, decode_runs, encode_span


def test_contiguous_runs() -> None:
    assert contiguous_runs([7, 3, 4]) == [[3, 4], [7]]


@pytest.mark.parametrize(
    "spans",
    [
        [("Direct", [1, 2, 3])],
        [("Direct", [0, 1, 4, 5]), ("Indirect", [7, 8])],  # a quote interrupted by its cue
        [("", [2]), ("", [5, 6])],  # cue labels have no kind
        [("Indirect", [0, 1]), ("Reported", [2, 3])],  # neighbours of different kinds
    ],
)
def test_encoded_spans_decode_to_themselves(spans: list[tuple[str, list[int]]]) -> None:
    labels = ["O"] * 10
    for kind, ids in spans:
        encode_span(labels, ids, kind)
    assert decode_runs(labels) == spans


def test_without_gaps_every_run_begins_a_span() -> None:
    labels = ["O"] * 6
    encode_span(labels, [0, 1, 4], "S", gaps=False)
    assert labels == ["B-S", "I-S", "O", "O", "B-S", "O"]
    assert decode_runs(labels, offset=10) == [("S", [10, 11]), ("S", [14])]
