"""``python -m zitat.spark extract INPUT OUTPUT``: the Spark job without the rest of the CLI.

This is also the script to give ``spark-submit`` (see docs/spark.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from zitat.errors import ZitatError
from zitat.spark.commands import add_extract_parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zitat.spark", description="zitat on Apache Spark.")
    add_extract_parser(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ZitatError as exc:
        print(f"zitat: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
