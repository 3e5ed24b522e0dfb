"""A real server for desktop tests: migrated SQLite with two field workers of tambon
800101 (``somchai``, ``somying``) and its coordinator (``manee``), served by uvicorn
on 127.0.0.1 until the block ends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sync.server.accounts import create_user
from sync.server.app import create_app
from sync.server.db import Database
from sync.server.migrate import upgrade
from sync.server.passwords import Passwords
from sync.server.settings import PasswordPolicy, ServerSettings
from tests.server.live import serving

USERNAME = "somchai"
PEOPLE = (("somchai", "สมชาย", "field_worker"), ("somying", "สมหญิง", "field_worker"),
          ("manee", "มานี", "coordinator"))
SERVER_PASSWORD = "server password 1"
TAMBON = "800101"


@contextmanager
def field_server(folder: Path) -> Iterator[str]:
    """Yields the server's base URL."""
    settings = ServerSettings(
        data_dir=folder, database_url=f"sqlite:///{folder / 'server.sqlite3'}",
        passwords=PasswordPolicy(time_cost=1, memory_cost_kib=8, parallelism=1)).ensure_dirs()
    database = Database(settings.database_url)
    upgrade(database)
    with database.writing() as session:
        for username, name, role in PEOPLE:
            create_user(session, Passwords(settings.passwords), username=username, name=name,
                        role=role, areas=[TAMBON], password=SERVER_PASSWORD)
    database.dispose()
    with serving(create_app(settings)) as base:
        yield base
