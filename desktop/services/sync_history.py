"""What the sync screen shows: every sync attempt and what it did, what waits to be
sent, and the edits the server sent back.

An attempt's ``counts`` are the summary ``SyncService.run`` stored: ops pushed and
their statuses (applied, merged, conflict, quarantined, rejected with the error of
each), rows pulled, requests and bytes.  The sync screen says them in the user's
language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from desktop.services.workspace import Workspace
from desktop.store.schema import blobs, drafts, outbox, sync_history
from sync.records.errors import Issue

@dataclass(frozen=True)
class SyncAttempt:
    id: int
    started_at: str
    finished_at: str | None
    channel: str  # "network" or "bundle"
    outcome: str  # "running", "ok", "failed", "interrupted"
    counts: dict[str, Any] = field(default_factory=dict)
    code: str | None = None  # the error code of a failed attempt


@dataclass(frozen=True)
class Pending:
    changes: int  # ops in the outbox
    photos: int  # attachment files not yet on the server
    photo_bytes: int


@dataclass(frozen=True)
class SentBack:
    """An edit the server rejected, kept as a draft with its error."""

    draft_id: str
    record_type: str
    record_id: str | None
    fields: dict[str, Any]
    error: Issue | None
    at: str


def attempts(workspace: Workspace, limit: int = 100) -> list[SyncAttempt]:
    """The latest attempts, newest first."""
    query = select(sync_history).order_by(sync_history.c.id.desc()).limit(limit)
    with workspace.database.reader.connect() as connection:
        return [SyncAttempt(r.id, r.started_at, r.finished_at, r.channel, r.outcome or "",
                            dict(r.counts or {}), r.message)
                for r in connection.execute(query)]


def pending(workspace: Workspace) -> Pending:
    with workspace.database.reader.connect() as connection:
        changes = connection.execute(select(func.count()).select_from(outbox)).scalar_one()
        photos, size = connection.execute(
            select(func.count(), func.coalesce(func.sum(blobs.c.size), 0))
            .where(blobs.c.state == "pending")).one()
    return Pending(int(changes), int(photos), int(size))


def sent_back(workspace: Workspace) -> list[SentBack]:
    """Edits the server rejected, newest first (they stay until corrected or dismissed)."""
    query = (select(drafts).where(drafts.c.origin == "rejected")
             .order_by(drafts.c.updated_at.desc()))
    with workspace.database.reader.connect() as connection:
        rows = connection.execute(query).all()
    return [SentBack(r.draft_id, r.record_type, r.record_id, dict(r.fields or {}),
                     Issue(r.error["code"], r.error.get("field"), r.error.get("params") or {})
                     if r.error else None, r.updated_at) for r in rows]
