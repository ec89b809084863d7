"""Archive commands: ``ingest``, ``search``, ``speakers``, ``show``, ``stats``, ``export``, ``failures``.

Thin layers over ``zitat.store.Archive``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from zitat.cli_options import add_db_option, add_model_option
from zitat.document import FORMS, SPEAKER_TYPES
from zitat.errors import EnvironmentFault, ZitatError
from zitat.speakers.commands import add_subcommands as add_speaker_subcommands
from zitat.store import Archive, default_location, open_archive
from zitat.store.batch import RECONNECT_SECONDS
from zitat.store.database import POSTGRES_SCHEMES
from zitat.store.export import FORMATS as EXPORT_FORMATS
from zitat.store.filters import NARROWING, confidence_threshold, date_filter
from zitat.store.ingestion import IngestSummary

FAILURES_SHOWN = 20
RERUN = "the documents stored so far are kept; once this is fixed, the same command stores the rest"
Column = tuple[str, str, int]  # header, row key, width


def register(subparsers: argparse._SubParsersAction) -> None:
    _register_ingest(subparsers)
    _register_search(subparsers)
    _register_speakers(subparsers)
    _register_show(subparsers)
    _register_stats(subparsers)
    _register_export(subparsers)
    _register_failures(subparsers)


def _add_dates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=date, help="published on or after this date (YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY)"
    )
    parser.add_argument("--until", type=date, help="published on or before this date (inclusive, same forms)")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--speaker", help="speaker name from the start of a word (case- and umlaut-insensitive) or id"
    )
    parser.add_argument("--type", choices=SPEAKER_TYPES, help="speaker type")
    parser.add_argument("--form", choices=FORMS, help="statement form")
    parser.add_argument("--outlet", help="outlet name (case-insensitive)")
    parser.add_argument(
        "--author", help="an author's full name (case-insensitive; also one of several authors)"
    )
    _add_dates(parser)
    parser.add_argument(
        "--min-confidence",
        type=confidence,
        metavar="P",
        help="statements the model gave at least this confidence (0 to 1)",
    )


def argument(parse: Callable[[str], str]) -> Callable[[str], str]:
    """An argparse type from a parser whose ValueError says what is wrong (argparse shows it)."""

    def read(text: str) -> str:
        try:
            return parse(text)
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    return read


date, confidence = argument(date_filter), argument(confidence_threshold)


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {name: getattr(args, name) for name in NARROWING if getattr(args, name, None)}


def open_existing(args: argparse.Namespace, create: bool = False) -> Archive:
    """The archive of ``--db``; only ``ingest`` creates one: elsewhere a mistyped path is an error,
    not a new empty archive with empty results."""
    location = args.db or default_location()
    if not create and not location.startswith(POSTGRES_SCHEMES) and not Path(location).exists():
        raise ZitatError(f"no archive at {location} (zitat ingest creates one; --db or ZITAT_DB chooses it)")
    return open_archive(location)


# ingest


def _register_ingest(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="extract statements from articles and store them in an archive",
        description="Read articles (text, HTML, RSS/Atom, JSONL, JSONL.gz, WARC, WARC.gz; folders "
        "recursively; - for standard input), extract their statements and store them. Documents already "
        "stored (same URL or text) are not extracted again; when another outlet, URL or date published a "
        "stored text, that occurrence is recorded. An interrupted run is completed by running it again.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for standard input")
    parser.add_argument(
        "--from-parquet",
        metavar="DIR",
        help="store the result of `zitat spark extract` (its output folder) without extracting again",
    )
    add_db_option(parser)
    add_model_option(parser)
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (default: 1)")
    parser.add_argument(
        "--reprocess", action="store_true", help="re-extract stored documents with the current model"
    )
    parser.add_argument(
        "--reconnect",
        type=float,
        default=RECONNECT_SECONDS,
        metavar="SECONDS",
        help="when the PostgreSQL server drops the connection, reconnect for this long (5 attempts, waits "
        "doubling) and store the uncommitted documents again; 0 stops at once "
        f"(default: {RECONNECT_SECONDS:g})",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(func=run_ingest)


def run_ingest(args: argparse.Namespace) -> int:
    summary = ingest(args)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(summary_text(summary))
    return ingest_status(summary)


def ingest(args: argparse.Namespace) -> IngestSummary:
    """Store the inputs of ``zitat ingest`` (its arguments) in the archive."""
    if bool(args.paths) == bool(args.from_parquet):
        raise ZitatError("give input PATHs or --from-parquet DIR (one of the two)")
    from zitat.spark.results import read_spark_items  # pyarrow: only for --from-parquet

    inputs = read_spark_items(args.from_parquet) if args.from_parquet else args.paths
    try:
        with open_existing(args, create=True) as archive:
            return archive.ingest(
                inputs,
                model=args.model,
                workers=args.workers,
                reprocess=args.reprocess,
                progress=not args.quiet,
                reconnect=args.reconnect,
            )
    except EnvironmentFault as fault:
        raise EnvironmentFault(f"{fault}; {RERUN}") from fault


def ingest_status(summary: IngestSummary) -> int:
    """The exit status of ``zitat ingest``: 1 when inputs failed and nothing was stored."""
    stored = summary.ingested + summary.reprocessed + summary.occurrences + summary.duplicates
    return 1 if summary.failed and not stored else 0


def summary_text(summary: IngestSummary) -> str:
    lines = [
        f"ingested {summary.ingested:,} documents ({summary.statements:,} statements, "
        f"{summary.words:,} words) in {summary.seconds:.1f} s: "
        f"{summary.documents_per_second:.1f} documents/s, {summary.words_per_second:,.0f} words/s",
        f"reprocessed {summary.reprocessed:,}, new occurrences of stored texts {summary.occurrences:,}, "
        f"duplicates {summary.duplicates:,}, "
        f"skipped non-German {summary.non_german:,}, failed {summary.failed:,}",
    ]
    if summary.reconnects:
        lines.append(
            f"the database server dropped the connection: reconnected {summary.reconnects:,} time(s) and "
            "stored the uncommitted documents again"
        )
    if summary.failures:
        lines.append("failures (all of them: zitat failures):")
        lines.extend(f"  {failure}" for failure in summary.failures[:FAILURES_SHOWN])
        if len(summary.failures) > FAILURES_SHOWN:
            lines.append(f"  … and {len(summary.failures) - FAILURES_SHOWN} more")
    return "\n".join(lines)


# output helpers


def table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    """Fixed-width columns; the last one takes what is left of the line, shortened."""
    head = " ".join(f"{title:<{width}}" for title, _, width in columns)
    lines = [head.rstrip()]
    for row in rows:
        cells = []
        for _, key, width in columns:
            value = row.get(key)
            text = "–" if value is None or value == "" else str(value)
            cells.append(f"{textwrap.shorten(text, width, placeholder='…'):<{width}}")
        lines.append(" ".join(cells).rstrip())
    return "\n".join(lines)


def write_rows(rows: list[dict[str, Any]], fmt: str, columns: Sequence[Column]) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [k for _, k, _ in columns])
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(table(rows, columns))


# search


SEARCH_COLUMNS: list[Column] = [
    ("ID", "id", 7),
    ("DATE", "published", 10),
    ("OUTLET", "outlet", 14),
    ("SPEAKER", "speaker", 24),
    ("FORM", "form", 12),
    ("MESSAGE", "message", 80),
]


def _register_search(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="find statements in an archive",
        description="Statements, newest first, whose message, source or speaker holds all words of QUERY "
        "(case- and umlaut-insensitive, each word matching as a prefix: 'Klima' finds 'Klimaschutz').",
    )
    parser.add_argument("query", nargs="?", default="", help="words to find (optional)")
    add_db_option(parser)
    _add_filters(parser)
    parser.add_argument("--limit", type=int, default=20, help="at most this many statements (default: 20)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.set_defaults(func=run_search)


def run_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ZitatError(f"--limit must be at least 1, not {args.limit}")
    with open_existing(args) as archive:
        rows = archive.search(args.query, limit=args.limit, **_filters(args))
    write_rows(rows, args.format, SEARCH_COLUMNS)
    return 0


# speakers


SPEAKER_COLUMNS: list[Column] = [
    ("ID", "id", 6),
    ("SPEAKER", "name", 30),
    ("TYPE", "type", 12),
    ("STATEMENTS", "statements", 10),
    ("FIRST", "first_seen", 10),
    ("LAST", "last_seen", 10),
    ("FORMS", "forms", 40),
]


def _register_speakers(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "speakers",
        help="who speaks most in an archive",
        description="Speakers by number of statements, with forms, outlets and first and last date seen.",
    )
    add_db_option(parser)
    parser.add_argument("--top", type=int, default=20, help="this many speakers (default: 20)")
    parser.add_argument(
        "--unresolved",
        action="store_true",
        help="also list source mentions resolved to nobody („sie“, „demnach“), left out by default",
    )
    _add_dates(parser)
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.set_defaults(func=run_speakers)
    _register_review(add_speaker_subcommands(parser))


def run_speakers(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        rows = archive.speakers(top=args.top, unresolved=args.unresolved, **_filters(args))
    if args.format != "json":  # flat cells for tables and CSV
        for row in rows:
            row["forms"] = ", ".join(f"{form} {n}" for form, n in row["forms"].items())
            row["outlets"] = "; ".join(f"{outlet} {n}" for outlet, n in row["outlets"].items())
    write_rows(rows, args.format, SPEAKER_COLUMNS)
    return 0


# speaker review: merge, split, variants, corrections


def _register_review(commands: argparse._SubParsersAction) -> None:
    merge = commands.add_parser(
        "merge",
        help="count speaker B as speaker A, now and in later ingests",
        description="Speaker B becomes part of speaker A (ids, keys or names as `zitat speakers` shows "
        "them). The correction is stored and applies to every later ingest; `zitat speakers corrections "
        "--remove` undoes it.",
    )
    merge.add_argument("a", metavar="A", help="the speaker that stays")
    merge.add_argument("b", metavar="B", help="the speaker merged into A")
    split = commands.add_parser(
        "split",
        help="split a name variant off a speaker, now and in later ingests",
        description="The statements of one name variant of SPEAKER (a key or name from `zitat speakers "
        "variants SPEAKER`) become a speaker of their own: undoes a merge, or a bare surname joined to the "
        "wrong full name. The correction is stored and applies to every later ingest.",
    )
    split.add_argument("speaker", metavar="SPEAKER", help="speaker id, key or name")
    split.add_argument("variant", metavar="VARIANT", help="the variant's key or name")
    for review in (merge, split):
        review.add_argument("--note", help="why (kept with the correction)")
    variants = commands.add_parser(
        "variants",
        help="the name variants whose statements count for a speaker",
        description="The automatic keys counted for SPEAKER, with their name, why they count for it "
        "(own key, merge, surname), statements, documents and the latest mentions.",
    )
    variants.add_argument("speaker", metavar="SPEAKER", help="speaker id, key or name")
    corrections = commands.add_parser(
        "corrections",
        help="list (or remove) the stored merge and split corrections",
        description="The stored corrections, oldest first. --remove ID deletes one and undoes its effect.",
    )
    corrections.add_argument("--remove", type=int, metavar="ID", help="delete this correction")
    for command, func in ((merge, run_merge), (split, run_split), (variants, run_variants),
                          (corrections, run_corrections)):  # fmt: skip
        # SUPPRESS: when not given after the subcommand, the value given before it stays
        # (zitat speakers --db news.db merge …)
        add_db_option(command, default=argparse.SUPPRESS)
        command.set_defaults(func=func)
    for listing in (variants, corrections):
        listing.add_argument("--format", choices=("table", "json"), default=argparse.SUPPRESS)


def _speaker_label(row: dict[str, Any]) -> str:
    return f"{row['id']} {row['name'] or '–'} ({row['key']})"


def run_merge(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        result = archive.merge_speakers(args.a, args.b, args.note)
    speaker, merged = result["speaker"], result["merged"]
    if result["correction"] is None:
        print(f"{_speaker_label(merged)} already counts as {_speaker_label(speaker)}: nothing to do")
    else:
        print(
            f"merged {_speaker_label(merged)} into {_speaker_label(speaker)}: "
            f"{speaker['statements']:,} statement(s) (correction {result['correction']['id']})"
        )
    return 0


def run_split(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        result = archive.split_speaker(args.speaker, args.variant, args.note)
    speaker, split_off = result["speaker"], result["split_off"]
    print(
        f"split off {_speaker_label(split_off)} with {split_off['statements']:,} statement(s); "
        f"{_speaker_label(speaker)} keeps {speaker['statements']:,} (correction {result['correction']['id']})"
    )
    return 0


VARIANT_COLUMNS: list[Column] = [
    ("KEY", "key", 24),
    ("NAME", "name", 26),
    ("HOW", "link", 8),
    ("STATEMENTS", "statements", 10),
    ("DOCUMENTS", "documents", 9),
    ("LATEST MENTIONS", "mentions", 60),
]
CORRECTION_COLUMNS: list[Column] = [
    ("ID", "id", 4),
    ("KIND", "kind", 5),
    ("A", "a", 36),
    ("B", "b", 36),
    ("CREATED", "created_at", 25),
    ("NOTE", "note", 40),
]


def run_variants(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        rows = archive.speaker_variants(args.speaker)
    if args.format != "json":
        for row in rows:
            row["mentions"] = "; ".join(f"{m['document_id']}: {m['source'] or '–'}" for m in row["mentions"])
    write_rows(rows, args.format, VARIANT_COLUMNS)
    return 0


def run_corrections(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        if args.remove is not None:
            removed = archive.remove_correction(args.remove)
            print(f"removed correction {removed['id']}: {removed['kind']} {removed['a']} {removed['b']}")
            return 0
        rows = archive.corrections()
    if args.format != "json":
        for row in rows:
            for side in ("a", "b"):
                row[side] = f"{row[side]} {row.pop(side + '_name') or ''}".strip()
    write_rows(rows, args.format, CORRECTION_COLUMNS)
    return 0


# show


def _register_show(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show",
        help="one stored article with its statements",
        description="Show a stored document by id or URL.",
    )
    parser.add_argument("document", metavar="DOC", help="document id or URL")
    add_db_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run_show)


def show_text(record: dict[str, Any]) -> str:
    document = record["document"]
    head = [f"{document['id']}" + (f" — {document['title']}" if document.get("title") else "")]
    details = [document.get(k) for k in ("outlet", "author", "published", "url") if document.get(k)]
    raw_date = record.get("archive", {}).get("published_raw")
    if raw_date and not document.get("published"):
        details.append(f"date given as {raw_date!r} (not a date)")
    if details:
        head.append(" · ".join(details))
    body = "\n".join(textwrap.fill(p, 100) for p in document["text"].split("\n") if p.strip())
    lines = [*head, "", body, "", f"{len(record['statements'])} statement(s)"]
    for stmt in record["statements"]:
        speaker = (stmt.get("speaker") or {}).get("name") or (stmt.get("source") or {}).get("text") or "–"
        message = (stmt.get("message") or {}).get("text") or "–"
        nested = "↳" if stmt.get("nested_in") else ""
        lines.append(f"{stmt['id']:>4} {nested}{stmt.get('form') or '?'} · {speaker}: {message}")
    return "\n".join(lines)


def run_show(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        record = archive.document(args.document)
    if record is None:
        raise ZitatError(f"no document {args.document!r} in the archive (ids: zitat search, zitat export)")
    print(json.dumps(record, ensure_ascii=False, indent=2) if args.format == "json" else show_text(record))
    return 0


# stats


def _register_stats(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="what an archive holds",
        description="Documents, statements, share of anonymous sources, gender shares of person speakers, "
        "top outlets and statements per month (of the filtered statements).",
    )
    add_db_option(parser)
    _add_filters(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run_stats)


def stats_text(stats: dict[str, Any]) -> str:
    lines = [
        f"documents        {stats['documents']:,} ({stats['documents_with_statements']:,} with statements)",
        f"occurrences      {stats['occurrences']:,} publications "
        f"({stats['documents_in_several_outlets']:,} documents published by several outlets)",
        f"statements       {stats['statements']:,}",
        f"speakers         {stats['speakers']:,}",
        f"anonymous share  {stats['anonymous_share']:.1%}",
        "person speakers  "
        + (", ".join(f"{g} {s:.1%}" for g, s in stats["person_speaker_gender_shares"].items()) or "–"),
        "their statements "
        + (", ".join(f"{g} {s:.1%}" for g, s in stats["person_gender_shares"].items()) or "–"),
        f"failed inputs    {stats['failed']:,}, skipped non-German {stats['skipped_non_german']:,}",
        "forms            " + (", ".join(f"{f} {n:,}" for f, n in stats["forms"].items()) or "–"),
        "top outlets",
    ]
    lines.extend(f"  {o['outlet'] or '–':<30} {o['statements']:>8,} statements" for o in stats["top_outlets"])
    lines.append("statements per month")
    lines.extend(f"  {month:<8} {n:>8,}" for month, n in stats["statements_per_month"].items())
    return "\n".join(lines)


def run_stats(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        stats = archive.stats(**_filters(args))
    print(json.dumps(stats, ensure_ascii=False, indent=2) if args.format == "json" else stats_text(stats))
    return 0


# export


def _register_export(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="statements of an archive as CSV, JSONL or Parquet",
        description="Write the (filtered) statements of an archive, one row per statement.",
    )
    add_db_option(parser)
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("query", nargs="?", default="", help="only statements with these words (optional)")
    _add_filters(parser)
    parser.set_defaults(func=run_export)


def _output(path: str, binary: bool) -> IO[Any]:
    if binary:
        return open(path, "wb")
    return open(path, "w", encoding="utf-8", newline="")


def run_export(args: argparse.Namespace) -> int:
    binary = args.format == "parquet"
    filters = {"query": args.query, **_filters(args)}
    with open_existing(args) as archive:
        if args.output:
            with _output(args.output, binary) as out:
                count = archive.export(out, args.format, **filters)
        else:
            count = archive.export(sys.stdout.buffer if binary else sys.stdout, args.format, **filters)
    print(f"zitat: exported {count:,} statements", file=sys.stderr)
    return 0


# failures


def _register_failures(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "failures",
        help="inputs an ingest could not store, with reasons",
        description="Inputs that failed (or were skipped as non-German) in earlier ingests, with the reason.",
    )
    add_db_option(parser)
    parser.add_argument("--kind", choices=("failed", "non_german"), help="only this kind")
    parser.add_argument("--limit", type=int, default=None, help="at most this many")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.set_defaults(func=run_failures)


FAILURE_COLUMNS: list[Column] = [("INPUT", "source", 50), ("KIND", "kind", 10), ("REASON", "reason", 80)]


def run_failures(args: argparse.Namespace) -> int:
    with open_existing(args) as archive:
        rows = archive.failures(limit=args.limit, kind=args.kind)
    write_rows(rows, args.format, FAILURE_COLUMNS)
    return 0
