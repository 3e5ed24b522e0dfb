"""Writing versions of rows on the server: every written row takes its own ``seq``.

Used by push for the target row, its conflict records and review events.  Each call
takes the next value of the change counter (the counter row stays locked until the
transaction commits, so ``seq`` is commit order), bumps the row's version, writes
the typed row and a ``row_history`` entry.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlmodel import Session

from sync.records.ids import new_id
from sync.records.record import Record
from sync.server.models import RECORD_TABLES, RowHistory, utcnow
from sync.server.storage import changed_values, next_seq, stored_row
from sync.records.tables import row_record, row_values


def read_row(session: Session, type_name: str, record_id: str, *,
             lock: bool = False) -> Record | None:
    row = stored_row(session, type_name, record_id, lock=lock)
    return None if row is None else row_record(type_name, row)


def write_version(session: Session, record: Record, before: Record | None, *,
                  author: str, device_id: str, op_id: str | None,
                  relayed_by: str | None = None) -> Record:
    """Store ``record`` as the row's next version; returns the stored record."""
    seq = next_seq(session)
    stored = replace(record, version=(before.version if before else 0) + 1, seq=seq,
                     updated_by=author, device_id=device_id)
    table = RECORD_TABLES[stored.type]
    values = row_values(stored)
    if before is None:
        session.execute(table.insert().values(values))
    else:
        session.execute(table.update().where(table.c.id == stored.id).values(values))
    previous = {**before.fields, **before.extra} if before else None
    session.add(RowHistory(
        record_type=stored.type, record_id=stored.id, tambon=stored.tambon,
        version=stored.version, seq=seq,
        changed=changed_values(previous, {**stored.fields, **stored.extra}),
        deleted=stored.deleted, author=author, device_id=device_id, relayed_by=relayed_by,
        op_id=op_id, hlc=stored.hlc, recorded_at=utcnow()))
    return stored


def server_record(type_name: str, tambon: str | None, fields: dict[str, Any], *,
                  hlc: str | None = None, record_id: str | None = None) -> Record:
    """A new record the server itself writes (review events)."""
    return Record(type_name, record_id or new_id(), tambon, fields, hlc=hlc)
