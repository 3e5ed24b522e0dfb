"""Every route of the server, with a valid request for it: the authorisation matrix
and the bad-input tests walk this list, and a test checks that it names every route
the app has — a new route fails the tests until it is added here (and so to both)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.server.world import AREA, PASSWORD, TARGET, World, login_body

Body = Callable[[World, str, str], dict[str, Any]]  # (world, actor key, where) -> body
# (world, actor key, where) -> a raw body and its headers (attachment bytes)
Content = Callable[[World, str, str], tuple[bytes, dict[str, str]]]
Target = Callable[[World, str, str], str]  # (world, actor key, where) -> the {id} of the path


def history_row(world: World, actor: str, where: str) -> tuple[str, str]:
    """(id, tambon) of the household whose history the records route asks ``actor``
    for: "in" lies in the actor's first tambon (a district's or an administrator's:
    ``AREA["in"]``), "out" in ``AREA["out"]``, outside every actor's areas but the
    administrator's.  The matrix stores it before it asks."""
    tambons = [code for code in world[actor].areas if len(code) == 6]
    tambon = tambons[0] if where == "in" and tambons else AREA[where]
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"porpiang-test/{actor}/{where}")), tambon


def blob_of(world: World, actor: str, where: str) -> tuple[bytes, str, str]:
    """(bytes, sha256, tambon) of the photo the blob routes ask ``actor`` about: an
    attachment in the tambon of :func:`history_row` ("in": the actor's, "out":
    ``AREA["out"]``); the bytes are new in every world (its ids are random)."""
    data = f"photo of {world[actor].id} ({where})".encode() * 40
    return data, hashlib.sha256(data).hexdigest(), history_row(world, actor, where)[1]


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str  # {user_id} and {device_id} are the target's (TARGET[where]); {type} and
    # {id} name the household of history_row(world, actor, where), or ``target``'s value
    token: bool  # needs a bearer token
    body: Body | None = None  # a JSON body
    content: Content | None = None  # a raw body (not JSON)
    target: Target | None = None  # the {id} of the path, when not the history household

    def url(self, world: World, where: str, actor: str = "admin") -> str:
        target = world[TARGET[where]]
        record_id = (self.target(world, actor, where) if self.target is not None
                     else history_row(world, actor, where)[0])
        return self.path.format(user_id=target.id, device_id=target.device_id,
                                type="household", id=record_id)


def _login(world: World, actor: str, where: str) -> dict[str, Any]:
    # "in": the actor's own account; "out": the out-of-scope user's account, tried
    # with a password that is not theirs.
    username = world[actor].username if where == "in" else world[TARGET["out"]].username
    return login_body(username, PASSWORD if where == "in" else PASSWORD + " not theirs")


def _new_user(world: World, actor: str, where: str) -> dict[str, Any]:
    return {"username": f"new-{uuid.uuid4().hex[:8]}", "name": "ผู้ใช้ใหม่",
            "role": "field_worker", "areas": [AREA[where]], "password": "a new password"}


def _rename(world: World, actor: str, where: str) -> dict[str, Any]:
    return {"name": "ชื่อใหม่"}


def _password(world: World, actor: str, where: str) -> dict[str, Any]:
    return {"password": "another password"}


def _hello(world: World, actor: str, where: str) -> dict[str, Any]:
    return {"device_id": world[actor].device_id, "protocol": 1, "schema": 1,
            "app_version": "test"}


def _push(world: World, actor: str, where: str) -> dict[str, Any]:
    return {"ops": []}  # signed ops need the device's private key: tests/server/test_sync_*


def _pull(world: World, actor: str, where: str) -> dict[str, Any]:
    return {"checkpoints": {AREA[where]: 0, "*": 0}, "limit": 100}


def _blob_hashes(world: World, actor: str, where: str) -> dict[str, Any]:
    return {"hashes": [blob_of(world, actor, where)[1]]}


def _blob_chunk(world: World, actor: str, where: str) -> tuple[bytes, dict[str, str]]:
    data = blob_of(world, actor, where)[0]  # the whole file in one chunk
    return data, {"Content-Type": "application/octet-stream", "Upload-Offset": "0",
                  "Upload-Length": str(len(data))}


def _blob_id(world: World, actor: str, where: str) -> str:
    return blob_of(world, actor, where)[1]


ROUTES: tuple[Route, ...] = (
    Route("health", "GET", "/health", token=False),
    Route("schema", "GET", "/api/v1/schema", token=False),
    Route("login", "POST", "/api/v1/auth/login", token=False, body=_login),
    Route("logout", "POST", "/api/v1/auth/logout", token=True),
    Route("me", "GET", "/api/v1/me", token=True),
    Route("users.list", "GET", "/api/v1/users", token=True),
    Route("users.create", "POST", "/api/v1/users", token=True, body=_new_user),
    Route("users.get", "GET", "/api/v1/users/{user_id}", token=True),
    Route("users.update", "PATCH", "/api/v1/users/{user_id}", token=True, body=_rename),
    Route("users.password", "POST", "/api/v1/users/{user_id}/password", token=True,
          body=_password),
    Route("devices.list", "GET", "/api/v1/devices", token=True),
    Route("devices.get", "GET", "/api/v1/devices/{device_id}", token=True),
    Route("devices.revoke", "POST", "/api/v1/devices/{device_id}/revoke", token=True),
    Route("sync.hello", "POST", "/api/v1/sync/hello", token=True, body=_hello),
    Route("sync.push", "POST", "/api/v1/sync/push", token=True, body=_push),
    Route("sync.pull", "POST", "/api/v1/sync/pull", token=True, body=_pull),
    Route("records.history", "GET", "/api/v1/records/{type}/{id}/history", token=True),
    Route("blobs.missing", "POST", "/api/v1/blobs/missing", token=True, body=_blob_hashes),
    Route("blobs.upload", "PATCH", "/api/v1/blobs/{id}", token=True, content=_blob_chunk,
          target=_blob_id),
    Route("blobs.download", "GET", "/api/v1/blobs/{id}", token=True, target=_blob_id),
)
ROUTE_BY_NAME = {route.name: route for route in ROUTES}
