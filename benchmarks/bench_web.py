"""Load benchmark of the web app at 50 concurrent clients on loopback, and the time of facet queries.

Starts ``zitat serve`` on a free loopback port over an archive of at least 100,000 statements and
drives it with ``wrk`` (Debian package ``wrk``) for a fixed time, rotating through a fixed mix of
requests (``--mix``): ``search``, the search API (``GET /api/statements``) with German search words
and filters; ``pages``, the search page (hits, facet sidebar, timeline) and the overview narrowed by
a year; ``facets``, ``GET /api/facets`` (all eight facets) for the same searches. Prints p50/p95/p99
latency, requests/s, non-2xx answers and socket errors, and exits 1 when p95 > 100 ms or anything
failed.

    .venv/bin/python benchmarks/bench_web.py --db /tmp/bench-web.db
    .venv/bin/python benchmarks/bench_web.py --db /tmp/bench-web.db --mix facets
    .venv/bin/python benchmarks/bench_web.py --db /tmp/bench-web.db --mix pages --workers 2 --warmup 30
    .venv/bin/python benchmarks/bench_web.py --db /tmp/bench-web.db --mix pages --cache-mb 0

The server keeps whole answers (and counts, facets and timelines) while the archive is unchanged, so
after the warm-up (``--warmup`` seconds of the same requests, default 10) a request repeated within a
run is answered from memory; ``--cache-mb 0`` keeps no whole answers (fresh pages), and
``--facet-times`` measures what the caches hide: every facet, all eight at once (as a search page
asks for them) and the timelines, straight on the archive, each query run anew, for a mix of
filters, with the median and the slowest time per query, the gender shares per month of the whole
archive and of its most common outlet, and a page of 20 hits for five words in either order
(relevance, newest) (no server, no wrk):

    .venv/bin/python benchmarks/bench_web.py --db /tmp/bench-1m.db --facet-times --min-statements 1000000

``--db`` must hold ≥ 100,000 statements (``--min-statements``); it may be a ``postgresql://`` URL.
Build one from extracted documents (``zitat extract --format jsonl`` output), stored repeatedly under
new ids through the archive's API:

    .venv/bin/python benchmarks/bench_web.py --db /tmp/bench-web.db --build-from extracted.jsonl

and copy a built SQLite archive into an empty PostgreSQL database (the same rows, much faster than
storing them again):

    .venv/bin/python benchmarks/bench_web.py --db postgresql://user@host/bench --copy-from /tmp/bench-web.db
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

import httpx

REPO = Path(__file__).resolve().parents[1]
SEARCH_WORDS = [
    "Regierung", "Polizei", "Wien", "Euro", "Prozent", "Zukunft", "Kinder", "Wahl", "Krieg", "Schule",
    "Unternehmen", "Millionen", "Gespräche", "Sicherheit", "Österreich", "Klima", "Bürgermeister",
    "Gericht", "Preise", "Minister",
]  # fmt: skip
# forms by their share in the benchmark archive (Indirect 89 %, IndirectFreeIndirect 10 %); a filter
# that matches almost nothing is the slow case and is measured apart: --filters direct
FILTER_MIXES: dict[str, list[dict[str, str]]] = {
    "typical": [{}, {"form": "Indirect"}, {"form": "IndirectFreeIndirect"}, {"since": "2020-01"}],
    "direct": [{"form": "Direct"}],
}
TARGET_P95_MS = 100.0

WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT {\\"p50_ms\\": %%.2f, \\"p95_ms\\": %%.2f, \\"p99_ms\\": %%.2f, " ..
    "\\"requests\\": %%d, \\"non_2xx\\": %%d, \\"socket_errors\\": %%d, \\"seconds\\": %%.2f}\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6))
end
"""


# the facet timings' filters: none, a word, a word and a form, a year, a form
FACET_FILTERS: list[dict[str, str]] = [
    {}, {"query": "Regierung"}, {"query": "Polizei", "form": "Indirect"},
    {"since": "2020-01", "until": "2020-12"}, {"form": "IndirectFreeIndirect"},
]  # fmt: skip
FACET_NAMES = ("speaker", "type", "gender", "outlet", "author", "form", "medium", "month")
YEARS = [str(year) for year in range(2015, 2025)]


def query_paths(limit: int, mix: str, requests: str = "search") -> list[str]:
    """One path per (word, filter) pair: 80 different searches for the typical mix; for ``pages``, the
    search page for each and the overview for each year."""
    searches = [{"q": word, **filters} for word in SEARCH_WORDS for filters in FILTER_MIXES[mix]]
    if requests == "facets":
        return ["/api/facets?" + urlencode(search) for search in searches]
    if requests == "pages":
        overviews = ["/?" + urlencode({"since": year, "until": year}) for year in YEARS]
        return ["/search?" + urlencode(search) for search in searches] + overviews
    return ["/api/statements?" + urlencode({**search, "limit": limit}) for search in searches]


def facet_times(db: str, repeats: int) -> tuple[int, dict[str, object]]:
    """The archive's statements, and milliseconds per facet query (and per timeline) straight on the
    archive: median and slowest over ``FACET_FILTERS``, each run ``repeats`` times."""
    from statistics import median

    from zitat.store import open_archive

    times: dict[str, list[float]] = {}
    with open_archive(db) as archive:
        statements = archive.count()
        queries: dict[str, Callable[[dict[str, str]], object]] = {
            name: partial(lambda name, filters: archive.facets([name], **filters), name)
            for name in FACET_NAMES
        }
        queries["all_facets"] = lambda filters: archive.facets(FACET_NAMES, **filters)  # a search page's
        queries["timeline"] = lambda filters: archive.timeline(**filters)
        queries["timeline_gender"] = lambda filters: archive.timeline(by_gender=True, **filters)
        for name, query in queries.items():
            for filters in FACET_FILTERS:
                for _ in range(repeats):
                    started = time.perf_counter()
                    query(filters)
                    times.setdefault(name, []).append((time.perf_counter() - started) * 1000)
        # the gender shares per month as the overview (no filter) and an outlet's page (its most common
        # outlet) ask for them
        top_outlet = archive.facets(["outlet"], limit=1)["outlet"]
        by_outlet = [("gender_shares_outlet", {"outlet": top_outlet[0]["value"]})] if top_outlet else []
        for name, filters in [("gender_shares_all", {}), *by_outlet]:
            for _ in range(repeats):
                started = time.perf_counter()
                archive.timeline(by_gender=True, **filters)
                times.setdefault(name, []).append((time.perf_counter() - started) * 1000)
        # a page of 20 hits for a word, best matches first (the default with a query) or newest first
        for sort in ("relevance", "newest"):
            for word in SEARCH_WORDS[:5]:
                for _ in range(repeats):
                    started = time.perf_counter()
                    archive.search(word, limit=20, sort=sort)
                    times.setdefault(f"search_{sort}", []).append((time.perf_counter() - started) * 1000)
    every = sorted(t for name in FACET_NAMES for t in times[name])
    return statements, {
        "statements": statements,
        "per_query_ms": {
            name: {"median": round(median(ts), 1), "max": round(max(ts), 1)} for name, ts in times.items()
        },
        "facet_p95_ms": round(every[int(0.95 * (len(every) - 1))], 1),
        "facet_max_ms": round(every[-1], 1),
    }


def build_archive(db: str, extracted: Path, min_statements: int) -> int:
    """Store the extracted documents again and again (each copy a new id, text and date) until the
    archive holds ``min_statements``; returns the number of statements."""
    from zitat.store import open_archive

    records = [json.loads(line) for line in extracted.read_text(encoding="utf-8").splitlines() if line]
    per_copy = sum(len(r["statements"]) for r in records)
    if not per_copy:
        raise SystemExit(f"{extracted} holds no statements")
    copies = -(-min_statements // per_copy)
    started = time.monotonic()
    with open_archive(db) as archive, archive.batch() as batch:  # group commits
        for copy in range(copies):
            for i, record in enumerate(records):
                document = record["document"]
                # appended text keeps every span valid and makes the content hash new
                text = f"{document['text']}\n\n[{copy}]"
                published = f"{2015 + copy % 10}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
                copied = {
                    **document,
                    "id": f"{document['id']}-{copy}",
                    "text": text,
                    "published": published,
                    "url": None,
                }
                batch.add(
                    lambda r={**record, "document": copied}, c=copy: archive.store(r, f"bench-copy-{c}")
                )
    with open_archive(db) as archive:
        archive.optimize()
        total = archive.count()
    print(f"built {db}: {copies} copies of {len(records)} documents, {total} statements in "
          f"{time.monotonic() - started:.0f} s", file=sys.stderr)  # fmt: skip
    return total


def copy_to_postgres(source: str, url: str) -> int:
    """Copy a SQLite archive's speakers, documents and statements into an empty PostgreSQL archive, with
    the search vectors storing would compute (folded text: title and text; message, source and speaker
    name). Storing 100,000 statements again through the archive's API took hours on PostgreSQL here; a
    copy takes minutes and gives the same rows to query. Returns the number of statements."""
    import sqlite3

    import psycopg

    from zitat.store import open_archive
    from zitat.text.folding import fold_for_search

    with open_archive(url):
        pass  # an empty archive: the schema, at the current version
    started = time.monotonic()
    origin = sqlite3.connect(source)
    with psycopg.connect(url) as target:
        for table in ("speakers", "documents", "statements"):
            columns = [row[1] for row in origin.execute(f"PRAGMA table_info({table})")]
            with target.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in origin.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    copy.write_row(row)
        bodies = {
            "statements": "SELECT s.id, s.message, s.source, sp.name FROM statements s "
            "LEFT JOIN speakers sp ON sp.id = s.speaker_id",
            "documents": "SELECT num, title, text FROM documents",
        }
        for table, query in bodies.items():
            key = "id" if table == "statements" else "num"
            target.execute("CREATE TEMP TABLE folded (key BIGINT, body TEXT)")
            with target.cursor().copy("COPY folded (key, body) FROM STDIN") as copy:
                for key_value, *texts in origin.execute(query):
                    copy.write_row((key_value, fold_for_search(" ".join(t for t in texts if t))))
            target.execute(
                f"UPDATE {table} SET search = to_tsvector('german', folded.body) FROM folded "
                f"WHERE folded.key = {table}.{key}"
            )
            target.execute("DROP TABLE folded")
        total = int(target.execute("SELECT count(*) FROM statements").fetchone()[0])  # type: ignore[index]
    # as autovacuum would, later: planner statistics, and the visibility map index-only scans need
    with psycopg.connect(url, autocommit=True) as target:
        target.execute("VACUUM ANALYZE")
    print(f"copied {source} to {url.rsplit('@', 1)[-1]}: {total} statements in "
          f"{time.monotonic() - started:.0f} s", file=sys.stderr)  # fmt: skip
    return total


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    db: str, port: int, workers: int = 1, threads: int | None = None, cache_mb: float | None = None
) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    from zitat.web.commands import serve_argv

    options = ["--db", db, "--port", str(port), "--workers", str(workers)]
    options += ["--threads", str(threads)] if threads else []
    options += ["--cache-mb", str(cache_mb)] if cache_mb is not None else []
    command = [sys.executable, *serve_argv(*options)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"zitat serve exited with {process.returncode}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("zitat serve did not answer within 120 s")


def run_wrk(url: str, paths: list[str], connections: int, seconds: int) -> dict[str, float]:
    lua = WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    threads = min(2, connections)  # wrk needs at least one connection per thread
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        script.name,
    ]
    try:
        out = subprocess.run(
            [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
        ).stdout
    finally:
        os.unlink(script.name)
    match = re.search(r"^RESULT (\{.*\})$", out, re.MULTILINE)
    if not match:
        raise SystemExit(f"wrk printed no result:\n{out}")
    return json.loads(match.group(1))


def statement_count(url: str) -> int:
    return int(httpx.get(url + "/api/statements", params={"limit": 1}, timeout=60).json()["total"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="archive to serve")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20, help="how long wrk runs (bounded)")
    parser.add_argument("--limit", type=int, default=20, help="hits per request (the search page shows 20)")
    parser.add_argument("--min-statements", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1, help="zitat serve --workers")
    parser.add_argument("--threads", type=int, help="zitat serve --threads (default: its default)")
    parser.add_argument("--cache-mb", type=float, help="zitat serve --cache-mb (0: no answers kept)")
    parser.add_argument(
        "--warmup", type=int, default=10, help="seconds of the same requests before the measured run"
    )
    parser.add_argument("--filters", choices=sorted(FILTER_MIXES), default="typical", help="search mix")
    parser.add_argument(
        "--mix", choices=("search", "pages", "facets"), default="search", help="what to request"
    )
    parser.add_argument(
        "--facet-times", action="store_true", help="time facet queries on the archive instead"
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs of each facet query (--facet-times)")
    parser.add_argument("--build-from", type=Path, help="JSONL of extracted documents to build --db from")
    parser.add_argument(
        "--copy-from", help="SQLite archive to copy into --db, an empty postgresql:// database, first"
    )
    args = parser.parse_args()
    if args.build_from:
        build_archive(args.db, args.build_from, args.min_statements)
    if args.copy_from:
        copy_to_postgres(args.copy_from, args.db)
    if args.facet_times:
        statements, timed = facet_times(args.db, args.repeats)
        print(json.dumps(timed))
        if statements < args.min_statements:
            raise SystemExit(f"{args.db} holds {statements} statements, fewer than {args.min_statements}")
        return 0
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    port = free_port()
    server = start_server(args.db, port, args.workers, args.threads, args.cache_mb)
    url = f"http://127.0.0.1:{port}"
    try:
        statements = statement_count(url)
        if statements < args.min_statements:
            raise SystemExit(f"{args.db} holds {statements} statements, fewer than {args.min_statements}")
        paths = query_paths(args.limit, args.filters, args.mix)
        if args.warmup:  # the first answers of each worker process: queries not yet kept
            run_wrk(url, paths, args.connections, args.warmup)
        result = run_wrk(url, paths, args.connections, args.seconds)
    finally:
        server.terminate()
        server.wait(30)
    result |= {"statements": statements, "connections": args.connections, "limit": args.limit}
    result |= {"mix": args.mix, "filters": args.filters, "workers": args.workers, "threads": args.threads}
    result |= {"cache_mb": args.cache_mb, "warmup_s": args.warmup}
    result["load_average"] = round(os.getloadavg()[0], 2)
    result["requests_per_s"] = round(result["requests"] / result["seconds"], 1)
    print(json.dumps(result))
    ok = result["requests"] > 0 and result["p95_ms"] <= TARGET_P95_MS
    ok = ok and result["non_2xx"] == 0 and result["socket_errors"] == 0
    print(f"p95 {result['p95_ms']:.1f} ms (target ≤ {TARGET_P95_MS:g}), errors "
          f"{result['non_2xx'] + result['socket_errors']}: {'PASS' if ok else 'FAIL'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
