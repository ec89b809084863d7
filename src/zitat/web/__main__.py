"""``python -m zitat.web serve …``: the same as ``zitat serve …``."""

from __future__ import annotations

import argparse
import sys

from zitat.errors import ZitatError
from zitat.web.commands import register


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zitat.web")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ZitatError as exc:
        print(f"zitat: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
