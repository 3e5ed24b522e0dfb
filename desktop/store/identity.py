"""The device identity of a profile, kept inside its encrypted database.

Made on first open: an Ed25519 key pair (signs every op) and an X25519 key pair
(receives encrypted bundles); the device id comes from the profile.  Also here:
the device's op counter and its hybrid logical clock, both advanced inside the
transaction that writes the op; the writer commits with ``synchronous = FULL``, so
a committed op survives a power cut and its ``device_seq`` is never reused.

**Incarnations.**  A profile that was copied to another machine, restored from a
backup or whose device was revoked takes a new identity (:func:`new_identity`): a
new device id and new key pairs, in one transaction.  The old id becomes a
*predecessor* (kept in the ``identity`` setting with the highest ``device_seq`` it
used, why and when; its private keys are dropped).  Its ops stay valid: acknowledged
ones stay, pending ones stay in the outbox exactly as signed and are pushed relayed
by the new id.  ``device_seq`` goes on counting above every op the profile ever made
(the outbox is ordered by it), so the new id's first op is not 1 when the old id
made ops.  The database is the authority on the identity: a profile whose
``profile.json`` still names a predecessor opens with the current identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import Connection, func, select

from desktop.store import crypto
from desktop.store.rows import now_iso, read_setting, write_setting
from desktop.store.schema import acked_ops, outbox
from sync.records.hlc import Hlc, HybridClock
from sync.records.ids import new_id
from sync.records.signing import SigningKey, b64encode


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    signing_key: SigningKey = field(repr=False)
    exchange_key: X25519PrivateKey = field(repr=False)

    def public_keys(self) -> dict[str, str]:
        """Both public keys as the protocol carries them: URL-safe base64 of 32 bytes."""
        x25519 = crypto.raw_public(self.exchange_key.public_key())
        return {"ed25519": self.signing_key.public_key(), "x25519": b64encode(x25519)}


def _store(connection: Connection, identity: DeviceIdentity,
           predecessors: list[dict[str, Any]]) -> None:
    raw_exchange = identity.exchange_key.private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                       NoEncryption())
    write_setting(connection, "identity", {"device_id": identity.device_id,
                                           "ed25519": identity.signing_key.raw().hex(),
                                           "x25519": raw_exchange.hex(),
                                           "predecessors": predecessors})


def load_identity(connection: Connection, device_id: str) -> DeviceIdentity:
    """The identity stored in the database — also when ``device_id`` (the profile's)
    names one of its predecessors — made on first call."""
    stored = read_setting(connection, "identity")
    if isinstance(stored, dict) and (stored.get("device_id") == device_id or device_id in {
            p.get("device_id") for p in stored.get("predecessors") or ()}):
        return DeviceIdentity(str(stored["device_id"]),
                              SigningKey.from_raw(bytes.fromhex(stored["ed25519"])),
                              X25519PrivateKey.from_private_bytes(bytes.fromhex(stored["x25519"])))
    identity = DeviceIdentity(device_id, SigningKey.generate(), X25519PrivateKey.generate())
    _store(connection, identity, [])
    return identity


def predecessors(connection: Connection) -> list[dict[str, Any]]:
    """The earlier incarnations of this profile's device, oldest first:
    ``{device_id, last_seq, reason, at}``."""
    stored = read_setting(connection, "identity")
    return list(stored.get("predecessors") or []) if isinstance(stored, dict) else []


def new_identity(connection: Connection, previous: DeviceIdentity, *,
                 reason: str) -> DeviceIdentity:
    """A new incarnation: new device id and key pairs; ``previous`` becomes a
    predecessor (with the highest ``device_seq`` the profile used so far)."""
    history = predecessors(connection)
    history.append({"device_id": previous.device_id, "last_seq": highest_seq(connection),
                    "reason": reason, "at": now_iso()})
    identity = DeviceIdentity(new_id(), SigningKey.generate(), X25519PrivateKey.generate())
    _store(connection, identity, history)
    return identity


def highest_seq(connection: Connection) -> int:
    """The highest op number this profile ever used, under any of its device ids."""
    return max(int(read_setting(connection, "device_seq", 0) or 0),
               connection.execute(select(func.max(outbox.c.device_seq))).scalar() or 0,
               connection.execute(select(func.max(acked_ops.c.device_seq))).scalar() or 0)


def next_device_seq(connection: Connection) -> int:
    """The next op number: above every op this profile ever wrote (under any id)."""
    highest = highest_seq(connection)
    write_setting(connection, "device_seq", highest + 1)
    return highest + 1


def load_clock(connection: Connection, device_id: str) -> HybridClock:
    last = read_setting(connection, "clock_last")
    server_time = read_setting(connection, "server_time_ms")
    return HybridClock(device_id, last=Hlc.parse(last) if isinstance(last, str) else None,
                       server_time_ms=int(server_time) if server_time else None)


def tick(connection: Connection, clock: HybridClock) -> str:
    """A new timestamp above the saved one too (another replica object on the same
    database may have advanced it), persisted with the transaction that uses it."""
    saved = read_setting(connection, "clock_last")
    if isinstance(saved, str) and Hlc.parse(saved) > clock.last:
        clock.last = Hlc.parse(saved)  # our own stamp: never clamped, never gone back
    stamp = str(clock.now())
    write_setting(connection, "clock_last", stamp)
    return stamp
