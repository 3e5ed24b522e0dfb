"""Alembic: empty → head on both databases, the head matches the models, and a
database that is not at the head is refused at start."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from sync.server.app import create_app
from sync.server.db import Database
from sync.server.meta import server_meta
from sync.server.migrate import (
    SchemaNotCurrent,
    alembic_config,
    check_at_head,
    current_revision,
    head_revision,
    upgrade,
)
from sync.server.models import ServerModel
from sync.server.settings import ServerSettings


@pytest.fixture
def empty_database(empty_database_url: str):
    database = Database(empty_database_url)
    yield database
    database.dispose()


def test_an_empty_database_is_migrated_to_the_head(empty_database: Database):
    assert current_revision(empty_database) is None
    with pytest.raises(SchemaNotCurrent, match="porpiang-server migrate"):
        check_at_head(empty_database)
    assert upgrade(empty_database) == head_revision()
    check_at_head(empty_database)
    tables = set(inspect(empty_database.write_engine).get_table_names())
    assert set(ServerModel.metadata.tables) <= tables
    with empty_database.reading() as session:
        meta = server_meta(session)
    assert meta.epoch and meta.signing_key


def test_migrating_twice_keeps_the_epoch_and_key(empty_database: Database):
    upgrade(empty_database)
    with empty_database.reading() as session:
        first = (server_meta(session).epoch, server_meta(session).signing_key)
    upgrade(empty_database)
    with empty_database.reading() as session:
        assert (server_meta(session).epoch, server_meta(session).signing_key) == first


def test_the_head_matches_the_models(database: Database):
    """A contract field without a revision adding its column fails here."""
    with database.write_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, ServerModel.metadata) == []


def test_downgrade_to_nothing_and_up_again(empty_database: Database):
    upgrade(empty_database)
    with empty_database.write_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(empty_database.write_engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_database)
    check_at_head(empty_database)


def test_the_app_refuses_to_start_on_an_unmigrated_database(empty_database_url, tmp_path):
    settings = ServerSettings(data_dir=tmp_path, database_url=empty_database_url)
    with pytest.raises(SchemaNotCurrent), TestClient(create_app(settings)):
        pass
