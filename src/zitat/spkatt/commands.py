"""``zitat spkatt predict`` and ``zitat spkatt eval``: the SpkAtt-2023 shared-task workflow."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zitat.cli_options import add_model_option, checked_model
from zitat.document import DocumentMeta
from zitat.errors import InputError, ZitatError
from zitat.spkatt.format import (
    SpkAttArticle,
    annotations_from_statements,
    article_files,
    read_article,
    write_article,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("spkatt", help="SpkAtt-2023 format: predict and evaluate")
    commands = parser.add_subparsers(dest="spkatt_command", metavar="COMMAND", required=True)

    predict = commands.add_parser("predict", help="fill Annotations of every SpkAtt file in IN_DIR")
    predict.add_argument("in_dir", type=Path, metavar="IN_DIR")
    predict.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    add_model_option(predict)
    predict.set_defaults(func=run_predict)

    evaluate = commands.add_parser("eval", help="score predictions against gold (full and simplified task)")
    evaluate.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    evaluate.add_argument("pred_dir", type=Path, metavar="PRED_DIR")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument(
        "--by-form",
        action="store_true",
        help="also count found, missed and spurious statements per form",
    )
    evaluate.add_argument(
        "--by-part",
        action="store_true",
        help="also score each part (Cue, Message, Source, Addr, Frame) alone, over all and over found pairs",
    )
    evaluate.set_defaults(func=run_eval)


def run_predict(args: argparse.Namespace) -> int:
    checked_model(args)
    files = article_files(args.in_dir)
    if args.out_dir.resolve() == args.in_dir.resolve():
        raise ZitatError("OUT_DIR must differ from IN_DIR (the input files would be overwritten)")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in files:
        try:
            article = read_article(path)
        except InputError as exc:
            print(f"zitat: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        write_article(args.out_dir / path.name, predicted_article(article, args.model))
    print(f"{len(files) - failed} file(s) written to {args.out_dir}", file=sys.stderr)
    if failed:
        print(f"zitat: {failed} of {len(files)} file(s) failed", file=sys.stderr)
    return 1 if failed else 0


def predicted_article(article: SpkAttArticle, model: str) -> SpkAttArticle:
    """The article with its Annotations replaced by the pipeline's statements on its own tokens."""
    from zitat.pipeline import process_tokens

    doc = process_tokens(article.sentences, DocumentMeta(id=article.name), model)
    annotations = annotations_from_statements(doc, doc._.statements, article.token_positions())
    return SpkAttArticle(article.name, article.sentences, annotations)


def run_eval(args: argparse.Namespace) -> int:
    from zitat.spkatt.scorer import evaluate_dirs, format_forms, format_parts, format_report

    report = evaluate_dirs(args.gold_dir, args.pred_dir)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
        return 0
    print(format_report(report))
    if args.by_form:
        print()
        print(format_forms(report))
    if args.by_part:
        print()
        print(format_parts(report))
    return 0
