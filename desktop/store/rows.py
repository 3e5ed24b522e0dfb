"""Reading and writing record rows of the local replica (inside a caller's transaction)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable, Mapping

from sqlalchemy import Connection, delete, insert, select, update

from desktop.store.schema import RECORDS, outbox, server_rows, settings
from sync.records.ops import Op, SignedOp
from sync.records.pending import overlay
from sync.records.record import Record
from sync.records.tables import row_record, row_values


def now_iso() -> str:
    """UTC now as "YYYY-MM-DDTHH:MM:SS.mmmZ": one format for every local timestamp."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def get_record(connection: Connection, type_name: str, record_id: str) -> Record | None:
    table = RECORDS[type_name]
    row = connection.execute(select(table).where(table.c.id == record_id)).first()
    return None if row is None else row_record(type_name, row)


def children(connection: Connection, type_name: str, link: str,
             parent_ids: Iterable[str]) -> list[Record]:
    """Live rows of ``type_name`` whose ``link`` field names one of ``parent_ids``."""
    table = RECORDS[type_name]
    ids = list(parent_ids)
    if not ids:
        return []
    rows = connection.execute(select(table).where(table.c[link].in_(ids),
                                                  table.c.deleted.is_(False)))
    return [row_record(type_name, row) for row in rows]


def put_record(connection: Connection, record: Record) -> None:
    """Insert or replace ``record``'s row."""
    table = RECORDS[record.type]
    values = row_values(record)
    exists = connection.execute(select(table.c.id).where(table.c.id == record.id)).first()
    if exists:
        connection.execute(update(table).where(table.c.id == record.id).values(values))
    else:
        connection.execute(insert(table).values(values))


def pending_for(connection: Connection, type_name: str, record_id: str) -> list[Op]:
    """The row's ops still waiting for a final result, oldest first."""
    rows = connection.execute(
        select(outbox.c.op, outbox.c.sig).where(outbox.c.record_type == type_name,
                                                outbox.c.record_id == record_id)
        .order_by(outbox.c.device_seq))
    return [SignedOp(row.op, row.sig).parse() for row in rows]


def _shadow(connection: Connection, type_name: str, record_id: str):
    return connection.execute(select(server_rows).where(
        server_rows.c.record_type == type_name, server_rows.c.record_id == record_id)).first()


def keep_server_copy(connection: Connection, current: Record | None, type_name: str,
                     record_id: str) -> None:
    """Before a row's first pending op: remember the server's copy — the row as it is,
    since a row without pending ops is its own server copy (``None``: a new row)."""
    if _shadow(connection, type_name, record_id) is None:
        connection.execute(insert(server_rows).values(
            record_type=type_name, record_id=record_id, seq=current.seq if current else 0,
            record=None if current is None else current.to_json()))


def take_server_record(connection: Connection, record: Record) -> bool:
    """A row from the server (pull, push result, bundle); kept only if newer than what
    we hold.  Returns whether it was newer."""
    shadow = _shadow(connection, record.type, record.id)
    if shadow is not None:
        if shadow.record is not None and record.seq <= shadow.seq:
            return False
        connection.execute(update(server_rows).where(
            server_rows.c.record_type == record.type, server_rows.c.record_id == record.id)
            .values(seq=record.seq, record=record.to_json()))
        rebuild(connection, record.type, record.id)
        return True
    current = get_record(connection, record.type, record.id)
    if current is not None and current.seq >= record.seq:
        return False
    put_record(connection, record)
    return True


def rebuild(connection: Connection, type_name: str, record_id: str) -> Record | None:
    """Make the visible row again from the server's copy and the pending ops."""
    shadow = _shadow(connection, type_name, record_id)
    if shadow is None:
        return get_record(connection, type_name, record_id)
    base = None if shadow.record is None else Record.from_json(shadow.record)
    pending = pending_for(connection, type_name, record_id)
    visible = overlay(base, pending)
    if not pending:
        connection.execute(delete(server_rows).where(
            server_rows.c.record_type == type_name, server_rows.c.record_id == record_id))
    if visible is None:
        table = RECORDS[type_name]
        connection.execute(delete(table).where(table.c.id == record_id))
    else:
        put_record(connection, visible)
    return visible


def read_setting(connection: Connection, key: str, default: object = None) -> object:
    row = connection.execute(select(settings.c.value).where(settings.c.key == key)).first()
    return default if row is None else row.value


def write_setting(connection: Connection, key: str, value: object) -> None:
    connection.execute(delete(settings).where(settings.c.key == key))
    connection.execute(insert(settings).values(key=key, value=value))


def write_settings(connection: Connection, values: Mapping[str, object]) -> None:
    for key, value in values.items():
        write_setting(connection, key, value)
