"""Alembic environment of the server's schema (``sync.server.models``).

Run through :mod:`sync.server.migrate` (``porpiang-server migrate``), which hands in
an open connection; ``alembic -c sync/server/migrations/alembic.ini …`` also works for
writing new revisions (see ``README``).  SQLite migrations run in batch mode, so a
later revision can alter tables that SQLite cannot alter in place.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection

from sync.server.db import Database
from sync.server.models import ServerModel

config = context.config
target_metadata = ServerModel.metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("PORPIANG_ALEMBIC_URL", "")
    database = Database(url)
    try:
        with database.write_engine.connect() as fresh:
            run_on(fresh)
            fresh.commit()
    finally:
        database.dispose()


if context.is_offline_mode():
    raise SystemExit("porpiang-server migrations run online only (against a database)")
run_online()
