"""Speed of speaker resolution on the SpkAtt-2023 training articles with their gold statements.

    .venv/bin/python benchmarks/bench_speakers.py [--articles N] [--repeat R]

The text layer (tokens, sentences, tags) is built first and not timed; the figure is resolution
alone (``resolve_speakers``), in words per second, where "words" are the article tokens without
punctuation. Skips (exit 0) when the shared data is absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from zitat.speakers.evaluation import spkatt_doc
from zitat.speakers.resolution import resolve_speakers

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ZITAT_SHARED_DATA", REPO / ".." / "shared" / "data"))
TRAIN = SHARED_DATA / "spkatt-news" / "train"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=700)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not TRAIN.is_dir():
        print(f"skipped: {TRAIN} not found")
        return 0
    docs = [spkatt_doc(path) for path in sorted(TRAIN.glob("*.json"))[: args.articles]]
    words = sum(1 for doc in docs for tok in doc if not tok.is_punct)
    statements = sum(len(doc._.statements) for doc in docs)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for doc in docs:
            resolve_speakers(doc)
        best = min(best, time.perf_counter() - start)
    print(f"{len(docs)} articles, {words} words, {statements} statements")
    print(f"resolve_speakers: {best:.2f} s (best of {args.repeat}) = {words / best:,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
