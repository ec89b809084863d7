"""Statement tracking (issue 24): the archive's statement clusters and the altered-quote flag, scored
against hand-labelled statement pairs from fang-covid (benchmarks/tracking/README.md).

    .venv/bin/python benchmarks/tracking_eval.py --db ARCHIVE [--pairs benchmarks/tracking/pairs.jsonl]
        [--split dev|test|all] [--baseline exact-text] [--json] [--errors [--show]]

ARCHIVE is a SQLite archive of fang-covid (``zitat ingest --db ARCHIVE fang-covid.jsonl.gz``) whose
statements carry ``cluster_id``. Each labelled member is resolved to the statement of its document
whose message overlaps the labelled character span most. Same utterance is predicted when both
statements have the same non-NULL ``cluster_id``; the altered flag is
``zitat.tracking.altered_quote(earlier, later)`` on the labelled same-utterance pairs of two direct
quotes. ``--baseline exact-text`` scores a reference instead of the clusters: same utterance when the
two messages are the same words (case and punctuation aside); it needs no ``cluster_id``. Skips
(exit 0) when the archive is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "benchmarks" / "tracking" / "pairs.jsonl"

AlteredQuote = Callable[[str, str], bool]
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Member:
    """One labelled statement: its document and the character extent of its message there."""

    document: str
    start: int
    end: int
    hash: str
    published: str | None


@dataclass(frozen=True)
class Pair:
    id: str
    a: Member
    b: Member
    same_utterance: bool
    altered: bool | None
    stratum: str
    split: str
    # one member is no reported speech at all (an advertisement, a title, the author's narration)
    non_utterance: bool = False
    # not altered, but the later quote runs beyond the earlier one's first or last quoted word
    later_extends: bool = False
    note: str = ""


@dataclass(frozen=True)
class Resolved:
    """The archive statement a member resolved to."""

    statement_id: int
    message: str
    cluster_id: Any
    published: str | None
    moved: bool  # the message text differs from the labelled one (a re-extraction shifted the span)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    def add(self, pair_id: str, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.false_positives.append(pair_id)
        elif gold:
            self.fn += 1
            self.false_negatives.append(pair_id)
        else:
            self.tn += 1

    def scores(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision is not None and recall is not None and precision + recall
            else None
        )
        return {
            "pairs": self.tp + self.fp + self.fn + self.tn,
            "gold_positive": self.tp + self.fn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        }


def message_hash(message: str) -> str:
    """A short fingerprint of a message (whitespace-normalized), to notice a moved span."""
    return hashlib.sha1(" ".join(message.split()).encode()).hexdigest()[:12]


def message_extent(spans_json: str) -> tuple[int, int] | None:
    """The first and last character of a statement's message spans (``statements.spans``)."""
    parts = json.loads(spans_json).get("message") or []
    if not parts:
        return None
    return min(start for start, _ in parts), max(end for _, end in parts)


def load_pairs(path: Path) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            members = [
                Member(m["document"], int(m["start"]), int(m["end"]), m["hash"], m.get("published"))
                for m in (row["a"], row["b"])
            ]
            pairs.append(
                Pair(
                    row["id"],
                    members[0],
                    members[1],
                    bool(row["same_utterance"]),
                    row.get("altered"),
                    row["stratum"],
                    row["split"],
                    bool(row.get("non_utterance", False)),
                    bool(row.get("later_extends", False)),
                    str(row.get("note") or ""),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a labelled pair ({error!r})") from None
    return pairs


def has_clusters(con: sqlite3.Connection) -> bool:
    return any(row[1] == "cluster_id" for row in con.execute("PRAGMA table_info(statements)"))


def resolve(con: sqlite3.Connection, member: Member) -> Resolved | None:
    """The statement of the member's document whose message overlaps its labelled span most (ties
    broken by the closest extent, then by the message hash)."""
    cluster = "s.cluster_id" if has_clusters(con) else "NULL"
    rows = con.execute(
        f"SELECT s.id, s.message, s.spans, {cluster}, d.published FROM statements s "
        "JOIN documents d ON d.id = s.document_id WHERE s.document_id = ?",
        (member.document,),
    ).fetchall()
    best: tuple[tuple[int, int, bool], Resolved] | None = None
    for statement_id, message, spans, cluster_id, published in rows:
        extent = message_extent(spans)
        if extent is None or message is None:
            continue
        overlap = min(extent[1], member.end) - max(extent[0], member.start)
        if overlap <= 0:
            continue
        moved = message_hash(message) != member.hash
        # ties (a statement nested in another covers the same characters) go to the closest extent
        key = (overlap, -abs(extent[0] - member.start) - abs(extent[1] - member.end), not moved)
        if best is None or key > best[0]:
            best = (key, Resolved(statement_id, message, cluster_id, published, moved))
    return best[1] if best else None


def describe(con: sqlite3.Connection, member: Member, width: int = 200) -> str:
    """One line for reading an error: the form, who the statement credits and its message."""
    found = resolve(con, member)
    if found is None:
        return f"{member.document}: no statement"
    con.row_factory = sqlite3.Row
    try:
        row = con.execute("SELECT * FROM statements WHERE id = ?", (found.statement_id,)).fetchone()
    finally:
        con.row_factory = None
    columns = row.keys()
    form = (row["form"] if "form" in columns else None) or "?"
    speaker = json.loads(row["speaker"]).get("name") if "speaker" in columns and row["speaker"] else None
    who = speaker or (row["source"] if "source" in columns else None) or "nobody named"
    message = " ".join(found.message.split())
    message = message if len(message) <= width else message[: width - 1] + "…"
    return f"{member.document} {form}, {who}: {message}"


def earlier_first(a: Resolved, b: Resolved) -> tuple[Resolved, Resolved]:
    """The pair in publication order; member ``a`` (labelled as the earlier) on a tie or a missing date."""
    if a.published and b.published and b.published < a.published:
        return b, a
    return a, b


def same_cluster(a: Resolved, b: Resolved) -> bool:
    return a.cluster_id is not None and a.cluster_id == b.cluster_id


def same_words(a: Resolved, b: Resolved) -> bool:
    """The exact-text baseline: the same words, case and punctuation aside."""
    return WORD.findall(a.message.lower()) == WORD.findall(b.message.lower())


def evaluate(
    con: sqlite3.Connection,
    pairs: Iterable[Pair],
    altered_quote: AlteredQuote | None,
    predict_same: Callable[[Resolved, Resolved], bool] = same_cluster,
) -> dict[str, Any]:
    """Resolution counts and the same-utterance and altered-flag scores (``altered`` only with a flag)."""
    pairs = list(pairs)
    same, same_utterances_only = Counts(), Counts()
    altered, altered_or_extended = Counts(), Counts()
    by_stratum: dict[str, Counts] = {}
    unresolved: list[str] = []
    moved = 0
    for pair in pairs:
        a, b = resolve(con, pair.a), resolve(con, pair.b)
        if a is None or b is None:
            unresolved.append(pair.id)
            continue
        moved += a.moved + b.moved
        predicted = predict_same(a, b)
        same.add(pair.id, pair.same_utterance, predicted)
        by_stratum.setdefault(pair.stratum, Counts()).add(pair.id, pair.same_utterance, predicted)
        if not pair.non_utterance:
            same_utterances_only.add(pair.id, pair.same_utterance, predicted)
        if altered_quote is not None and pair.same_utterance and pair.altered is not None:
            earlier, later = earlier_first(a, b)
            flagged = altered_quote(earlier.message, later.message)
            altered.add(pair.id, pair.altered, flagged)
            altered_or_extended.add(pair.id, pair.altered or pair.later_extends, flagged)
    result: dict[str, Any] = {
        "pairs": len(pairs),
        "resolved": len(pairs) - len(unresolved),
        "unresolved": unresolved,
        "moved_members": moved,
        "same_utterance": same.scores() | errors(same),
        "same_utterance_utterances_only": same_utterances_only.scores(),
        "same_utterance_by_stratum": {name: c.scores() for name, c in sorted(by_stratum.items())},
    }
    if altered_quote is not None:
        result["altered"] = altered.scores() | errors(altered)
        result["altered_extensions_count"] = altered_or_extended.scores()
    return result


def errors(counts: Counts) -> dict[str, list[str]]:
    return {"false_positives": counts.false_positives, "false_negatives": counts.false_negatives}


def load_altered_quote() -> AlteredQuote | None:
    """``zitat.tracking.altered_quote``, or None before the tracking module exists."""
    try:
        module = importlib.import_module("zitat.tracking")
    except ImportError:
        return None
    altered_quote = getattr(module, "altered_quote", None)
    return altered_quote if callable(altered_quote) else None


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def report_text(
    result: dict[str, Any],
    pairs: list[Pair],
    show_errors: bool,
    show_member: Callable[[Member], str] | None = None,
) -> str:
    by_id = {pair.id: pair for pair in pairs}
    lines = [
        f"pairs {result['pairs']}, resolved {result['resolved']} "
        f"(members whose message text moved: {result['moved_members']})",
        f"{'':20}{'pairs':>6}{'gold+':>6}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'F1':>7}",
    ]
    rows = [("same_utterance", result["same_utterance"])]
    rows.append(("  utterances only", result["same_utterance_utterances_only"]))
    rows += [(f"  {name}", s) for name, s in result["same_utterance_by_stratum"].items()]
    if "altered" in result:
        rows.append(("altered", result["altered"]))
        rows.append(("  extensions count", result["altered_extensions_count"]))
    for name, s in rows:
        lines.append(
            f"{name:20}{s['pairs']:>6}{s['gold_positive']:>6}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
            f"{_figure(s['precision']):>11}{_figure(s['recall']):>8}{_figure(s['f1']):>7}"
        )
    if "altered" not in result:
        lines.append("altered: not scored (no zitat.tracking.altered_quote, or a baseline run)")
    if show_errors:
        for name in ("same_utterance", "altered"):
            for kind in ("false_positives", "false_negatives"):
                for pair_id in result.get(name, {}).get(kind, []):
                    pair = by_id[pair_id]
                    lines.append(
                        f"{name} {kind[:-1].replace('_', ' ')}: {pair_id} [{pair.stratum}] "
                        f"{pair.a.document}@{pair.a.start} ~ {pair.b.document}@{pair.b.start}"
                    )
                    if show_member is not None:
                        lines.append(f"    a: {show_member(pair.a)}")
                        lines.append(f"    b: {show_member(pair.b)}")
                        if pair.note:
                            lines.append(f"    note: {pair.note}")
        for pair_id in result["unresolved"]:
            pair = by_id[pair_id]
            lines.append(f"unresolved: {pair_id} {pair.a.document} ~ {pair.b.document}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite archive of fang-covid with statement clusters")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument(
        "--split",
        choices=["dev", "test", "all"],
        default="all",
        help="dev: tune on it; test: report it, never tune on it (default: all pairs)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--errors", action="store_true", help="list false positives/negatives by pair id")
    parser.add_argument(
        "--show",
        action="store_true",
        help="with --errors: each member's form, speaker and message (article text: do not commit it)",
    )
    parser.add_argument(
        "--baseline",
        choices=["exact-text"],
        help="score the exact-text reference instead of the archive's clusters (no altered flag)",
    )
    args = parser.parse_args(argv)
    if "://" in args.db:
        print(f"tracking_eval: error: {args.db} is not a SQLite archive path", file=sys.stderr)
        return 2
    if not Path(args.db).is_file():
        print(f"skipped: no archive at {args.db}")
        return 0
    try:
        pairs = [p for p in load_pairs(args.pairs) if args.split in ("all", p.split)]
    except (OSError, ValueError) as error:
        print(f"tracking_eval: error: {error}", file=sys.stderr)
        return 2
    try:
        con = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
        if not args.baseline and not has_clusters(con):
            print(
                f"tracking_eval: error: {args.db} has no statements.cluster_id (no statement clusters)",
                file=sys.stderr,
            )
            return 1
        if args.baseline:
            result = evaluate(con, pairs, None, same_words)
        else:
            result = evaluate(con, pairs, load_altered_quote())
    except sqlite3.Error as error:
        print(f"tracking_eval: error: {args.db}: {error}", file=sys.stderr)
        return 1
    show_member = (lambda member: describe(con, member)) if args.show else None
    print(json.dumps(result, indent=2) if args.json else report_text(result, pairs, args.errors, show_member))
    return 0


if __name__ == "__main__":
    sys.exit(main())
