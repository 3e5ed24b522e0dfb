"""The in-memory reference replica: the contract's semantics with nothing else.

Tests drive it next to the real stores, and the sync engine is written against it
first.  It keeps, like every replica: the last server copy of each row, the outbox
of signed ops without a final result, acknowledged ops, drafts of rejected edits,
checkpoints and the server state.  What a person sees (:meth:`view`) is the server
copy with every pending op laid over it, so a pulled row never hides a local edit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from sync.client.replica import PullPage, PushResult, ServerState, Status
from sync.records.errors import ContractError, Issue
from sync.records.hlc import HybridClock
from sync.records.ids import natural_id, new_id
from sync.records.ops import Base, Command, Op, OpKind, SignedOp, sign_op
from sync.records.pending import overlay
from sync.records.record import GLOBAL_AREA, Record
from sync.records.registry import record_type
from sync.records.signing import SigningKey
from sync.records.validation import validate_change

Key = tuple[str, str]  # (type, id)


@dataclass(frozen=True)
class Draft:
    """A rejected edit, back in the author's hands with the server's reason."""

    op: Op
    error: Issue | None


class MemoryReplica:
    def __init__(self, *, author: str, device_id: str | None = None,
                 key: SigningKey | None = None, clock: HybridClock | None = None) -> None:
        self._device_id = device_id or new_id()
        self.author = author
        self.key = key or SigningKey.generate()
        self.clock = clock or HybridClock(self._device_id)
        self.device_seq = 0
        self.rows: dict[Key, Record] = {}  # last server copy (or own unconfirmed row)
        self.outbox: list[SignedOp] = []
        self.acknowledged: dict[str, PushResult] = {}
        self.journal: dict[str, SignedOp] = {}  # acknowledged ops, kept for re-sending
        self.drafts: dict[str, Draft] = {}
        self._checkpoints: dict[str, int] = {}
        self._server = ServerState()

    # -- what a person does ---------------------------------------------------------
    @property
    def device_id(self) -> str:
        return self._device_id

    def view(self, type_name: str, record_id: str) -> Record | None:
        """The row as the user sees it: server copy + pending ops, in order."""
        pending = [op for op in map(SignedOp.parse, self.outbox)
                   if (op.type, op.id) == (type_name, record_id)]
        return overlay(self.rows.get((type_name, record_id)), pending)

    def save(self, type_name: str, tambon: str | None, fields: Mapping[str, Any], *,
             record_id: str | None = None, state: str | None = None,
             resolves: Sequence[str] = ()) -> Op:
        """An explicit save: validate against the current view, sign, queue."""
        rtype = record_type(type_name)
        if rtype.natural_key:
            key_id = natural_id(rtype, tambon, {**self._fields_of(type_name, record_id),
                                                **fields})
            if record_id not in (None, key_id):
                raise ContractError("record.natural_key", "id")
            record_id = key_id
        record_id = record_id or new_id()
        current = self.view(type_name, record_id)
        checked = validate_change(rtype, None if current is None else current.fields,
                                  fields, state=state)
        if not checked.ok:
            raise ContractError(checked.errors[0].code, checked.errors[0].field)
        return self._queue(OpKind.UPSERT, type_name, record_id, tambon,
                           {**checked.fields, **checked.extra}, resolves=tuple(resolves))

    def _fields_of(self, type_name: str, record_id: str | None) -> dict[str, Any]:
        row = None if record_id is None else self.view(type_name, record_id)
        return {} if row is None else dict(row.fields)

    def delete(self, type_name: str, record_id: str) -> Op:
        row = self.view(type_name, record_id)
        if row is None:
            raise ContractError("record.bad_id", "id")
        return self._queue(OpKind.DELETE, type_name, record_id, row.tambon, {})

    def command(self, type_name: str, record_id: str, command: Command) -> Op:
        row = self.view(type_name, record_id)
        if row is None:
            raise ContractError("record.bad_id", "id")
        return self._queue(OpKind.COMMAND, type_name, record_id, row.tambon, {},
                           command=command)

    def _base(self, type_name: str, record_id: str) -> Base | None:
        row = self.rows.get((type_name, record_id))
        if row is None or row.version == 0 or self._server.epoch is None:
            return None
        return Base(self._server.epoch, row.version)

    def _queue(self, kind: OpKind, type_name: str, record_id: str, tambon: str | None,
               fields: dict[str, Any], *, resolves: tuple[str, ...] = (),
               command: Command | None = None) -> Op:
        self.device_seq += 1
        op = Op(op_id=new_id(), device_id=self._device_id, device_seq=self.device_seq,
                type=type_name, id=record_id, tambon=tambon, kind=kind,
                base=self._base(type_name, record_id), fields=fields,
                hlc=str(self.clock.now()), author=self.author, resolves=resolves,
                command=command)
        self.outbox.append(sign_op(op, self.key))
        return op

    # -- what the sync engine does --------------------------------------------------
    def server_state(self) -> ServerState:
        return self._server

    def record_hello(self, state: ServerState) -> None:
        self._server = state
        if state.server_time_ms is not None:
            self.clock.saw_server_time(state.server_time_ms)

    def start_epoch(self, epoch: str, last_device_seq: int) -> None:
        pending = {s.op for s in self.outbox}
        resend = [s for s in self.journal.values()
                  if s.parse().device_seq > last_device_seq and s.op not in pending]
        self.outbox = sorted(resend + self.outbox, key=lambda s: s.parse().device_seq)
        self._checkpoints = {area: 0 for area in self._checkpoints}
        self.rows = {key: replace(row, seq=0) for key, row in self.rows.items()}
        self._server = replace(self._server, epoch=epoch)

    def pending_ops(self, *, limit: int) -> list[SignedOp]:
        return self.outbox[:limit]

    def apply_push_results(self, results: Sequence[PushResult]) -> None:
        finals = {r.op_id: r for r in results if r.final}
        kept: list[SignedOp] = []
        for signed in self.outbox:
            op = signed.parse()
            result = finals.get(op.op_id)
            if result is None:
                kept.append(signed)
                continue
            self.acknowledged[op.op_id] = result
            self.journal[op.op_id] = signed
            if result.status == Status.REJECTED:
                self.drafts[op.op_id] = Draft(op, result.error)
            if result.record is not None:
                self._store(result.record)
        self.outbox = kept

    def checkpoints(self) -> dict[str, int]:
        return dict(self._checkpoints)

    def apply_pull_page(self, page: PullPage) -> None:
        if self._server.epoch is not None and page.server_epoch != self._server.epoch:
            raise ContractError("sync.epoch_changed", "server_epoch")
        for record in page.records:
            self._store(record)
        for area in page.removed_areas:
            self._purge(area)
        for area, seq in page.checkpoints.items():
            if area not in page.removed_areas:
                self._checkpoints[area] = max(seq, self._checkpoints.get(area, 0))

    def _store(self, record: Record) -> None:
        """Keep the server's copy if it is newer than ours (bundles arrive in any order)."""
        current = self.rows.get((record.type, record.id))
        if current is None or record.seq > current.seq:
            self.rows[(record.type, record.id)] = record
            if record.hlc:
                self.clock.observe(record.hlc)

    def _purge(self, area: str) -> None:
        """Drop an area's rows, but only once none of its ops still waits for a result."""
        if any(s.parse().tambon == area or (area == GLOBAL_AREA and s.parse().tambon is None)
               for s in self.outbox):
            return
        self.rows = {k: r for k, r in self.rows.items() if r.area != area}
        self._checkpoints.pop(area, None)
