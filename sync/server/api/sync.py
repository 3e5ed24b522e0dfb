"""The sync routes: ``hello``, ``push``, ``pull`` (protocol v1, ``sync/PROTOCOL.md``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field, StrictInt, StringConstraints

from sync.server import pull as pulling
from sync.server import push as pushing
from sync.server.api.deps import ActorDep, DbDep
from sync.server.errors import ApiError
from sync.server.schemas import NO_NUL, DeviceId, RequestBody, text

router = APIRouter(prefix="/sync", tags=["sync"])

AreaKey = Annotated[str, StringConstraints(pattern=r"^([0-9]{6}|\*)$")]
OpText = Annotated[str, StringConstraints(min_length=2, max_length=200_000, pattern=NO_NUL)]


class HelloIn(RequestBody):
    device_id: DeviceId
    protocol: StrictInt
    schema_: StrictInt = Field(alias="schema")
    app_version: text(1, 64)  # type: ignore[valid-type]


class SignedOpIn(RequestBody):
    op: OpText
    sig: text(1, 200)  # type: ignore[valid-type]
    relayed_by: DeviceId | None = None


class PushIn(RequestBody):
    ops: Annotated[list[SignedOpIn], Field(max_length=pushing.MAX_OPS)]


class PullIn(RequestBody):
    checkpoints: Annotated[dict[AreaKey, Annotated[StrictInt, Field(ge=0)]],
                           Field(max_length=10_000)]
    limit: Annotated[StrictInt, Field(ge=1, le=pulling.MAX_LIMIT)]


@router.post("/hello")
def hello(body: HelloIn, actor: ActorDep, db: DbDep, request: Request) -> dict[str, Any]:
    """The server's epoch, time, protocol range, the caller's areas and the largest
    request body it takes (a client sizes its push batches by it)."""
    if body.device_id != actor.device_id:
        raise ApiError(403, "scope.device_mismatch", "device_id")
    return {**pulling.hello(db, actor),
            "max_body_bytes": request.app.state.settings.max_body_bytes}


@router.post("/push")
def push(body: PushIn, actor: ActorDep, db: DbDep) -> dict[str, Any]:
    """One result per op, in order (see PROTOCOL.md "POST /sync/push")."""
    results = pushing.push(db, actor, [op.model_dump() for op in body.ops])
    return {"results": results,
            "new_device_id_required": pushing.device_copied(db, actor.device_id)}


@router.post("/pull")
def pull(body: PullIn, actor: ActorDep, db: DbDep) -> dict[str, Any]:
    """Rows changed since the checkpoints, a page at a time."""
    return pulling.pull(db, actor, dict(body.checkpoints), body.limit)
