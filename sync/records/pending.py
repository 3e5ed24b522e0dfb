"""What a replica shows: the server's copy of a row with its pending ops laid over it.

Every replica computes it the same way, so a pulled row never hides a local edit and
a refused edit disappears from view as soon as its op leaves the outbox.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from sync.records.ops import Op, OpKind
from sync.records.record import Record, tombstone_fields
from sync.records.registry import record_type
from sync.records.validation import apply_change
from sync.records.workflow import WORKFLOWS


def overlay(server: Record | None, pending: Iterable[Op]) -> Record | None:
    """``server`` (``None``: the server has no copy yet) with ``pending`` applied in order;
    ``None`` when there is neither a server copy nor a pending op."""
    row = server
    for op in pending:
        if row is None:
            row = Record(op.type, op.id, op.tambon)
        row = _apply(row, op)
    return row


def _apply(row: Record, op: Op) -> Record:
    rtype = record_type(row.type)
    if op.kind == OpKind.DELETE:
        return replace(row, deleted=True, fields=tombstone_fields(row.type, row.fields),
                       extra={}, hlc=op.hlc)
    if op.kind == OpKind.COMMAND:
        workflow = WORKFLOWS.get(row.type)
        transition = workflow.transition(op.command.name) if workflow and op.command else None
        if transition is None:
            return row
        return replace(row, fields={**row.fields, "status": transition.target}, hlc=op.hlc)
    known = {k: v for k, v in op.fields.items() if rtype.field(k) is not None}
    unknown = {k: v for k, v in op.fields.items() if rtype.field(k) is None}
    return replace(row, fields=apply_change(rtype, row.fields, known),
                   extra={**row.extra, **unknown}, hlc=op.hlc,
                   updated_by=op.author, device_id=op.device_id)
