"""Archive figures on the 10kGNAD test articles (DER STANDARD): ingest, storing, search latency.

    nice .venv/bin/python benchmarks/bench_archive.py [--workers 2] [--model rules] [--statements 100000]

1. ingest: the corpus converted to JSONL, ingested end to end into a fresh SQLite archive with
   ``--workers`` extraction processes (reading, extraction, storing): documents/s and words/s.
2. store: the extracted documents (JSON contract, as ``zitat extract --format jsonl`` writes them)
   ingested into a fresh SQLite archive, which stores them without extraction: documents/s.
3. search: that archive grown to at least ``--statements`` statements by storing the extracted
   documents again under new ids (the text gets a marker so its hash differs), then
   ``Archive.search`` (what ``zitat search`` runs, without process start-up) for a fixed set of
   queries with and without filters: latency p50, p95 and max in ms.

Work files go to ``--work`` (default: a temporary folder); ``--steps store,search`` reuses the
ingest archive of an earlier run in the same folder. Skips (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import CORPUS, write_jsonl  # benchmarks/corpus.py; scripts run from this folder

from zitat.attribution.registry import DEFAULT_MODEL
from zitat.store import open_archive

# (query, filters): single words, prefixes, umlauts, two words, and filtered searches
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("Regierung", {}),
    ("Österreich", {}),
    ("oesterreich", {}),
    ("Polizei", {}),
    ("Kanzler", {}),
    ("Bürgermeister", {}),
    ("Prozent", {}),
    ("Euro", {}),
    ("Flüchtlinge", {}),
    ("Gericht", {}),
    ("Wahl", {}),
    ("Unternehmen", {}),
    ("reg", {}),
    ("wirt", {}),
    ("Regierung Wien", {}),
    ("Polizei sagte", {}),
    ("", {"form": "Direct"}),
    ("Regierung", {"form": "Indirect"}),
    ("", {"speaker": "sprecher"}),
    ("Geld", {"type": "unknown"}),
]


def ingest_figures(source: Path, db: Path, model: str, workers: int) -> dict[str, Any]:
    with open_archive(db) as archive:
        summary = archive.ingest([source], model=model, workers=workers)
    return {
        "documents": summary.ingested,
        "failed": summary.failed,
        "non_german": summary.non_german,
        "statements": summary.statements,
        "words": summary.words,
        "seconds": round(summary.seconds, 2),
        "documents_per_second": round(summary.documents_per_second, 2),
        "words_per_second": round(summary.words_per_second, 1),
    }


def extracted_documents(db: Path) -> list[dict[str, Any]]:
    with open_archive(db) as archive:
        ids = [row["id"] for row in archive.db.rows("SELECT id FROM documents ORDER BY num")]
        return [_contract(archive.document(doc_id)) for doc_id in ids]


def _contract(record: dict[str, Any] | None) -> dict[str, Any]:
    assert record is not None
    record.pop("archive")
    return record


def write_copy(records: list[dict[str, Any]], target: Path, copy: int) -> None:
    """The documents under new ids, each text with a trailing marker (offsets stay valid)."""
    with target.open("w", encoding="utf-8") as out:
        for record in records:
            document = dict(record["document"])
            if copy:
                document["id"] = f"{document['id']}-copy{copy}"
                document["text"] = f"{document['text']}\n\n(Kopie {copy})"
            out.write(json.dumps({**record, "document": document}, ensure_ascii=False) + "\n")


def store_figures(records: list[dict[str, Any]], work: Path, db: Path) -> dict[str, Any]:
    path = work / "extracted.jsonl"
    write_copy(records, path, 0)
    cpu = time.process_time()
    with open_archive(db) as archive:
        summary = archive.ingest([path])
    cpu = time.process_time() - cpu
    return {
        "documents": summary.ingested,
        "statements": summary.statements,
        "seconds": round(summary.seconds, 2),
        "documents_per_second": round(summary.documents_per_second, 1),
        # one process does it all, so CPU time shows the cost apart from other load on the machine
        "cpu_seconds": round(cpu, 2),
        "documents_per_cpu_second": round(summary.ingested / cpu, 1),
    }


def grow(records: list[dict[str, Any]], work: Path, db: Path, statements: int) -> int:
    copy = 1
    with open_archive(db) as archive:
        while archive.count() < statements:
            path = work / "copy.jsonl"
            write_copy(records, path, copy)
            archive.ingest([path])
            copy += 1
        return archive.count()


def _percentiles(latencies: list[float]) -> dict[str, float]:
    latencies = sorted(latencies)
    return {
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
        "max_ms": round(latencies[-1], 2),
    }


def _timed_ms(run: Any) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def search_figures(db: Path, rounds: int) -> dict[str, Any]:
    """Latency of a page of 20 hits (``zitat search``), and of counting all matches (page totals)."""
    searches, counts = [], []
    with open_archive(db) as archive:
        for query, filters in QUERIES:  # warm the page cache once
            archive.search(query, limit=20, **filters)
        for _ in range(rounds):
            for query, filters in QUERIES:
                searches.append(_timed_ms(lambda q=query, f=filters: archive.search(q, limit=20, **f)))
                counts.append(_timed_ms(lambda q=query, f=filters: archive.count(q, **f)))
        total = archive.count()
    return {
        "statements": total,
        "queries": len(searches),
        **_percentiles(searches),
        "count": _percentiles(counts),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--statements", type=int, default=100_000, help="archive size for the search figure")
    parser.add_argument("--rounds", type=int, default=10, help="passes over the queries")
    parser.add_argument("--work", type=Path, help="folder for work files (default: temporary)")
    parser.add_argument("--steps", default="ingest,store,search", help="which figures (default: all three)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (set ZITAT_SHARED_DATA)", file=sys.stderr)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="zitat-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    steps = set(args.steps.split(","))
    results: dict[str, Any] = {
        "model": args.model,
        "workers": args.workers,
        "load_average": os.getloadavg()[0],
    }
    if "ingest" in steps:
        source = work / "10kgnad-test.jsonl"
        results["articles"] = write_jsonl(source)[0]
        for stale in work.glob("*.db*"):
            stale.unlink()
        results["ingest"] = ingest_figures(source, work / "ingest.db", args.model, args.workers)
        print(json.dumps(results["ingest"], indent=2), flush=True)
    records = extracted_documents(work / "ingest.db")
    if "store" in steps:
        for stale in work.glob("store.db*"):
            stale.unlink()
        results["store"] = store_figures(records, work, work / "store.db")
        print(json.dumps(results["store"], indent=2), flush=True)
    if "search" in steps:
        grow(records, work, work / "store.db", args.statements)
        results["search"] = search_figures(work / "store.db", args.rounds)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
