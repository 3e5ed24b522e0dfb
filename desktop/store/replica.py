"""The laptop's replica: records, their signed ops, and what the sync engine needs.

Every change is one writer transaction: an explicit save validates the change,
writes the row, signs the op and queues it, and refreshes the household index —
all or nothing.  Autosaved drafts go to the ``drafts`` table and never make an op.
The rows hold what the user sees: the server's copy with pending ops laid over it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Mapping, Sequence

from sqlalchemy import Connection, delete, insert, select

from desktop.store.engine import Database
from desktop.store.errors import StoreError
from desktop.store.household_index import household_of, refresh_households
from desktop.store.identity import DeviceIdentity, load_clock, load_identity, next_device_seq, tick
from desktop.store.rows import get_record, put_record, read_setting, write_setting
from desktop.store.schema import drafts, outbox
from desktop.store.sync_side import SyncSide
from sync.records.ids import natural_id, new_id
from sync.records.ops import Base, Command, Op, OpKind, sign_op
from sync.records.record import Record, check_envelope, tombstone_fields
from sync.records.registry import record_type
from sync.records.validation import validate_change
from sync.records.workflow import WORKFLOWS


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass(frozen=True)
class Saved:
    record: Record  # the row as the user now sees it
    op: Op
    warnings: tuple = ()


class LocalReplica(SyncSide):
    """One profile's replica.  Thread-safe through the single writer connection."""

    def __init__(self, database: Database, *, device_id: str, demo: bool = False) -> None:
        self.database = database
        self.demo = demo
        with database.writer.begin() as connection:
            self.identity: DeviceIdentity = load_identity(connection, device_id)
            self.clock = load_clock(connection, device_id)

    @property
    def device_id(self) -> str:
        return self.identity.device_id

    @property
    def author(self) -> str:
        with self.database.reader.connect() as connection:
            return str(read_setting(connection, "user_id", f"device:{self.device_id}"))

    # -- reads ----------------------------------------------------------------------
    def get(self, type_name: str, record_id: str) -> Record | None:
        with self.database.reader.connect() as connection:
            return get_record(connection, type_name, record_id)

    # -- explicit changes -----------------------------------------------------------
    def save(self, type_name: str, tambon: str | None, fields: Mapping[str, Any], *,
             record_id: str | None = None, state: str | None = None,
             resolves: Sequence[str] = (), draft_id: str | None = None) -> Saved:
        """Validate and save a change; write its signed op in the same transaction."""
        rtype = record_type(type_name)
        with self.database.writer.begin() as connection:
            current = get_record(connection, type_name, record_id) if record_id else None
            if rtype.natural_key:
                record_id = self._natural_id(rtype, tambon, current, fields, record_id)
                current = get_record(connection, type_name, record_id)
            record_id = record_id or new_id()
            tambon = current.tambon if current is not None else tambon
            self._check_envelope(type_name, record_id, tambon)
            if current is not None and current.deleted:
                raise StoreError("record.deleted", "id")
            checked = validate_change(rtype, None if current is None else current.fields,
                                      fields, state=state)
            if not checked.ok:
                raise StoreError.from_issue(checked.errors[0])
            op = self._queue(connection, OpKind.UPSERT, type_name, record_id, tambon, current,
                             {**checked.fields, **checked.extra}, resolves=tuple(resolves))
            record = Record(type_name, record_id, tambon, checked.merged,
                            {**(current.extra if current else {}), **checked.extra},
                            *(_sync_columns(current)), updated_by=op.author,
                            device_id=self.device_id, hlc=op.hlc)
            put_record(connection, record)
            if draft_id:
                connection.execute(delete(drafts).where(drafts.c.draft_id == draft_id))
            refresh_households(connection, [household_of(record)])
        return Saved(record, op, tuple(checked.warnings))

    def delete(self, type_name: str, record_id: str) -> Op:
        with self.database.writer.begin() as connection:
            current = get_record(connection, type_name, record_id)
            if current is None or current.deleted:
                raise StoreError("record.not_found", "id")
            op = self._queue(connection, OpKind.DELETE, type_name, record_id, current.tambon,
                             current, {})
            put_record(connection, replace(current, deleted=True, hlc=op.hlc,
                                           fields=tombstone_fields(type_name, current.fields)))
            refresh_households(connection, [household_of(current)])
        return op

    def command(self, type_name: str, record_id: str, command: Command, *, role: str) -> Op:
        """A workflow command, checked against the workflow and the user's role."""
        workflow = WORKFLOWS.get(type_name)
        with self.database.writer.begin() as connection:
            current = get_record(connection, type_name, record_id)
            if current is None or current.deleted:
                raise StoreError("record.not_found", "id")
            if workflow is None:
                raise StoreError("workflow.unknown_command", "command", command=command.name)
            state = current.fields.get("status") or workflow.initial
            issues = workflow.check(state, command.name, role, command.comment)
            if issues:
                raise StoreError.from_issue(issues[0])
            op = self._queue(connection, OpKind.COMMAND, type_name, record_id, current.tambon,
                             current, {}, command=command)
            target = workflow.transition(command.name).target  # type: ignore[union-attr]
            fields = {**current.fields, "status": target}
            put_record(connection, replace(current, fields=fields, hlc=op.hlc))
            refresh_households(connection, [household_of(current)])
        return op

    def _natural_id(self, rtype, tambon, current, fields, record_id) -> str:
        merged = {**(current.fields if current else {}), **fields}
        key_id = natural_id(rtype, current.tambon if current else tambon, merged)
        if record_id not in (None, key_id):
            raise StoreError("record.natural_key", "id")
        return key_id

    @staticmethod
    def _check_envelope(type_name: str, record_id: str, tambon: str | None) -> None:
        from sync.records.errors import ContractError
        try:
            check_envelope(type_name, record_id, tambon)
        except ContractError as exc:
            raise StoreError.from_issue(exc.issue) from exc

    def _queue(self, connection: Connection, kind: OpKind, type_name: str, record_id: str,
               tambon: str | None, current: Record | None, fields: dict[str, Any], *,
               resolves: tuple[str, ...] = (), command: Command | None = None) -> Op:
        epoch = read_setting(connection, "server_epoch")
        base = (Base(str(epoch), current.version)
                if current is not None and current.version > 0 and epoch else None)
        op = Op(op_id=new_id(), device_id=self.device_id,
                device_seq=next_device_seq(connection), type=type_name, id=record_id,
                tambon=tambon, kind=kind, base=base, fields=fields,
                hlc=tick(connection, self.clock),
                author=str(read_setting(connection, "user_id", f"device:{self.device_id}")),
                resolves=resolves, command=command)
        signed = sign_op(op, self.identity.signing_key)
        connection.execute(insert(outbox).values(
            device_seq=op.device_seq, op_id=op.op_id, record_type=type_name,
            record_id=record_id, tambon=tambon, kind=str(kind), op=signed.op,
            sig=signed.sig, created_at=now_iso()))
        return op

    # -- drafts (autosave: never an op) ---------------------------------------------
    def autosave(self, draft_id: str, type_name: str, fields: Mapping[str, Any], *,
                 record_id: str | None = None, tambon: str | None = None) -> None:
        with self.database.writer.begin() as connection:
            connection.execute(delete(drafts).where(drafts.c.draft_id == draft_id))
            connection.execute(insert(drafts).values(
                draft_id=draft_id, record_type=type_name, record_id=record_id,
                tambon=tambon, fields=dict(fields), origin="autosave",
                updated_at=now_iso()))

    def drafts(self) -> list[dict[str, Any]]:
        with self.database.reader.connect() as connection:
            rows = connection.execute(select(drafts).order_by(drafts.c.updated_at))
            return [dict(row._mapping) for row in rows]

    def discard_draft(self, draft_id: str) -> None:
        with self.database.writer.begin() as connection:
            connection.execute(delete(drafts).where(drafts.c.draft_id == draft_id))

    def set_user(self, user_id: str) -> None:
        with self.database.writer.begin() as connection:
            write_setting(connection, "user_id", user_id)


def _sync_columns(current: Record | None) -> tuple[int, int, bool, bool]:
    if current is None:
        return 0, 0, False, False
    return current.version, current.seq, False, current.conflict
