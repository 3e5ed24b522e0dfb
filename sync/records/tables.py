"""Typed tables for the record types, for any replica's SQLAlchemy metadata.

The laptop's store and the server both keep one table per record type, built here
from the declarations so that a field is declared once.  Columns: the sync columns
(``id`` primary key, ``tambon``, ``version``, ``seq``, ``deleted``, ``conflict``,
``updated_by``, ``device_id``, ``hlc``, ``extra``) and one typed column per field.
No foreign keys (children may arrive before their parents).  Each replica adds its
own tables (outbox, history, …) to the same metadata.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeEngine

from sync.records.fields import Field, Kind, RecordType
from sync.records.record import SYNC_COLUMNS, Record
from sync.records.registry import RECORD_TYPES

_TYPES: dict[Kind, TypeEngine[Any] | type[TypeEngine[Any]]] = {
    Kind.TEXT: Text, Kind.INT: Integer, Kind.MONEY: BigInteger, Kind.DECIMAL: String(40),
    Kind.NUMBER: Float, Kind.BOOL: Boolean, Kind.DATE: String(10),
    Kind.PARTIAL_DATE: String(10), Kind.DATETIME: String(24), Kind.UUID: String(36),
    Kind.ENUM: String(40), Kind.ENUM_SET: JSON, Kind.UUID_LIST: JSON, Kind.MAP: JSON,
    Kind.ROWS: JSON, Kind.JSON: JSON,
}


def field_column(f: Field) -> Column[Any]:
    return Column(f.name, _TYPES[f.kind], nullable=True)


def sync_columns() -> list[Column[Any]]:
    return [
        Column("id", String(36), primary_key=True),
        Column("tambon", String(6), nullable=True),
        Column("version", Integer, nullable=False, default=0),
        Column("seq", BigInteger, nullable=False, default=0),
        Column("deleted", Boolean, nullable=False, default=False),
        Column("conflict", Boolean, nullable=False, default=False),
        Column("updated_by", String(100), nullable=True),
        Column("device_id", String(36), nullable=True),
        Column("hlc", String(64), nullable=True),
        Column("extra", JSON, nullable=True),
    ]


def record_table(metadata: MetaData, rtype: RecordType, *, prefix: str = "") -> Table:
    """The table of ``rtype`` on ``metadata`` (named ``prefix + rtype.name``)."""
    names = {f.name for f in rtype.fields()}
    clash = names & set(SYNC_COLUMNS)
    if clash:
        raise ValueError(f"{rtype.name}: fields named like sync columns: {sorted(clash)}")
    name = prefix + rtype.name
    table = Table(name, metadata, *sync_columns(), *(field_column(f) for f in rtype.fields()))
    Index(f"ix_{name}_tambon_seq", table.c.tambon, table.c.seq)
    for link in {rtype.parent_field, rtype.household_field} - {None, "id"}:
        Index(f"ix_{name}_{link}", table.c[link])
    return table


def record_tables(metadata: MetaData, *, prefix: str = "") -> dict[str, Table]:
    """Every record type's table on ``metadata``, by type name."""
    return {name: record_table(metadata, t, prefix=prefix) for name, t in RECORD_TYPES.items()}


def row_values(record: Record) -> dict[str, Any]:
    """The column values of ``record`` (known fields typed; the rest to ``extra``)."""
    rtype = RECORD_TYPES[record.type]
    values: dict[str, Any] = {f.name: None for f in rtype.fields()}
    extra = dict(record.extra)
    for name, value in record.fields.items():
        if name in values:
            values[name] = value
        else:
            extra[name] = value
    values.update(id=record.id, tambon=record.tambon, version=record.version,
                  seq=record.seq, deleted=record.deleted, conflict=record.conflict,
                  updated_by=record.updated_by, device_id=record.device_id,
                  hlc=record.hlc, extra=extra or None)
    return values


def row_record(type_name: str, row: Any) -> Record:
    """The :class:`Record` of a table row (a SQLAlchemy ``Row`` or a mapping)."""
    data = row._mapping if hasattr(row, "_mapping") else row
    rtype = RECORD_TYPES[type_name]
    fields = {f.name: data[f.name] for f in rtype.fields() if data[f.name] is not None}
    return Record(type_name, data["id"], data["tambon"], fields, dict(data["extra"] or {}),
                  data["version"], data["seq"], bool(data["deleted"]), bool(data["conflict"]),
                  data["updated_by"], data["device_id"], data["hlc"])
