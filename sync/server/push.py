"""``POST /sync/push``: every op verified, applied in its own savepoint, answered.

Final results are kept by ``op_id`` (never the row), so a repeated op gets its
original status with ``duplicate: true``.  An op whose device is unknown is
``deferred`` (not stored: its key may still be on its way); a bad signature or a
malformed op is ``rejected`` without being stored (a forger must not be able to
block the real op id).  One bad op never blocks the others.

Ops kept whole for the coordinators of their row's tambon (``quarantined``), whatever
their author may write:

- signed by a **revoked** device (a lost laptop's queued ops, relayed later): nobody
  vouches for them any more, but they are never dropped;
- a ``(device_id, device_seq)`` the server already holds a final result for, under
  **another** ``op_id``: the profile was copied to a second machine and both made ops.
  The device is flagged (``Device.copied_at``) and ``hello`` tells it to take a new
  device id.  Later ops signed by that id whose ``(device_id, device_seq)`` is fresh
  are genuine ops of one of the copies and are judged as usual, except that the
  writes of the flagged id count as another device's (the copies cannot be told
  apart, so none of their edits is skipped as superseded by "its own" later one).

An op whose ``hlc`` runs more than 5 minutes ahead of the server's clock is stored
clamped (:class:`sync.server.apply_op.Applying`) and flags its device
(``Device.clock_clamped_count``, ``clock_clamped_at``, ``clock_ahead_ms``).
Both flags are derived from the ops (by the server time each was received at), so a
journal replay sets them again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from sync.records.errors import ContractError, Issue
from sync.records.hlc import Hlc, clamp
from sync.records.ops import Op, SignedOp
from sync.records.signing import SigningKey, ack_bytes
from sync.server import accounts, journal
from sync.server.apply_op import Applying, Outcome, apply
from sync.server.db import Database
from sync.server.meta import server_meta, server_signing_key
from sync.server.models import AppliedOp, Device, User, utcnow
from sync.server.scopes import Actor, can_read_tambon
from sync.server.storage import lock_counter
from sync.server.versions import read_row

MAX_OPS = 500
REVOKED = "device_revoked"  # the conflict reason of an op of a revoked device
COPIED = "device_seq_reused"  # … of a (device_id, device_seq) seen under another op_id


def _lenient_op_id(item: Any) -> str | None:
    try:
        value = json.loads(item["op"]).get("op_id")
        return value if isinstance(value, str) else None
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def _result(op_id: str | None, status: str, *, record: Any = None, duplicate: bool = False,
            conflict_fields: tuple[str, ...] = (), error: Issue | None = None,
            version: int | None = None, ack_sig: str | None = None) -> dict[str, Any]:
    return {"op_id": op_id, "status": status, "duplicate": duplicate, "version": version,
            "record": None if record is None else record.to_json(),
            "conflict_fields": list(conflict_fields),
            "error": None if error is None else error.as_json(), "ack_sig": ack_sig}


def ack_signature(key: SigningKey, op_id: str, status: str, version: int | None) -> str:
    """The server's signature of a final result (relays carry it back)."""
    return key.sign(ack_bytes(op_id, status, version))


class Pusher:
    def __init__(self, session: Session, caller: Actor) -> None:
        self.session, self.caller = session, caller
        meta = server_meta(session)
        self.epoch, self.key = meta.epoch, server_signing_key(session)
        self.server_time_ms = time.time_ns() // 1_000_000

    def visible(self, record: Any) -> Any:
        return record if record is not None and can_read_tambon(self.caller, record.tambon) \
            else None

    def push(self, item: Mapping[str, Any]) -> dict[str, Any]:
        op_id = _lenient_op_id(item)
        try:
            signed = SignedOp.from_json(item)
            unverified = signed.parse()  # canonical and well formed, before any lookup
        except ContractError as exc:
            return _result(op_id, "rejected", error=exc.issue)
        device = self.session.get(Device, unverified.device_id)
        if device is None:
            return _result(op_id, "deferred")
        try:
            op = signed.verify(device.ed25519_key)
        except ContractError as exc:
            return _result(op_id, "rejected", error=exc.issue)
        prior = self.session.get(AppliedOp, op.op_id)
        if prior is not None:
            return self._repeat(prior, signed)
        self._note_clock(device, op)
        result = self._final(op, signed, self._outcome(op, signed, device))
        journal.record_op(self.session, signed, device, epoch=self.epoch,  # durable before
                          received_ms=self.server_time_ms, result=result)  # the commit
        return result

    @property
    def received_at(self) -> datetime:
        """The server time the batch's ops are received at (a replay: the live one)."""
        return datetime.fromtimestamp(self.server_time_ms / 1000, UTC)

    def _note_clock(self, device: Device, op: Op) -> None:
        """Flag the device when the op's stamp runs ahead of the server's clock (the
        op itself is stored with the clamped stamp)."""
        stamp = Hlc.parse(op.hlc)
        if not clamp(stamp, self.server_time_ms)[1]:
            return
        device.clock_clamped_count = (device.clock_clamped_count or 0) + 1
        device.clock_clamped_at = self.received_at
        device.clock_ahead_ms = stamp.ms - self.server_time_ms
        self.session.add(device)

    def _seq_taken(self, op: Op) -> bool:
        """Whether another op (another op_id: this one has no result) already holds the
        op's (device_id, device_seq)."""
        return self.session.execute(select(AppliedOp.op_id).where(
            AppliedOp.device_id == op.device_id, AppliedOp.device_seq == op.device_seq)
            .limit(1)).first() is not None

    def _held_back(self, op: Op, device: Device) -> str | None:
        """Why the op is kept whole for coordinators whatever its author may write: its
        device is revoked, or its (device_id, device_seq) was used by another op (a
        copied profile: the device is flagged)."""
        if device.revoked_at is not None:
            return REVOKED
        if self._seq_taken(op):
            if device.copied_at is None:
                device.copied_at = self.received_at
                self.session.add(device)
            return COPIED
        return None

    def _outcome(self, op: Op, signed: SignedOp, device: Device) -> Outcome | Issue:
        user = self.session.get(User, device.user_id)
        if user is None or op.author != user.id:
            return Issue("scope.author_mismatch", "author")
        held = self._held_back(op, device)
        author = accounts.view_of(self.session, user).as_actor(device.id)
        context = Applying(self.session, op, author, self.epoch, self.server_time_ms,
                           signed.relayed_by, held=held,
                           copied=device.copied_at is not None)
        try:
            with self.session.begin_nested():
                return apply(context)
        except ContractError as exc:
            return exc.issue

    def _final(self, op: Op, signed: SignedOp, outcome: Outcome | Issue) -> dict[str, Any]:
        if isinstance(outcome, Issue):
            status, record, fields, error = "rejected", None, (), outcome
        else:
            status, record, fields, error = (outcome.status, outcome.record,
                                             outcome.conflict_fields, None)
        version = record.version if record is not None else None
        ack = ack_signature(self.key, op.op_id, status, version)
        self.session.add(AppliedOp(
            op_id=op.op_id, op_hash=signed.op_hash(), device_id=op.device_id,
            device_seq=op.device_seq, record_type=op.type, record_id=op.id, status=status,
            version=version, seq=record.seq if record is not None else None,
            error=None if error is None else error.as_json(),
            conflict_fields=list(fields) or None, ack_sig=ack, applied_at=utcnow()))
        self.session.flush()
        return _result(op.op_id, status, record=self.visible(record), conflict_fields=fields,
                       error=error, version=version, ack_sig=ack)

    def _repeat(self, prior: AppliedOp, signed: SignedOp) -> dict[str, Any]:
        if prior.op_hash != signed.op_hash():
            return _result(prior.op_id, "rejected", error=Issue("op.id_reused", "op_id"))
        error = prior.error
        issue = None if error is None else Issue(error["code"], error.get("field"),
                                                 error.get("params") or {})
        current = read_row(self.session, prior.record_type, prior.record_id)
        return _result(prior.op_id, prior.status, record=self.visible(current),
                       duplicate=True, conflict_fields=tuple(prior.conflict_fields or ()),
                       error=issue, version=prior.version, ack_sig=prior.ack_sig)


def device_copied(db: Database, device_id: str | None) -> bool:
    """Whether ``device_id`` was seen on a copied profile (a ``device_seq`` reused)."""
    if device_id is None:
        return False
    with db.reading() as session:
        device = session.get(Device, device_id)
        return device is not None and device.copied_at is not None


def push(db: Database, caller: Actor, items: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Results for ``items`` (signed ops), in order; one transaction for the batch."""
    with db.writing() as session:
        lock_counter(session)  # first: duplicates are judged against committed batches
        pusher = Pusher(session, caller)
        return [pusher.push(item) for item in items]
