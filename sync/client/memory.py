"""The in-memory reference replica: the contract's semantics with nothing else.

Tests drive it next to the real stores, and the sync engine is written against it
first.  It keeps, like every replica: the last server copy of each row, the outbox
of signed ops without a final result, acknowledged ops, drafts of rejected edits,
checkpoints and the server state.  What a person sees (:meth:`view`) is the server
copy with every pending op laid over it, so a pulled row never hides a local edit.
A moved-out marker drops the server copy of a row that left one of its tambons
(once the row's own pending ops have their results) and is remembered, so that a
late copy from before the move is not taken again.

:meth:`new_incarnation` gives the replica a new device identity (new id and key) when
the server says its profile was copied: acknowledged ops stay, pending ops stay in
the outbox unchanged (the engine relays them under the new id) and ``device_seq``
goes on counting, above every op the profile ever made.  A role other than the one
the checkpoints were pulled under resets them to 0 (:meth:`record_hello`).

Attachment bytes (``sync.client.replica.ReplicaFiles``): :meth:`attach` keeps bytes
``pending`` and saves the attachment row naming them; the engine uploads them once
the row's op is final and fetches the bytes of pulled attachments the replica lacks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from sync.client.replica import (
    BlobRef,
    BlobUnavailable,
    PullPage,
    PushResult,
    ServerState,
    Status,
    hidden_types,
    stale_for_role,
)
from sync.records.errors import ContractError, Issue
from sync.records.hlc import HybridClock
from sync.records.ids import natural_id, new_id
from sync.records.ops import Base, Command, Op, OpKind, SignedOp, moved_to, sign_op
from sync.records.pending import overlay
from sync.records.record import GLOBAL_AREA, Record
from sync.records.registry import SUBTREE_TYPES, record_type
from sync.records.signing import SigningKey
from sync.records.validation import validate_change
from sync.records.workflow import MOVE

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
        # Moved-out markers taken: (type, id) -> tambon left -> (new tambon, marker seq).
        self.moved: dict[Key, dict[str, tuple[str, int]]] = {}
        self._checkpoints: dict[str, int] = {}
        self._server = ServerState()
        self.pulled_role: str | None = None  # the role the checkpoints were pulled under
        self.predecessors: list[str] = []  # earlier device ids of this replica, oldest first
        self.blobs: dict[str, bytes] = {}  # attachment bytes kept here, by sha256
        self.blob_state: dict[str, str] = {}  # sha256 -> "pending" | "present"

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

    def attach(self, tambon: str, household_id: str, data: bytes, *,
               mime_type: str = "image/jpeg", kind: str = "before",
               owner_type: str = "household", owner_id: str | None = None,
               **fields: Any) -> Op:
        """Keep ``data`` (``pending``) and save an attachment row naming it."""
        sha256 = hashlib.sha256(data).hexdigest()
        self.blobs[sha256] = bytes(data)
        self.blob_state.setdefault(sha256, "pending")
        return self.save("attachment", tambon, {
            "household_id": household_id, "owner_type": owner_type,
            "owner_id": owner_id or household_id, "kind": kind, "sha256": sha256,
            "size_bytes": len(data), "mime_type": mime_type, **fields})

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

    def move_household(self, household_id: str, new_tambon: str, *,
                       comment: str | None = None) -> Op:
        """Move a household with its subtree to ``new_tambon``: a ``move`` command naming
        the versions of every live row of the subtree as this replica shows them."""
        household = self.view("household", household_id)
        if household is None or household.deleted:
            raise ContractError("record.bad_id", "id")
        versions = {row.id: row.version for row in self._subtree(household_id)}
        return self.command("household", household_id,
                            Command(MOVE.command, versions, comment, {"tambon": new_tambon}))

    def _subtree(self, household_id: str) -> list[Record]:
        keys = {key for key in [*self.rows, *((op.type, op.id) for op in
                                               map(SignedOp.parse, self.outbox))]
                if key[0] in SUBTREE_TYPES}
        rows = [self.view(*key) for key in sorted(keys)]
        return [row for row in rows if row is not None and not row.deleted and household_id
                == (row.id if row.type == "household" else row.fields.get("household_id"))]

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
        if tambon is not None:  # asked for at every pull: told when it is not the user's
            self._checkpoints.setdefault(tambon, 0)
        return op

    # -- what the sync engine does --------------------------------------------------
    def server_state(self) -> ServerState:
        return self._server

    def new_incarnation(self) -> str:
        """Take a new device identity (a copied or restored profile): new id and key;
        the outbox and acknowledged ops stay as they are; returns the new id."""
        self.predecessors.append(self._device_id)
        self._device_id = new_id()
        self.key = SigningKey.generate()
        self.clock.device_id = self._device_id
        return self._device_id

    def record_hello(self, state: ServerState) -> None:
        if state.role is not None and state.role != self.pulled_role:
            if self.pulled_role is not None or self._checkpoints:
                self._checkpoints = {area: 0 for area in self._checkpoints}
                hidden = hidden_types(state.role)
                self.rows = {k: r for k, r in self.rows.items() if k[0] not in hidden}
            self.pulled_role = state.role
        self._server = state
        if state.server_time_ms is not None:
            self.clock.saw_server_time(state.server_time_ms)

    def start_epoch(self, epoch: str, last_device_seq: int) -> None:
        """Re-send the ops the restored server may lack: this device's after
        ``last_device_seq``, and every op an earlier incarnation signed (the server
        answers what it holds as duplicates)."""
        pending = {s.op for s in self.outbox}
        resend = [s for s in self.journal.values()
                  if (s.parse().device_seq > last_device_seq
                      or s.parse().device_id != self._device_id) and s.op not in pending]
        self.outbox = sorted(resend + self.outbox, key=lambda s: s.parse().device_seq)
        self._checkpoints = {area: 0 for area in self._checkpoints}
        self.rows = {key: replace(row, seq=0) for key, row in self.rows.items()}
        self.moved = {}  # the new epoch's markers come again with its pages
        # A restored server may lack files: every blob is unconfirmed until it says.
        self.blob_state = {sha: "pending" for sha in self.blob_state}
        self._server = replace(self._server, epoch=epoch)

    def pending_ops(self, *, limit: int) -> list[SignedOp]:
        return self.outbox[:limit]

    def apply_push_results(self, results: Sequence[PushResult]) -> None:
        finals = {r.op_id: r for r in results if r.final}
        kept: list[SignedOp] = []
        done: set[Key] = set()
        for signed in self.outbox:
            op = signed.parse()
            result = finals.get(op.op_id)
            if result is None:
                kept.append(signed)
                continue
            done.add((op.type, op.id))
            self.acknowledged[op.op_id] = result
            self.journal[op.op_id] = signed
            if result.status == Status.REJECTED:
                self.drafts[op.op_id] = Draft(op, result.error)
            if result.record is not None:
                self._store(result.record)
        self.outbox = kept
        self._settle_moves(done)

    def checkpoints(self) -> dict[str, int]:
        return dict(self._checkpoints)

    def apply_pull_page(self, page: PullPage) -> None:
        if self._server.epoch is not None and page.server_epoch != self._server.epoch:
            raise ContractError("sync.epoch_changed", "server_epoch")
        if stale_for_role(page, self.pulled_role):
            return
        hidden = hidden_types(self.pulled_role)
        for record in page.records:
            if record.type in hidden:
                continue
            if moved_to(record) is not None:
                self._moved_out(record)
            else:
                self._store(record)
        for area in page.removed_areas:
            self._purge(area)
        for record in page.records:  # every tambon held is asked for at the next pull
            if record.tambon is not None and record.tambon not in page.removed_areas \
                    and record.type not in hidden:
                self._checkpoints.setdefault(record.tambon, 0)
        for area, seq in page.checkpoints.items():
            if area not in page.removed_areas:
                self._checkpoints[area] = max(seq, self._checkpoints.get(area, 0))

    def _store(self, record: Record) -> None:
        """Keep the server's copy if it is newer than ours (bundles arrive in any order)
        and newer than a marker saying the row left its tambon."""
        left = self.moved.get((record.type, record.id), {}).get(record.area)
        if left is not None and left[1] > record.seq:
            return  # a copy from before the row moved away
        current = self.rows.get((record.type, record.id))
        if current is None or record.seq > current.seq:
            self.rows[(record.type, record.id)] = record
            if record.hlc:
                self.clock.observe(record.hlc)

    def _moved_out(self, marker: Record) -> None:
        """A row left ``marker.tambon``: remember it, and drop our copy if it is still
        the one from before the move (unless own ops on it still wait for a result)."""
        left = self.moved.setdefault((marker.type, marker.id), {})
        known = left.get(marker.area)
        if known is None or known[1] < marker.seq:
            left[marker.area] = (str(moved_to(marker)), marker.seq)
        self._settle_moves({(marker.type, marker.id)})

    def _settle_moves(self, keys: set[Key]) -> None:
        """Drop rows whose server copy moved away, once no op of theirs is pending: the
        op goes to the server first, which keeps it (as a conflict where the author may
        not write the row's new tambon)."""
        pending = {(op.type, op.id) for op in map(SignedOp.parse, self.outbox)}
        for key in keys - pending:
            row = self.rows.get(key)
            left = self.moved.get(key, {}).get(row.area) if row is not None else None
            if row is not None and left is not None and row.seq < left[1]:
                del self.rows[key]

    def _purge(self, area: str) -> None:
        """Drop an area's rows, but only once none of its ops still waits for a result."""
        if any(s.parse().tambon == area or (area == GLOBAL_AREA and s.parse().tambon is None)
               for s in self.outbox):
            return
        self.rows = {k: r for k, r in self.rows.items() if r.area != area}
        for left in self.moved.values():
            left.pop(area, None)
        self._checkpoints.pop(area, None)

    # -- attachment bytes (ReplicaFiles) ---------------------------------------------
    def _attachments(self) -> list[Record]:
        """The live attachment rows as the user sees them."""
        keys = {key for key in self.rows if key[0] == "attachment"}
        keys |= {(op.type, op.id) for op in map(SignedOp.parse, self.outbox)
                 if op.type == "attachment"}
        rows = [self.view(*key) for key in sorted(keys)]
        return [row for row in rows if row is not None and not row.deleted]

    def blobs_to_upload(self, *, after: str | None, limit: int) -> list[BlobRef]:
        waiting = {op.fields.get("sha256") for op in map(SignedOp.parse, self.outbox)
                   if op.type == "attachment"}
        named = {row.fields.get("sha256"): row for row in self._attachments()
                 if (row.type, row.id) in self.rows}  # the server holds the row
        ready = sorted(sha for sha, state in self.blob_state.items()
                       if state == "pending" and sha in named and sha not in waiting
                       and (after is None or sha > after))
        return [BlobRef(sha, len(self.blobs[sha]), named[sha].fields.get("mime_type"))
                for sha in ready[:limit]]

    def read_blob(self, sha256: str) -> bytes:
        data = self.blobs.get(sha256)
        if data is None:
            raise BlobUnavailable("file.missing", sha256)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobUnavailable("file.corrupt", sha256)
        return data

    def blob_uploaded(self, sha256: str) -> None:
        if sha256 in self.blob_state:
            self.blob_state[sha256] = "present"

    def blobs_to_fetch(self, *, after: str | None, limit: int) -> list[BlobRef]:
        lacking: dict[str, BlobRef] = {}
        for row in self._attachments():
            sha = row.fields.get("sha256")
            if isinstance(sha, str) and sha not in self.blobs and (after is None or sha > after):
                lacking.setdefault(sha, BlobRef(sha, int(row.fields.get("size_bytes") or 0),
                                                row.fields.get("mime_type")))
        return [lacking[sha] for sha in sorted(lacking)[:limit]]

    def store_blob(self, sha256: str, data: bytes, mime_type: str | None) -> None:
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobUnavailable("file.corrupt", sha256)
        self.blobs[sha256] = bytes(data)
        self.blob_state[sha256] = "present"
