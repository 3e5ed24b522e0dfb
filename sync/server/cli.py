"""``porpiang-server``: the sync server's command line.

Installable without Qt (``pip install porpiang[server]``): this module imports
nothing of ``desktop`` and no Qt.  The server keeps its own data folder, apart
from any desktop profile.

Exit codes: 0 success, 1 failure, 2 usage error or a command that this version
does not have yet.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_USAGE = 2
DATA_DIR_ENV = "PORPIANG_SERVER_DATA_DIR"

COMMANDS = {
    "run": "serve the sync API",
    "migrate": "bring the server's database schema up to date",
    "user": "add, list and disable users and their areas",
    "backup": "write a backup of the server's database and files",
    "restore": "restore the server from a backup",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="porpiang-server",
        description="The Porpiang sync server: devices push and pull their changes here.",
    )
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"the server's data folder (default: ${DATA_DIR_ENV} or the platform's folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, summary in COMMANDS.items():
        commands.add_parser(name, parents=[data_dir], help=summary, description=summary)
    return parser


def not_available(name: str) -> int:
    print(
        f"porpiang-server: 'porpiang-server {name}' is not available in this version yet.",
        file=sys.stderr,
    )
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, _extra = parser.parse_known_args(argv)
    except SystemExit as exc:  # --help and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return not_available(args.command)


if __name__ == "__main__":
    sys.exit(main())
