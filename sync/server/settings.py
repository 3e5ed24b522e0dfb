"""The server's settings: where its data lives, which database, and its limits.

The data folder is the server's own (``<platformdirs data>/porpiang/server``), apart
from any desktop profile; ``--data-dir`` or ``PORPIANG_SERVER_DATA_DIR`` move it.
The database defaults to ``server.sqlite3`` in that folder; PostgreSQL is named with
a URL such as ``postgresql+psycopg://user:password@host:5432/porpiang``.  The op
journal (:mod:`sync.server.journal`) lives in ``journal/`` of the data folder unless
``--journal-dir`` or ``PORPIANG_SERVER_JOURNAL_DIR`` move it — never inside the
snapshot folder, which a restore reads from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "porpiang"
DATA_DIR_ENV = "PORPIANG_SERVER_DATA_DIR"
DATABASE_URL_ENV = "PORPIANG_SERVER_DATABASE_URL"
JOURNAL_DIR_ENV = "PORPIANG_SERVER_JOURNAL_DIR"
SQLITE_FILE = "server.sqlite3"

MIB = 1024 * 1024


def default_data_dir() -> Path:
    """``server`` under the platform's data folder for Porpiang."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "server"


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The option first, then ``PORPIANG_SERVER_DATA_DIR``, then the platform's folder."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    return Path(chosen).expanduser().resolve() if chosen else default_data_dir()


class SettingsError(ValueError):
    """Settings that cannot work together; the message says why."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class LoginPolicy:
    """Failed logins per username: ``max_failures`` within ``window_minutes`` lock the
    username for ``lock_minutes``; a successful login clears the count."""

    max_failures: int = 5
    window_minutes: int = 15
    lock_minutes: int = 15


@dataclass(frozen=True)
class PasswordPolicy:
    """argon2id cost (argon2-cffi's defaults: RFC 9106 low-memory profile) and length."""

    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 4
    min_length: int = 8
    max_length: int = 256


@dataclass(frozen=True)
class ServerSettings:
    data_dir: Path
    database_url: str
    max_body_bytes: int = 4 * MIB
    login: LoginPolicy = field(default_factory=LoginPolicy)
    passwords: PasswordPolicy = field(default_factory=PasswordPolicy)
    journal_folder: Path | None = None  # None: journal/ in the data folder

    @classmethod
    def resolve(cls, *, data_dir: str | os.PathLike[str] | None = None,
                database_url: str | None = None,
                journal_dir: str | os.PathLike[str] | None = None,
                **limits: object) -> ServerSettings:
        """Settings from command-line values, the environment, then the defaults."""
        folder = resolve_data_dir(data_dir)
        url = database_url or os.environ.get(DATABASE_URL_ENV) or sqlite_url(folder / SQLITE_FILE)
        chosen = journal_dir or os.environ.get(JOURNAL_DIR_ENV)
        journal = Path(chosen).expanduser().resolve() if chosen else None
        return cls(data_dir=folder, database_url=url, journal_folder=journal,
                   **limits)  # type: ignore[arg-type]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def blob_dir(self) -> Path:
        """Where attachment bytes live (content-addressed files, outside the database)."""
        return self.data_dir / "blobs"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def journal_dir(self) -> Path:
        """Where the op journal lives (outside the database and its snapshots)."""
        return self.journal_folder or self.data_dir / "journal"

    def check_journal_dir(self) -> None:
        """The journal and the snapshots never share a folder (``SettingsError``)."""
        journal, backups = self.journal_dir.resolve(), self.backup_dir.resolve()
        if journal == backups or backups in journal.parents or journal in backups.parents:
            raise SettingsError(f"the journal folder {journal} must be apart from the "
                                f"snapshot folder {backups}")

    def ensure_dirs(self) -> ServerSettings:
        self.check_journal_dir()
        for folder in (self.data_dir, self.blob_dir, self.backup_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.journal_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self
