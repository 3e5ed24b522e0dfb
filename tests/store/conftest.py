"""Fixtures of the local replica: real encrypted SQLite files in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.store.crypto import FAST_KDF
from desktop.store.engine import open_database
from desktop.store.profiles import create_profile

PASSWORD = "correct horse 1"


@pytest.fixture
def profiles_dir(tmp_path: Path) -> Path:
    return tmp_path / "profiles"


@pytest.fixture
def profile(profiles_dir):
    unlocked, recovery = create_profile(profiles_dir, "somjai", PASSWORD, kdf=FAST_KDF)
    return unlocked


@pytest.fixture
def database(profile):
    db = open_database(profile.info.database_path, profile.database_key)
    yield db
    db.close()


@pytest.fixture
def replica(database, profile):
    from desktop.store.replica import LocalReplica
    return LocalReplica(database, device_id=profile.info.device_id)
