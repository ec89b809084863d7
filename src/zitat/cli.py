"""The ``zitat`` command line. Each area registers its own subcommands (see ``COMMAND_MODULES``)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from zitat import __version__
from zitat.errors import ZitatError

# Modules with ``register(subparsers)``; each subcommand sets ``func(args) -> int``.
COMMAND_MODULES = (
    "zitat.commands.extract",
    "zitat.store.commands",
    "zitat.web.commands",
    "zitat.spark.commands",
    "zitat.spkatt.commands",
    "zitat.attribution.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zitat", description="Who said what, to whom, and how, in German news."
    )
    parser.add_argument("--version", action="version", version=f"zitat {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ZitatError as exc:
        print(f"zitat: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("zitat: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: still one line, the traceback on request
        if os.environ.get("ZITAT_DEBUG"):
            raise
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(f"zitat: internal error: {message} (ZITAT_DEBUG=1 shows details)", file=sys.stderr)
        return 70
