"""Consistent snapshots of the server database, and restoring one.

- SQLite: Python's ``sqlite3`` backup API copies the live database in one step (a
  consistent snapshot even while the server writes), then ``PRAGMA integrity_check``
  checks the copy.  A restore copies a snapshot back the same way.
- PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot by MVCC); a restore
  is ``pg_restore --clean --if-exists --single-transaction``.  The password travels
  in ``PGPASSWORD``, never on the command line.

A restore is *snapshot + journal replay + new epoch* (SYNC.md rule 6): it loads
the snapshot, renews ``server_epoch`` at once, then replays the op journal kept
apart from the snapshots (:mod:`sync.server.replay`) — every verified op, device
registration and revocation the snapshot lacks, in journal order, through the path
of a live push.  The epoch is renewed *before* the replay so that an interrupted
restore can never serve the old epoch over a store that went back in time (clients'
checkpoints would skip rows for ever); replayed ops do not read it — each is applied
under the epoch it was applied under live, recorded in its journal entry.  Clients
that see the new epoch re-send what the server still lacks and pull again from 0.
A snapshot of an older schema is loaded but not replayed into: run ``migrate``,
then ``porpiang-server journal replay``.  Stop the server while restoring.  Blob
files (attachment bytes, content-addressed under the data folder) are not in the
snapshot.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL

from sync.server.db import Database
from sync.server.journal import Journal
from sync.server.meta import renew_epoch
from sync.server.migrate import SchemaNotCurrent, check_at_head
from sync.server.replay import ReplayReport, replay

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message says why."""


def snapshot_name(database: Database, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"porpiang-server-{stamp}." + ("sqlite3" if database.is_sqlite else "pgdump")


def sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _copy_sqlite(source: Path, target: Path, *, single_file: bool) -> None:
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        origin.backup(destination)
        if single_file:  # a snapshot is one file, without -wal and -shm beside it
            destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        origin.close()
        destination.close()


def _check_sqlite(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    if result != "ok":
        raise BackupError(f"{path}: integrity check failed: {result}")


def pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore``: the newest under /usr/lib/postgresql, else from PATH."""
    installed = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                       key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    found = installed[-1] if installed else shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    plain = url.set(drivername="postgresql", password=None)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return plain.render_as_string(hide_password=False), env


def _run_pg_tool(argv: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=3600)
    if result.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {result.stderr.strip()}")


def backup(database: Database, target: Path) -> Path:
    """Write a snapshot of ``database`` to ``target`` (a file that must not exist)."""
    if target.exists():
        raise BackupError(f"{target} exists already")
    target.parent.mkdir(parents=True, exist_ok=True)
    if database.is_sqlite:
        _copy_sqlite(sqlite_path(database.url), target, single_file=True)
        _check_sqlite(target)
        return target
    conninfo, env = _libpq(database.url)
    _run_pg_tool([pg_tool("pg_dump"), "--format=custom", "--file", str(target),
                  "--dbname", conninfo], env)
    return target


def _check_kind(database: Database, snapshot: Path) -> None:
    with snapshot.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    expected = SQLITE_MAGIC if database.is_sqlite else PG_DUMP_MAGIC
    if not head.startswith(expected):
        kind = "a SQLite database" if database.is_sqlite else "a pg_dump custom-format file"
        raise BackupError(f"{snapshot} is not {kind}: it cannot restore this database")


@dataclass(frozen=True)
class Restored:
    epoch: str  # the new server epoch
    replay: ReplayReport | None  # None: no journal given, or the schema is not current
    schema_current: bool = True


def restore(database: Database, snapshot: Path, *, journal: Journal | None = None) -> Restored:
    """Load ``snapshot`` into ``database``, start a new epoch, replay ``journal``."""
    if not snapshot.is_file():
        raise BackupError(f"{snapshot}: no such file")
    _check_kind(database, snapshot)
    database.dispose()
    if database.is_sqlite:
        _check_sqlite(snapshot)
        _copy_sqlite(snapshot, sqlite_path(database.url), single_file=False)
    else:
        conninfo, env = _libpq(database.url)
        _run_pg_tool([pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                      "--single-transaction", "--exit-on-error", "--dbname", conninfo,
                      str(snapshot)], env)
    with database.writing() as session:
        epoch = renew_epoch(session)  # first: an interrupted replay never serves the old one
    if journal is None:
        return Restored(epoch, None)
    try:
        check_at_head(database)
    except SchemaNotCurrent:
        return Restored(epoch, None, schema_current=False)
    return Restored(epoch, replay(database, journal))
