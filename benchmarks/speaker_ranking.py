"""Who tops the speaker list of a real archive: the top speakers of 1,000 DER STANDARD articles.

    .venv/bin/python benchmarks/speaker_ranking.py [--limit 1000] [--top 50] [--db /tmp/ranking.db]

Ingests the first N articles of 10kGNAD's test split (``benchmarks/corpus.py``) into a fresh archive,
prints ``zitat speakers --top K`` and marks every entry that is no speaker a researcher could use: a
pronoun, an adverb or a fragment (a lower-case word, a function word, a bare role noun). The count of
marked entries is the last line; the real-news issue wants it at 0 for the top 50.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import CORPUS, write_jsonl  # benchmarks/corpus.py; scripts run from this folder

# words that never name a speaker on their own
NOT_NAMES = frozenset(
    {
        *("ich", "du", "er", "sie", "es", "wir", "ihr", "man", "sich", "jemand", "niemand"),
        *("der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "eines"),
        *("demnach", "danach", "wonach", "dazu", "laut", "zufolge", "angaben", "eigenen", "eigener"),
        *("sprecher", "sprecherin", "experten", "kritiker", "beobachter", "bericht", "berichten"),
    }
)


def is_fragment(name: str | None, kind: str | None) -> bool:
    """A listed speaker that is a pronoun, adverb, function word or bare role rather than an entity, or
    a source mention that resolution tied to nobody."""
    if not name or kind == "unknown":
        return True
    words = name.split()
    return name[:1].islower() or all(w.lower() in NOT_NAMES for w in words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="articles (default: 1000)")
    parser.add_argument("--top", type=int, default=50, help="speakers listed (default: 50)")
    parser.add_argument("--db", type=Path, default=None, help="archive to create (default: a temporary file)")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: corpus not found ({CORPUS})", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "ranking.db"
        db.unlink(missing_ok=True)
        source = Path(tmp) / "articles.jsonl"
        write_jsonl(source)
        lines = source.read_text(encoding="utf-8").splitlines()[: args.limit]
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        zitat = [sys.executable, "-m", "zitat"]
        ingest = [*zitat, "ingest", str(source), "--db", str(db), "--quiet"]
        if args.model:
            ingest += ["--model", args.model]
        started = time.perf_counter()
        subprocess.run(ingest, check=True)
        seconds = time.perf_counter() - started
        listing = subprocess.run(
            [*zitat, "speakers", "--db", str(db), "--top", str(args.top), "--format", "json"],
            check=True,
            capture_output=True,
            text=True,
        )
    speakers = json.loads(listing.stdout)
    marked = 0
    print(f"{len(lines)} articles ingested in {seconds:.0f} s; top {len(speakers)} speakers:")
    for rank, row in enumerate(speakers, 1):
        name = row.get("name")
        bad = is_fragment(name, row.get("type"))
        marked += bad
        flag = "  <- not a speaker" if bad else ""
        print(f"{rank:3d} {row.get('statements', 0):5d}  {name}  ({row.get('type')}){flag}")
    print(f"pronouns, adverbs or fragments among the top {len(speakers)}: {marked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
