"""The label codec of the CRF taggers: spans to ``B``/``C``/``I``/``O`` labels and back.

``B`` begins a span, ``I`` goes on with it, ``C`` continues the previous span after a gap (a
discontinuous span: a quote interrupted by „sagte er“, the particle of „teilte … mit“); a label may
carry a kind (``B-Direct``, ``I-S``). Training encodes gold spans with ``encode_span``; prediction
decodes tagged labels with ``decode_runs``, so the two readings cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def contiguous_runs(ids: Iterable[int]) -> list[list[int]]:
    """Token ids grouped into runs of neighbours: [3, 4, 7] → [[3, 4], [7]]."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def encode_span(labels: list[str], ids: Sequence[int], kind: str = "", gaps: bool = True) -> None:
    """Write the labels of one (possibly discontinuous) span into ``labels``: ``B`` at its start,
    ``C`` at the start of each later run (``B`` again without ``gaps``), ``I`` elsewhere."""
    suffix = f"-{kind}" if kind else ""
    for n, run in enumerate(contiguous_runs(ids)):
        for k, i in enumerate(run):
            labels[i] = ("I" if k else "C" if n and gaps else "B") + suffix


def decode_runs(labels: Sequence[str], offset: int = 0) -> list[tuple[str, list[int]]]:
    """Groups of ``B``/``C``/``I`` labels as ``(kind, token ids)``; ``C`` continues the previous group."""
    groups: list[tuple[str, list[int]]] = []
    prev = "O"
    for i, label in enumerate(labels):
        tag, _, kind = label.partition("-")
        if tag == "O":
            prev = label
            continue
        continues = tag == "C" or (tag == "I" and prev != "O")
        if continues and groups:
            groups[-1][1].append(offset + i)
        else:
            groups.append((kind, [offset + i]))
        prev = label
    return groups
