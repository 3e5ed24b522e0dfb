"""Conflicts are records: one open per (row, field group), holding every proposal.

Coordinators and supervisors of the row's tambon receive them on pull and settle
them with an ordinary op carrying ``resolves``.  The row's ``conflict`` flag is set
while any of its conflicts is open.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, select
from sqlmodel import Session

from sync.records.ids import op_derived_id
from sync.records.ops import Op
from sync.records.record import Record
from sync.records.registry import record_type
from sync.server.models import RECORD_TABLES, RowHistory
from sync.server.versions import read_row, write_version

CONFLICT = RECORD_TABLES["conflict"]


def now_text(ms: int | None = None) -> str:
    """UTC time text with milliseconds: now, or the server time ``ms`` an op was
    received at (what the server writes because of an op carries that time, so a
    replay after a restore writes the very same values)."""
    moment = datetime.now(UTC) if ms is None else datetime.fromtimestamp(ms / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def proposal(op: Op, fields: dict[str, Any], hlc: str, at: str, *,
             author_name: str = "") -> dict[str, Any]:
    """One competing value, with who offered it (id and name as the server knew them
    then), from which device and when."""
    return {"fields": fields, "author": op.author, "author_name": author_name,
            "device_id": op.device_id, "hlc": hlc, "op_id": op.op_id, "at": at}


def open_conflict_id(session: Session, target_type: str, target_id: str,
                     group: str) -> str | None:
    row = session.execute(select(CONFLICT.c.id).where(and_(
        CONFLICT.c.target_type == target_type, CONFLICT.c.target_id == target_id,
        CONFLICT.c.group == group, CONFLICT.c.status == "open"))).first()
    return None if row is None else row.id


def values_at(session: Session, target: Record, version: int) -> dict[str, Any] | None:
    """The row's fields as they stood at ``version`` (its history folded up to it);
    None when the history does not reach that version."""
    rows = session.execute(select(RowHistory.version, RowHistory.changed).where(
        RowHistory.record_type == target.type, RowHistory.record_id == target.id,
        RowHistory.version <= version).order_by(RowHistory.version)).all()
    if not rows or rows[-1].version != version:
        return None
    fields: dict[str, Any] = {}
    for row in rows:
        fields.update(row.changed or {})
    return {k: v for k, v in fields.items() if v is not None}


def _base(session: Session, target: Record, group: str,
          base_version: int) -> dict[str, Any] | None:
    """The group's values at ``base_version`` (0: before the row existed); None for a
    command's group or when the history does not reach that version."""
    rtype = record_type(target.type)
    groups = {g.name: g for g in rtype.groups}
    if group != "*" and group not in groups:  # a command's group: move, workflow
        return None
    names = ([f.name for f in rtype.fields()] if group == "*" else
             [f.name for f in groups[group].fields])
    at = values_at(session, target, base_version) if base_version else {}
    return None if at is None else {name: at.get(name) for name in names}


def add_proposal(session: Session, target: Record, group: str, offered: dict[str, Any],
                 *, reason: str, current: dict[str, Any], base_version: int | None) -> Record:
    """Join the open conflict of (row, group), or open one; returns the conflict.  A
    new conflict keeps ``base``: the group's values at the version the op started
    from, when the history has it."""
    existing_id = open_conflict_id(session, target.type, target.id, group)
    before = read_row(session, "conflict", existing_id, lock=True) if existing_id else None
    if before is not None:
        fields = {**before.fields,
                  "proposals": list(before.fields.get("proposals") or []) + [offered]}
    else:
        fields = {"target_type": target.type, "target_id": target.id, "group": group,
                  "reason": reason, "current": current, "proposals": [offered],
                  "status": "open", "opened_at": offered["at"]}
        if base_version is not None:
            fields["base_version"] = base_version
            base = _base(session, target, group, base_version)
            if base is not None:
                fields["base"] = base
        household = target.fields.get("household_id") if target.type != "household" \
            else target.id
        if isinstance(household, str):
            fields["household_id"] = household
    record = before or Record("conflict", op_derived_id(
        offered["op_id"], "conflict", target.type, target.id, group), target.tambon, {})
    return write_version(session, replace(record, fields=fields), before,
                         author=offered["author"], device_id=offered["device_id"],
                         op_id=offered["op_id"])


def resolve(session: Session, conflict_id: str, op: Op, at: str) -> Record | None:
    """Mark a conflict resolved by ``op``; ``None`` if it is not open (or unknown)."""
    before = read_row(session, "conflict", conflict_id, lock=True)
    if before is None or before.fields.get("status") != "open":
        return None
    fields = {**before.fields, "status": "resolved", "resolved_at": at,
              "resolved_by": op.author, "resolution_op": op.op_id}
    return write_version(session, replace(before, fields=fields), before, author=op.author,
                         device_id=op.device_id, op_id=op.op_id)


def has_open_conflict(session: Session, target_type: str, target_id: str) -> bool:
    return session.execute(select(CONFLICT.c.id).where(and_(
        CONFLICT.c.target_type == target_type, CONFLICT.c.target_id == target_id,
        CONFLICT.c.status == "open")).limit(1)).first() is not None
