"""The server's identity: its epoch and its Ed25519 key (one ``server_meta`` row).

The epoch names one continuous history of the store; a restore from a backup renews
it (SYNC.md rule 6), so clients know to re-send what the snapshot lost.  The key
signs final push results; its public half reaches every device at login.
"""

from __future__ import annotations

import base64
import uuid

from sqlmodel import Session

from sync.records.signing import SigningKey
from sync.server.models import ServerMeta, SyncCounter, utcnow


def new_epoch() -> str:
    return str(uuid.uuid4())


def ensure_server_meta(session: Session) -> ServerMeta:
    """The meta row, made (new epoch, new key) when the database has none."""
    meta = session.get(ServerMeta, 1)
    if meta is None:
        now = utcnow()
        raw = base64.urlsafe_b64encode(SigningKey.generate().raw()).decode("ascii")
        meta = ServerMeta(id=1, epoch=new_epoch(), epoch_started_at=now,
                          signing_key=raw, created_at=now)
        session.add(meta)
    if session.get(SyncCounter, 1) is None:
        session.add(SyncCounter(id=1, seq=0))
    session.flush()
    return meta


def server_meta(session: Session) -> ServerMeta:
    meta = session.get(ServerMeta, 1)
    if meta is None:
        raise LookupError("the server has no meta row: run 'porpiang-server migrate'")
    return meta


def server_signing_key(session: Session) -> SigningKey:
    return SigningKey.from_raw(base64.urlsafe_b64decode(server_meta(session).signing_key))


def server_public_key(session: Session) -> str:
    return server_signing_key(session).public_key()


def renew_epoch(session: Session) -> str:
    """Start a new epoch (after a restore); the key stays."""
    meta = server_meta(session)
    meta.epoch = new_epoch()
    meta.epoch_started_at = utcnow()
    session.add(meta)
    session.flush()
    return meta.epoch
