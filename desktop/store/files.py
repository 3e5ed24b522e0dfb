"""Attachment bytes: content-addressed by SHA-256, encrypted on disk.

A file is written (encrypted, atomically) before the transaction that records its
attachment row; a file whose transaction failed is an unreferenced leftover, never
a row without its bytes.  On-disk names are keyed hashes, so the folder does not
reveal which photo is which.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from sqlalchemy import Connection, insert, select

from desktop.store import crypto
from desktop.store.errors import StoreError
from desktop.store.schema import blobs


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _path(files_dir: Path, key: bytes, sha256: str) -> Path:
    name = crypto.file_name(key, sha256)
    return files_dir / name[:2] / name


def write_file(files_dir: Path, key: bytes, data: bytes) -> str:
    """Encrypt and store ``data``; returns its SHA-256 (idempotent)."""
    sha256 = sha256_of(data)
    path = _path(files_dir, key, sha256)
    if path.exists():
        return sha256
    path.parent.mkdir(parents=True, exist_ok=True)
    # A temporary file of this writer's own: two threads storing the same bytes at
    # once each write whole and the second rename replaces the first with the same.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name,
                                             suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(crypto.encrypt_file(key, sha256, data))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sha256


def read_file(files_dir: Path, key: bytes, sha256: str) -> bytes:
    path = _path(files_dir, key, sha256)
    if not path.exists():
        raise StoreError("file.missing", "sha256")
    data = crypto.decrypt_file(key, sha256, path.read_bytes())
    if sha256_of(data) != sha256:
        raise StoreError("file.corrupt", "sha256")
    return data


def register_blob(connection: Connection, sha256: str, size: int, mime_type: str | None,
                  created_at: str) -> None:
    """Note local bytes as pending upload (once per hash)."""
    if connection.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha256)).first():
        return
    connection.execute(insert(blobs).values(sha256=sha256, size=size, mime_type=mime_type,
                                            state="pending", created_at=created_at))
