"""Alembic migrations of the server schema: apply them, and check them at start.

``porpiang-server migrate`` brings a database (empty or older) to the head revision
and makes the server's meta row (epoch and key) if there is none.  Every other
command — ``run`` included — refuses to work on a database that is not at the head,
with a message naming ``porpiang-server migrate``: migrating is an explicit step,
so an operator can take a backup first.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from sync.server.db import Database
from sync.server.meta import ensure_server_meta

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaNotCurrent(RuntimeError):
    """The database is not at the head revision (empty, older, or newer)."""


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the server has no migrations"
    return head


def current_revision(database: Database) -> str | None:
    with database.read_engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: Database, revision: str = "head") -> str:
    """Apply the migrations up to ``revision``; make the meta row.  Returns the head."""
    with database.write_engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    with database.writing() as session:
        ensure_server_meta(session)
    return head_revision()


def check_at_head(database: Database) -> None:
    """Raise :class:`SchemaNotCurrent` unless the database is at the head revision."""
    current, head = current_revision(database), head_revision()
    if current == head:
        return
    if current is None:
        found = "has no Porpiang server schema"
    else:
        found = f"is at revision {current}, not at {head}"
    raise SchemaNotCurrent(
        f"the database {database.url.render_as_string(hide_password=True)} {found}; "
        "run 'porpiang-server migrate' (after a backup) first"
    )
