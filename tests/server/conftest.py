"""Fixtures of the server tests, each run on SQLite and on PostgreSQL.

- ``backend`` is a session fixture parametrised over ``sqlite`` and ``postgresql``;
  every fixture that touches a database depends on it, so each such test runs on both.
- One migrated database per backend for the session (SQLite: a copy of a migrated
  template file; PostgreSQL: a database made on the session's cluster), emptied before
  each test, and one app (``client``) on it; ``empty_database_url`` makes a database
  with no schema at all for tests that need one (migrations, CLI, backup, ``run``).
- PostgreSQL: ``PORPIANG_TEST_POSTGRES_URL`` (set by ``.ci/run``), else a throwaway
  cluster started here.  Without PostgreSQL installed the PostgreSQL half skips with
  the reason, except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from sync.server.app import create_app
from sync.server.backup import backup
from sync.server.db import Database
from sync.server.meta import ensure_server_meta
from sync.server.migrate import upgrade
from sync.server.models import ServerModel
from sync.server.settings import MIB, LoginPolicy, PasswordPolicy, ServerSettings
from tests.server.pg_cluster import URL_ENV, postgres_bin_dir, throwaway_cluster
from tests.server.world import World, build_world

BACKENDS = ("sqlite", "postgresql")
FAST_PASSWORDS = PasswordPolicy(time_cost=1, memory_cost_kib=8, parallelism=1)
TEST_BODY_LIMIT = MIB // 4


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A URL of the ``postgres`` database of a running PostgreSQL server."""
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        reason = ("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin "
                  f"or on PATH): apt-get install postgresql, or set {URL_ENV}")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must run the server tests on PostgreSQL")
        pytest.skip(reason)
    with throwaway_cluster(bin_dir) as url:
        yield url


def _database_url(server_url: str, name: str) -> str:
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _admin(server_url: str, statement: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_session_database(postgres_server_url: str) -> Iterator[Database]:
    """A database migrated once for the whole session (its engines kept open)."""
    name = f"porpiang_test_{uuid.uuid4().hex[:12]}"
    _admin(postgres_server_url, f"CREATE DATABASE {name}")
    database = Database(_database_url(postgres_server_url, name))
    upgrade(database)
    yield database
    database.dispose()
    _admin(postgres_server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sqlite-template")
    database = Database(f"sqlite:///{folder / 'migrated.sqlite3'}")
    upgrade(database)
    template = backup(database, folder / "template.sqlite3")
    database.dispose()
    return template


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def shared_database(backend: str, request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The session's migrated database of this backend (emptied before each test)."""
    if backend == "postgresql":
        yield request.getfixturevalue("postgres_session_database")
        return
    target = tmp_path_factory.mktemp("sqlite-shared") / "server.sqlite3"
    shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
    database = Database(f"sqlite:///{target}")
    yield database
    database.dispose()


def empty_all_tables(database: Database) -> None:
    """Every row gone (``DELETE`` is quicker than ``TRUNCATE`` on tiny tables), a new
    meta row made."""
    with database.writing() as session:
        for table in reversed(ServerModel.metadata.sorted_tables):
            session.execute(table.delete())
        ensure_server_meta(session)


@pytest.fixture
def database(shared_database: Database) -> Database:
    """A migrated database with no users, for this test."""
    empty_all_tables(shared_database)
    return shared_database


@pytest.fixture
def database_url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


@pytest.fixture
def empty_database_url(backend: str, request: pytest.FixtureRequest,
                       tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all, for this test alone."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server_url = request.getfixturevalue("postgres_server_url")
    name = f"porpiang_empty_{uuid.uuid4().hex[:12]}"
    _admin(server_url, f"CREATE DATABASE {name}")
    yield _database_url(server_url, name)
    _admin(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def shared_settings(shared_database: Database,
                    tmp_path_factory: pytest.TempPathFactory) -> ServerSettings:
    return ServerSettings(data_dir=tmp_path_factory.mktemp("server-data"),
                          database_url=shared_database.url.render_as_string(False),
                          max_body_bytes=TEST_BODY_LIMIT, login=LoginPolicy(),
                          passwords=FAST_PASSWORDS).ensure_dirs()


@pytest.fixture
def settings(shared_settings: ServerSettings, database: Database) -> ServerSettings:
    return shared_settings


@pytest.fixture(scope="session")
def shared_client(shared_settings: ServerSettings,
                  shared_database: Database) -> Iterator[TestClient]:
    with TestClient(create_app(shared_settings, database=shared_database)) as test_client:
        yield test_client


@pytest.fixture
def client(shared_client: TestClient, database: Database) -> TestClient:
    """The app on this test's (emptied) database."""
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture
def world(database: Database) -> World:
    """Users of every role in two districts and another province, each with a device
    and a token."""
    return build_world(database)


@pytest.fixture(scope="session")
def replica_template(tmp_path_factory: pytest.TempPathFactory):
    """One migrated laptop database for the session; each laptop replica is a copy."""
    from tests.server.laptops import make_replica_template

    return make_replica_template(tmp_path_factory.mktemp("replica-template"))
