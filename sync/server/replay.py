"""Replaying the op journal into a restored database (SYNC.md rule 6).

After a snapshot is loaded, every journal entry is taken in journal order:

- **op**: skipped when its ``op_id`` is in ``applied_ops`` already (same bytes;
  other bytes under a known id are ``op.id_reused``); otherwise its device is made
  sure of (registered from the entry's keys and user id when the snapshot predates
  it) and the signed op goes through the very path of a live push — :class:`Pusher`:
  signature, author, scope from the stored rows, merge, conflicts, the final result
  in ``applied_ops`` with the server's ``ack_sig`` (the server key is in the
  snapshot, so the signature is the one the device holds).  Each op is applied
  under the **epoch and server time it was applied under live** (recorded in its
  entry): its base meets the epoch it met then, so a replay over the snapshot's
  state reproduces the original merge instead of treating every base as unknown.
  The epoch is renewed by the restore itself (before replaying: see
  :func:`sync.server.backup.restore`).
- **device**: a device registered at login after the snapshot is registered again
  (keys and user; no token: the device logs in again).
- **revoke**: a device revoked after the snapshot is revoked again.
- **account**: the account is set to what the entry holds (made when the snapshot
  lacks it; role, areas, name, active and password hash as they were after that
  change).  Taken in journal order, so each replayed op is judged under the account
  as it was when the op was live: an op quarantined because its author had lost the
  area is quarantined again.

An entry that cannot be replayed is *failed*, never stored: its user is not in the
database (an account made after the snapshot by a server that journalled no
accounts; the device re-sends the op after the new epoch, as its
``last_device_seq`` stays below it), its device id belongs to another user or has
other keys, an account entry's username is another user's, or the line is corrupt.  It stays in the journal, so a later replay tries again.  An op whose
replayed result differs from its live one is counted and listed (``differs``).

Replay commits every ``batch`` entries (the change counter's lock first, as a push
batch), so an interrupted replay keeps what it did, and running it again skips what
is done and goes on: it is idempotent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, col

from sync.records.errors import ContractError
from sync.records.ops import SignedOp
from sync.server import journal as journals
from sync.server.db import Database
from sync.server.journal import Entry, Journal, Reading
from sync.server.models import AppliedOp, Device, User, UserArea, utcnow
from sync.server.push import Pusher
from sync.server.scopes import ADMIN, ROLES, Actor
from sync.server.storage import lock_counter

BATCH = 200
REPLAYER = Actor(id="journal-replay", role=ADMIN, areas=(), name="journal replay")


@dataclass(frozen=True)
class Failure:
    where: str  # "segment:line"
    op_id: str | None
    code: str
    detail: str

    def text(self) -> str:
        what = f"op {self.op_id}" if self.op_id else "entry"
        return f"{self.where} {what}: {self.code} ({self.detail})"


@dataclass(frozen=True)
class Difference:
    where: str
    op_id: str
    live: str  # "status vN"
    replayed: str

    def text(self) -> str:
        return f"{self.where} op {self.op_id}: live {self.live}, replayed {self.replayed}"


@dataclass
class ReplayReport:
    replayed: int = 0  # ops applied now (a final result stored)
    skipped: int = 0  # ops already in applied_ops
    failed: list[Failure] = field(default_factory=list)
    differs: list[Difference] = field(default_factory=list)
    devices: int = 0  # devices registered from the journal
    revoked: int = 0  # devices revoked from the journal
    accounts: int = 0  # account changes taken from the journal
    torn: list[str] = field(default_factory=list)  # torn lines ignored

    @property
    def clean(self) -> bool:
        """Nothing for an administrator to look at."""
        return not self.failed and not self.differs

    def summary(self) -> str:
        return (f"journal replay: replayed {self.replayed}, skipped {self.skipped} "
                f"(already applied), failed {len(self.failed)}; devices registered "
                f"{self.devices}, revoked {self.revoked}; account changes {self.accounts}")

    def lines(self) -> list[str]:
        out = [self.summary()]
        out += [f"  failed: {f.text()}" for f in self.failed]
        out += [f"  differs: {d.text()}" for d in self.differs]
        out += [f"  warning: torn line {where} ignored (an interrupted write)"
                for where in self.torn]
        return out

    def to_json(self) -> dict[str, Any]:
        return {"replayed": self.replayed, "skipped": self.skipped,
                "failed": [f.__dict__ for f in self.failed],
                "differs": [d.__dict__ for d in self.differs],
                "devices": self.devices, "revoked": self.revoked,
                "accounts": self.accounts, "torn": list(self.torn)}


class _Failed(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(code)
        self.code, self.detail = code, detail


def _time(text: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return utcnow()
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _device(session: Session, info: Any, report: ReplayReport) -> Device:
    """The entry's device: as stored, or registered from the entry."""
    if not isinstance(info, dict) or not isinstance(info.get("id"), str):
        raise _Failed("journal.malformed", "no device in the entry")
    device = session.get(Device, info["id"])
    if device is not None:
        if device.user_id != info.get("user_id"):
            raise _Failed("device.taken", f"device {device.id} belongs to another user here")
        if device.ed25519_key != info.get("ed25519"):
            raise _Failed("device.key_mismatch", f"device {device.id} has other keys here")
        return device
    user_id = info.get("user_id")
    if session.get(User, user_id) is None:
        raise _Failed("user.not_found", f"the account {info.get('username')!r} (user "
                                        f"{user_id}) of device {info['id']} is not in the "
                                        "database; the entry stays in the journal")
    created = _time(info.get("created_at"))
    device = Device(id=info["id"], user_id=user_id, name=str(info.get("name") or "")[:200],
                    ed25519_key=info["ed25519"], x25519_key=info["x25519"],
                    created_at=created, last_login_at=created)
    session.add(device)
    session.flush()
    report.devices += 1
    return device


def _op(session: Session, pusher: Pusher, entry: Entry, report: ReplayReport,
        known: dict[str, str]) -> None:
    data = entry.data
    item = {"op": data.get("op"), "sig": data.get("sig"), "relayed_by": data.get("relayed_by")}
    op_id: str | None = None
    try:
        signed = SignedOp.from_json(item)
        op_id = signed.parse().op_id
    except ContractError as exc:
        raise _Failed(exc.issue.code, "the journalled op does not parse") from exc
    prior = known.get(op_id)
    if prior is not None:
        if prior != signed.op_hash():
            raise _Failed("op.id_reused", "another op holds this op_id")
        report.skipped += 1
        return
    _device(session, data.get("device"), report)
    pusher.epoch = str(data.get("epoch") or pusher.epoch)  # the epoch it met live
    pusher.server_time_ms = int(data.get("received_ms") or pusher.server_time_ms)
    result = pusher.push(item)
    if result["status"] == "deferred":
        raise _Failed("journal.deferred", "the device is unknown")
    if result["duplicate"]:
        report.skipped += 1
        return
    if result["status"] == "rejected" and result["error"] and result["error"]["code"] in (
            "op.bad_signature", "op.malformed", "op.not_canonical", "op.id_reused"):
        raise _Failed(result["error"]["code"], "refused before any result was stored")
    report.replayed += 1
    live = data.get("result") or {}
    if (live.get("status"), live.get("version")) != (result["status"], result["version"]):
        error = result["error"]["code"] if result["error"] else None
        now = f"{result['status']} v{result['version']}" + (f" ({error})" if error else "")
        report.differs.append(Difference(entry.where, str(op_id),
                                         f"{live.get('status')} v{live.get('version')}", now))


def _revoke(session: Session, entry: Entry, report: ReplayReport) -> None:
    device = session.get(Device, entry.data.get("device_id"))
    if device is None:
        raise _Failed("device.not_found", "the revoked device is not in the database")
    if device.revoked_at is None:
        device.revoked_at = _time(entry.data.get("revoked_at"))
        device.revoked_by = entry.data.get("revoked_by")
        session.add(device)
        session.flush()
        report.revoked += 1


def _account(session: Session, entry: Entry, report: ReplayReport) -> None:
    info = entry.data.get("user")
    if not isinstance(info, dict) or not isinstance(info.get("id"), str) \
            or info.get("role") not in ROLES or not isinstance(info.get("username"), str):
        raise _Failed("journal.malformed", "no account in the entry")
    same_name = session.execute(select(User).where(
        User.username == info["username"], User.id != info["id"])).scalars().first()
    if same_name is not None:
        raise _Failed("user.exists", f"the username {info['username']!r} is another "
                                     "user's here")
    user = session.get(User, info["id"])
    if user is None:
        user = User(id=info["id"], username=info["username"],
                    created_at=_time(info.get("created_at")))
    user.username, user.name = info["username"], str(info.get("name") or "")
    user.role, user.active = info["role"], bool(info.get("active"))
    user.password_hash = str(info.get("password_hash") or "")
    user.updated_at = _time(info.get("updated_at"))
    session.add(user)
    session.flush()
    session.execute(delete(UserArea).where(col(UserArea.user_id) == user.id))
    session.add_all(UserArea(user_id=user.id, code=str(code))
                    for code in info.get("areas") or ())
    session.flush()
    report.accounts += 1


def _entry(session: Session, pusher: Pusher, entry: Entry, report: ReplayReport,
           known: dict[str, str]) -> None:
    kind = entry.data.get("kind")
    counts = (report.replayed, report.skipped, report.devices, report.revoked,
              report.accounts)
    try:
        with session.begin_nested():  # a failed entry leaves nothing behind
            if kind == "op":
                _op(session, pusher, entry, report, known)
            elif kind == "device":
                _device(session, entry.data.get("device"), report)
            elif kind == "revoke":
                _revoke(session, entry, report)
            elif kind == "account":
                _account(session, entry, report)
            else:
                raise _Failed("journal.malformed", f"unknown entry kind {kind!r}")
    except _Failed as failure:  # its savepoint is rolled back: so are its counts
        (report.replayed, report.skipped, report.devices, report.revoked,
         report.accounts) = counts
        report.failed.append(Failure(entry.where, _op_id(entry), failure.code,
                                     failure.detail))


def _op_id(entry: Entry) -> str | None:
    if entry.data.get("kind") != "op":
        return None
    try:
        value = json.loads(entry.data["op"]).get("op_id")
    except (TypeError, KeyError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _applied(session: Session, entries: list[Entry]) -> dict[str, str]:
    """op_id -> op hash of the chunk's ops that already have a final result."""
    ids = [op_id for op_id in map(_op_id, entries) if op_id is not None]
    if not ids:
        return {}
    rows = session.execute(select(AppliedOp.op_id, AppliedOp.op_hash).where(
        col(AppliedOp.op_id).in_(ids)))
    return {row.op_id: row.op_hash for row in rows}


def _chunks(entries: Iterator[Entry], size: int) -> Iterator[list[Entry]]:
    chunk: list[Entry] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def replay(database: Database, journal: Journal, *, batch: int = BATCH) -> ReplayReport:
    """Apply what ``database`` lacks of ``journal``; see the module's docstring."""
    reading = Reading()
    report = ReplayReport()
    for chunk in _chunks(journal.iterate(reading), batch):
        with database.writing() as session:
            journals.suppress(session)  # these entries are in the journal already
            lock_counter(session)
            pusher = Pusher(session, REPLAYER)
            epoch, now = pusher.epoch, pusher.server_time_ms
            known = _applied(session, chunk)
            for entry in chunk:
                _entry(session, pusher, entry, report, known)
                pusher.epoch, pusher.server_time_ms = epoch, now
    report.torn = list(reading.torn)
    report.failed += [Failure(where, None, "journal.corrupt", "checksum or JSON does not "
                                                              "match: the line is damaged")
                      for where in reading.corrupt]
    return report
