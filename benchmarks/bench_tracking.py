"""Clustering time: all statements of an archive, against adding the statements of 1,000 more articles.

    nice .venv/bin/python benchmarks/bench_tracking.py ARCHIVE.db [--added 1000] [--work DIR]

The archive (SQLite, not changed) is copied to ``--work``; in the copy the last ``--added`` documents
(by storage order) are taken out and

1. ``full_seconds_before``: the rest is clustered from scratch (``zitat cluster --full``);
2. the documents are stored again as they were extracted (no extraction; not timed), and
   ``incremental_seconds``: ``zitat cluster`` updates the clusters with their statements;
3. ``full_seconds``: everything is clustered from scratch again, and the clusters must equal the
   incremental ones (``incremental_equals_full``).

Each clustering runs as its own ``zitat cluster --json`` process, as a user runs it (no cache of an
earlier run in the same process helps it), and reports its wall-clock and CPU seconds. Prints one JSON
object; ``ratio`` is incremental_seconds / full_seconds (the target is ≤ 0.10), and ``cpu_ratio`` the
same for CPU time, which other jobs on a shared machine disturb less than the wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from zitat.store import open_archive
from zitat.store.archive import Archive


def copy_archive(source: Path, target: Path) -> None:
    """A consistent copy, read through SQLite's backup API (the source may be in use)."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)


def take_out(archive: Archive, count: int) -> list[dict[str, Any]]:
    """The last ``count`` documents as extracted records, removed from the archive with their rows."""
    db = archive.db
    rows = db.rows("SELECT num, id FROM documents ORDER BY num DESC LIMIT ?", (count,))
    records = [archive.document(row["id"]) for row in reversed(rows)]
    with db.transaction():
        for row in rows:
            db.unindex_statements(row["id"])
            db.execute("DELETE FROM documents_fts WHERE rowid = ?", (row["num"],))
            db.execute("DELETE FROM documents WHERE num = ?", (row["num"],))  # statements cascade
    return [record for record in records if record is not None]


def cluster(copy: Path, *options: str) -> dict[str, Any]:
    """``zitat cluster`` on the copy, in a process of its own: its JSON summary."""
    done = subprocess.run(
        [sys.executable, "-m", "zitat", "cluster", "--db", str(copy), "--json", *options],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def snapshot(archive: Archive) -> tuple[list[tuple[int, int]], list[tuple[Any, ...]]]:
    db = archive.db
    statements = [
        (r["id"], r["cluster_id"]) for r in db.rows("SELECT id, cluster_id FROM statements ORDER BY id")
    ]
    clusters = [tuple(r.values()) for r in db.rows("SELECT * FROM clusters ORDER BY id")]
    return statements, clusters


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--added", type=int, default=1000, help="documents added for the incremental run")
    parser.add_argument("--work", type=Path, help="folder for the copy (default: a temporary one)")
    args = parser.parse_args()
    if not args.archive.exists():
        print(f"no archive at {args.archive}", file=sys.stderr)
        return 1
    work = args.work or Path(tempfile.mkdtemp(prefix="zitat-tracking-"))
    copy = work / "bench-tracking.db"
    copy.unlink(missing_ok=True)
    copy_archive(args.archive, copy)
    with open_archive(copy) as archive:
        added = take_out(archive, args.added)
    before = cluster(copy, "--full")
    with open_archive(copy) as archive:
        for record in added:
            archive.store(record, "bench_tracking")
    incremental = cluster(copy)
    with open_archive(copy) as archive:
        after_incremental = snapshot(archive)
    full = cluster(copy, "--full")
    with open_archive(copy) as archive:
        equal = snapshot(archive) == after_incremental
    statements, clusters = after_incremental
    sizes = [row[4] for row in clusters]  # clusters.size
    figures = {
        "archive": str(args.archive),
        "statements": len(statements),
        "added_documents": len(added),
        "added_statements": incremental["statements"],
        "full_seconds_before": round(before["seconds"], 2),
        "incremental_seconds": round(incremental["seconds"], 2),
        "incremental_mode": incremental["mode"],
        "full_seconds": round(full["seconds"], 2),
        "ratio": _ratio(incremental["seconds"], full["seconds"]),
        "incremental_cpu_seconds": round(incremental["cpu_seconds"], 2),
        "full_cpu_seconds": round(full["cpu_seconds"], 2),
        "cpu_ratio": _ratio(incremental["cpu_seconds"], full["cpu_seconds"]),
        "incremental_equals_full": equal,
        "clusters": len(clusters),
        "clusters_of_two_or_more": sum(1 for size in sizes if size >= 2),
        "candidate_pairs_full": full["candidate_pairs"],
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
