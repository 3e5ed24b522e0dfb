"""Ed25519 device keys: signing op bytes and verifying them.

A device makes its key pair on the machine; only the public key leaves it (at login
or enrolment).  Keys travel as URL-safe base64 of the raw 32 bytes.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from sync.records.canonical import canonical_bytes
from sync.records.errors import ContractError


def b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise ContractError("op.bad_signature") from exc


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> "SigningKey":
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_raw(cls, raw: bytes) -> "SigningKey":
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    def raw(self) -> bytes:
        return self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    def public_key(self) -> str:
        raw = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return b64encode(raw)

    def sign(self, data: bytes) -> str:
        return b64encode(self.private.sign(data))


def verify(public_key: str, data: bytes, signature: str) -> None:
    """Raise ``ContractError("op.bad_signature")`` unless ``signature`` signs ``data``."""
    try:
        key = Ed25519PublicKey.from_public_bytes(b64decode(public_key))
        key.verify(b64decode(signature), data)
    except (InvalidSignature, ValueError) as exc:
        raise ContractError("op.bad_signature") from exc


def ack_bytes(op_id: str, status: str, version: int | None) -> bytes:
    """What the server's ``ack_sig`` signs: canonical ``{op_id, status, version}``."""
    return canonical_bytes({"op_id": op_id, "status": status, "version": version})
