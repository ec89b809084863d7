"""Tracking commands: ``cluster`` (compute or update), ``clusters`` (list) and ``trace`` (one
statement's cluster: first appearance, timeline by outlet, variants with diffs)."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from zitat.cli_options import add_db_option
from zitat.store.commands import Column, ingest, ingest_status, open_existing, summary_text, write_rows
from zitat.tracking.update import ClusterRun, cluster_archive, is_clustered
from zitat.tracking.views import FLAGS, SORTS, list_clusters, trace

CLUSTER_COLUMNS: list[Column] = [
    ("ID", "id", 8),
    ("SIZE", "size", 5),
    ("OUTLETS", "outlets", 7),
    ("FIRST", "first_published", 10),
    ("FLAGS", "flag_text", 24),
    ("SPEAKER", "speaker", 22),
    ("CANONICAL WORDING", "canonical", 60),
]
DIFF_MARKS = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "cluster",
        help="group the archive's statements into utterances across articles (incrementally)",
        description="Cluster the statements stored since the last run (all of them the first time, or with "
        "--full): one cluster per utterance across articles and outlets, with its first appearance and "
        "flags. See docs/tracking.md.",
    )
    add_db_option(parser)
    parser.add_argument("--full", action="store_true", help="recompute every cluster")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(func=run_cluster)

    parser = subparsers.add_parser(
        "clusters",
        help="list statement clusters (utterances carried by several articles)",
        description="Clusters of at least --min-size statements, largest first.",
    )
    add_db_option(parser)
    parser.add_argument(
        "--flag", choices=FLAGS, help="only clusters with a possible misquote or misattribution"
    )
    parser.add_argument(
        "--speaker", help="only clusters with a statement credited to this speaker (name part)"
    )
    parser.add_argument("--min-size", type=int, default=2, help="statements at least (default: 2)")
    parser.add_argument("--sort", choices=tuple(SORTS), default="size")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.set_defaults(func=run_clusters)

    parser = subparsers.add_parser(
        "trace",
        help="where a statement first appeared, who carried it, how its wording changed",
        description="The cluster of a statement, given by its id or by its words (the closest stored "
        "statement): first appearance, outlets over time, variants with word diffs, flags.",
    )
    parser.add_argument("statement", metavar="STATEMENT_ID_OR_TEXT")
    add_db_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run_trace)

    add_cluster_option(subparsers)


def run_cluster(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        run = cluster_archive(archive.db, full=args.full)
    print(json.dumps(run.as_dict(), indent=2) if args.json else cluster_text(run))
    return 0


def cluster_text(run: ClusterRun) -> str:
    return (
        f"{run.mode} clustering ({run.reason}): {run.statements:,} statements in {run.seconds:.1f} s, "
        f"{run.linked:,} joined an earlier statement's cluster, {run.clusters_touched:,} clusters updated"
    )


def add_cluster_option(subparsers: argparse._SubParsersAction) -> None:
    """``zitat ingest --cluster``: the clusters are updated after the documents are stored; by default
    when the archive has clusters already (``--no-cluster`` leaves them to a later ``zitat cluster``)."""
    parser = subparsers.choices["ingest"]
    parser.add_argument(
        "--cluster",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="update the statement clusters after storing (default: when the archive has clusters; "
        "see zitat cluster)",
    )
    parser.set_defaults(func=run_ingest_and_cluster)


def run_ingest_and_cluster(args: argparse.Namespace) -> int:
    summary = ingest(args)
    run = None
    if args.cluster is not False:
        with open_existing(args) as archive:
            if args.cluster or is_clustered(archive.db):
                run = cluster_archive(archive.db)
    if args.json:
        found = summary.as_dict() | ({"clusters": run.as_dict()} if run else {})
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        print(summary_text(summary) + (f"\n{cluster_text(run)}" if run else ""))
    return ingest_status(summary)


def run_clusters(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        rows = list_clusters(
            archive.db,
            flag=args.flag,
            speaker=args.speaker,
            min_size=args.min_size,
            sort=args.sort,
            limit=args.limit,
            offset=args.offset,
        )
    for row in rows:
        row["flag_text"] = ", ".join(row["flags"])
        if args.format == "csv":
            row["flags"] = row.pop("flag_text")
    if args.format != "table":
        for row in rows:
            row.pop("flag_text", None)
    write_rows(rows, args.format, CLUSTER_COLUMNS)
    return 0


def run_trace(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        found = trace(archive.db, args.statement)
    print(json.dumps(found, ensure_ascii=False, indent=2) if args.format == "json" else trace_text(found))
    return 0


def _wrapped(text: str | None, indent: str = "    ") -> str:
    return textwrap.fill(text or "–", width=100, initial_indent=indent, subsequent_indent=indent)


def trace_text(found: dict[str, Any]) -> str:
    first = found["first"]
    flag_text = ", ".join(f"possible {flag}" for flag in found["flags"]) or "none"
    lines = [
        f"statement {found['statement_id']}: cluster {found['id']} — {found['size']} statements in "
        f"{found['documents']} documents, {found['occurrences']} publications by {found['outlets']} outlets",
        f"flags: {flag_text}",
        f"first appearance: {first['first_published'] or 'undated'}, {first['outlet'] or 'unknown outlet'} "
        f"(document {first['document_id']}, statement {first['id']}, "
        f"{first['speaker'] or first['source'] or '–'})",
        "canonical wording:",
        _wrapped(found["canonical"]["message"]),
        "timeline:",
    ]
    for day in found["timeline"]:
        outlets = ", ".join(f"{name} {n}" if n > 1 else name for name, n in day["outlets"].items())
        lines.append(f"  {day['date'] or 'undated':<10}  {outlets}")
    lines.append("speakers:")
    lines.extend(
        f"  {s['speaker']}: {s['statements']}" + ("" if s["named"] else " (names nobody)")
        for s in found["speakers"]
    )
    lines.append("variants ([-removed-] {+added+} against the canonical wording):")
    for variant in found["variants"]:
        diff = " ".join(DIFF_MARKS[piece["kind"]].format(piece["text"]) for piece in variant["diff"])
        marker = " (canonical)" if variant["canonical"] else ""
        lines.append(f"  {len(variant['statements'])}× in {', '.join(variant['outlets'])}{marker}:")
        lines.append(_wrapped(diff))
    altered = [s for s in found["statements"] if s["altered"]]
    if altered:
        lines.append("direct quotes whose words differ from the earliest direct quote:")
        lines.extend(
            f"  statement {s['id']} ({s['outlet'] or '–'}, {s['first_published'] or 'undated'})"
            for s in altered
        )
    return "\n".join(lines)
