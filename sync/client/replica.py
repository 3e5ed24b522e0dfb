"""What the sync engine sees of a replica, and the plain values it passes.

The engine (``sync.client``) drives any :class:`Replica`: the desktop store's
encrypted SQLite replica, the in-memory reference replica used by tests, or a
supervisor's relay.  It never sees tables, sessions or Qt — only these calls.
Every method that changes state is one transaction: a crash leaves it done or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Mapping, Protocol, Sequence, runtime_checkable

from sync.records.errors import Issue
from sync.records.ops import SignedOp
from sync.records.record import Record


class Status(StrEnum):
    APPLIED = "applied"
    MERGED = "merged"
    CONFLICT = "conflict"
    QUARANTINED = "quarantined"
    REJECTED = "rejected"
    DEFERRED = "deferred"  # not final: try again later (e.g. key awaiting enrolment)


FINAL_STATUSES = frozenset(Status) - {Status.DEFERRED}


@dataclass(frozen=True)
class PushResult:
    """The server's answer for one op (same order as pushed)."""

    op_id: str
    status: Status
    duplicate: bool = False
    record: Record | None = None  # the row as the server holds it now
    conflict_fields: tuple[str, ...] = ()
    error: Issue | None = None
    ack_sig: str | None = None  # the server's signature over the final result
    version: int | None = None  # the row's version the op left (what ack_sig signs)

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES

    def to_json(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id, "status": str(self.status), "duplicate": self.duplicate,
            "record": None if self.record is None else self.record.to_json(),
            "conflict_fields": list(self.conflict_fields),
            "error": None if self.error is None else self.error.as_json(),
            "ack_sig": self.ack_sig, "version": self.version,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PushResult":
        error = data.get("error")
        return cls(
            op_id=data["op_id"], status=Status(data["status"]),
            duplicate=bool(data.get("duplicate")),
            record=None if data.get("record") is None else Record.from_json(data["record"]),
            conflict_fields=tuple(data.get("conflict_fields") or ()),
            error=None if error is None else Issue(
                error["code"], error.get("field"), error.get("params") or {}),
            ack_sig=data.get("ack_sig"),
            version=None if data.get("version") is None else int(data["version"]),
        )


@dataclass(frozen=True)
class PullPage:
    """One page of ``POST /sync/pull``: rows changed since the checkpoints (and
    moved-out markers of rows that left an area, in the same ``seq`` order)."""

    records: tuple[Record, ...]
    checkpoints: dict[str, int]  # area ("800101" or "*") -> seq reached
    more: bool
    server_epoch: str
    removed_areas: tuple[str, ...] = ()
    role: str | None = None  # the role it was served for; None: not said


def stale_for_role(page: PullPage, pulled_role: str | None) -> bool:
    """A page served for another role than the one the replica now pulls under (it
    came late: before a role change reset the checkpoints).  Applying it could move a
    checkpoint past rows the new role sees and was never sent, or bring back record
    types the new role does not see: it is ignored, like a page of another epoch."""
    return page.role is not None and pulled_role is not None and page.role != pulled_role


@dataclass(frozen=True)
class ServerState:
    """What the replica remembers of the server between syncs (``role``: the user's
    role, as the last hello said; ``None`` when not known)."""

    epoch: str | None = None
    server_time_ms: int | None = None
    areas: tuple[str, ...] = field(default_factory=tuple)
    role: str | None = None


# Record types pull does not serve to a role (conflict records reach coordinators,
# supervisors and administrators only): a replica whose role becomes one of these
# drops its copies of them.
ROLE_HIDDEN_TYPES: dict[str, tuple[str, ...]] = {"field_worker": ("conflict",)}


def hidden_types(role: str | None) -> tuple[str, ...]:
    return ROLE_HIDDEN_TYPES.get(role or "", ())


@runtime_checkable
class Replica(Protocol):
    """The replica as the sync engine drives it."""

    @property
    def device_id(self) -> str: ...

    def server_state(self) -> ServerState:
        """Epoch, last server time and areas from the last successful hello."""
        ...

    def record_hello(self, state: ServerState) -> None:
        """Store a hello's answer (the engine calls :meth:`start_epoch` first if new).
        When ``state.role`` differs from the role the replica's checkpoints were pulled
        under (or that role is unknown while it holds checkpoints), every checkpoint
        returns to 0 — more record types may be visible now — and rows of types the
        new role does not see (:func:`hidden_types`) are dropped, in the same
        transaction as the new role."""
        ...

    def start_epoch(self, epoch: str, last_device_seq: int) -> None:
        """The server was restored: re-queue own ops after ``last_device_seq`` and
        pull every area again from 0; local rows stay, marked unconfirmed."""
        ...

    def pending_ops(self, *, limit: int) -> list[SignedOp]:
        """Ops without a final result, oldest ``device_seq`` first.  Ops signed by an
        earlier incarnation of the device (another ``device_id``: the profile took a
        new device identity) come unchanged; the engine pushes them as relayed by
        the current device."""
        ...

    def apply_push_results(self, results: Sequence[PushResult]) -> None:
        """Record final results (the server's row under pending local fields;
        a rejected edit back to a draft with its error); skip deferred ones."""
        ...

    def checkpoints(self) -> dict[str, int]:
        """Area -> last seq pulled, for every area the replica holds."""
        ...

    def apply_pull_page(self, page: PullPage) -> None:
        """Store a page's rows and its checkpoints in one transaction.  A moved-out
        marker among the rows (``sync.records.ops.moved_to``) drops the row's copy from
        before the move — once no op of its own still waits — and is remembered, so a
        late copy from before the move is never taken again."""
        ...


@dataclass(frozen=True)
class BlobRef:
    """Attachment bytes by their SHA-256 (``size`` and ``mime_type`` as the attachment
    record says; ``size`` may be unknown, 0, for bytes the replica lacks)."""

    sha256: str
    size: int = 0
    mime_type: str | None = None


class BlobUnavailable(Exception):
    """Local bytes that cannot be used: ``file.missing`` or ``file.corrupt``."""

    def __init__(self, code: str, sha256: str) -> None:
        super().__init__(f"{code}: {sha256}")
        self.code, self.sha256 = code, sha256


@runtime_checkable
class ReplicaFiles(Protocol):
    """A replica that keeps attachment bytes (the desktop store, the in-memory twin).
    The engine sends and fetches bytes only for replicas that have these calls.

    A blob's local state: ``pending`` (the bytes are here, the server may lack them),
    ``present`` (here and on the server); bytes named by an attachment the replica
    holds but not kept here have no state.  A new server epoch makes every ``present``
    blob ``pending`` again (:meth:`Replica.start_epoch`): a restored server may lack
    files, and the next sync asks it which."""

    def blobs_to_upload(self, *, after: str | None, limit: int) -> list[BlobRef]:
        """Pending blobs in ``sha256`` order above ``after``, each named by a live
        attachment row of the replica whose attachment op has its final result (no
        op naming the hash waits in the outbox): the server holds the row, so it
        takes the bytes."""
        ...

    def read_blob(self, sha256: str) -> bytes:
        """The bytes, checked against the hash (:class:`BlobUnavailable` if they are
        lost or damaged; the desktop store raises its own coded ``StoreError``)."""
        ...

    def blob_uploaded(self, sha256: str) -> None:
        """The server holds the bytes now: ``pending`` → ``present``."""
        ...

    def blobs_to_fetch(self, *, after: str | None, limit: int) -> list[BlobRef]:
        """Hashes named by live attachment rows the replica holds whose bytes it does
        not keep, in ``sha256`` order above ``after``."""
        ...

    def store_blob(self, sha256: str, data: bytes, mime_type: str | None) -> None:
        """Keep bytes fetched from the server (``present``); refuses bytes that do not
        match ``sha256``."""
        ...
