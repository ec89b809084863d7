"""``zitat extract``: statements of articles given as text, HTML or JSONL files (or standard input)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from zitat.cli_options import add_model_option, checked_model
from zitat.extraction import extract, extract_json
from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import read_inputs
from zitat.output import table, write_document_json

FORMATS = ("table", "json", "jsonl", "spkatt")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="find who said what in articles (text, HTML, JSONL)",
        description="Find statements in German news articles. One document gives one JSON object, "
        "several give JSONL (one line per document, in input order).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for standard input")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    add_model_option(parser)
    parser.set_defaults(func=run)


def render(article: Article, model: str, fmt: str) -> tuple[str, dict[str, Any] | None]:
    """The table text, or the JSON object, of one article."""
    if fmt == "json" or fmt == "jsonl":
        return "", extract_json(article, model)
    doc = extract(article, model)
    if fmt == "table":
        return table(doc), None
    from zitat.spkatt.format import spkatt_json

    return "", spkatt_json(doc)


def run(args: argparse.Namespace) -> int:
    checked_model(args)
    failures: list[Failure] = []
    out = sys.stdout
    # one document gives one JSON object; a second one switches to JSONL, so the first is held back
    held: dict[str, Any] | None = None
    streaming = args.format == "jsonl"
    for item in read_inputs(args.paths):
        if isinstance(item, Failure):
            failures.append(item)
            print(f"zitat: error: {item}", file=sys.stderr)
            continue
        text, obj = render(item, args.model, args.format)
        if obj is None:
            out.write(text + "\n\n")
        elif streaming or held is not None:
            for pending in (held, obj):
                if pending is not None:
                    out.write(json.dumps(pending, ensure_ascii=False) + "\n")
            held, streaming = None, True
        else:
            held = obj
        out.flush()
    if held is not None:
        write_document_json(held, out)
    if failures:
        print(f"zitat: {len(failures)} input(s) failed", file=sys.stderr)
        return 1
    return 0
