"""The one engine factory of the local replica (SQLCipher through ``sqlcipher3``).

A profile's database has two engines:

* the **writer** — a single connection whose transactions begin ``IMMEDIATE``, so a
  read-then-write under the lock is safe and savepoints behave;
* the **readers** — ordinary WAL connections: search-as-you-type never waits behind
  a pull, an import or a backup holding the writer.

The raw 32-byte key opens the file directly (``PRAGMA key = "x'…'"``), so opening
a connection costs no key derivation.  Migrations run on the writer at open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from desktop.store.errors import StoreError

BUSY_TIMEOUT_MS = 10_000
# Decrypted pages kept per connection (KiB): SQLCipher decrypts every page it reads,
# so a warm cache is what makes repeated list and search queries fast.
CACHE_KIB = 32 * 1024


def _connector(path: Path, key: bytes, *, synchronous: str = "NORMAL"):
    def connect() -> Any:
        connection = sqlcipher3.connect(str(path), check_same_thread=False,
                                        timeout=BUSY_TIMEOUT_MS / 1000)
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            connection.execute("PRAGMA journal_mode = WAL")
        except sqlcipher3.DatabaseError as exc:  # wrong key or not a database
            connection.close()
            raise StoreError("profile.wrong_secret", "password") from exc
        connection.execute(f"PRAGMA synchronous = {synchronous}")
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return connection
    return connect


def _begin_with(engine: Engine, statement: str) -> None:
    """SQLAlchemy's documented pysqlite recipe: the driver stays out of transactions,
    and each transaction begins with ``statement``."""
    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql(statement)


def writer_engine(path: Path, key: bytes) -> Engine:
    # One connection: a second writer thread waits for it instead of for the file lock.
    # FULL: a commit is on disk before it returns, so an op handed to the network can
    # never be rolled back by a power cut and its device_seq reused.
    engine = create_engine("sqlite://", creator=_connector(path, key, synchronous="FULL"),
                           module=sqlcipher3, poolclass=QueuePool, pool_size=1,
                           max_overflow=0, pool_timeout=120)
    _begin_with(engine, "BEGIN IMMEDIATE")
    return engine


def reader_engine(path: Path, key: bytes, *, size: int = 4) -> Engine:
    engine = create_engine("sqlite://", creator=_connector(path, key), module=sqlcipher3,
                           poolclass=QueuePool, pool_size=size, max_overflow=0)
    _begin_with(engine, "BEGIN")
    return engine


@dataclass
class Database:
    """A profile's open database: one writer, a pool of readers."""

    path: Path
    writer: Engine
    reader: Engine
    key: bytes = field(repr=False)

    def close(self) -> None:
        self.reader.dispose()
        self.writer.dispose()


def open_database(path: Path, key: bytes, *, migrate: bool = True) -> Database:
    """Open (creating if new) the encrypted database at ``path``, migrated to head."""
    writer = writer_engine(path, key)
    if migrate:
        from desktop.store.migrate import upgrade_to_head
        upgrade_to_head(writer)
    return Database(path, writer, reader_engine(path, key), key)
