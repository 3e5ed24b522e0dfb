"""The app's frame: health, schema, OpenAPI, the protocol header, gzip, unexpected
errors, and the one-line JSON access log that never holds secrets."""

from __future__ import annotations

import gzip
import io
import json
import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from sync.records.schema import contract_schema
from sync.server.app import create_app
from sync.server.logs import ACCESS_LOGGER, JsonFormatter, configure_logging
from tests.server.world import PASSWORD, login_body


def test_health_needs_no_token(client):
    answer = client.get("/health")
    assert answer.status_code == 200 and answer.json()["status"] == "ok"
    assert answer.headers["X-Protocol"] == "1"


def test_schema_is_the_contract_and_needs_no_token(client):
    answer = client.get("/api/v1/schema", headers={"Accept-Encoding": "gzip"})
    assert answer.json() == json.loads(json.dumps(contract_schema()))
    assert answer.headers["Content-Encoding"] == "gzip"
    assert "auth.locked" in answer.json()["x-errors"]  # server codes travel with the schema


def test_openapi_documents_the_routes_and_the_bearer_scheme(client):
    document = client.get("/openapi.json").json()
    assert "/api/v1/auth/login" in document["paths"] and "/health" in document["paths"]
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_gzip_request_bodies_are_accepted(client, world):
    body = gzip.compress(json.dumps(login_body(world["fw_in"].username)).encode())
    answer = client.post("/api/v1/auth/login", content=body, headers={
        "Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert answer.status_code == 200, answer.text


@pytest.fixture
def failing_client(settings, database):
    app = create_app(settings, database=database)

    def boom() -> None:
        raise RuntimeError("a bug")

    def locked() -> None:
        raise OperationalError("UPDATE …", {}, Exception("database is locked"))

    app.add_api_route("/api/v1/boom", boom)
    app.add_api_route("/api/v1/locked", locked)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_unexpected_errors_are_coded_too(failing_client):
    boom = failing_client.get("/api/v1/boom", headers={"Accept-Language": "en"})
    assert boom.status_code == 500 and boom.json()["error"]["code"] == "server.error"
    assert boom.headers["X-Protocol"] == "1" and "a bug" not in boom.text
    locked = failing_client.get("/api/v1/locked")
    assert (locked.status_code, locked.json()["error"]["code"]) == (503, "server.busy")
    assert locked.headers["Retry-After"] == "5"


@pytest.fixture
def access_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(ACCESS_LOGGER)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)


def test_one_json_line_per_request_without_secrets(client, world, access_log):
    person = world["co_in"]
    token = client.post("/api/v1/auth/login", json=login_body(person.username)).json()["token"]
    client.get("/api/v1/me?national_id=1112034563562",
               headers={"Authorization": f"Bearer {token}"})
    client.get("/nowhere")
    lines = [json.loads(line) for line in access_log.getvalue().splitlines()]
    assert [(e["method"], e["path"], e["status"]) for e in lines] == [
        ("POST", "/api/v1/auth/login", 200), ("GET", "/api/v1/me", 200),
        ("GET", "/nowhere", 404)]
    assert lines[1]["user_id"] == person.id and lines[0]["user_id"] is None
    assert all(e["duration_ms"] >= 0 and e["level"] == "info" for e in lines)
    text = access_log.getvalue()
    for secret in (token, PASSWORD, person.username, "1112034563562"):
        assert secret not in text


def test_configure_logging_writes_json_lines():
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging("INFO", stream)
        logging.getLogger("porpiang.server").warning("ไม่พบ %s", "x")
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
    entry = json.loads(stream.getvalue())
    assert (entry["level"], entry["message"]) == ("warning", "ไม่พบ x")
