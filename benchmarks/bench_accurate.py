"""End-to-end speed and memory of the accurate model, measured by `bench_extract.py`'s code.

    .venv/bin/python benchmarks/bench_accurate.py [--limit N] [--model-dir DIR]

Until the model registry knows ``accurate``, this script registers it (in the measuring process and
in the fresh process that times start-up: `import zitat`, `zitat.load("accurate")`, model files
included). Throughput is words/s over the 10kGNAD articles after start-up; peak RSS is the process's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench_extract import articles, measure, startup_seconds  # scripts run from this folder
from corpus import CORPUS

# until the registry knows ``accurate``: registered in this process and in the start-up one alike
REGISTER = (
    "from zitat.attribution.registry import register_model; "
    "from zitat.attribution.accurate.extractor import AccurateExtractor; "
    "register_model('accurate', lambda: AccurateExtractor(__import__('pathlib').Path({dir!r})))"
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

    register = REGISTER.format(dir=str(args.model_dir or MODEL_DIR))
    startup = startup_seconds("accurate", register)
    exec(register, {})  # the same registration here
    measure("accurate", articles(args.corpus, args.limit), startup)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
