"""End-to-end speed and memory of `zitat extract` on the 10kGNAD test corpus, with time per stage.

    .venv/bin/python benchmarks/bench_extract.py [--model crf] [--limit N]

Start-up is measured in a fresh process (`zitat.load(model)`, model files included); throughput is
words/s over all articles after start-up, one process; peak RSS is the process's maximum resident size.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from corpus import CORPUS, read_articles  # benchmarks/corpus.py; scripts run from this folder


def articles(path: Path, limit: int | None) -> list[str]:
    return [text for _, text in read_articles(path)][:limit]


def startup_seconds(model: str, setup: str = "") -> float:
    """Import and model load in a fresh process; ``setup`` is Python run after ``import zitat`` (e.g. a
    registration of a model the registry does not know yet)."""
    code = (
        f"import time; t = time.perf_counter(); import zitat; {setup}\n"
        f"zitat.load({model!r}); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return float(out)


def measure(model: str, texts: list[str], startup: float) -> None:
    """Words/s over the texts in this process after start-up, peak RSS and time per stage, printed."""
    import zitat

    nlp = zitat.load(model)
    nlp(texts[0])  # warm caches that are built on first use
    stages: dict[str, float] = defaultdict(float)
    words = statements = 0
    started = time.perf_counter()
    for text in texts:
        t = time.perf_counter()
        doc = nlp.make_doc(text)
        stages["tokenize"] += time.perf_counter() - t
        for name, component in nlp.pipeline:
            t = time.perf_counter()
            doc = component(doc)
            stages[name] += time.perf_counter() - t
        words += sum(1 for tok in doc if not tok.is_punct and not tok.is_space)
        statements += len(doc._.statements)
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"

    print(f"model {model}: {len(texts)} articles, {words:,} words, {statements:,} statements")
    print(f"start-up (import + model load, fresh process): {startup:.2f} s")
    print(f"end to end: {words / total:,.0f} words/s ({total:.1f} s); peak RSS {peak_mb:.0f} MB; load {load}")
    print("| stage | seconds | share | words/s |\n| --- | --- | --- | --- |")
    for name, seconds in stages.items():
        print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} | {words / seconds:,.0f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", default=None, help="attribution model (default: zitat's default)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1

    from zitat.attribution.registry import DEFAULT_MODEL

    model = args.model or DEFAULT_MODEL
    texts = articles(args.corpus, args.limit)
    measure(model, texts, startup_seconds(model))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
