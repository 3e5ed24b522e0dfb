"""Open conflicts of the replica's areas, and their resolution as an ordinary op.

Conflict records reach coordinators, supervisors and administrators on pull.  A
resolution chooses one competing value (or edits one) and saves it on the target
row with ``resolves: [conflict id]``; the server marks the conflict resolved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy import select

from desktop.services.models import RecordView, SaveResult
from desktop.services.workspace import ServiceError, Workspace
from desktop.store.schema import RECORDS, household_index, outbox
from sync.records.errors import Issue
from sync.records.registry import record_type
from sync.records.tables import row_record

CONFLICT = RECORDS["conflict"]


@dataclass(frozen=True)
class Proposal:
    fields: dict[str, Any]
    author: str
    device_id: str
    at: str
    author_name: str = ""  # as the server knew the author when the proposal came


@dataclass(frozen=True)
class ConflictView:
    id: str
    target_type: str
    target_id: str
    group: str
    reason: str
    tambon: str | None
    household_id: str | None
    current: dict[str, Any]
    proposals: tuple[Proposal, ...]
    base: dict[str, Any] | None = None  # the values both edits started from, if known


def _view(record) -> ConflictView:
    fields = record.fields
    proposals = tuple(Proposal(dict(p.get("fields") or {}), str(p.get("author", "")),
                               str(p.get("device_id", "")), str(p.get("at", "")),
                               str(p.get("author_name") or ""))
                      for p in fields.get("proposals") or [])
    return ConflictView(record.id, fields["target_type"], fields["target_id"],
                        fields["group"], str(fields.get("reason") or ""), record.tambon,
                        fields.get("household_id"), dict(fields.get("current") or {}),
                        proposals, dict(fields["base"]) if isinstance(fields.get("base"), dict)
                        else None)


def group_named(rtype, name: str):
    """The record type's field group ``name``; None for a command's group (``move``,
    ``*``) that is no field group of the type."""
    return next((g for g in rtype.groups if g.name == name), None)


def open_conflicts(workspace: Workspace, *, tambon: str | None = None) -> list[ConflictView]:
    """Open conflicts, oldest first (of one tambon when given)."""
    query = select(CONFLICT).where(CONFLICT.c.status == "open", CONFLICT.c.deleted.is_(False))
    if tambon:
        query = query.where(CONFLICT.c.tambon == tambon)
    with workspace.database.reader.connect() as connection:
        rows = connection.execute(query.order_by(CONFLICT.c.opened_at, CONFLICT.c.id))
        return [_view(row_record("conflict", row)) for row in rows]


def resolve_conflict(workspace: Workspace, conflict_id: str,
                     values: Mapping[str, Any]) -> SaveResult:
    """Save ``values`` (a chosen or edited proposal) on the conflict's row, settling it."""
    conflict = workspace.replica.get("conflict", conflict_id)
    if conflict is None or conflict.fields.get("status") != "open":
        raise ServiceError("conflict.not_found", "conflict_id")
    view = _view(conflict)
    rtype = record_type(view.target_type)
    if view.group != "*":
        allowed = {f.name for f in rtype.group(view.group).fields}
        stray = sorted(set(values) - allowed)
        if stray:
            raise ServiceError.from_issue(Issue("field.unknown", stray[0], {"field": stray[0]}))
    result = workspace.replica.save(view.target_type, conflict.tambon, values,
                                    record_id=view.target_id, resolves=(conflict_id,))
    return SaveResult(RecordView.of(result.record), result.warnings)


@dataclass(frozen=True)
class ConflictRow:
    """An open conflict as a list shows it: with its household's head and house."""

    conflict: ConflictView
    head_name: str
    house_no: str | None
    moo: int | None
    resolved_here: bool = False  # resolved on this laptop; the server learns at next sync


def conflict_rows(workspace: Workspace) -> list[ConflictRow]:
    """Open conflicts, oldest first, each with what the household list shows of it."""
    found = open_conflicts(workspace)
    ids = {c.household_id for c in found if c.household_id}
    with workspace.database.reader.connect() as connection:
        rows = connection.execute(select(
            household_index.c.household_id, household_index.c.head_name,
            household_index.c.house_no, household_index.c.moo)
            .where(household_index.c.household_id.in_(ids))).all() if ids else []
        here = resolved_here(connection)
    shown = {r.household_id: r for r in rows}
    return [ConflictRow(c, getattr(shown.get(c.household_id), "head_name", "") or "",
                        getattr(shown.get(c.household_id), "house_no", None),
                        getattr(shown.get(c.household_id), "moo", None), c.id in here)
            for c in found]


def resolved_here(connection) -> set[str]:
    """Conflicts a pending op of this laptop resolves (the outbox is small)."""
    ids: set[str] = set()
    for (text,) in connection.execute(select(outbox.c.op)):
        if '"resolves":[]' not in text:
            ids.update(json.loads(text).get("resolves") or ())
    return ids
