"""``zitat spark extract INPUT OUTPUT``: the extraction as a Spark job, locally or on a cluster."""

from __future__ import annotations

import argparse
import sys
from types import ModuleType

from zitat.cli_options import add_db_option, add_model_option, checked_model
from zitat.errors import ZitatError
from zitat.spark.inputs import INPUT_FORMATS
from zitat.store import default_location


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "spark",
        help="run the extraction on Apache Spark (local mode or a cluster)",
        description="Run zitat as a Spark job. See docs/spark.md for clusters.",
    )
    commands = parser.add_subparsers(dest="spark_command", metavar="COMMAND", required=True)
    add_extract_parser(commands)
    add_cluster_parser(commands)


def add_cluster_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "cluster",
        help="cluster an archive's statements (as zitat cluster --full) on Spark, into Parquet",
        description="Group the statements of an archive into clusters (one utterance across articles; "
        "docs/tracking.md) with the shingle matching on Spark, and write OUTPUT/clusters (statement_id, "
        "cluster_id). The clusters equal those of zitat cluster --full.",
    )
    parser.add_argument("output", metavar="OUTPUT", help="output folder")
    add_db_option(parser)
    parser.add_argument("--master", help="Spark master (default: as for zitat spark extract)")
    parser.add_argument("--overwrite", action="store_true", help="replace OUTPUT/clusters")
    parser.set_defaults(func=run_cluster)


def run_cluster(args: argparse.Namespace) -> int:
    from zitat.store.commands import open_existing

    open_existing(args).close()  # a missing archive is an error before Spark starts
    job = load_job()
    from zitat.spark.clusters import run_cluster as cluster_job

    spark = job.create_session(args.master)
    try:
        summary = cluster_job(spark, args.db or default_location(), args.output, overwrite=args.overwrite)
    finally:
        spark.stop()
    print(summary.describe())
    return 0


def add_extract_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract statements from JSONL, Parquet or WARC input into Parquet datasets",
        description="Extract statements from all input at INPUT and write the Parquet datasets "
        "documents, statements, speakers and failures under OUTPUT. Bad records are counted in "
        "failures; they do not stop the job.",
    )
    parser.add_argument(
        "input",
        metavar="INPUT",
        help="file, folder or glob on any Hadoop-compatible file system: JSONL, Parquet (column text), "
        "WARC(.gz), text or HTML",
    )
    parser.add_argument("output", metavar="OUTPUT", help="output folder (must not exist unless --overwrite)")
    parser.add_argument(
        "--master",
        help="Spark master, e.g. local[2] (2 cores), local[2,4] (each task tried up to 4 times) or yarn "
        "(default: spark-submit's, else all local cores with task retries as on a cluster)",
    )
    add_model_option(parser)
    parser.add_argument(
        "--partitions",
        type=int,
        help="extraction partitions (default: input partitions, at least 4 per core)",
    )
    parser.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="parquet, or files read whole (JSONL, WARC, text, HTML); default: by the first file's name",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace the datasets in OUTPUT")
    parser.set_defaults(func=run)


def load_job() -> ModuleType:
    try:
        from zitat.spark import job
    except ImportError as exc:
        raise ZitatError(f"zitat spark needs pyspark ({exc}): pip install 'zitat[spark]'") from None
    return job


def run(args: argparse.Namespace) -> int:
    checked_model(args)
    if args.partitions is not None and args.partitions < 1:
        raise ZitatError("--partitions must be at least 1")
    job = load_job()
    spark = job.create_session(args.master)
    try:
        summary = job.run_extract(
            spark,
            args.input,
            args.output,
            model=args.model,
            partitions=args.partitions,
            input_format=args.input_format,
            overwrite=args.overwrite,
        )
    finally:
        spark.stop()
    print(summary.describe())
    if summary.failures:
        failures = f"{args.output.rstrip('/')}/failures"
        print(f"zitat: {summary.failures} record(s) failed, see {failures}", file=sys.stderr)
    return 0
