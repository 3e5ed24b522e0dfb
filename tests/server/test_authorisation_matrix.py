"""Every role × every route × an in-scope and an out-of-scope target, on both databases.

For each cell: the status and error code; for a success, the contents (the right
rows, and no user, device or id of anyone the actor may not see anywhere in the
answer); for a refusal, that nothing changed.  Later issues add their routes to
``tests/server/routes.py`` and their rows to :data:`OUTCOMES`.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from sync.records.record import Record
from sync.records.schema import contract_schema
from sync.records.tables import row_values
from sync.server.api.files import app_blob_store
from sync.server.db import Database
from sync.server.models import RECORD_TABLES, User
from sync.server.scopes import tambons_of_areas
from sync.server.versions import write_version
from tests.server.routes import ROUTES, Route, blob_of, history_row
from tests.server.world import ACTOR_OF_ROLE, AREA, PASSWORD, PEOPLE, TARGET, World, login_body

ROLES = tuple(ACTOR_OF_ROLE)
WHERE = ("in", "out")
OK = {"users.create": 201, "users.password": 204, "logout": 204}
MANAGER_ROUTES = {"users.list", "users.create", "users.get", "users.update", "users.password",
                  "devices.list", "devices.get", "devices.revoke"}
# A supervisor's out-of-scope target (fw_out in district 8002, or a new user there).
SUPERVISOR_OUT = {
    "users.create": (403, "scope.out_of_area"),
    "users.get": (404, "user.not_found"),
    "users.update": (404, "user.not_found"),
    "users.password": (404, "user.not_found"),
    "devices.get": (404, "device.not_found"),
    "devices.revoke": (404, "device.not_found"),
}


def expected(route: str, role: str, where: str) -> tuple[int, str | None]:
    """The answer the matrix holds the server to: (status, error code or None)."""
    if route == "login" and where == "out":
        return 401, "auth.bad_credentials"
    if route in MANAGER_ROUTES and role in ("field_worker", "coordinator"):
        return 403, "auth.forbidden"
    if role == "supervisor" and where == "out" and route in SUPERVISOR_OUT:
        return SUPERVISOR_OUT[route]
    if route == "records.history" and where == "out" and role != "admin":
        return 404, "record.not_found"  # as for a row that does not exist
    if route in ("blobs.upload", "blobs.download") and where == "out" and role != "admin":
        return 404, "record.not_found"  # as for bytes no attachment names
    return OK.get(route, 200), None


def send(client: TestClient, world: World, route: Route, actor: str,
         where: str) -> Any:
    headers = world[actor].headers if route.token else {}
    if route.content is not None:  # raw bytes (attachment bytes)
        data, extra = route.content(world, actor, where)
        return client.request(route.method, route.url(world, where, actor),
                              headers={**headers, **extra}, content=data), data
    body = route.body(world, actor, where) if route.body else None
    return client.request(route.method, route.url(world, where, actor), headers=headers,
                          json=body), body


def strings_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings_in(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings_in(v) for v in value)) if value else set()
    return set()


def assert_no_one_else(answer: Any, world: World, allowed: set[str]) -> None:
    """No id, device id or username of a person outside ``allowed`` in the answer."""
    seen = {world.key_of_id(s) for s in strings_in(answer)} - {None}
    assert seen <= allowed, f"answer shows {sorted(seen - allowed)}"


def check_success(client: TestClient, world: World, database: Database, route: str,
                  actor: str, where: str, answer: Any, body: Any) -> None:
    me, target = world[actor], world[TARGET[where]]
    allowed = {actor} | world.managed_by(actor)
    if route in ("login", "me", "logout"):
        allowed = {actor}
    if route == "records.history":  # the row's authors, whoever manages them
        allowed = {actor} | {history_author(actor, where)}
    if answer is not None:
        assert_no_one_else(answer, world, allowed)
    check = CONTENT_CHECKS.get(route)
    if check:
        check(client=client, world=world, database=database, me=me, target=target,
              actor=actor, where=where, answer=answer, body=body)


def _login_ok(*, client, world, me, answer, **_: Any) -> None:
    assert answer["user"] == {"id": me.id, "name": f"ชื่อ {me.key}", "role": me.role,
                              "areas": sorted(me.areas)}
    assert answer["server_key"] == world.server_key
    me_now = client.get("/api/v1/me", headers={"Authorization": f"Bearer {answer['token']}"})
    assert me_now.json()["id"] == me.id


def _logout_ok(*, client, me, **_: Any) -> None:
    after = client.get("/api/v1/me", headers=me.headers)
    assert (after.status_code, after.json()["error"]["code"]) == (401, "auth.invalid_token")


def _me_ok(*, me, answer, **_: Any) -> None:
    assert (answer["id"], answer["device_id"], answer["role"]) == (me.id, me.device_id, me.role)


def _users_list_ok(*, world, actor, answer, **_: Any) -> None:
    expected_names = {world[k].username for k in world.managed_by(actor)}
    assert {u["username"] for u in answer} == expected_names


def _users_create_ok(*, client, me, where, answer, body, **_: Any) -> None:
    assert (answer["username"], answer["areas"]) == (body["username"], [AREA[where]])
    listed = client.get("/api/v1/users", headers=me.headers).json()
    assert body["username"] in {u["username"] for u in listed}


def _users_get_ok(*, target, answer, **_: Any) -> None:
    assert (answer["id"], answer["areas"]) == (target.id, sorted(target.areas))


def _users_update_ok(*, database, target, answer, **_: Any) -> None:
    assert answer["name"] == "ชื่อใหม่"
    with database.reading() as session:
        assert session.get(User, target.id).name == "ชื่อใหม่"


def _users_password_ok(*, client, target, **_: Any) -> None:
    old = client.post("/api/v1/auth/login", json=login_body(target.username))
    new = client.post("/api/v1/auth/login",
                      json=login_body(target.username, "another password"))
    assert (old.status_code, new.status_code) == (401, 200)


def _devices_list_ok(*, world, actor, answer, **_: Any) -> None:
    assert {d["id"] for d in answer} == {world[k].device_id for k in world.managed_by(actor)}


def _devices_get_ok(*, target, answer, **_: Any) -> None:
    assert (answer["id"], answer["user_id"], answer["revoked"]) == (
        target.device_id, target.id, False)


def _devices_revoke_ok(*, client, target, answer, **_: Any) -> None:
    assert answer["revoked"] is True and answer["id"] == target.device_id
    after = client.get("/api/v1/me", headers=target.headers)
    assert (after.status_code, after.json()["error"]["code"]) == (401, "auth.device_revoked")


def _health_ok(*, answer, **_: Any) -> None:
    assert answer["status"] == "ok"


def _schema_ok(*, answer, **_: Any) -> None:
    assert answer["$defs"].keys() == contract_schema()["$defs"].keys()


def _hello_ok(*, me, answer, **_: Any) -> None:
    tambons = tambons_of_areas(me.role, me.areas)
    assert set(answer["areas"]) <= tambons
    if me.role != "admin":
        assert answer["areas"] == sorted(tambons)
    assert answer["protocol_min"] <= 1 <= answer["protocol_max"]


def _push_ok(*, answer, **_: Any) -> None:
    assert answer == {"results": [], "new_device_id_required": False}


def seed_areas(database: Database) -> None:
    """A household in each test area and an open conflict in the in-scope one."""
    with database.writing() as session:
        for n, where in enumerate(WHERE, start=1):
            row = Record("household", str(uuid.uuid4()), AREA[where], {"moo": n},
                         version=1, seq=n)
            session.execute(RECORD_TABLES["household"].insert().values(row_values(row)))
        conflict = Record("conflict", str(uuid.uuid4()), AREA["in"], {
            "target_type": "household", "target_id": str(uuid.uuid4()), "group": "address",
            "status": "open"}, version=1, seq=3)
        session.execute(RECORD_TABLES["conflict"].insert().values(row_values(conflict)))


def _pull_ok(*, client, database, me, where, answer, **_: Any) -> None:
    seed_areas(database)
    tambons = tambons_of_areas(me.role, me.areas)
    asked = {AREA["in"]: 0, AREA["out"]: 0, "*": 0}
    page = client.post("/api/v1/sync/pull", headers=me.headers,
                       json={"checkpoints": asked, "limit": 100}).json()
    seen = {(r["type"], r["tambon"]) for r in page["records"]}
    assert {tambon for _, tambon in seen} <= tambons
    assert set(page["removed_areas"]) == {a for a in asked if a != "*" and a not in tambons}
    for where_seeded in WHERE:
        held = AREA[where_seeded] in tambons
        assert (("household", AREA[where_seeded]) in seen) == held
    assert (("conflict", AREA["in"]) in seen) == (AREA["in"] in tambons
                                                  and me.role != "field_worker")


def history_author(actor: str, where: str) -> str:
    """Who wrote the household the history route asks ``actor`` about."""
    return actor if where == "in" else TARGET["out"]


def write_versions(database: Database, record: Record, changes: list[dict[str, Any]], *,
                   author: Any, relayed_by: str | None = None) -> None:
    """``record`` as version 1, then each change of ``changes`` as the next version."""
    with database.writing() as session:
        before = None
        for change in [{}] + changes:
            after = replace(before or record, fields={**(before or record).fields, **change})
            before = write_version(session, after, before, author=author.id,
                                   device_id=author.device_id, op_id=str(uuid.uuid4()),
                                   relayed_by=relayed_by)


def seed_history(database: Database, world: World, actor: str) -> None:
    """The households the history route asks ``actor`` about, two versions each."""
    for where in WHERE:
        record_id, tambon = history_row(world, actor, where)
        write_versions(database, Record("household", record_id, tambon,
                                        {"moo": 1, "house_no": "12/3"}),
                       [{"moo": 2}], author=world[history_author(actor, where)])


def _history_ok(*, client, world, database, me, actor, where, answer, **_: Any) -> None:
    record_id, tambon = history_row(world, actor, where)
    author = world[history_author(actor, where)]
    assert (answer["type"], answer["id"], answer["tambon"], answer["version"]) == (
        "household", record_id, tambon, 2)
    assert answer["more"] is False and answer["deleted"] is False
    assert [(v["version"], v["changed"], v["author"], v["author_name"], v["device_id"],
             v["deleted"], v["withheld"]) for v in answer["versions"]] == [
        (1, {"moo": 1, "house_no": "12/3"}, author.id, f"ชื่อ {author.key}",
         author.device_id, False, []),
        (2, {"moo": 2}, author.id, f"ชื่อ {author.key}", author.device_id, False, [])]
    if where == "out":
        return
    # A conflict record of the same tambon: pull serves it to coordinators and up only.
    conflict = Record("conflict", str(uuid.uuid4()), tambon, {
        "target_type": "household", "target_id": record_id, "group": "address",
        "status": "open"})
    write_versions(database, conflict, [], author=me)
    asked = client.get(f"/api/v1/records/conflict/{conflict.id}/history", headers=me.headers)
    if me.role == "field_worker":
        assert (asked.status_code, asked.json()["error"]["code"]) == (404, "record.not_found")
    else:
        assert asked.status_code == 200 and len(asked.json()["versions"]) == 1
    # Programme settings belong to no area: every signed-in user reads their history.
    settings = Record("programme_settings", str(uuid.uuid4()), None,
                      {"programme": "baan_por_piang", "fiscal_year": 2569})
    write_versions(database, settings, [], author=world["admin"])
    asked = client.get(f"/api/v1/records/programme_settings/{settings.id}/history",
                       headers=me.headers)
    assert asked.status_code == 200, asked.text
    assert asked.json()["versions"][0]["author"] == world["admin"].id
    # An unknown type is refused with its own code.
    unknown = client.get(f"/api/v1/records/nothing/{record_id}/history", headers=me.headers)
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (
        404, "record.unknown_type")


def seed_blobs(database: Database, world: World, actor: str, client: TestClient,
               *, with_bytes: bool) -> None:
    """An attachment naming the photo of :func:`blob_of` in each test area (written by
    ``actor`` "in", by the out-of-scope user "out"), its bytes on the server if
    ``with_bytes``."""
    for where in WHERE:
        data, sha256, tambon = blob_of(world, actor, where)
        household = str(uuid.uuid4())
        write_versions(database, Record("attachment", str(uuid.uuid4()), tambon, {
            "household_id": household, "owner_type": "household", "owner_id": household,
            "kind": "before", "sha256": sha256, "size_bytes": len(data),
            "mime_type": "image/jpeg"}), [], author=world[history_author(actor, where)])
        if with_bytes:
            store_of(client).put(data)


def store_of(client: TestClient):
    return app_blob_store(client.app)  # the app's blobs/ folder


def _blobs_missing_ok(*, client, world, me, actor, where, answer, **_: Any) -> None:
    sha256 = blob_of(world, actor, where)[1]
    readable = where == "in" or me.role == "admin"
    assert answer["missing"] == ([sha256] if readable else [])
    assert answer["unknown"] == ([] if readable else [sha256])
    assert answer["offsets"] == {} and answer["max_blob_bytes"] > 0
    assert 0 < answer["chunk_bytes"] <= 1024 * 1024


def _blobs_upload_ok(*, client, world, actor, where, answer, **_: Any) -> None:
    data, sha256, _ = blob_of(world, actor, where)
    assert answer == {"sha256": sha256, "offset": len(data), "complete": True}
    assert store_of(client).path(sha256).read_bytes() == data


def _blobs_download_ok(*, world, actor, where, answer, **_: Any) -> None:
    assert answer == blob_of(world, actor, where)[0]


CONTENT_CHECKS = {
    "health": _health_ok, "schema": _schema_ok, "login": _login_ok, "logout": _logout_ok,
    "me": _me_ok, "users.list": _users_list_ok, "users.create": _users_create_ok,
    "users.get": _users_get_ok, "users.update": _users_update_ok,
    "users.password": _users_password_ok, "devices.list": _devices_list_ok,
    "devices.get": _devices_get_ok, "devices.revoke": _devices_revoke_ok,
    "sync.hello": _hello_ok, "sync.push": _push_ok, "sync.pull": _pull_ok,
    "records.history": _history_ok, "blobs.missing": _blobs_missing_ok,
    "blobs.upload": _blobs_upload_ok, "blobs.download": _blobs_download_ok,
}
# Rows (and files) a route's request is about: (database, world, actor, client).
SEEDS = {
    "records.history": lambda database, world, actor, client: seed_history(
        database, world, actor),
    "blobs.missing": lambda *args: seed_blobs(*args, with_bytes=False),
    "blobs.upload": lambda *args: seed_blobs(*args, with_bytes=False),
    "blobs.download": lambda *args: seed_blobs(*args, with_bytes=True),
}


def check_unchanged(client: TestClient, world: World, database: Database, route: str,
                    where: str, body: Any) -> None:
    """After a refusal: the target is as it was."""
    target = world[TARGET[where]]
    with database.reading() as session:
        names = set(session.exec(select(User.username)).all())
        target_row = session.get(User, target.id)
    if route == "users.create":
        assert body["username"] not in names
    if route == "blobs.upload":  # nothing of the refused bytes kept
        store, sha256 = store_of(client), hashlib.sha256(body).hexdigest()
        assert not store.has(sha256) and store.received(sha256) == 0
    assert target_row.name == f"ชื่อ {target.key}"
    still = client.get("/api/v1/me", headers=target.headers)
    assert still.status_code == 200  # not revoked
    relogin = client.post("/api/v1/auth/login", json=login_body(target.username, PASSWORD))
    assert relogin.status_code == 200  # password unchanged


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("role", ROLES)
def test_matrix(client: TestClient, world: World, database: Database, role: str,
                route: Route, where: str) -> None:
    actor = ACTOR_OF_ROLE[role]
    status, code = expected(route.name, role, where)
    if route.name in SEEDS:
        SEEDS[route.name](database, world, actor, client)
    response, body = send(client, world, route, actor, where)
    assert response.status_code == status, response.text
    assert response.headers["X-Protocol"] == "1"
    if code is not None:
        assert response.json()["error"]["code"] == code
        check_unchanged(client, world, database, route.name, where, body)
    else:
        is_json = response.headers.get("content-type", "").startswith("application/json")
        answer = (response.json() if is_json else response.content) if response.content \
            else None
        check_success(client, world, database, route.name, actor, where, answer, body)


def test_every_route_of_the_app_is_in_the_matrix(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    served = {(method.upper(), path) for path, methods in paths.items() for method in methods}
    assert served == {(route.method, route.path) for route in ROUTES}


def test_the_world_is_as_the_oracle_says() -> None:
    assert set(PEOPLE) == set(TARGET.values()) | set(ACTOR_OF_ROLE.values()) | {
        "sup_out", "co_out", "fw_far", "fw_mixed"}
