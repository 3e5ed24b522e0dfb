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
from typing import Any

from sync.server import accounts, devices
from sync.server.db import Database
from sync.server.meta import server_public_key
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


def build_world(database: Database) -> World:
    """Make the people, and a device with a token for each (as a login would)."""
    passwords = Passwords(PasswordPolicy(time_cost=1, memory_cost_kib=8, parallelism=1))
    people = {}
    with database.writing() as session:
        for key, (role, areas) in PEOPLE.items():
            view = accounts.create_user(session, passwords, username=username_of(key),
                                        name=f"ชื่อ {key}", role=role, areas=areas,
                                        password=PASSWORD)
            device = devices.register_device(
                session, user_id=view.id, device_id=str(uuid.uuid4()),
                name=f"laptop of {key}", keys=devices.PublicKeys(random_key(), random_key()))
            token = devices.issue_token(session, device)
            people[key] = Person(key, view.username, role, areas, view.id, device.id, token)
        server_key = server_public_key(session)
    return World(people, server_key)
