"""The ``zitat`` command line. Each area registers its own subcommands (see ``COMMAND_MODULES``)."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
from collections.abc import Sequence

from zitat import __version__
from zitat.errors import EnvironmentFault, ZitatError

# Modules with ``register(subparsers)``; each subcommand sets ``func(args) -> int``.
COMMAND_MODULES = (
    "zitat.commands.extract",
    "zitat.store.commands",
    "zitat.tracking.commands",
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


def _drop_output() -> None:
    """Point standard output at /dev/null, so the exit does not fail again flushing what it could not
    write (Python's advice for broken pipes)."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class Terminated(KeyboardInterrupt):
    """SIGTERM, stopping a command as Ctrl-C does: the work done so far is committed, workers end."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    signal.signal(signal.SIGTERM, _terminate)  # the default would end the process without cleaning up
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk under redirected output shows here, not after main returns
        return code
    except ZitatError as exc:
        print(f"zitat: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        stopped = "terminated" if isinstance(exc, Terminated) else "interrupted"
        print(f"zitat: {stopped}; what was done so far is kept", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)
    except BrokenPipeError:
        _drop_output()
        return 0
    except OSError as exc:  # the machine's fault (a full disk, a file size limit), not the input's
        _drop_output()
        where = f" {exc.filename}" if exc.filename else ""
        print(f"zitat: error: cannot read or write{where}: {exc.strerror or exc}", file=sys.stderr)
        return EnvironmentFault.exit_code
    except Exception as exc:  # a bug, not bad input: still one line, the traceback on request
        if os.environ.get("ZITAT_DEBUG"):
            raise
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(f"zitat: internal error: {message} (ZITAT_DEBUG=1 shows details)", file=sys.stderr)
        return 70
