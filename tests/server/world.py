"""A small world for the server tests: users of every role in two districts of
Nakhon Si Thammarat (80) and one tambon of Surat Thani (84), each logged in on a
device of their own.

Who sees whom is written out by hand in :data:`MANAGED` (the oracle the tests hold
the server to), not computed with the server's own scope functions.
"""

from __future__ import annotations

import base64
import os
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from sync.server.db import Database
from sync.server.devices import new_token, token_hash
from sync.server.meta import server_public_key
from sync.server.models import Device, User, UserArea, utcnow
from sync.server.passwords import Passwords
from sync.server.settings import PasswordPolicy

PASSWORD = "correct horse 1"

# key -> (role, areas).  District 8001 holds tambons 800101…; district 8002 800201….
PEOPLE: dict[str, tuple[str, list[str]]] = {
    "admin": ("admin", []),
    "sup_in": ("supervisor", ["8001"]),
    "sup_out": ("supervisor", ["8002"]),
    "co_in": ("coordinator", ["800101"]),
    "co_out": ("coordinator", ["800201"]),
    "fw_in": ("field_worker", ["800102"]),
    "fw_out": ("field_worker", ["800202"]),
    "fw_far": ("field_worker", ["840101"]),
    "fw_mixed": ("field_worker", ["800103", "800203"]),  # straddles both districts
}
# Whom each manager manages (the users and devices their lists may show).
MANAGED: dict[str, set[str]] = {
    "admin": set(PEOPLE),
    "sup_in": {"co_in", "fw_in"},
    "sup_out": {"co_out", "fw_out"},
}
# The acting user of each role, and the in-scope / out-of-scope target of the matrix.
ACTOR_OF_ROLE = {"field_worker": "fw_in", "coordinator": "co_in", "supervisor": "sup_in",
                 "admin": "admin"}
TARGET = {"in": "fw_in", "out": "fw_out"}
AREA = {"in": "800106", "out": "800204"}  # tambons of district 8001 and of 8002


def random_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def login_body(username: str, password: str = PASSWORD, *, device_id: str | None = None,
               keys: dict[str, str] | None = None) -> dict[str, Any]:
    return {"username": username, "password": password,
            "device_id": device_id or str(uuid.uuid4()), "device_name": f"laptop of {username}",
            "public_keys": keys or {"ed25519": random_key(), "x25519": random_key()}}


@dataclass
class Person:
    key: str
    username: str
    role: str
    areas: list[str]
    id: str
    device_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    people: dict[str, Person]
    server_key: str

    def __getitem__(self, key: str) -> Person:
        return self.people[key]

    def managed_by(self, key: str) -> set[str]:
        return MANAGED.get(key, set())

    def key_of_id(self, value: str) -> str | None:
        for person in self.people.values():
            if value in (person.id, person.device_id, person.username):
                return person.key
        return None


def username_of(key: str) -> str:
    """``user-sup-in`` for ``sup_in``: never a word of the schema, such as ``admin``."""
    return "user-" + key.replace("_", "-")


@cache
def password_hash() -> str:
    return Passwords(PasswordPolicy(time_cost=1, memory_cost_kib=8, parallelism=1)).hash(PASSWORD)


def build_world(database: Database) -> World:
    """Insert the people, each with a device and a token (as a login would make them),
    in one batch: the login route itself is tested elsewhere."""
    people, users, rows, now = {}, [], [], utcnow()
    for key, (role, areas) in PEOPLE.items():
        person = Person(key, username_of(key), role, areas, str(uuid.uuid4()),
                        str(uuid.uuid4()), new_token())
        people[key] = person
        users.append(User(id=person.id, username=person.username, name=f"ชื่อ {key}",
                         role=role, password_hash=password_hash(), active=True,
                         created_at=now, updated_at=now))
        rows += [UserArea(user_id=person.id, code=code) for code in areas]
        rows.append(Device(id=person.device_id, user_id=person.id, name=f"laptop of {key}",
                           ed25519_key=random_key(), x25519_key=random_key(),
                           token_hash=token_hash(person.token), created_at=now,
                           last_login_at=now))
    with database.writing() as session:
        session.add_all(users)
        session.flush()  # the users first: areas and devices refer to them
        session.add_all(rows)
        session.flush()
        server_key = server_public_key(session)
    return World(people, server_key)
