"""The benchmark corpus: the 1,028 articles of 10kGNAD's test split in ``../shared/data/corpora``.

The file is CSV (``label;'text'``); the benchmarks read it here, and zitat reads it as JSONL:

    .venv/bin/python benchmarks/corpus.py /tmp/gnad.jsonl               # zitat JSONL, one line per article
    .venv/bin/python benchmarks/corpus.py /tmp/gnad-2x.jsonl --repeat 2  # twice, with distinct ids
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ZITAT_SHARED_DATA", REPO / ".." / "shared" / "data"))
CORPUS = SHARED_DATA / "corpora" / "10kgnad-test.csv"
OUTLET = "DER STANDARD"  # 10kGNAD's articles come from the Austrian newspaper's website


def read_articles(path: Path = CORPUS) -> list[tuple[str, str]]:
    """(section label, text) of every article."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[0], row[1]) for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) == 2]


def write_jsonl(target: Path, path: Path = CORPUS, repeat: int = 1) -> tuple[int, int]:
    """The corpus as zitat JSONL, ``repeat`` times with distinct ids; (documents, words) written."""
    articles = read_articles(path)
    with target.open("w", encoding="utf-8") as out:
        for copy in range(repeat):
            for i, (label, text) in enumerate(articles):
                record = {"id": f"10kgnad-{copy}-{i}", "text": text, "outlet": OUTLET, "section": label}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return repeat * len(articles), repeat * sum(len(text.split()) for _, text in articles)


def main() -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("target", type=Path, help="JSONL file to write")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="10kGNAD CSV (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, help="write the corpus this many times")
    args = parser.parse_args()
    documents, words = write_jsonl(args.target, args.corpus, args.repeat)
    print(f"{documents} documents, {words:,} words written to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
