"""Engines and sessions for SQLite and PostgreSQL.

SQLite: the pysqlite driver begins transactions lazily, which breaks savepoints and
"read, then write under the lock".  Following SQLAlchemy's documented pysqlite
recipe, the driver's own transaction handling is switched off (``isolation_level =
None``) and SQLAlchemy's ``begin`` event emits the ``BEGIN`` itself: ``BEGIN
IMMEDIATE`` on the writing engine (the write lock is taken at the start, so writers
queue instead of failing half-way), a plain deferred ``BEGIN`` on the reading engine
(WAL lets reads go on beside a writer).

PostgreSQL: one engine for both.  Writers take locks in one order — the one-row
``sync_counter`` first, then rows (see :mod:`sync.server.storage`) — so concurrent
writers queue instead of deadlocking.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlmodel import Session

SQLITE_BUSY_TIMEOUT_S = 30


def normalise_url(url: str | URL) -> URL:
    """``postgresql://`` means psycopg 3 here (the only PostgreSQL driver installed)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def sqlite_engine(url: URL, *, begin: str) -> Engine:
    """A SQLite engine whose transactions start with ``begin`` (``BEGIN IMMEDIATE``…)."""
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    )
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
    return engine


class Database:
    """The server's database: ``writing()`` and ``reading()`` sessions."""

    def __init__(self, url: str | URL) -> None:
        self.url = normalise_url(url)
        if self.is_sqlite:
            self.write_engine = sqlite_engine(self.url, begin="BEGIN IMMEDIATE")
            self.read_engine = sqlite_engine(self.url, begin="BEGIN")
        else:
            self.write_engine = create_engine(self.url, pool_pre_ping=True)
            self.read_engine = self.write_engine

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in one writing transaction: committed at the end, rolled back on error."""
        with Session(self.write_engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (on SQLite it never takes the write lock)."""
        with Session(self.read_engine, expire_on_commit=False) as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()
