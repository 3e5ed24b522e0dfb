"""``porpiang``: the desktop program's command line.

The command names are stable (see the README).  This module never imports Qt at
import time: the commands that need a window import ``desktop.ui`` inside the
function that runs them, so ``porpiang --help`` and the commands without a window
start fast and run where no Qt is installed.

Exit codes: 0 success, 1 failure, 2 usage error or a command that this version
does not have yet.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop import __version__
from desktop.paths import DATA_DIR_ENV, AppPaths

PASSWORD_ENV = "PORPIANG_PASSWORD"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
LANGUAGES = ("th", "en")
DESKTOP_ONLY_MODULES = {"PySide6", "shiboken6", "fontpkg_sarabun"}

# command -> its actions (an empty tuple: the command has no actions).
COMMANDS: dict[str, tuple[str, ...]] = {
    "demo": ("create",),
    "profile": ("create", "list"),
    "sync": ("run", "export-bundle", "import-bundle", "enrolment-file"),
    "export": (),
    "import": (),
    "print": (),
    "backup": ("list", "restore"),
    "bench": ("run", "store"),
    "screenshots": (),
}
# commands (or "command action") that open a profile, so take --profile and a password.
OPENS_PROFILE = {"demo create", "profile create", "sync", "export", "import", "print", "backup"}

HELP = {
    "demo": "make a demo profile with invented households",
    "profile": "create or list the profiles of this data folder",
    "sync": "sync with the server, or through a bundle file (USB)",
    "export": "export records to a spreadsheet",
    "import": "import records from a spreadsheet",
    "print": "print forms and reports to PDF",
    "backup": "list or restore the backups of a profile",
    "bench": "measure the speed of the store and of sync",
    "screenshots": "save pictures of the windows (offscreen) as PNG files",
}

ACTION_HELP = {
    "demo create": "create a demo profile with invented households",
    "profile create": "create a profile in the data folder",
    "profile list": "list the profiles of the data folder",
    "sync run": "push and pull changes with the server",
    "sync export-bundle": "write the changes to relay into a bundle file (USB)",
    "sync import-bundle": "apply a bundle file (USB) to the profile",
    "sync enrolment-file": "export an enrolment file for a device that has no network",
    "backup list": "list the backups of a profile",
    "backup restore": "restore a profile from one of its backups",
    "bench run": "measure sync against a local server",
    "bench store": "measure the local store",
}


class CliError(Exception):
    """A problem with what the user asked for; printed as one line, exit 2."""


def read_password(args: argparse.Namespace) -> str | None:
    """The profile password: ``--password-file`` first, then ``PORPIANG_PASSWORD``.

    Never prompts.  The file's first line is the password (its line end dropped).
    """
    password_file = getattr(args, "password_file", None)
    if password_file:
        try:
            text = Path(password_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot read the password file: {exc.strerror}") from exc
        return text.splitlines()[0] if text else ""
    return os.environ.get(PASSWORD_ENV)


def _common_options(profile: bool) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=f"the data folder (default: ${DATA_DIR_ENV} or the platform's folder)",
    )
    if profile:
        parent.add_argument("--profile", metavar="NAME", help="the profile to open")
        parent.add_argument(
            "--password-file",
            metavar="PATH",
            help=f"a file whose first line is the password (or set ${PASSWORD_ENV})",
        )
    return parent


def _add_specific_options(name: str, action: str | None, sub: argparse.ArgumentParser) -> None:
    key = f"{name} {action}" if action else name
    if key == "profile create":
        sub.add_argument("--display-name", metavar="TEXT",
                         help="the name shown in the app (Thai is fine)")
    elif key == "demo create":
        sub.add_argument("--households", type=int, default=1000, metavar="N",
                         help="how many households to invent (default: 1000)")
    elif key == "sync run":
        sub.add_argument("--server", metavar="URL", help="the server, for the first login")
        sub.add_argument("--username", metavar="NAME", help="log in as NAME first")
        sub.add_argument("--server-password-file", metavar="PATH",
                         help="the server password (or set $PORPIANG_SERVER_PASSWORD)")
    elif name == "bench":
        sub.add_argument("--quick", action="store_true", help="a short run, for CI")
        sub.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    elif name == "screenshots":
        sub.add_argument("--out", required=True, metavar="DIR", help="the folder for the PNG files")
        sub.add_argument("--lang", choices=LANGUAGES,
                         help="one language only (default: Thai and English)")


def _opens_profile(name: str, action: str | None) -> bool:
    return name in OPENS_PROFILE or f"{name} {action}" in OPENS_PROFILE


def _add_command(commands: argparse._SubParsersAction, name: str) -> None:
    actions = COMMANDS[name]
    if not actions:
        parents = [_common_options(_opens_profile(name, None))]
        sub = commands.add_parser(name, parents=parents, help=HELP[name], description=HELP[name])
        _add_specific_options(name, None, sub)
        return
    sub = commands.add_parser(name, help=HELP[name], description=HELP[name])
    sub_actions = sub.add_subparsers(dest="action", required=True)
    for action in actions:
        parents = [_common_options(_opens_profile(name, action))]
        summary = ACTION_HELP[f"{name} {action}"]
        action_parser = sub_actions.add_parser(action, parents=parents, help=summary,
                                               description=summary)
        _add_specific_options(name, action, action_parser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="porpiang",
        description="Porpiang: surveys, repairs and reviews of the Baan Por Piang "
        "house-repair programme, offline first.  Without a command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"porpiang {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"the data folder (default: ${DATA_DIR_ENV} or the platform's folder)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--demo", action="store_true", help="start the app on the demo profile")
    mode.add_argument("--self-test", action="store_true",
                      help="check the installation offscreen and exit (0 when all is well)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        _add_command(commands, name)
    return parser


def command_name(args: argparse.Namespace) -> str:
    """``"sync run"``, ``"screenshots"``, ``"--self-test"``, or ``""`` for the app itself."""
    if args.command:
        action = getattr(args, "action", None)
        return f"{args.command} {action}" if action else args.command
    if args.self_test:
        return "--self-test"
    return "--demo" if args.demo else ""


def not_available(name: str) -> int:
    shown = f"porpiang {name}".strip()
    print(f"porpiang: '{shown}' is not available in this version yet.", file=sys.stderr)
    return EXIT_USAGE


def run_app(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop import app_log
    from desktop.ui.app import run_app as run_gui

    app_log.configure(paths)
    return run_gui(paths, demo=args.demo)


def with_password(target: str) -> "Handler":
    """The handler ``desktop.<module>.<function>`` (``target`` = "module:function"), given
    the profile password (from a file or the environment); imported when run, so
    ``--help`` stays light."""
    def run(args: argparse.Namespace, paths: AppPaths) -> int:
        module_name, function = target.split(":")
        module = importlib.import_module(f"desktop.{module_name}")
        return getattr(module, function)(args, paths, read_password(args))
    return run


def run_self_test(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.ui.selftest import run_self_test as run_checks

    return run_checks()


def run_screenshots(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.ui.screenshots import MissingGlyphsError, save_screenshots

    languages = (args.lang,) if args.lang else LANGUAGES
    try:
        written = save_screenshots(Path(args.out), languages)
    except MissingGlyphsError as exc:
        print(f"porpiang: screenshots: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for path in written:
        print(path)
    return EXIT_OK


def run_bench_store(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop import bench_store

    return bench_store.run(paths.ensure().profiles_dir, quick=args.quick, json_path=args.json)


Handler = Callable[[argparse.Namespace, AppPaths], int]
HANDLERS: dict[str, Handler] = {
    "": run_app,
    "--demo": run_app,
    "profile create": with_password("cli_profiles:profile_create"),
    "profile list": with_password("cli_profiles:profile_list"),
    "demo create": with_password("cli_profiles:demo_create"),
    "sync run": with_password("cli_sync:sync_run"),
    "bench store": run_bench_store,
    "--self-test": run_self_test,
    "screenshots": run_screenshots,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    name = command_name(args)
    handler = HANDLERS.get(name)
    if handler is None:
        return not_available(name)
    if extra:
        print(f"porpiang: unrecognised arguments: {' '.join(extra)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args, AppPaths.resolve(getattr(args, "data_dir", None)))
    except CliError as exc:
        print(f"porpiang: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in DESKTOP_ONLY_MODULES:
            raise
        print(f"porpiang: {exc.name} is missing; the app needs the desktop extra: "
              "pip install 'porpiang[desktop]'", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
