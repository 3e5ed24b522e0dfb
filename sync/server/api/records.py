"""Record routes: ``GET /records/{type}/{id}/history`` (scoped like pull)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from sync.server import history as histories
from sync.server.api.deps import ActorDep, DbDep

router = APIRouter(prefix="/records", tags=["records"])


class VersionOut(BaseModel):
    version: int
    seq: int
    deleted: bool
    changed: dict[str, Any] = Field(
        description="the fields this version changed, with their values at this version")
    withheld: list[str] = Field(
        description="fields this version changed whose values are not shown: the row "
                    "was deleted later, and a tombstone keeps no personal data")
    author: str = Field(description="user id")
    author_name: str | None
    device_id: str
    relayed_by: str | None = Field(description="the device that relayed the op, if any")
    op_id: str | None
    hlc: str | None
    at: datetime = Field(description="when the server accepted the version")


class HistoryOut(BaseModel):
    type: str
    id: str
    tambon: str | None
    version: int = Field(description="the row's current version")
    deleted: bool
    versions: list[VersionOut] = Field(description="oldest first")
    more: bool = Field(description="true: ask again with after_version = the last version")


@router.get("/{type}/{id}/history", response_model=HistoryOut)
def record_history(
    type_name: Annotated[str, Path(alias="type")],
    record_id: Annotated[str, Path(alias="id")],
    actor: ActorDep, db: DbDep,
    after_version: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=histories.MAX_LIMIT)] = histories.MAX_LIMIT,
) -> dict[str, Any]:
    """Every accepted version of the row, oldest first, a page at a time: ``404
    record.not_found`` for a row the caller may not read, as for one that does not
    exist."""
    return histories.history(db, actor, type_name, record_id,
                             after_version=after_version, limit=limit)
