"""Migrations: an empty file reaches head, and head matches the declared schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from desktop.store.migrate import current_revision, head_revision
from desktop.store.schema import metadata


def test_empty_to_head(database):
    assert current_revision(database.writer) == head_revision() == "0003"
    tables = set(inspect(database.writer).get_table_names())
    assert {"household", "member", "outbox", "acked_ops", "drafts", "checkpoints",
            "settings", "sync_history", "household_index", "household_fts", "area"} <= tables


def test_head_schema_equals_the_declared_schema(database):
    with database.writer.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = [d for d in compare_metadata(context, metadata) if not _full_text(d)]
    assert differences == []


def _full_text(difference) -> bool:
    """The FTS5 table and its shadow tables live outside the declared metadata."""
    return difference[0] == "remove_table" and difference[1].name.startswith("household_fts")


def test_areas_are_seeded_from_geothai(database):
    with database.reader.connect() as connection:
        counts = dict(connection.execute(text(
            "SELECT level, count(*) FROM area GROUP BY level")).fetchall())
        name = connection.execute(text("SELECT name_th FROM area WHERE code = '800101'")).scalar()
    assert counts == {1: 77, 2: 928, 3: 7436}
    assert name == "ในเมือง"


def test_reopening_does_not_migrate_again(profile, database):
    from desktop.store.engine import open_database
    again = open_database(profile.info.database_path, profile.database_key)
    assert current_revision(again.writer) == "0003"
    again.close()
