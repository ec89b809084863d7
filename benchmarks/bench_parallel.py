"""How much one extraction process slows down when a second one runs beside it, without Spark.

    .venv/bin/python benchmarks/bench_parallel.py [--limit 350] [--rounds 2]

Every round extracts the same articles in one process alone, then in two processes at once (forked
after the model is loaded and one untimed pass over the articles, so all start equally warm and do
exactly the same work). It prints each process's CPU seconds
and the speed-up two cores can give at most, 2 × alone / together: the ceiling for Spark's
``local[2]`` over ``local[1]`` or ``zitat ingest --workers 2`` before any cost of their own. On a
machine whose two cores share caches or memory bandwidth with each other (or with other tenants),
this is well below 2. It also prints what the first pass over the articles costs more than the
next one: every new worker process pays that again for the words it sees first.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

from corpus import CORPUS, read_articles  # benchmarks/corpus.py; scripts run from this folder


def extract_all(nlp: object, texts: list[str], results: multiprocessing.Queue | None = None) -> float:
    """CPU seconds this process spends extracting ``texts``; also put on ``results`` if given."""
    started = time.process_time()
    for text in texts:
        nlp(text)  # type: ignore[operator]
    seconds = time.process_time() - started
    if results is not None:
        results.put(seconds)
    return seconds


def together(nlp: object, texts: list[str]) -> list[float]:
    context = multiprocessing.get_context("fork")
    results: multiprocessing.Queue = context.Queue()
    workers = [context.Process(target=extract_all, args=(nlp, texts, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    seconds = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", default=None, help="attribution model (default: zitat's default)")
    parser.add_argument("--limit", type=int, default=350, help="articles per process (default: 350)")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1

    import zitat
    from zitat.attribution.registry import DEFAULT_MODEL

    model = args.model or DEFAULT_MODEL
    texts = [text for _, text in read_articles(args.corpus)][: args.limit]
    nlp = zitat.load(model)
    first = extract_all(nlp, texts)  # fills the caches built on first use: every round starts warm
    print(f"model {model}, {len(texts)} articles per process")
    print(
        f"first pass {first:.1f} CPU-s, then {extract_all(nlp, texts):.1f}: words, lexemes and names seen "
        "for the first time cost extra, in every worker process anew"
    )
    for round_ in range(1, args.rounds + 1):
        alone = extract_all(nlp, texts)
        pair = together(nlp, texts)
        ceiling = 2 * alone / max(pair)
        print(
            f"round {round_}: alone {alone:.1f} CPU-s; together {pair[0]:.1f} and {pair[1]:.1f} CPU-s "
            f"({max(pair) / alone - 1:+.0%}); two-core ceiling {ceiling:.2f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
