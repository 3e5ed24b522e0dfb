"""Reading and writing record rows of the local replica (inside a caller's transaction)."""

from __future__ import annotations

from typing import Iterable, Mapping

from sqlalchemy import Connection, delete, insert, select, update

from desktop.store.schema import RECORDS, outbox, settings
from sync.records.ops import Op, OpKind, SignedOp
from sync.records.record import Record, tombstone_fields
from sync.records.registry import record_type
from sync.records.tables import row_record, row_values
from sync.records.validation import apply_change


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


def overlay(record: Record, pending: list[Op]) -> Record:
    """``record`` (the server's copy) as the user sees it: pending ops laid over it."""
    rtype = record_type(record.type)
    fields, deleted = dict(record.fields), record.deleted
    for op in pending:
        if op.kind == OpKind.DELETE:
            fields, deleted = tombstone_fields(record.type, fields), True
        elif op.kind == OpKind.UPSERT:
            fields = apply_change(rtype, fields, op.fields)
    extra = {**record.extra, **{k: v for op in pending for k, v in op.fields.items()
                                if rtype.field(k) is None}}
    return Record(record.type, record.id, record.tambon, fields, extra, record.version,
                  record.seq, deleted, record.conflict, record.updated_by, record.device_id,
                  record.hlc)


def read_setting(connection: Connection, key: str, default: object = None) -> object:
    row = connection.execute(select(settings.c.value).where(settings.c.key == key)).first()
    return default if row is None else row.value


def write_setting(connection: Connection, key: str, value: object) -> None:
    connection.execute(delete(settings).where(settings.c.key == key))
    connection.execute(insert(settings).values(key=key, value=value))


def write_settings(connection: Connection, values: Mapping[str, object]) -> None:
    for key, value in values.items():
        write_setting(connection, key, value)
