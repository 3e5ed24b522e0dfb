"""What each ``porpiang-server`` command does (parsing is in :mod:`sync.server.cli`).

The ``user`` commands act with full rights — they are how the first administrator
is made — and refuse what the API refuses (unknown area codes, the last active
administrator, …), with the same coded messages (in English here).  Every command
that opens the database attaches the op journal of the settings (``run`` journals
every verified op; ``user revoke`` journals the revocation).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlmodel import Session

from sync.records.errors import ContractError, message
from sync.server import accounts, devices
from sync.server import journal as journals
from sync.server.backup import BackupError, snapshot_name
from sync.server.backup import backup as write_snapshot
from sync.server.backup import restore as load_snapshot
from sync.server.cli import EXIT_FAILURE, EXIT_OK, read_password
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.journal import Journal, Reading
from sync.server.migrate import SchemaNotCurrent, check_at_head, upgrade
from sync.server.models import Device, User
from sync.server.passwords import Passwords
from sync.server.replay import ReplayReport, replay
from sync.server.settings import ServerSettings, SettingsError

Command = Callable[[argparse.Namespace], int]


class CommandFailed(Exception):
    pass


def command(function: Command) -> Command:
    """Print a refusal as one line on standard error and exit 1."""
    @functools.wraps(function)
    def run(args: argparse.Namespace) -> int:
        try:
            return function(args)
        except ApiError as exc:
            text = message(exc.code, "en", **{"field": exc.field or "", **exc.params})
            print(f"porpiang-server: {text} [{exc.code}]", file=sys.stderr)
        except ContractError as exc:
            print(f"porpiang-server: {exc.issue.message('en')} [{exc.issue.code}]",
                  file=sys.stderr)
        except (SchemaNotCurrent, BackupError, CommandFailed, SettingsError) as exc:
            print(f"porpiang-server: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    return run


def settings_of(args: argparse.Namespace) -> ServerSettings:
    return ServerSettings.resolve(data_dir=args.data_dir, database_url=args.database_url,
                                  journal_dir=getattr(args, "journal_dir", None)).ensure_dirs()


def open_database(args: argparse.Namespace, *, at_head: bool = True) -> Database:
    """The settings' database, with their op journal attached."""
    settings = settings_of(args)
    database = Database(settings.database_url)
    journals.attach(database, Journal(settings.journal_dir))
    if at_head:
        check_at_head(database)
    return database


def find_user(session: Session, username: str) -> User:
    user = accounts.find_user(session, username=username)
    if user is None:
        raise CommandFailed(f"there is no user named {username.strip().lower()!r}")
    return user


@command
def run(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import create_app
    from sync.server.logs import configure_logging

    settings = settings_of(args)
    database = open_database(args)
    configure_logging(args.log_level.upper())
    try:
        uvicorn.run(create_app(settings, database=database), host=args.host, port=args.port,
                    log_config=None, log_level=args.log_level, access_log=False)
    finally:
        database.dispose()
    return EXIT_OK


@command
def migrate(args: argparse.Namespace) -> int:
    database = open_database(args, at_head=False)
    try:
        head = upgrade(database)
    finally:
        database.dispose()
    print(f"the database is at revision {head}")
    return EXIT_OK


def _with_database(function: Callable[[Session, argparse.Namespace], str]) -> Command:
    """A ``user`` action in one writing transaction; prints what it did."""
    @command
    @functools.wraps(function)
    def run(args: argparse.Namespace) -> int:
        database = open_database(args)
        try:
            with database.writing() as session:
                done = function(session, args)
        finally:
            database.dispose()
        print(done)
        return EXIT_OK
    return run


@_with_database
def user_add(session: Session, args: argparse.Namespace) -> str:
    password = read_password(args)
    view = accounts.create_user(session, Passwords(settings_of(args).passwords),
                                username=args.username, name=args.name or args.username,
                                role=args.role, areas=args.area, password=password)
    return f"added {view.username} ({view.role}; areas: {', '.join(view.areas) or '-'})"


@_with_database
def user_set_role(session: Session, args: argparse.Namespace) -> str:
    view = accounts.update_user(session, find_user(session, args.username), role=args.role)
    return f"{view.username} is now {view.role}"


@_with_database
def user_assign(session: Session, args: argparse.Namespace) -> str:
    view = accounts.update_user(session, find_user(session, args.username), areas=args.areas)
    return f"{view.username}: areas {', '.join(view.areas) or '-'}"


@_with_database
def user_revoke(session: Session, args: argparse.Namespace) -> str:
    user = find_user(session, args.username)
    owned = devices.devices_of(session, [user.id])
    if args.device:
        chosen = [d for d in owned if d.id == args.device]
        if not chosen:
            raise CommandFailed(f"{user.username} has no device {args.device}")
        devices.revoke_device(session, chosen[0], revoked_by=None)
        return f"revoked device {args.device} of {user.username}"
    accounts.update_user(session, user, active=False)
    for device in owned:
        devices.revoke_device(session, device, revoked_by=None)
    return f"deactivated {user.username} and revoked {len(owned)} device(s)"


@_with_database
def user_reset_password(session: Session, args: argparse.Namespace) -> str:
    password = read_password(args)
    passwords = Passwords(settings_of(args).passwords)
    accounts.set_password(session, passwords, find_user(session, args.username), password)
    return f"set a new password for {args.username.strip().lower()}"


def _user_rows(session: Session) -> list[dict[str, Any]]:
    owned: dict[str, list[Device]] = {}
    for device in devices.devices_of(session):
        owned.setdefault(device.user_id, []).append(device)
    return [{**view.detail(), "devices": [devices.device_json(d) for d in owned.get(view.id, [])]}
            for view in accounts.list_users(session)]


@command
def user_list(args: argparse.Namespace) -> int:
    database = open_database(args)
    try:
        with database.reading() as session:
            rows = _user_rows(session)
    finally:
        database.dispose()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    for row in rows:
        live = sum(1 for d in row["devices"] if not d["revoked"])
        state = "active" if row["active"] else "deactivated"
        print(f"{row['username']:<24} {row['role']:<13} {state:<12} "
              f"areas: {','.join(row['areas']) or '-':<20} devices: {live} "
              f"(+{len(row['devices']) - live} revoked)  {row['name']}")
    return EXIT_OK


@command
def backup(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    database = Database(settings.database_url)
    try:
        target = Path(args.out) if args.out else settings.backup_dir / snapshot_name(database)
        print(f"wrote {write_snapshot(database, target)}")
    finally:
        database.dispose()
    return EXIT_OK


def _print_replay(report: ReplayReport, args: argparse.Namespace, **extra: str) -> int:
    if getattr(args, "json", False):
        print(json.dumps({**extra, **report.to_json()}, ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.lines()))
    if report.clean:
        return EXIT_OK
    print("porpiang-server: some journal entries need an administrator (see above); "
          "they stay in the journal", file=sys.stderr)
    return EXIT_FAILURE


@command
def restore(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    database = Database(settings.database_url)
    try:
        restored = load_snapshot(database, Path(args.snapshot),
                                 journal=Journal(settings.journal_dir))
        if not restored.schema_current:
            print(f"restored {args.snapshot}; new server epoch {restored.epoch}; the "
                  "snapshot's schema is older: run 'porpiang-server migrate', then "
                  "'porpiang-server journal replay'")
            check_at_head(database)  # says why, exit 1
        assert restored.replay is not None
        if not args.json:
            print(f"restored {args.snapshot}; new server epoch {restored.epoch}")
        status = _print_replay(restored.replay, args, snapshot=str(args.snapshot),
                               epoch=restored.epoch)
        if not args.json:
            print("clients see the new epoch at their next sync: they re-send what the "
                  "server lacks and pull again")
    finally:
        database.dispose()
    return status


@command
def journal_replay(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    database = Database(settings.database_url)
    try:
        check_at_head(database)
        return _print_replay(replay(database, Journal(settings.journal_dir)), args)
    finally:
        database.dispose()


@command
def journal_check(args: argparse.Namespace) -> int:
    journal = Journal(settings_of(args).journal_dir)
    reading = Reading()
    kinds: dict[str, int] = {}
    for entry in journal.iterate(reading):
        kind = str(entry.data.get("kind"))
        kinds[kind] = kinds.get(kind, 0) + 1
    counted = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "no entries"
    print(f"{journal.folder}: {len(journal.segments())} segment(s), {counted}")
    for where in reading.torn:
        print(f"  warning: torn line {where} ignored (an interrupted write)")
    for where in reading.corrupt:
        print(f"  corrupt: line {where}")
    return EXIT_FAILURE if reading.corrupt else EXIT_OK


@command
def journal_prune(args: argparse.Namespace) -> int:
    journal = Journal(settings_of(args).journal_dir)
    try:
        removed = journal.prune(args.older_than)
    except ValueError as exc:
        raise CommandFailed(str(exc)) from exc
    print(f"removed {len(removed)} segment(s) last written more than {args.older_than} "
          f"days ago" + "".join(f"\n  {path.name}" for path in removed))
    return EXIT_OK
