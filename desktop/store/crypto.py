"""Keys of a profile: one random database key, wrapped several ways.

The database key (32 random bytes) opens the SQLCipher file directly as a raw key,
so a connection never pays a key derivation.  It is stored only wrapped (AES-256-GCM):

* by a key derived from the user's password with Argon2id (offline unlock);
* by the recovery key shown once at profile creation (HKDF: it is already random);
* by the X25519 public keys of district supervisors (ECIES: an ephemeral X25519
  exchange and HKDF), so a supervisor can open a profile whose password is lost.

Files (photos, documents) are encrypted with keys derived from the database key.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.store.errors import StoreError

KEY_BYTES = 32
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
RECOVERY_LENGTH = 32  # ≈ 158 bits


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost.  The defaults take ≈ 0.3 s on a cheap laptop."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    def to_json(self) -> dict[str, int]:
        return {"time_cost": self.time_cost, "memory_kib": self.memory_kib,
                "parallelism": self.parallelism}


FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)  # tests and demo


def new_database_key() -> bytes:
    return os.urandom(KEY_BYTES)


def password_kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, params.time_cost, params.memory_kib,
                           params.parallelism, KEY_BYTES, Type.ID)


def _hkdf(secret: bytes, info: bytes) -> bytes:
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=info).derive(secret)


def new_recovery_key() -> str:
    """A recovery key to show once, grouped for reading aloud: ABCD-EFGH-…"""
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def recovery_kek(recovery_key: str) -> bytes:
    cleaned = "".join(ch for ch in recovery_key.upper() if ch.isalnum())
    return _hkdf(cleaned.encode("ascii", errors="replace"), b"porpiang recovery key v1")


def wrap(kek: bytes, key: bytes, context: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    return {"nonce": b64(nonce), "ct": b64(AESGCM(kek).encrypt(nonce, key, context))}


def unwrap(kek: bytes, wrapped: dict[str, str], context: bytes) -> bytes:
    """The wrapped key, or ``StoreError("profile.wrong_secret")``."""
    try:
        return AESGCM(kek).decrypt(unb64(wrapped["nonce"]), unb64(wrapped["ct"]), context)
    except (InvalidTag, KeyError, ValueError) as exc:
        raise StoreError("profile.wrong_secret", "password") from exc


def raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def wrap_for_recipient(public_key: bytes, key: bytes, context: bytes) -> dict[str, str]:
    """``key`` readable only by the holder of the X25519 private key of ``public_key``."""
    ephemeral = X25519PrivateKey.generate()
    recipient = X25519PublicKey.from_public_bytes(public_key)
    ephemeral_public = raw_public(ephemeral.public_key())
    kek = _hkdf(ephemeral.exchange(recipient),
                b"porpiang recipient wrap v1" + ephemeral_public + public_key)
    return {"recipient": b64(public_key), "ephemeral": b64(ephemeral_public),
            **wrap(kek, key, context)}


def unwrap_as_recipient(private_key: X25519PrivateKey, wrapped: dict[str, str],
                        context: bytes) -> bytes:
    ephemeral_public = unb64(wrapped["ephemeral"])
    own_public = raw_public(private_key.public_key())
    shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    kek = _hkdf(shared, b"porpiang recipient wrap v1" + ephemeral_public + own_public)
    return unwrap(kek, wrapped, context)


def file_key(database_key: bytes) -> bytes:
    return _hkdf(database_key, b"porpiang files v1")


def file_name(database_key: bytes, sha256: str) -> str:
    """The on-disk name of a file: keyed, so names do not reveal content hashes."""
    return _hkdf(database_key, b"porpiang file name v1 " + sha256.encode()).hex()


def encrypt_file(database_key: bytes, sha256: str, data: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(file_key(database_key)).encrypt(nonce, data, sha256.encode())


def decrypt_file(database_key: bytes, sha256: str, blob: bytes) -> bytes:
    try:
        return AESGCM(file_key(database_key)).decrypt(blob[:12], blob[12:], sha256.encode())
    except InvalidTag as exc:
        raise StoreError("file.corrupt", "sha256") from exc
