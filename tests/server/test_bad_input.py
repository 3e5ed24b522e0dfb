"""Bad input on every route: a 4xx with a coded error naming the field — never a 500 —
and nothing stored.  Sent as the administrator, who may use every route."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from sync.server.db import Database
from sync.server.models import ServerModel
from tests.server.conftest import TEST_BODY_LIMIT
from tests.server.routes import ROUTES, Route
from tests.server.world import World

WITH_BODY = [route for route in ROUTES if route.body is not None]
WITH_ID = [route for route in ROUTES if "{" in route.path]
WRONG_TYPES: list[Any] = [17, 1.5, True, None, [], {}, "text"]


def counts(database: Database) -> dict[str, int]:
    with database.reading() as session:
        return {t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
                for t in ServerModel.metadata.sorted_tables}


def send(client: TestClient, world: World, route: Route, **kwargs: Any) -> Any:
    headers = {**(world["admin"].headers if route.token else {}), **kwargs.pop("headers", {})}
    return client.request(route.method, route.url(world, "in"), headers=headers, **kwargs)


def assert_refused(response: Any, status: int, code: str, field: str | None = "-") -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert set(error) == {"code", "message", "field", "params"}
    assert isinstance(error["params"], dict) and "field" not in error["params"]
    if field != "-":
        assert error["field"] == field
    assert response.headers["X-Protocol"] == "1"


@pytest.fixture
def stored_before(world: World, database: Database) -> dict[str, int]:
    return counts(database)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_huge_body_is_refused_with_413(client, world, database, stored_before, route):
    body = b'{"x": "' + b"a" * TEST_BODY_LIMIT + b'"}'
    response = send(client, world, route, content=body,
                    headers={"Content-Type": "application/json"})
    assert_refused(response, 413, "request.too_large", None)
    assert str(TEST_BODY_LIMIT) in response.json()["error"]["message"]
    assert counts(database) == stored_before


@pytest.mark.parametrize("route", [r for r in ROUTES if r.method != "GET"], ids=lambda r: r.name)
def test_huge_streamed_and_gzipped_bodies_are_refused(client, world, database, stored_before,
                                                      route):
    chunks = (b" " * 65536 for _ in range(TEST_BODY_LIMIT // 65536 + 2))
    streamed = send(client, world, route, content=chunks,
                    headers={"Content-Type": "application/json"})
    assert_refused(streamed, 413, "request.too_large", None)
    bomb = gzip.compress(b" " * (TEST_BODY_LIMIT * 4))
    zipped = send(client, world, route, content=bomb, headers={
        "Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert_refused(zipped, 413, "request.too_large", None)
    assert counts(database) == stored_before


@pytest.mark.parametrize("route", WITH_BODY, ids=lambda r: r.name)
def test_malformed_bodies(client, world, database, stored_before, route):
    json_type = {"Content-Type": "application/json"}
    for text in (b"{bad", b'{"a": 1', b"\xff\xfe\x00", b"[1, 2,]"):
        assert_refused(send(client, world, route, content=text, headers=json_type),
                       400, "request.malformed_json")
    broken_gzip = send(client, world, route, content=b"not gzip",
                       headers={**json_type, "Content-Encoding": "gzip"})
    assert_refused(broken_gzip, 400, "request.invalid_value", "body")
    plain = send(client, world, route, content=json.dumps(route.body(world, "admin", "in")),
                 headers={"Content-Type": "text/plain"})
    assert_refused(plain, 415, "request.not_json")
    for not_an_object in (b"[]", b"[1]", b'"text"', b"12", b"true", b"null"):
        assert_refused(send(client, world, route, content=not_an_object, headers=json_type),
                       422, "request.invalid_value", "body")
    assert_refused(send(client, world, route, content=b"", headers=json_type),
                   422, "request.missing_field", "body")
    assert counts(database) == stored_before


def leaves(value: dict[str, Any], prefix: str = "") -> list[str]:
    paths = []
    for key, item in value.items():
        path = f"{prefix}{key}"
        paths += leaves(item, path + ".") if isinstance(item, dict) else [path]
    return paths


def replaced(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(body))
    *parents, last = path.split(".")
    holder = copy
    for key in parents:
        holder = holder[key]
    if value is KeyError:
        del holder[last]
    else:
        holder[last] = value
    return copy


def expected_type(body: dict[str, Any], path: str) -> type:
    holder: Any = body
    for key in path.split("."):
        holder = holder[key]
    return type(holder)


@pytest.mark.parametrize("route", WITH_BODY, ids=lambda r: r.name)
def test_wrong_types_unknown_and_missing_fields_are_named(client, world, database,
                                                          stored_before, route):
    body = route.body(world, "admin", "in")
    for path in leaves(body):
        kind = expected_type(body, path)
        bad_texts = ["a\x00b", "ก" * 5000, ""] if kind is str else []
        for wrong in WRONG_TYPES + bad_texts:
            if wrong not in bad_texts and isinstance(wrong, kind):
                continue
            response = send(client, world, route, json=replaced(body, path, wrong))
            assert response.status_code == 422, (path, wrong, response.text)
            assert response.json()["error"]["field"].startswith(path), (path, wrong)
        optional = route.name == "users.update"  # every field of an update is optional
        optional |= path.startswith("checkpoints.")  # a map: any of its keys may be left out
        if not optional:
            missing = send(client, world, route, json=replaced(body, path, KeyError))
            assert missing.status_code == 422 and missing.json()["error"]["field"] == path
            assert missing.json()["error"]["code"] in ("request.missing_field",
                                                       "user.areas_required")
    unknown = send(client, world, route, json={**body, "is_admin": True})
    assert_refused(unknown, 422, "request.unknown_field", "is_admin")
    assert counts(database) == stored_before


@pytest.mark.parametrize("route", WITH_ID, ids=lambda r: r.name)
def test_unknown_and_odd_ids_answer_404(client, world, database, stored_before, route):
    body = route.body(world, "admin", "in") if route.body else None
    for odd in ("nobody", "0" * 36, "ผู้ใช้", "x" * 5000, "%00", "..%2F..%2Fetc"):
        url = route.path.format(user_id=odd, device_id=odd, type="household", id=odd)
        response = client.request(route.method, url, headers=world["admin"].headers, json=body)
        assert response.status_code == 404, (odd, response.text)
        assert response.json()["error"]["code"] in ("user.not_found", "device.not_found",
                                                     "record.not_found", "request.not_found")
    assert counts(database) == stored_before


@pytest.mark.parametrize("route", [r for r in ROUTES if r.token], ids=lambda r: r.name)
def test_missing_or_bad_tokens_answer_401(client, world, database, stored_before, route):
    body = route.body(world, "admin", "in") if route.body else None
    cases = {None: "auth.required", "Bearer": "auth.required", "Basic dXNlcjpwdw==":
             "auth.required", "Bearer not-a-token": "auth.invalid_token",
             f"Bearer {world['admin'].token}x": "auth.invalid_token",
             ("Bearer " + "ก" * 50).encode("utf-8"): "auth.invalid_token"}
    for header, code in cases.items():
        headers = {"Authorization": header} if header else {}
        response = client.request(route.method, route.url(world, "in"), headers=headers,
                                  json=body)
        assert_refused(response, 401, code, None)
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert counts(database) == stored_before
