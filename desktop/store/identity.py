"""The device identity of a profile, kept inside its encrypted database.

Made on first open: an Ed25519 key pair (signs every op) and an X25519 key pair
(receives encrypted bundles); the device id comes from the profile.  Also here:
the device's op counter and its hybrid logical clock, both advanced inside the
transaction that writes the op; the writer commits with ``synchronous = FULL``, so
a committed op survives a power cut and its ``device_seq`` is never reused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import Connection, func, select

from desktop.store import crypto
from desktop.store.rows import read_setting, write_setting
from desktop.store.schema import acked_ops, outbox
from sync.records.hlc import Hlc, HybridClock
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


def load_identity(connection: Connection, device_id: str) -> DeviceIdentity:
    """The identity stored in the database, made on first call."""
    stored = read_setting(connection, "identity")
    if isinstance(stored, dict) and stored.get("device_id") == device_id:
        return DeviceIdentity(device_id,
                              SigningKey.from_raw(bytes.fromhex(stored["ed25519"])),
                              X25519PrivateKey.from_private_bytes(bytes.fromhex(stored["x25519"])))
    identity = DeviceIdentity(device_id, SigningKey.generate(), X25519PrivateKey.generate())
    raw_exchange = identity.exchange_key.private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                       NoEncryption())
    write_setting(connection, "identity", {"device_id": device_id,
                                           "ed25519": identity.signing_key.raw().hex(),
                                           "x25519": raw_exchange.hex()})
    return identity


def next_device_seq(connection: Connection) -> int:
    """The next op number: above every op this device ever wrote."""
    counter = int(read_setting(connection, "device_seq", 0) or 0)
    highest = max(counter,
                  connection.execute(select(func.max(outbox.c.device_seq))).scalar() or 0,
                  connection.execute(select(func.max(acked_ops.c.device_seq))).scalar() or 0)
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
