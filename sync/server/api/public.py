"""Routes without a token: health, the contract's schema, login."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from sync.records.schema import PROTOCOL_VERSION, SCHEMA_VERSION, contract_schema
from sync.server.api.deps import DbDep
from sync.server.schemas import HealthOut

health_router = APIRouter(tags=["public"])
schema_router = APIRouter(tags=["public"])


@health_router.get("/health", response_model=HealthOut)
def health(db: DbDep) -> dict[str, Any]:
    """The server answers and reaches its database (``503 server.busy`` otherwise)."""
    with db.reading() as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok", "protocol": PROTOCOL_VERSION, "schema_version": SCHEMA_VERSION}


@cache
def _schema() -> dict[str, Any]:
    return contract_schema()


@schema_router.get("/schema")
def schema() -> dict[str, Any]:
    """The record contract as JSON Schema: types, fields, groups, workflows, error texts."""
    return _schema()
