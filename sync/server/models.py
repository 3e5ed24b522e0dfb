"""The server's tables: accounts, devices, the change counter, history, blobs, meta.

All of them live on :data:`ServerModel.metadata` (a registry of the server's own, so
no other replica's SQLModel tables mix in), together with one typed table per record
type built by :func:`sync.records.tables.record_tables` — the store of record.

- ``server_meta`` — one row: the epoch (renewed by a restore) and the server's
  Ed25519 key, which signs final push results.
- ``users``, ``user_areas``, ``devices``, ``login_throttle`` — accounts, their area
  assignments (2-, 4- or 6-digit codes as given), devices with their public keys,
  hashed token and flags (a copied profile; a clock running ahead), failed-login
  counts per username.
- ``sync_counter`` — one row; every accepted change takes ``seq = seq + 1`` from it
  first, inside its transaction, so ``seq`` is commit order.
- ``row_history`` — every accepted version of every row: changed fields, author,
  device, relay, time.
- ``applied_ops`` — final push results by ``op_id`` (no row body), for idempotency.
- ``moved_out`` — rows that left a tambon through a move: pull serves them to that
  tambon's replicas as moved-out markers.
- ``blobs`` — attachment bytes by sha256 (files under the data folder) and the upload
  offset reached.
- Conflicts are records (type ``conflict``): their rows live in the ``conflict``
  record table, indexed here by the row and field group they concern.

Times are aware UTC ``datetime`` values (:func:`utcnow`), stored as ``timestamp with
time zone`` on PostgreSQL and read back as UTC from SQLite.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    Table,
)
from sqlalchemy.orm import registry
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from sync.records.tables import record_tables

ID = 36  # a canonical UUID's length
AUTO_ID = BigInteger().with_variant(Integer(), "sqlite")  # SQLite: a rowid alias
SHA256_HEX = 64


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, UTC datetimes out (SQLite keeps no offset: it stores UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("the server stores aware datetimes only (use utcnow())")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


def utc_time_field(*, optional: bool = False) -> Any:
    return Field(default=None, sa_type=UtcDateTime) if optional else Field(sa_type=UtcDateTime)


class ServerModel(SQLModel, registry=registry()):
    """Base of the server's tables (its own metadata)."""


class ServerMeta(ServerModel, table=True):
    __tablename__ = "server_meta"
    __table_args__ = (CheckConstraint("id = 1", name="ck_server_meta_one_row"),)

    id: int = Field(default=1, primary_key=True)
    epoch: str = Field(max_length=ID)
    epoch_started_at: datetime = utc_time_field()
    signing_key: str = Field(max_length=64)  # URL-safe base64 of the raw private key
    created_at: datetime = utc_time_field()


class User(ServerModel, table=True):
    __tablename__ = "users"

    id: str = Field(primary_key=True, max_length=ID)
    username: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    password_hash: str = Field(max_length=200)
    active: bool = True
    created_at: datetime = utc_time_field()
    updated_at: datetime = utc_time_field()


class UserArea(ServerModel, table=True):
    __tablename__ = "user_areas"

    user_id: str = Field(foreign_key="users.id", primary_key=True, max_length=ID,
                         ondelete="CASCADE")
    code: str = Field(primary_key=True, max_length=6)


class Device(ServerModel, table=True):
    __tablename__ = "devices"

    id: str = Field(primary_key=True, max_length=ID)  # the device_id the device made
    user_id: str = Field(foreign_key="users.id", index=True, max_length=ID)
    name: str = Field(max_length=200)
    ed25519_key: str = Field(max_length=64)
    x25519_key: str = Field(max_length=64)
    token_hash: str | None = Field(default=None, max_length=SHA256_HEX, unique=True)
    created_at: datetime = utc_time_field()
    last_login_at: datetime = utc_time_field()
    revoked_at: datetime | None = utc_time_field(optional=True)
    revoked_by: str | None = Field(default=None, max_length=ID)
    # A copied profile: an op arrived with a (device_id, device_seq) the server already
    # held another op for (when, by the server time it was received at).  From then on
    # hello tells the device to take a new device id.
    copied_at: datetime | None = utc_time_field(optional=True)
    # Ops whose hlc ran more than 5 minutes ahead of the server's clock (clamped): how
    # many, when the last one was received and how far ahead it was.
    clock_clamped_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    clock_clamped_at: datetime | None = utc_time_field(optional=True)
    clock_ahead_ms: int | None = Field(default=None, sa_type=BigInteger)


class LoginThrottle(ServerModel, table=True):
    __tablename__ = "login_throttle"

    username: str = Field(primary_key=True, max_length=256)
    failures: int = 0
    first_failure_at: datetime = utc_time_field()
    locked_until: datetime | None = utc_time_field(optional=True)


class SyncCounter(ServerModel, table=True):
    __tablename__ = "sync_counter"
    __table_args__ = (CheckConstraint("id = 1", name="ck_sync_counter_one_row"),)

    id: int = Field(default=1, primary_key=True)
    seq: int = Field(default=0, sa_type=BigInteger)


class RowHistory(ServerModel, table=True):
    __tablename__ = "row_history"
    __table_args__ = (
        Index("ix_row_history_record", "record_type", "record_id", "version", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=AUTO_ID)
    record_type: str = Field(max_length=40)
    record_id: str = Field(max_length=ID)
    tambon: str | None = Field(default=None, max_length=6)
    version: int
    seq: int = Field(sa_type=BigInteger, index=True)
    changed: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    deleted: bool = False
    author: str = Field(max_length=ID)
    device_id: str = Field(max_length=ID)
    relayed_by: str | None = Field(default=None, max_length=ID)
    op_id: str | None = Field(default=None, max_length=ID)
    hlc: str | None = Field(default=None, max_length=64)
    recorded_at: datetime = utc_time_field()


class AppliedOp(ServerModel, table=True):
    __tablename__ = "applied_ops"
    __table_args__ = (Index("ix_applied_ops_device", "device_id", "device_seq"),)

    op_id: str = Field(primary_key=True, max_length=ID)
    op_hash: str = Field(max_length=SHA256_HEX)
    device_id: str = Field(max_length=ID)
    device_seq: int = Field(sa_type=BigInteger)
    record_type: str = Field(max_length=40)
    record_id: str = Field(max_length=ID)
    status: str = Field(max_length=20)  # applied, merged, conflict, quarantined, rejected
    version: int | None = None
    seq: int | None = Field(default=None, sa_type=BigInteger)
    error: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    conflict_fields: list[str] | None = Field(default=None, sa_column=Column(JSON))
    ack_sig: str | None = Field(default=None, max_length=128)
    applied_at: datetime = utc_time_field()


class MovedOut(ServerModel, table=True):
    """A row that left a tambon through a move: pull serves it to that tambon's
    replicas as a moved-out marker (``sync.records.ops.moved_out_marker``), by
    ``old_tambon`` and ``seq`` like any row.  No personal data: type, id, the two
    tambons, the marker's own ``seq`` and the row's version after the move.  One per
    (row, tambon left); a later move out of the same tambon takes a new ``seq``, and a
    move back into it removes the marker (the row itself is in that feed again)."""

    __tablename__ = "moved_out"
    __table_args__ = (Index("ix_moved_out_old_tambon_seq", "old_tambon", "seq"),)

    record_type: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=ID)
    old_tambon: str = Field(primary_key=True, max_length=6)
    new_tambon: str = Field(max_length=6)
    seq: int = Field(sa_type=BigInteger)
    version: int
    op_id: str | None = Field(default=None, max_length=ID)
    moved_at: datetime = utc_time_field()


class Blob(ServerModel, table=True):
    __tablename__ = "blobs"

    sha256: str = Field(primary_key=True, max_length=SHA256_HEX)
    size: int | None = Field(default=None, sa_type=BigInteger)
    received: int = Field(default=0, sa_type=BigInteger)  # the upload offset
    complete: bool = False
    created_at: datetime = utc_time_field()
    completed_at: datetime | None = utc_time_field(optional=True)


RECORD_TABLES: dict[str, Table] = record_tables(ServerModel.metadata)
_conflict = RECORD_TABLES["conflict"]
Index("ix_conflict_target", _conflict.c.target_type, _conflict.c.target_id, _conflict.c.group)

SERVER_TABLES: tuple[str, ...] = tuple(
    name for name in ServerModel.metadata.tables if name not in RECORD_TABLES
)
