"""Where the remaining error lies: the scores a set of predictions would get if one kind of error were
mended by the gold annotation, and nothing else changed.

    zitat train --data ../shared/data/spkatt-news/train --cv 5 --seed 1 --jobs 2 --predictions /tmp/cv-pred
    .venv/bin/python benchmarks/error_ceilings.py --data ../shared/data/spkatt-news/train /tmp/cv-pred

Statements are paired as by `zitat spkatt eval` (`zitat.spkatt.scorer.align`). A *found* pair has a
system and a gold statement; in it the system's Message, Source or Cue span (or all five parts) is
replaced by the gold one.
*No spurious statements* leaves out the system statements paired with nothing; *no missed statements*
leaves out the gold statements paired with nothing. Each row is scored like the first one (as
predicted), so the differences show how much each kind of error costs. Takes seconds.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from zitat.spkatt.format import article_files, read_article
from zitat.spkatt.scorer import EMPTY, ROLE_PARTS, ScoredStatement, TaskScores, align, scored_statements

Pair = tuple[ScoredStatement, ScoredStatement]
# each ceiling: the pair as it is scored, or None to leave the pair out
Mend = Callable[[ScoredStatement, ScoredStatement], Pair | None]


def gold_parts(*parts: str) -> Mend:
    """A found pair's system statement with these parts taken from its gold statement."""

    def mend(system: ScoredStatement, gold: ScoredStatement) -> Pair | None:
        if system is EMPTY or gold is EMPTY:
            return system, gold
        return replace(system, parts={**system.parts, **{p: gold.parts[p] for p in parts}}), gold

    return mend


def without(side: str) -> Mend:
    """Leave out the system statements paired with nothing (side "spurious") or the gold ones ("missed")."""

    def mend(system: ScoredStatement, gold: ScoredStatement) -> Pair | None:
        unpaired = gold is EMPTY if side == "spurious" else system is EMPTY
        return None if unpaired else (system, gold)

    return mend


CEILINGS: dict[str, Mend] = {
    "as predicted": gold_parts(),
    "gold Message in found pairs": gold_parts("Message"),
    "gold Source in found pairs": gold_parts("Source"),
    "gold Cue in found pairs": gold_parts("Cue"),
    "gold Message and roles in found pairs": gold_parts("Message", *ROLE_PARTS),
    "no spurious statements": without("spurious"),
    "no missed statements": without("missed"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/spkatt-news/train"))
    parser.add_argument("predictions", type=Path, help="a folder of predicted articles of the same names")
    args = parser.parse_args()
    full = {name: TaskScores(ROLE_PARTS) for name in CEILINGS}
    simplified = {name: TaskScores(("Source",)) for name in CEILINGS}
    for path in article_files(args.data):
        gold = scored_statements(read_article(path))
        system = scored_statements(read_article(args.predictions / path.name))
        tasks = (
            (full, align(system, gold)),
            (simplified, align([s for s in system if not s.nested], [g for g in gold if not g.nested])),
        )
        for scores, pairs in tasks:
            for name, mend in CEILINGS.items():
                for pair in pairs:
                    if (mended := mend(*pair)) is not None:
                        scores[name].add(*mended)
    columns = ("Messages", "Roles", "Joint", "Simplified Messages", "Simplified Source", "Simplified Joint")
    print("| mended | " + " | ".join(columns) + " |")
    print("| --- " * (len(columns) + 1) + "|")
    for name in CEILINGS:
        f, s = full[name], simplified[name]
        cells = (f.messages, f.roles, f.joint, s.messages, s.roles, s.joint)
        print(f"| {name} | " + " | ".join(f"{c.result().f1:.3f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
