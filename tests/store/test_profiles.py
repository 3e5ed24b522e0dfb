"""Profiles: keys wrapped by password, recovery key and supervisor keys; isolation."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import text

from desktop.store.crypto import FAST_KDF, raw_public
from desktop.store.engine import open_database
from desktop.store.errors import StoreError, message
from desktop.store.profiles import (
    add_recipient,
    change_password,
    create_profile,
    list_profiles,
    unlock_as_recipient,
    unlock_profile,
)
from tests.store.conftest import PASSWORD


def test_wrong_password_cannot_open_the_recovery_key_can(profiles_dir):
    made, recovery = create_profile(profiles_dir, "field1", PASSWORD, kdf=FAST_KDF)
    assert recovery and len(recovery.replace("-", "")) == 32
    with pytest.raises(StoreError) as caught:
        unlock_profile(profiles_dir, "field1", password="wrong password")
    assert caught.value.issue.code == "profile.wrong_secret"
    assert message("profile.wrong_secret", "th") == "รหัสผ่านหรือรหัสกู้คืนไม่ถูกต้อง"
    assert unlock_profile(profiles_dir, "field1", password=PASSWORD).database_key == \
        made.database_key
    typed = recovery.lower().replace("-", " ")
    assert unlock_profile(profiles_dir, "field1", recovery_key=typed).database_key == \
        made.database_key


def test_the_wrong_key_cannot_open_the_database(profiles_dir):
    made, _ = create_profile(profiles_dir, "field1", PASSWORD, kdf=FAST_KDF)
    open_database(made.info.database_path, made.database_key).close()
    with pytest.raises(StoreError) as caught:
        db = open_database(made.info.database_path, b"\x01" * 32)
        with db.reader.connect() as connection:
            connection.execute(text("select count(*) from household")).scalar()
    assert caught.value.issue.code == "profile.wrong_secret"


def test_two_profiles_on_one_machine_cannot_read_each_other(profiles_dir):
    a, _ = create_profile(profiles_dir, "field-a", PASSWORD, kdf=FAST_KDF)
    b, _ = create_profile(profiles_dir, "field-b", "another password", kdf=FAST_KDF)
    assert a.database_key != b.database_key
    open_database(a.info.database_path, a.database_key).close()
    with pytest.raises(StoreError):
        open_database(a.info.database_path, b.database_key)
    with pytest.raises(StoreError):
        unlock_profile(profiles_dir, "field-a", password="another password")


def test_profile_file_holds_no_key_in_the_clear(profiles_dir):
    made, recovery = create_profile(profiles_dir, "field1", PASSWORD, kdf=FAST_KDF)
    raw = (made.info.folder / "profile.json").read_bytes()
    assert made.database_key.hex().encode() not in raw
    assert PASSWORD.encode() not in raw and recovery.encode() not in raw
    assert json.loads(raw)["keys"]["kdf"]["alg"] == "argon2id"


def test_supervisor_key_can_open_a_profile_whose_password_is_lost(profiles_dir):
    made, _ = create_profile(profiles_dir, "field1", PASSWORD, kdf=FAST_KDF)
    supervisor = X25519PrivateKey.generate()
    add_recipient(made, raw_public(supervisor.public_key()))
    opened = unlock_as_recipient(profiles_dir, "field1", supervisor)
    assert opened.database_key == made.database_key
    with pytest.raises(StoreError):
        unlock_as_recipient(profiles_dir, "field1", X25519PrivateKey.generate())


def test_change_password(profiles_dir):
    made, _ = create_profile(profiles_dir, "field1", PASSWORD, kdf=FAST_KDF)
    change_password(made, "a new password", kdf=FAST_KDF)
    with pytest.raises(StoreError):
        unlock_profile(profiles_dir, "field1", password=PASSWORD)
    assert unlock_profile(profiles_dir, "field1", password="a new password").database_key == \
        made.database_key


@pytest.mark.parametrize("name, password, code", [
    ("Bad Name", PASSWORD, "profile.bad_name"),
    ("../escape", PASSWORD, "profile.bad_name"),
    ("ok", "short", "profile.weak_password"),
    ("ok", None, "profile.password_required"),
])
def test_bad_profile_input_is_refused_and_creates_nothing(profiles_dir, name, password, code):
    with pytest.raises(StoreError) as caught:
        create_profile(profiles_dir, name, password, kdf=FAST_KDF)
    assert caught.value.issue.code == code
    assert list_profiles(profiles_dir) == []


def test_list_and_duplicate_names(profiles_dir):
    create_profile(profiles_dir, "field1", PASSWORD, display_name="สมใจ ใจดี", kdf=FAST_KDF)
    create_profile(profiles_dir, "demo", None, demo=True)
    with pytest.raises(StoreError) as caught:
        create_profile(profiles_dir, "field1", PASSWORD, kdf=FAST_KDF)
    assert caught.value.issue.code == "profile.exists"
    listed = {p.name: p for p in list_profiles(profiles_dir)}
    assert set(listed) == {"demo", "field1"}
    assert listed["demo"].demo and listed["field1"].display_name == "สมใจ ใจดี"
    assert unlock_profile(profiles_dir, "demo").database_key
