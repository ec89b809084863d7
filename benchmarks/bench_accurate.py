"""End-to-end speed and memory of the accurate model, measured as `bench_extract.py` measures the others.

    .venv/bin/python benchmarks/bench_accurate.py [--limit N] [--model-dir DIR]

Until the model registry knows ``accurate``, this script registers it (in the measuring process and
in the fresh process that times start-up: `import zitat`, `zitat.load("accurate")`, model files
included). Throughput is words/s over the 10kGNAD articles after start-up; peak RSS is the process's.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench_extract import articles  # benchmarks/bench_extract.py; scripts run from this folder
from corpus import CORPUS

REGISTER = (
    "from zitat.attribution.base import register_model; "
    "from zitat.attribution.accurate.extractor import AccurateExtractor; "
    "register_model('accurate', lambda: AccurateExtractor({dir}))"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--model-dir", type=Path, default=None, help="default: the shipped model")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    from zitat.attribution.accurate.extractor import MODEL_DIR

    register = REGISTER.format(dir=f"__import__('pathlib').Path({str(args.model_dir or MODEL_DIR)!r})")
    code = (
        f"import time; t = time.perf_counter(); import zitat; {register}; "
        "zitat.load('accurate'); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    startup = float(out)

    import zitat
    from zitat.attribution.accurate.extractor import AccurateExtractor
    from zitat.attribution.base import register_model

    register_model("accurate", lambda: AccurateExtractor(args.model_dir or MODEL_DIR))

    texts = articles(args.corpus, args.limit)
    nlp = zitat.load("accurate")
    nlp(texts[0])
    words = statements = 0
    started = time.perf_counter()
    for text in texts:
        doc = nlp(text)
        words += sum(1 for tok in doc if not tok.is_punct and not tok.is_space)
        statements += len(doc._.statements)
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"model accurate: {len(texts)} articles, {words:,} words, {statements:,} statements")
    print(f"start-up (import + model load, fresh process): {startup:.2f} s")
    print(f"end to end: {words / total:,.0f} words/s ({total:.1f} s); peak RSS {peak_mb:.0f} MB; load {load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
