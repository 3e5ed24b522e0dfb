"""The op journal: every verified op, kept outside the database (SYNC.md rule 6).

A restored snapshot rolls the database back; the journal does not roll back with it,
so ``porpiang-server restore`` can replay what the snapshot lacks
(:mod:`sync.server.replay`).

- **What**: one entry per op that received a *final* result in a push batch (the
  signed op exactly as received — op text, signature, relayer — the signing device's
  registered keys and user id, the epoch and server time it was applied under, and
  its live result), one per device registered at login, one per device revoked, and
  one per account change (the whole account after it: role, areas, active, password
  hash).
- **When**: the entries of a transaction are written and ``fsync``-ed in the
  session's ``before_commit`` hook, i.e. *before* the transaction commits: every op
  that has a final result is in the journal.  A crash between the ``fsync`` and the
  commit leaves an entry whose op has no result; replay applies it as the device's
  retry would.  A rolled-back transaction writes nothing.
- **Format**: append-only segment files ``journal-000001.jsonl``, … in the journal
  folder.  Each line is ``<sha256 hex of the JSON text> <JSON text>\\n`` (UTF-8; the
  JSON has sorted keys and no raw newline).  A segment holds at most one UTC day of
  entries and at most ``segment_bytes`` (64 MiB); journal order is segment number,
  then line.  A line that does not end in a newline or fails its checksum at the end
  of a segment is *torn* (a crash mid-write): it is ignored with a warning, and the
  writer starts a new segment instead of appending behind it.  A bad line followed by
  good ones is *corrupt* and reported.
- **Concurrency**: appends hold a thread lock and an exclusive ``flock`` on
  ``journal.lock`` in the folder, so threads, uvicorn workers and a concurrent
  ``porpiang-server user revoke`` never interleave lines.  Push batches journal under
  the change counter's lock (taken first in every batch), so their journal order is
  their commit order.
- **Where**: ``ServerSettings.journal_dir`` (``journal/`` in the data folder unless
  ``--journal-dir``/``PORPIANG_SERVER_JOURNAL_DIR`` say otherwise); never inside the
  snapshot folder.  Files are created ``0600`` (they hold personal data).
- **Attaching**: :func:`attach` ties a :class:`Journal` to a :class:`Database`
  (``porpiang-server run`` and the ``user`` commands do); sessions of a database with
  no journal attached journal nothing.  Replay marks its sessions with
  :func:`suppress`, so replayed ops are not journalled twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session

try:  # POSIX; elsewhere only the thread lock guards appends (one server process)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

SEGMENT_PREFIX, SEGMENT_SUFFIX = "journal-", ".jsonl"
LOCK_FILE = "journal.lock"
DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024
MIN_RETENTION_DAYS = 90
CHECK_LENGTH = 64  # a sha256 in hex
FORMAT = 1

PENDING_KEY = "porpiang.journal.pending"
SUPPRESS_KEY = "porpiang.journal.suppressed"


def _now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def encode_line(entry: dict[str, Any]) -> bytes:
    text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = text.encode("utf-8")
    return hashlib.sha256(data).hexdigest().encode("ascii") + b" " + data + b"\n"


def decode_line(line: bytes) -> dict[str, Any] | None:
    """The entry of one line (without its newline), or ``None`` when it is not whole."""
    if len(line) <= CHECK_LENGTH + 1 or line[CHECK_LENGTH:CHECK_LENGTH + 1] != b" ":
        return None
    data = line[CHECK_LENGTH + 1:]
    if hashlib.sha256(data).hexdigest().encode("ascii") != line[:CHECK_LENGTH]:
        return None
    try:
        entry = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None


@dataclass(frozen=True)
class Entry:
    segment: str
    line: int  # from 1
    data: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.segment}:{self.line}"


@dataclass
class Reading:
    """What a read found: the good entries (when kept), torn and corrupt lines."""

    entries: list[Entry] = field(default_factory=list)
    torn: list[str] = field(default_factory=list)  # "segment:line", ignored
    corrupt: list[str] = field(default_factory=list)  # "segment:line", reported


def segment_number(path: Path) -> int | None:
    name = path.name
    if not (name.startswith(SEGMENT_PREFIX) and name.endswith(SEGMENT_SUFFIX)):
        return None
    digits = name[len(SEGMENT_PREFIX):-len(SEGMENT_SUFFIX)]
    return int(digits) if digits.isdigit() else None


def segment_name(number: int) -> str:
    return f"{SEGMENT_PREFIX}{number:06d}{SEGMENT_SUFFIX}"


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ends_torn(path: Path) -> bool:
    size = path.stat().st_size
    if size == 0:
        return False
    with path.open("rb") as handle:
        handle.seek(size - 1)
        return handle.read(1) != b"\n"


class Journal:
    """Append-only segments of checksummed JSON lines in ``folder``."""

    def __init__(self, folder: Path | str, *, segment_bytes: int = DEFAULT_SEGMENT_BYTES) -> None:
        self.folder = Path(folder)
        self.segment_bytes = segment_bytes
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Journal({str(self.folder)!r})"

    # -- writing ------------------------------------------------------------------------
    def segments(self) -> list[Path]:
        """The segment files, in journal order."""
        if not self.folder.is_dir():
            return []
        found = [(n, p) for p in self.folder.iterdir() if (n := segment_number(p)) is not None]
        return [p for _, p in sorted(found)]

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if fcntl is None:  # pragma: no cover
                yield
                return
            fd = os.open(self.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)  # releases the flock

    def _target(self) -> tuple[Path, bool]:
        """The segment to append to, and whether it is new.  A new one after a day
        change, at the size limit, or behind a torn tail."""
        segments = self.segments()
        if segments:
            last = segments[-1]
            info = last.stat()
            today = datetime.now(UTC).date()
            if (info.st_size < self.segment_bytes and not _ends_torn(last)
                    and datetime.fromtimestamp(info.st_mtime, UTC).date() == today):
                return last, False
            number = (segment_number(last) or 0) + 1
        else:
            number = 1
        return self.folder / segment_name(number), True

    def append(self, entries: Sequence[dict[str, Any]]) -> None:
        """Write ``entries`` at the end of the journal and ``fsync`` them."""
        if not entries:
            return
        data = b"".join(encode_line({"format": FORMAT, **entry}) for entry in entries)
        with self._exclusive():
            target, fresh = self._target()
            fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
            if fresh:
                _fsync_dir(self.folder)

    # -- reading ------------------------------------------------------------------------
    def iterate(self, reading: Reading | None = None) -> Iterator[Entry]:
        """Every whole entry in journal order, one segment in memory at a time; torn
        tails are ignored with a warning, torn and corrupt lines noted in ``reading``."""
        reading = reading if reading is not None else Reading()
        for path in self.segments():
            lines = path.read_bytes().split(b"\n")
            ended = lines[-1] == b""  # the last line had its newline
            if ended:
                lines.pop()
            decoded = [decode_line(line) for line in lines]
            if not ended and decoded:
                decoded[-1] = None  # never finished: torn, whatever it holds
            last_good = max((i for i, e in enumerate(decoded) if e is not None), default=-1)
            for index, entry in enumerate(decoded):
                where = f"{path.name}:{index + 1}"
                if entry is not None:
                    yield Entry(path.name, index + 1, entry)
                elif index > last_good:
                    reading.torn.append(where)
                    log.warning("journal: ignoring the torn line %s (an interrupted write)",
                                where)
                else:
                    reading.corrupt.append(where)
                    log.error("journal: line %s is corrupt (checksum or JSON)", where)

    def read(self) -> Reading:
        """The whole journal in memory (tests, small journals)."""
        reading = Reading()
        reading.entries = list(self.iterate(reading))
        return reading

    # -- retention ----------------------------------------------------------------------
    def prune(self, older_than_days: int, *, now: float | None = None) -> list[Path]:
        """Delete the segments last written more than ``older_than_days`` days ago
        (never fewer than 90 days, never the newest segment); returns them."""
        if older_than_days < MIN_RETENTION_DAYS:
            raise ValueError(f"the journal is kept at least {MIN_RETENTION_DAYS} days "
                             f"(clients keep acknowledged ops that long)")
        limit = (time.time() if now is None else now) - older_than_days * 86400
        removed: list[Path] = []
        with self._exclusive():
            for path in self.segments()[:-1]:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed.append(path)
            if removed:
                _fsync_dir(self.folder)
        return removed


# -- attaching a journal to a database ----------------------------------------------------
_ATTACHED: weakref.WeakKeyDictionary[Engine, Journal] = weakref.WeakKeyDictionary()


def attach(database: Any, journal: Journal) -> Journal:
    """Journal every op, registration and revocation written through ``database``."""
    _ATTACHED[database.write_engine] = journal
    return journal


def detach(database: Any) -> None:
    _ATTACHED.pop(database.write_engine, None)


def journal_of(database: Any) -> Journal | None:
    return _ATTACHED.get(database.write_engine)


def _session_journal(session: Session) -> Journal | None:
    try:
        bind = session.get_bind()
    except Exception:  # noqa: BLE001 - an unbound session journals nothing
        return None
    return _ATTACHED.get(bind) if isinstance(bind, Engine) else None


def suppress(session: Session) -> None:
    """Nothing written in ``session`` is journalled (replay: it is there already)."""
    session.info[SUPPRESS_KEY] = True
    session.info.pop(PENDING_KEY, None)


def _write_pending(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: the batch goes on
        return
    pending = session.info.pop(PENDING_KEY, None)
    journal = _session_journal(session)
    if pending and journal is not None:
        journal.append(pending)  # raises: the transaction does not commit


def _drop_pending(session: Session, previous: Any) -> None:
    if previous.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(PENDING_KEY, None)


def _active(session: Session) -> bool:
    return not session.info.get(SUPPRESS_KEY) and _session_journal(session) is not None


def _record(session: Session, entry: dict[str, Any]) -> None:
    pending = session.info.get(PENDING_KEY)
    if pending is None:
        pending = session.info[PENDING_KEY] = []
        if not session.info.get("porpiang.journal.hooked"):
            session.info["porpiang.journal.hooked"] = True
            event.listen(session, "before_commit", _write_pending)
            event.listen(session, "after_soft_rollback", _drop_pending)
    pending.append({"at": _now_text(), **entry})


def device_entry(session: Session, device: Any) -> dict[str, Any]:
    """What replay needs to register ``device`` again (no token), and its user's
    username for the report when the account is missing."""
    from sync.server.models import User

    with session.no_autoflush:
        user = session.get(User, device.user_id)
    created = device.created_at
    return {"id": device.id, "user_id": device.user_id, "name": device.name,
            "username": user.username if user is not None else None,
            "ed25519": device.ed25519_key, "x25519": device.x25519_key,
            "created_at": created.isoformat() if created is not None else None}


def record_op(session: Session, signed: Any, device: Any, *, epoch: str, received_ms: int,
              result: dict[str, Any]) -> None:
    """Journal a verified op that just received a final result in ``session``."""
    if not _active(session):
        return
    _record(session, {"kind": "op", "op": signed.op, "sig": signed.sig,
                      "relayed_by": signed.relayed_by, "device": device_entry(session, device),
                      "epoch": epoch, "received_ms": received_ms,
                      "result": {"status": result["status"], "version": result["version"]}})


def record_device(session: Session, device: Any) -> None:
    """Journal a device registered at login (its keys, its user)."""
    if not _active(session):
        return
    _record(session, {"kind": "device", "device": device_entry(session, device)})


def record_account(session: Session, user: Any, areas: Sequence[str]) -> None:
    """Journal an account as it is after a change (made, renamed, role, areas,
    password, deactivated): a restore replays it in journal order, so every later op
    is judged under the account as it was live, and a new password is not undone.
    Holds the argon2 hash, as the database and its snapshots do."""
    if not _active(session):
        return
    _record(session, {"kind": "account", "user": {
        "id": user.id, "username": user.username, "name": user.name, "role": user.role,
        "areas": list(areas), "active": bool(user.active),
        "password_hash": user.password_hash,
        "created_at": user.created_at.isoformat() if user.created_at else None,
        "updated_at": user.updated_at.isoformat() if user.updated_at else None}})


def record_revocation(session: Session, device: Any) -> None:
    """Journal a device's revocation (a restore must not bring a lost laptop back)."""
    if not _active(session):
        return
    revoked = device.revoked_at
    _record(session, {"kind": "revoke", "device_id": device.id,
                      "revoked_by": device.revoked_by,
                      "revoked_at": revoked.isoformat() if revoked is not None else None})
