"""Long documents: does time grow linearly with length, and how much memory does a very long text take?

    .venv/bin/python benchmarks/bench_long.py [--model fast]

A seed article of about 7,500 characters (the three samples in ``samples/``, each repeated, one
paragraph apart) is repeated 10 and 40 times; a third text repeats it to 1.2 M characters. Each runs
through ``zitat extract --format json`` in a fresh process; the script reports wall time, the time ratio
of ×40 to ×10 (linear would be 4; the real-news issue allows 5) and each run's peak RSS.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_CHARS = 7_500
LONG_CHARS = 1_200_000


def seed_article() -> str:
    samples = [p.read_text(encoding="utf-8").strip() for p in sorted((REPO / "samples").glob("*.txt"))]
    text = "\n\n".join(samples)
    while len(text) < SEED_CHARS:
        text += "\n\n" + "\n\n".join(samples)
    return text


def run(path: Path, model: str | None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one ``zitat extract`` process on the file."""
    command = [sys.executable, "-m", "zitat", "extract", str(path), "--format", "json"]
    if model:
        command += ["--model", model]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # the child's own peak RSS, in KB on Linux
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"zitat extract failed on {path.name} (status {status})")
    return seconds, usage.ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    seed = seed_article()
    repeats = {"x10": 10, "x40": 40, "1.2M": LONG_CHARS // len(seed) + 1}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, times in repeats.items():
            path = Path(tmp) / f"{label}.txt"
            path.write_text("\n\n".join([seed] * times), encoding="utf-8")
            seconds, rss = run(path, args.model)
            results[label] = seconds
            size = path.stat().st_size
            print(f"{label:>5}: {size:>10,} bytes  {seconds:7.1f} s  peak RSS {rss:,} MB", flush=True)
    print(f"time ratio x40 / x10: {results['x40'] / results['x10']:.2f} (linear: 4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
