"""Devices, their public keys and their tokens.

A device registers at login with the ``device_id`` and the Ed25519 and X25519 public
keys it made.  A device id belongs to one user for ever; its keys never change (a
re-installed replica takes a new device id).  The token is random
(``secrets.token_urlsafe``) and only its SHA-256 is stored: one live token per
device, replaced at each login, cleared by a logout.  A revoked device stays
revoked: its token answers ``401 auth.device_revoked`` and it cannot log in again;
ops it signed that still arrive (relayed) are quarantined for coordinators
(:mod:`sync.server.push`).  A profile copied to a second machine is flagged
(``copied_at``) and told by ``hello`` to take a new device id; the new incarnation
logs in as a new device of the same user.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from sync.records.thai import normalize_thai
from sync.server import journal
from sync.server.errors import ApiError
from sync.server.models import Device, utcnow

PUBLIC_KEY_BYTES = 32


@dataclass(frozen=True)
class PublicKeys:
    ed25519: str
    x25519: str


def check_public_key(text: str, *, field: str) -> str:
    """A canonical URL-safe base64 text of 32 bytes, or ``422 device.bad_key``."""
    try:
        raw = base64.urlsafe_b64decode(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raw = b""
    if len(raw) != PUBLIC_KEY_BYTES or base64.urlsafe_b64encode(raw).decode() != text:
        raise ApiError(422, "device.bad_key", field)
    return text


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def register_device(session: Session, *, user_id: str, device_id: str, name: str,
                    keys: PublicKeys) -> Device:
    """The device row for a login: made, or checked against the registered one."""
    check_public_key(keys.ed25519, field="public_keys.ed25519")
    check_public_key(keys.x25519, field="public_keys.x25519")
    device = session.get(Device, device_id, with_for_update=True)
    now, name = utcnow(), normalize_thai(name).strip()[:200]
    if device is None:
        device = Device(id=device_id, user_id=user_id, name=name, ed25519_key=keys.ed25519,
                        x25519_key=keys.x25519, created_at=now, last_login_at=now)
        journal.record_device(session, device)  # a restore re-registers it from the journal
    elif device.user_id != user_id:
        raise ApiError(409, "device.taken", "device_id")
    elif device.revoked_at is not None:
        raise ApiError(403, "auth.device_revoked", "device_id")
    elif (device.ed25519_key, device.x25519_key) != (keys.ed25519, keys.x25519):
        raise ApiError(409, "device.key_mismatch", "public_keys")
    device.name, device.last_login_at = name, now
    session.add(device)
    return device


def issue_token(session: Session, device: Device) -> str:
    """A new token for ``device`` (the previous one stops working)."""
    token = new_token()
    device.token_hash = token_hash(token)
    session.add(device)
    session.flush()
    return token


def device_by_token(session: Session, token: str) -> Device | None:
    return session.exec(select(Device).where(Device.token_hash == token_hash(token))).first()


def revoke_device(session: Session, device: Device, *, revoked_by: str | None) -> Device:
    if device.revoked_at is None:
        device.revoked_at, device.revoked_by = utcnow(), revoked_by
        session.add(device)
        journal.record_revocation(session, device)  # a restore must not bring it back
        session.flush()
    return device


def forget_token(session: Session, device: Device) -> None:
    device.token_hash = None
    session.add(device)
    session.flush()


def devices_of(session: Session, user_ids: list[str] | None = None) -> list[Device]:
    """Devices of those users (all devices with ``None``), oldest first."""
    statement = select(Device).order_by(col(Device.created_at), col(Device.id))
    if user_ids is not None:
        statement = statement.where(col(Device.user_id).in_(user_ids))
    return list(session.exec(statement).all())


def device_json(device: Device) -> dict[str, Any]:
    """A device as the devices API shows it to supervisors and administrators, with
    its flags: ``copied_at`` (a copied profile: ``hello`` tells it to take a new
    device id) and the clock flags (ops whose stamp the server clamped)."""
    return {
        "id": device.id, "user_id": device.user_id, "name": device.name,
        "public_keys": {"ed25519": device.ed25519_key, "x25519": device.x25519_key},
        "created_at": device.created_at, "last_login_at": device.last_login_at,
        "revoked_at": device.revoked_at, "revoked": device.revoked_at is not None,
        "copied_at": device.copied_at,
        "new_device_id_required": device.copied_at is not None,
        "clock_clamped_count": device.clock_clamped_count or 0,
        "clock_clamped_at": device.clock_clamped_at,
        "clock_ahead_ms": device.clock_ahead_ms,
    }
