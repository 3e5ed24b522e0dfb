"""The laptop's replica: records, their signed ops, and what the sync engine needs.

Every change is one writer transaction: an explicit save validates the change,
writes the row, signs the op and queues it, and refreshes the household index —
all or nothing.  Autosaved drafts go to the ``drafts`` table and never make an op.
The rows hold what the user sees: the server's copy with pending ops laid over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as dataclass_replace
from typing import Any, Mapping, Sequence

from sqlalchemy import Connection, delete, insert, select, update

from desktop.store.engine import Database
from desktop.store.errors import StoreError
from desktop.store.household_index import household_of, refresh_households
from desktop.store.identity import (
    DeviceIdentity,
    load_clock,
    load_identity,
    new_identity,
    next_device_seq,
    tick,
)
from desktop.store.files import register_blob
from desktop.store.rows import (
    children,
    get_record,
    keep_server_copy,
    now_iso,
    read_setting,
    rebuild,
    write_setting,
)
from desktop.store.schema import checkpoints, drafts, outbox, settings
from desktop.store.sync_side import SyncSide
from sync.records.hlc import Hlc
from sync.records.ids import natural_id, new_id
from sync.records.ops import Base, Command, Op, OpKind, SignedOp, sign_op
from sync.records.errors import ContractError, Issue
from sync.records.record import Record, check_envelope
from sync.records.registry import SUBTREE_TYPES, record_type
from sync.records.validation import validate_change, validate_fields
from sync.records.workflow import MOVE, WORKFLOWS, requires_complete


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
            self.clock = load_clock(connection, self.identity.device_id)

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
             resolves: Sequence[str] = (), draft_id: str | None = None,
             blob: Blob | None = None) -> Saved:
        """Validate and save a change; write its signed op in the same transaction
        (and, for an attachment, note its bytes as waiting for upload)."""
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
            if blob is not None:
                register_blob(connection, blob.sha256, blob.size, blob.mime_type, now_iso())
            if draft_id:
                connection.execute(delete(drafts).where(drafts.c.draft_id == draft_id))
            record = rebuild(connection, type_name, record_id)
            refresh_households(connection, [household_of(record)])  # type: ignore[arg-type]
        return Saved(record, op, tuple(checked.warnings))  # type: ignore[arg-type]

    def delete(self, type_name: str, record_id: str) -> list[Op]:
        """Delete a row — a household with its whole subtree, one op per row."""
        with self.database.writer.begin() as connection:
            current = get_record(connection, type_name, record_id)
            if current is None or current.deleted:
                raise StoreError("record.not_found", "id")
            rows = [current] + (subtree_rows(connection, record_id)
                                if type_name == "household" else [])
            ops = [self._queue(connection, OpKind.DELETE, row.type, row.id, row.tambon, row, {})
                   for row in rows]
            for row in rows:
                rebuild(connection, row.type, row.id)
            refresh_households(connection, [household_of(current)])
        return ops

    def command(self, type_name: str, record_id: str, name: str, *, role: str,
                comment: str | None = None) -> Op:
        """A workflow command, checked against the workflow, the user's role and — when
        it leaves the draft stage — the completeness of the whole household; it names
        the versions of every row of the household as read in this transaction."""
        workflow = WORKFLOWS.get(type_name)
        with self.database.writer.begin() as connection:
            current = get_record(connection, type_name, record_id)
            if current is None or current.deleted:
                raise StoreError("record.not_found", "id")
            if workflow is None:
                raise StoreError("workflow.unknown_command", "command", command=name)
            state = current.fields.get("status") or workflow.initial
            issues = workflow.check(state, name, role, comment)
            if issues:
                raise StoreError.from_issue(issues[0])
            household_id = current.fields.get("household_id")
            rows = subtree_of(connection, household_id) if household_id else [current]
            check_complete(rows, state, workflow.transition(name).target)  # type: ignore[union-attr]
            command = Command(name, {row.id: row.version for row in rows}, comment)
            op = self._queue(connection, OpKind.COMMAND, type_name, record_id, current.tambon,
                             current, {}, command=command)
            rebuild(connection, type_name, record_id)
            refresh_households(connection, [household_of(current)])
        return op

    def move_household(self, household_id: str, new_tambon: str, *, role: str,
                       comment: str | None = None) -> Op:
        """Move a household with its whole subtree to ``new_tambon``: a ``move`` command
        naming the versions of every live row of the household as read in this
        transaction.  Refused here when the role may not move or the new tambon is not
        one of the user's (from the last hello; an administrator's list is not all of
        theirs); the server judges again.  The rows keep their tambon until the server's
        answer and the next pull bring them under the new one."""
        with self.database.writer.begin() as connection:
            current = get_record(connection, "household", household_id)
            if current is None or current.deleted:
                raise StoreError("record.not_found", "id")
            issues = MOVE.check("household", role, current.tambon, {"tambon": new_tambon})
            if issues:
                raise StoreError.from_issue(issues[0])
            areas = read_setting(connection, "areas", []) or []
            if role != "admin" and areas and new_tambon not in areas:
                raise StoreError("scope.out_of_area", "command.args.tambon", area=new_tambon)
            rows = subtree_of(connection, household_id)
            command = Command(MOVE.command, {row.id: row.version for row in rows}, comment,
                              {"tambon": new_tambon})
            op = self._queue(connection, OpKind.COMMAND, "household", household_id,
                             current.tambon, current, {}, command=command)
            rebuild(connection, "household", household_id)
            refresh_households(connection, [household_id])
        return op

    def _natural_id(self, rtype, tambon, current, fields, record_id) -> str:
        merged = {**(current.fields if current else {}), **fields}
        key_id = natural_id(rtype, current.tambon if current else tambon, merged)
        if record_id not in (None, key_id):
            raise StoreError("record.natural_key", "id")
        return key_id

    @staticmethod
    def _check_envelope(type_name: str, record_id: str, tambon: str | None) -> None:
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
        keep_server_copy(connection, current, type_name, record_id)
        try:
            signed = sign_op(op, self.identity.signing_key)
        except ContractError as exc:
            raise StoreError.from_issue(exc.issue) from exc
        connection.execute(insert(outbox).values(
            device_seq=op.device_seq, op_id=op.op_id, record_type=type_name,
            record_id=record_id, tambon=tambon, kind=str(kind), op=signed.op,
            sig=signed.sig, created_at=now_iso()))
        if tambon is not None:
            # Every tambon the replica holds rows of is asked for at each pull, so the
            # server names it in removed_areas once it is not the user's: a row made
            # here in a tambon never pulled (or whose first pull answer was lost) is
            # purged like any other, not kept for ever.
            connection.execute(insert(checkpoints).prefix_with("OR IGNORE").values(
                area=tambon, seq=0))
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

    def adopt_author(self, user_id: str) -> int:
        """After the first login: ops made before it (author ``device:…``, never sent
        anywhere) are signed again in the user's name.  Returns how many."""
        with self.database.writer.begin() as connection:
            write_setting(connection, "user_id", user_id)
            rows = connection.execute(select(outbox.c.device_seq, outbox.c.op, outbox.c.sig))
            count = 0
            for row in rows.fetchall():
                op = SignedOp(row.op, row.sig).parse()
                if op.author == user_id or not op.author.startswith("device:"):
                    continue
                signed = sign_op(dataclass_replace(op, author=user_id),
                                 self.identity.signing_key)
                connection.execute(update(outbox).where(outbox.c.device_seq == row.device_seq)
                                   .values(op=signed.op, sig=signed.sig))
                count += 1
        return count

    def set_user(self, user_id: str) -> None:
        with self.database.writer.begin() as connection:
            write_setting(connection, "user_id", user_id)

    # -- incarnations ---------------------------------------------------------------
    def new_incarnation(self, *, reason: str) -> DeviceIdentity:
        """Take a new device identity (``desktop.store.identity``), in one transaction:
        new device id and key pairs, the old id kept as a predecessor.  Acknowledged
        ops stay; pending ops stay in the outbox exactly as signed (the sync engine
        pushes them relayed by the new id: an op that reached the server under the old
        id is answered as a duplicate, never applied twice) — except ops made before
        the profile ever logged in (author ``device:…``): no server ever accepted
        them, so they are signed again under the new id (same op id and number).  The
        old id's token is forgotten: the new identity must log in (``SyncService``).
        ``reason`` is kept with the predecessor (``sync.new_device_id_required``,
        ``auth.device_revoked``, ``restored``, …)."""
        with self.database.writer.begin() as connection:
            previous = self.identity
            identity = new_identity(connection, previous, reason=reason)
            rows = connection.execute(select(outbox.c.device_seq, outbox.c.op, outbox.c.sig))
            for row in rows.fetchall():
                op = SignedOp(row.op, row.sig).parse()
                if op.device_id != previous.device_id or not op.author.startswith("device:"):
                    continue
                stamp = dataclass_replace(Hlc.parse(op.hlc), device_id=identity.device_id)
                signed = sign_op(dataclass_replace(op, device_id=identity.device_id,
                                                   hlc=str(stamp)), identity.signing_key)
                connection.execute(update(outbox).where(outbox.c.device_seq == row.device_seq)
                                   .values(op=signed.op, sig=signed.sig))
            connection.execute(delete(settings).where(settings.c.key == "token"))
        self.identity = identity
        self.clock.device_id = identity.device_id
        return identity


@dataclass(frozen=True)
class Blob:
    """Attachment bytes already written (encrypted) under the profile's files."""

    sha256: str
    size: int
    mime_type: str | None = None


def subtree_rows(connection: Connection, household_id: str) -> list[Record]:
    """The live rows under a household (not the household itself)."""
    return [row for type_name in SUBTREE_TYPES[1:]
            for row in children(connection, type_name, "household_id", [household_id])]


def subtree_of(connection: Connection, household_id: str) -> list[Record]:
    household = get_record(connection, "household", household_id)
    return ([household] if household and not household.deleted else []) + \
        subtree_rows(connection, household_id)


def check_complete(rows: list[Record], state: str, target: str) -> None:
    """Refuse to move a case out of the draft stage while a row of it is incomplete."""
    if requires_complete(state) or not requires_complete(target):
        return
    for row in rows:
        checked = validate_fields(record_type(row.type), row.fields, state=target)
        if not checked.ok:
            issue = checked.errors[0]
            params = {**issue.params, "record_type": row.type, "record_id": row.id}
            raise StoreError.from_issue(Issue(issue.code, issue.field, params))
