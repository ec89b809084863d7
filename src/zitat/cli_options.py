"""Options that several commands share, declared once: ``--model`` and ``--db``."""

from __future__ import annotations

import argparse
from typing import Any

from zitat.attribution.registry import ALIASES, DEFAULT_MODEL, available_models, resolve_model


def add_model_option(parser: argparse.ArgumentParser) -> None:
    old_names = ", ".join(f"{old} = {new}" for old, new in ALIASES.items())
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        metavar="NAME|DIR",
        help=f"attribution model: a name ({', '.join(available_models())}; {old_names}) or a model "
        f"folder from zitat train --out (default: {DEFAULT_MODEL})",
    )


def checked_model(args: argparse.Namespace) -> None:
    """Check ``--model`` before any slow work starts: an unknown one is a user error."""
    resolve_model(args.model)


def add_db_option(parser: argparse.ArgumentParser, default: Any = None) -> None:
    """``--db``; None stands for ``zitat.store.default_location()`` ($ZITAT_DB, else zitat.db)."""
    parser.add_argument(
        "--db",
        default=default,
        help="archive: SQLite file or postgresql://… URL (default: $ZITAT_DB or zitat.db)",
    )
