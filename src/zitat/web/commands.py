"""``zitat serve``: the web app and JSON API over an archive."""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import sys
from typing import TYPE_CHECKING

from zitat.cli_options import add_db_option, add_model_option, checked_model
from zitat.errors import ZitatError
from zitat.web.limits import DEFAULT_CACHE_MB, DEFAULT_EXTRACT_TIMEOUT, DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from fastapi import FastAPI

SERVE_OPTIONS = "ZITAT_SERVE"
# searches take ~1 ms of CPU each: a few threads per process keep the cores busy without contending
DEFAULT_THREADS = 4
# after SIGTERM, requests still running after this many seconds are cancelled (an export, say)
GRACEFUL_SHUTDOWN_SECONDS = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="browse an archive and extract statements in the browser, with a JSON API",
        description="Serve the web app (overview, search, articles, speakers, analyze) and the JSON API "
        "(documented at /docs). Write endpoints require ZITAT_API_TOKEN as a bearer token when it is set.",
    )
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    add_model_option(parser)
    parser.add_argument(
        "--max-body-mb", type=float, default=5.0, help="largest request body in MB (default: 5); larger: 413"
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        help=f"longest text to extract, in characters (default: {DEFAULT_MAX_CHARS:,}); longer: 413",
    )
    parser.add_argument(
        "--extract-timeout",
        type=float,
        default=DEFAULT_EXTRACT_TIMEOUT,
        help=f"seconds one extraction may take (default: {DEFAULT_EXTRACT_TIMEOUT:g}); longer: stopped, 503",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (default: 1); more use more cores"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        help=f"requests each process runs at once (default: {DEFAULT_THREADS}); "
        "more threads than cores mostly wait for each other",
    )
    parser.add_argument(
        "--cache-mb",
        type=float,
        default=DEFAULT_CACHE_MB,
        help=f"memory per process for answers kept until the archive changes (default: {DEFAULT_CACHE_MB:g}; "
        "0 keeps none)",
    )
    parser.set_defaults(func=run)


def app_from_environment() -> FastAPI:
    """The app as ``zitat serve`` configured it (``ZITAT_SERVE`` holds the options as JSON); uvicorn
    calls this in every worker process."""
    from zitat.web.app import create_app
    from zitat.web.archive import open_archive

    options = json.loads(os.environ[SERVE_OPTIONS])
    return create_app(
        open_archive(options["db"]),
        model=options["model"],
        api_token=os.environ.get("ZITAT_API_TOKEN"),
        max_body_bytes=options["max_body_bytes"],
        threads=options["threads"],
        max_chars=options["max_chars"],
        extract_timeout=options["extract_timeout"],
        cache_bytes=options["cache_bytes"],
    )


def serve_argv(*args: str) -> list[str]:
    """``python`` arguments that run ``zitat serve ARGS``: through the CLI when it has the command,
    else through this package's ``__main__`` (same code), for tests and benchmarks."""
    from zitat.cli import COMMAND_MODULES

    module = "zitat" if __name__ in COMMAND_MODULES else "zitat.web"
    return ["-m", module, "serve", *args]


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.1, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def exposure_warning(host: str, token: str | None) -> str | None:
    """The line ``zitat serve`` prints when others can reach it and store or merge without a token."""
    if token or is_loopback(host):
        return None
    return (
        f"zitat: warning: serving on {host}, reachable from other machines, without ZITAT_API_TOKEN: "
        "anyone who reaches it can store documents and merge or split speakers"
    )


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from zitat.web.archive import open_archive
    except ImportError as exc:
        raise ZitatError(
            f"the web app needs its extra: pip install 'zitat[web]' ({exc.name} is missing)"
        ) from None
    checked_model(args)
    if not 0 < args.port < 65536:
        raise ZitatError(f"--port must be between 1 and 65535, not {args.port}")
    if args.workers < 1:
        raise ZitatError(f"--workers must be at least 1, not {args.workers}")
    if args.threads < 1:
        raise ZitatError(f"--threads must be at least 1, not {args.threads}")
    from zitat.pipeline import MAX_TEXT_CHARS

    if not 0 < args.max_chars <= MAX_TEXT_CHARS:
        raise ZitatError(f"--max-chars must be between 1 and {MAX_TEXT_CHARS:,}, not {args.max_chars}")
    if not args.cache_mb >= 0:
        raise ZitatError(f"--cache-mb must be 0 or more, not {args.cache_mb}")
    if not args.extract_timeout > 0:
        raise ZitatError(f"--extract-timeout must be more than 0 seconds, not {args.extract_timeout}")
    from zitat.store import default_location

    args.db = args.db or default_location()
    open_archive(args.db).archive.close()  # a bad location is one line here, not a traceback per worker
    os.environ[SERVE_OPTIONS] = json.dumps(
        {
            "db": args.db,
            "model": args.model,
            "max_body_bytes": int(args.max_body_mb * 1024 * 1024),
            "threads": args.threads,
            "max_chars": args.max_chars,
            "extract_timeout": args.extract_timeout,
            "cache_bytes": int(args.cache_mb * 1024 * 1024),
        }
    )
    if warning := exposure_warning(args.host, os.environ.get("ZITAT_API_TOKEN")):
        print(warning, file=sys.stderr, flush=True)
    print(f"zitat: serving {args.db} on http://{args.host}:{args.port}/ (API docs at /docs)", flush=True)
    uvicorn.run(
        f"{__name__}:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        server_header=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    return 0
