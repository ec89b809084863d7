"""``zitat speakers eval`` (resolution accuracy per case type) and ``zitat speakers key`` (identity keys)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from zitat.document import Speaker
from zitat.errors import InputError
from zitat.speakers.identity import speaker_key

REPO = Path(__file__).resolve().parents[3]
CASES = REPO / "tests" / "speakers" / "data"


def shared_data() -> Path:
    return Path(os.environ.get("ZITAT_SHARED_DATA", REPO / ".." / "shared" / "data"))


def add_subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """``eval`` and ``key`` under the archive's ``zitat speakers`` (which lists speakers without one);
    the subcommand group, for the archive's own (merge, split, …)."""
    commands = parser.add_subparsers(dest="speakers_command", metavar="SUBCOMMAND", required=False)
    evaluate = commands.add_parser("eval", help="accuracy per case type on the resolution test set")
    evaluate.add_argument("--cases", type=Path, default=CASES, help="folder with the case files")
    evaluate.add_argument(
        "--spkatt", type=Path, default=None, help="SpkAtt train folder (default: shared data, if present)"
    )
    evaluate.set_defaults(func=run_eval)
    key = commands.add_parser("key", help="print the cross-article identity key of person names")
    key.add_argument("names", nargs="+", metavar="NAME")
    key.set_defaults(func=run_key)
    return commands


def run_eval(args: argparse.Namespace) -> int:
    from zitat.speakers.evaluation import (
        accuracy_table,
        anonymous_precision,
        handwritten_outcomes,
        identity_merges,
        spkatt_outcomes,
    )

    if not (args.cases / "resolution_cases.tsv").is_file():
        raise InputError(str(args.cases), "no resolution_cases.tsv in this folder")
    outcomes = handwritten_outcomes(args.cases / "resolution_cases.tsv")
    train = args.spkatt or shared_data() / "spkatt-news" / "train"
    if train.is_dir():
        outcomes += spkatt_outcomes(args.cases / "spkatt_cases.tsv", train)
    else:
        print(f"(SpkAtt cases skipped: {train} not found)")
    print("| case type | correct | cases | accuracy |\n| --- | --- | --- | --- |")
    for case_type, right, total in accuracy_table(outcomes):
        print(f"| {case_type} | {right} | {total} | {right / total:.1%} |")
    right, predicted = anonymous_precision(outcomes)
    print(
        f"\nanonymous precision: {right}/{predicted}" + (f" = {right / predicted:.1%}" if predicted else "")
    )
    wrong, different, missed, same = identity_merges(args.cases / "identity_pairs.tsv")
    print(
        f"identity key: wrong merges {wrong}/{different} = {wrong / different:.1%} of different-person pairs,"
    )
    print(f"              missed merges {missed}/{same} = {missed / same:.1%} of same-person pairs")
    return 0


def run_key(args: argparse.Namespace) -> int:
    for name in args.names:
        print(f"{speaker_key(Speaker(name=name, type='person'))}\t{name}")
    return 0
