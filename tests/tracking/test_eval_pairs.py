"""benchmarks/tracking_eval.py: resolving labelled pairs to archive statements and scoring them, on a
tiny hand-written archive."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "tracking_eval.py"
spec = importlib.util.spec_from_file_location("tracking_eval", SCRIPT)
assert spec is not None and spec.loader is not None
tracking_eval = importlib.util.module_from_spec(spec)
sys.modules["tracking_eval"] = tracking_eval  # dataclasses look their module up
spec.loader.exec_module(tracking_eval)

DOCS = {
    "d1": ("2020-03-01", "Der Minister sagte: „Wir schließen die Schulen ab Montag.“ Mehr folgt."),
    "d2": ("2020-03-02", "„Wir schließen die Schulen ab dem Montag“, sagte der Minister am Abend."),
    "d3": ("2020-03-01", "Die Ärztin warnte, die Lage in den Kliniken sei ernst."),
}
# statement: (document, message, cluster)
STATEMENTS = [
    ("d1", "„Wir schließen die Schulen ab Montag.“", 7),
    ("d2", "„Wir schließen die Schulen ab dem Montag“", 7),
    ("d3", "die Lage in den Kliniken sei ernst", None),
]
# a statement covering statement 1 (stored first, so that a plain first-best overlap would pick it)
CONTAINER = ("d1", "Der Minister sagte: „Wir schließen die Schulen ab Montag.“", 9)


def extent(number: int) -> tuple[str, int, int]:
    """The document and message offsets of statement ``number`` (1-based)."""
    document, message, _ = STATEMENTS[number - 1]
    start = DOCS[document][1].index(message)
    return document, start, start + len(message)


def archive(with_clusters: bool = True) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE documents (id TEXT, published TEXT, text TEXT)")
    cluster = ", cluster_id INTEGER" if with_clusters else ""
    con.execute(f"CREATE TABLE statements (id INTEGER, document_id TEXT, message TEXT, spans TEXT{cluster})")
    for document, (published, text) in DOCS.items():
        con.execute("INSERT INTO documents VALUES (?, ?, ?)", (document, published, text))
    for number, (document, message, cluster_id) in enumerate([CONTAINER, *STATEMENTS]):
        start = DOCS[document][1].index(message)
        spans = json.dumps({"message": [[start, start + len(message)]], "cue": []})
        row = (number, document, message, spans) + ((cluster_id,) if with_clusters else ())
        con.execute(f"INSERT INTO statements VALUES ({', '.join('?' * len(row))})", row)
    return con


def member(number: int) -> object:
    """The labelled member for statement ``number``, with the hash of its message."""
    document, start, end = extent(number)
    message = STATEMENTS[number - 1][1]
    return tracking_eval.Member(document, start, end, tracking_eval.message_hash(message), None)


def pair(
    pair_id: str, a: object, b: object, same: bool, altered: bool | None, non_utterance: bool = False
) -> object:
    return tracking_eval.Pair(pair_id, a, b, same, altered, "test", "dev", non_utterance)


def test_a_member_resolves_to_the_statement_overlapping_its_span_most_even_when_shifted() -> None:
    con = archive()
    exact = tracking_eval.resolve(con, member(1))
    assert exact.statement_id == 1 and not exact.moved  # not the container, which overlaps as much
    _, start, end = extent(1)
    shifted = tracking_eval.resolve(con, tracking_eval.Member("d1", start + 5, end + 9, "0" * 12, None))
    assert shifted.statement_id == 1 and shifted.moved
    after = len(DOCS["d1"][1])
    assert tracking_eval.resolve(con, tracking_eval.Member("d1", end + 1, after, "0" * 12, None)) is None
    assert tracking_eval.resolve(con, tracking_eval.Member("d9", 0, 15, "0" * 12, None)) is None


def test_same_utterance_is_the_same_non_null_cluster_and_unresolved_pairs_are_counted_apart() -> None:
    pairs = [
        pair("p1", member(1), member(2), True, False),  # tp
        pair("p2", member(1), member(3), True, None),  # fn: d3 unclustered
        pair("p3", member(2), member(3), False, None),  # tn
        pair("p4", member(1), tracking_eval.Member("d9", 0, 5, "x", None), True, None),
    ]
    result = tracking_eval.evaluate(archive(), pairs, None)
    assert (result["pairs"], result["resolved"], result["unresolved"]) == (4, 3, ["p4"])
    same = result["same_utterance"]
    assert (same["tp"], same["fp"], same["fn"]) == (1, 0, 1)
    assert same["precision"] == 1.0 and same["recall"] == 0.5
    assert same["false_negatives"] == ["p2"]
    assert "altered" not in result
    assert result["same_utterance_by_stratum"]["test"]["tp"] == 1


def test_non_utterance_pairs_are_left_out_of_the_utterances_only_row_and_the_baseline_compares_words() -> (
    None
):
    pairs = [
        pair("p1", member(1), member(2), True, False),
        pair("p2", member(2), member(3), False, None, non_utterance=True),
    ]
    clusters = tracking_eval.evaluate(archive(), pairs, None)
    assert clusters["same_utterance"]["pairs"] == 2
    assert clusters["same_utterance_utterances_only"]["pairs"] == 1
    baseline = tracking_eval.evaluate(archive(), pairs, None, tracking_eval.same_words)
    assert baseline["same_utterance"]["fn"] == 1  # „ab Montag“ and „ab dem Montag“ are not the same words
    resolved = tracking_eval.resolve(archive(), member(1))
    assert tracking_eval.same_words(resolved, resolved)


def test_the_altered_flag_gets_the_earlier_message_first_and_only_labelled_direct_pairs() -> None:
    calls: list[tuple[str, str]] = []

    def altered_quote(earlier: str, later: str) -> bool:
        calls.append((earlier, later))
        return "dem" in later.split()

    pairs = [
        # listed later-first: the archive's dates put d1 (2020-03-01) first
        pair("p1", member(2), member(1), True, True),
        pair("p2", member(1), member(3), True, None),  # not two direct quotes
        pair("p3", member(2), member(3), False, None),
    ]
    result = tracking_eval.evaluate(archive(), pairs, altered_quote)
    assert calls == [(STATEMENTS[0][1], STATEMENTS[1][1])]
    altered = result["altered"]
    assert (altered["pairs"], altered["tp"], altered["precision"], altered["recall"]) == (1, 1, 1.0, 1.0)


def test_a_later_quote_that_only_extends_the_earlier_is_altered_in_the_extensions_row_alone() -> None:
    def altered_quote(earlier: str, later: str) -> bool:
        return True

    extended = tracking_eval.Pair("p1", member(1), member(2), True, False, "test", "dev", later_extends=True)
    result = tracking_eval.evaluate(archive(), [extended], altered_quote)
    assert (result["altered"]["fp"], result["altered"]["false_positives"]) == (1, ["p1"])
    assert (result["altered_extensions_count"]["tp"], result["altered_extensions_count"]["fp"]) == (1, 0)


def test_an_archive_without_clusters_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "archive.db"
    con = archive(with_clusters=False)
    con.commit()
    con.execute(f"VACUUM INTO '{path}'")
    assert tracking_eval.main(["--db", str(path), "--pairs", str(tmp_path / "pairs.jsonl")]) == 2
    (tmp_path / "pairs.jsonl").write_text("")
    assert tracking_eval.main(["--db", str(path), "--pairs", str(tmp_path / "pairs.jsonl")]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2 and "no statements.cluster_id" in errors[1]


def test_a_missing_archive_skips_and_a_malformed_pair_line_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tracking_eval.main(["--db", str(tmp_path / "none.db")]) == 0
    assert capsys.readouterr().out.startswith("skipped: no archive at")
    (tmp_path / "pairs.jsonl").write_text('{"id": "p1"}\n')
    with pytest.raises(ValueError, match=r"pairs.jsonl:1: not a labelled pair"):
        tracking_eval.load_pairs(tmp_path / "pairs.jsonl")


def test_shown_errors_give_each_members_form_speaker_and_message() -> None:
    con = archive()
    con.execute("ALTER TABLE statements ADD COLUMN form TEXT")
    con.execute("ALTER TABLE statements ADD COLUMN speaker TEXT")
    con.execute(
        "UPDATE statements SET form = 'Direct', speaker = ? WHERE id = 1", ('{"name": "Der Minister"}',)
    )
    missed = tracking_eval.Pair("p1", member(1), member(3), True, None, "test", "dev", note="a hard one")
    result = tracking_eval.evaluate(con, [missed], None)
    text = tracking_eval.report_text(
        result, [missed], True, lambda m: tracking_eval.describe(con, m, width=20)
    )
    assert text.splitlines()[-3:] == [
        "    a: d1 Direct, Der Minister: „Wir schließen die …",
        "    b: d3 ?, nobody named: die Lage in den Kli…",
        "    note: a hard one",
    ]
