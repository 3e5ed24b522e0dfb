"""``porpiang-server``: the sync server's command line.

Installable without Qt (``pip install porpiang[server]``): this module imports
nothing of ``desktop`` and no Qt.  The server keeps its own data folder, apart from
any desktop profile.  Every command takes ``--data-dir`` and ``--database-url``
(before or after the command).  Passwords come from ``--password-file`` (its first
line) or ``PORPIANG_PASSWORD``; nothing ever prompts.

Exit codes: 0 success, 1 failure (a refused change, a database not migrated, …),
2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
PASSWORD_ENV = "PORPIANG_PASSWORD"
DATABASE_HELP = ("the database URL (default: $PORPIANG_SERVER_DATABASE_URL, else "
                 "server.sqlite3 in the data folder); PostgreSQL: "
                 "postgresql+psycopg://USER:PASSWORD@HOST:PORT/NAME")

COMMANDS = {
    "run": "serve the sync API (the database must be migrated)",
    "migrate": "bring the server's database schema up to date (makes it when empty)",
    "user": "add, list and change users, their roles, areas and devices",
    "backup": "write a consistent snapshot of the server's database",
    "restore": "load a snapshot, start a new epoch and replay the op journal",
    "journal": "check, replay or prune the op journal kept apart from the snapshots",
}
USER_ACTIONS = {
    "add": "add a user (the first administrator too)",
    "list": "list the users, their areas and devices",
    "set-role": "change a user's role",
    "assign": "set a user's areas (tambon, district or province codes)",
    "revoke": "revoke a device, or deactivate a user and revoke all their devices",
    "reset-password": "set a new password for a user",
}


JOURNAL_ACTIONS = {
    "check": "read the whole journal: entries, torn and corrupt lines",
    "replay": "apply the journal entries the database lacks (after migrate, or to resume "
              "an interrupted restore)",
    "prune": "delete journal segments older than DAYS days (90 at least)",
}


class CliError(Exception):
    """A usage problem, printed as one line; exit 2."""


def read_password(args: argparse.Namespace) -> str:
    """``--password-file`` (first line) first, then ``PORPIANG_PASSWORD``; never a prompt."""
    if getattr(args, "password_file", None):
        try:
            text = Path(args.password_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot read the password file: {exc.strerror}") from exc
        return text.splitlines()[0] if text else ""
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        raise CliError(f"give the password with --password-file PATH or ${PASSWORD_ENV}")
    return password


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    from sync.server.settings import DATA_DIR_ENV, JOURNAL_DIR_ENV

    default = argparse.SUPPRESS if suppress else None
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--data-dir", metavar="DIR", default=default,
                        help=f"the server's data folder (default: ${DATA_DIR_ENV} or "
                             "the platform's data folder + /server)")
    parent.add_argument("--database-url", metavar="URL", default=default, help=DATABASE_HELP)
    parent.add_argument("--journal-dir", metavar="DIR", default=default,
                        help=f"the op journal's folder (default: ${JOURNAL_DIR_ENV} or "
                             "journal/ in the data folder; never inside backups/)")
    return parent


def _add_user_actions(user: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    from sync.server.scopes import ROLES

    actions = user.add_subparsers(dest="action", metavar="ACTION", required=True)
    parsers = {name: actions.add_parser(name, parents=[common], help=text, description=text)
               for name, text in USER_ACTIONS.items()}
    for name in ("add", "set-role", "assign", "revoke", "reset-password"):
        parsers[name].add_argument("username")
    parsers["add"].add_argument("--role", required=True, choices=ROLES)
    parsers["add"].add_argument("--name", help="the name shown to people (default: username)")
    parsers["add"].add_argument("--area", action="append", default=[], metavar="CODE",
                                help="an area code (repeat for more)")
    parsers["set-role"].add_argument("role", choices=ROLES)
    parsers["assign"].add_argument("areas", nargs="*", metavar="CODE",
                                   help="the user's areas from now on (none: no areas)")
    parsers["revoke"].add_argument("--device", metavar="DEVICE_ID",
                                   help="revoke this device only (the account stays active)")
    for name in ("add", "reset-password"):
        parsers[name].add_argument("--password-file", metavar="PATH",
                                   help=f"a file whose first line is the password "
                                        f"(or set ${PASSWORD_ENV})")
    parsers["list"].add_argument("--json", action="store_true", help="print JSON")


def _add_journal_actions(journal: argparse.ArgumentParser,
                         common: argparse.ArgumentParser) -> None:
    from sync.server.journal import MIN_RETENTION_DAYS

    actions = journal.add_subparsers(dest="action", metavar="ACTION", required=True)
    parsers = {name: actions.add_parser(name, parents=[common], help=text, description=text)
               for name, text in JOURNAL_ACTIONS.items()}
    parsers["prune"].add_argument("--older-than", type=int, required=True, metavar="DAYS",
                                  help=f"segments last written more than DAYS days ago "
                                       f"(refused below {MIN_RETENTION_DAYS})")
    parsers["replay"].add_argument("--json", action="store_true", help="print the report "
                                                                       "as JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="porpiang-server", parents=[_common_options(suppress=False)],
        description="The Porpiang sync server: devices push and pull their changes here.",
    )
    common = _common_options(suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub = {name: commands.add_parser(name, parents=[] if name in ("user", "journal")
                                     else [common],
                                     help=text, description=text)
           for name, text in COMMANDS.items()}
    sub["run"].add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    sub["run"].add_argument("--port", type=int, default=8000, help="default: 8000")
    sub["run"].add_argument("--log-level", default="info",
                            choices=["debug", "info", "warning", "error"])
    sub["backup"].add_argument("--out", metavar="FILE",
                               help="the snapshot file (default: backups/ in the data folder)")
    sub["restore"].add_argument("snapshot", metavar="FILE")
    sub["restore"].add_argument("--json", action="store_true",
                                help="print the journal replay's report as JSON")
    _add_user_actions(sub["user"], common)
    _add_journal_actions(sub["journal"], common)
    return parser


def handler_for(args: argparse.Namespace) -> Callable[[argparse.Namespace], int]:
    from sync.server import cli_commands

    name = f"{args.command}_{args.action}" if args.command in ("user", "journal") \
        else args.command
    return getattr(cli_commands, name.replace("-", "_"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return handler_for(args)(args)
    except CliError as exc:
        print(f"porpiang-server: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ModuleNotFoundError as exc:
        print(f"porpiang-server: {exc.name} is missing: install 'porpiang[server]'",
              file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
