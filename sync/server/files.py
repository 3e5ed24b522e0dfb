"""Attachment bytes on the server: content-addressed files beside the database.

The bytes of an ``attachment`` record (a photo, a scanned document) are kept as files
under ``blobs/`` of the data folder, named by their SHA-256 — never in the database,
never in the op journal.  A file is immutable: its name is its content.

- **Complete files**: ``blobs/<first two hex digits>/<sha256>``.  A file appears there
  only whole and checked: the upload is written to a partial file, ``fsync``-ed, its
  SHA-256 computed over everything received, and only then renamed into place (one
  ``rename`` on the same file system) and the folder ``fsync``-ed.  So the folder
  never holds a partial or a wrong file, whatever is killed when.
- **Uploads in progress**: ``blobs/partial/<sha256>``, one per hash, appended a chunk at
  a time (``PATCH`` with ``Upload-Offset``; :meth:`BlobStore.append`).  Its size *is*
  the upload offset: a chunk is appended whole or not at all (a body cut short never
  reaches the file; a failed write is truncated back).  Since the name is the hash,
  any uploader's bytes are a prefix of the same content: two devices sending the
  same photo continue each other's upload; a lie is caught by the hash at the end
  and the partial file is dropped.  Appends hold an exclusive ``flock`` on the partial
  file (several worker processes may serve uploads), checked to still be the file
  of that name after the lock is taken.

**Who may do what** (judged from the **stored** attachment rows, never the client's
claim; a tombstone keeps no ``sha256``, so a deleted attachment names nothing):

- *read* (download): the caller may read the tambon of a live attachment row naming
  the hash — exactly who pulls that row;
- *upload*: the caller may write the tambon of a live attachment row naming the hash,
  or wrote a version of such a row themselves (its author: the row moved since to a
  tambon they may not write, or they lost the area before the bytes went up).
  Storing bytes reveals nothing — reading stays scoped to the row's tambon — and the
  hash guarantees the content, so this rule never leaves a photo stranded on the
  laptop that took it while a row names it, and never shows one to another area.

Bytes whose attachment op has not reached the server yet are refused (no row names
them): a client uploads after the op's final result (``sync/PROTOCOL.md``,
"Attachment bytes").  Files no live row names any more stay on disk (and are not
served); nothing deletes them automatically.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlalchemy import and_, select
from sqlmodel import Session

from sync.server.errors import ApiError
from sync.server.models import RECORD_TABLES, RowHistory
from sync.server.scopes import Actor, can_read_tambon, can_write_tambon
from sync.server.settings import MIB

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux: run one server process
    fcntl = None  # type: ignore[assignment]

SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_BLOB_BYTES = 32 * MIB  # the largest file the server takes (photos are ~0.2–1 MiB)
CHUNK_BYTES = MIB  # the chunk a client should send (SYNC.md 10: ≤ 1 MiB)
MAX_HASHES = 1000  # hashes per POST /blobs/missing
PARTIAL = "partial"
ATTACHMENT = RECORD_TABLES["attachment"]
HISTORY = RowHistory.__table__  # type: ignore[attr-defined]


def is_sha256(value: str) -> bool:
    return bool(SHA256.match(value))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobStore:
    """The ``blobs/`` folder: complete files by SHA-256 and uploads in progress."""

    def __init__(self, root: Path, *, max_bytes: int = MAX_BLOB_BYTES,
                 chunk_bytes: int = CHUNK_BYTES) -> None:
        self.root = Path(root)
        self.max_bytes, self.chunk_bytes = max_bytes, chunk_bytes
        self._lock = threading.Lock()  # only where flock is missing

    # -- where --------------------------------------------------------------------------
    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def partial_path(self, sha256: str) -> Path:
        return self.root / PARTIAL / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size

    def received(self, sha256: str) -> int:
        """Bytes of an unfinished upload already kept (0 when none)."""
        try:
            return self.partial_path(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    # -- writing ------------------------------------------------------------------------
    def put(self, data: bytes) -> str:
        """Store ``data`` whole (temp file, ``fsync``, rename); its SHA-256."""
        sha256 = hashlib.sha256(data).hexdigest()
        if self.has(sha256):
            return sha256
        final = self.path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        temporary = final.parent / f".{sha256}.{os.getpid()}.{threading.get_ident()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
        _fsync_dir(final.parent)
        return sha256

    def append(self, sha256: str, offset: int, length: int, data: bytes) -> int:
        """Append one chunk of the upload of ``sha256`` (``length`` bytes in all) at
        ``offset``; the offset reached.  When the last byte arrives the whole is
        checked against ``sha256`` and becomes the complete file (or is dropped:
        ``422 blob.hash_mismatch``).  A file already complete answers its size
        whatever was sent (an upload repeated after a lost answer)."""
        if length > self.max_bytes:
            raise ApiError(413, "blob.too_large", "Upload-Length", max=self.max_bytes)
        if self.has(sha256):
            return self.size(sha256)
        if offset + len(data) > length:
            raise ApiError(422, "request.invalid_value", "Upload-Length")
        with self._partial(sha256) as handle:
            if self.has(sha256):  # completed by another upload while we waited
                return self.size(sha256)
            current = os.fstat(handle.fileno()).st_size
            if offset != current:
                raise ApiError(409, "blob.offset_mismatch", "Upload-Offset", offset=current)
            try:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:  # a full disk: nothing of the chunk stays
                handle.truncate(current)
                raise ApiError(503, "server.busy", headers={"Retry-After": "5"}) from exc
            reached = current + len(data)
            if reached < length:
                return reached
            return self._complete(sha256, handle, reached)

    def _complete(self, sha256: str, handle: IO[bytes], size: int) -> int:
        handle.seek(0)
        digest = hashlib.sha256()
        for block in iter(lambda: handle.read(MIB), b""):
            digest.update(block)
        partial = self.partial_path(sha256)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            raise ApiError(422, "blob.hash_mismatch", "body", sha256=sha256)
        final = self.path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, final)
        _fsync_dir(final.parent)
        _fsync_dir(partial.parent)
        return size

    @contextmanager
    def _partial(self, sha256: str) -> Iterator[IO[bytes]]:
        """The partial file of ``sha256``, opened for appending under an exclusive
        lock, and still the file of that name once the lock is held."""
        partial = self.partial_path(sha256)
        partial.parent.mkdir(parents=True, exist_ok=True)
        if fcntl is None:  # pragma: no cover
            with self._lock, open(partial, "a+b") as handle:
                yield handle
            return
        while True:
            with open(partial, "a+b") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # released when closed
                try:
                    same = os.stat(partial).st_ino == os.fstat(handle.fileno()).st_ino
                except FileNotFoundError:
                    same = False
                if not same:  # renamed into place or dropped while we waited
                    continue
                try:
                    yield handle
                finally:
                    if self.has(sha256) and os.fstat(handle.fileno()).st_size == 0:
                        partial.unlink(missing_ok=True)  # an empty leftover of a late racer
                return


# -- who may read or upload what ---------------------------------------------------------
def _live_rows(session: Session, hashes: Iterable[str]) -> list[tuple[str, str | None]]:
    """(sha256, tambon) of the live attachment rows naming one of ``hashes``."""
    wanted = sorted(set(hashes))
    if not wanted:
        return []
    return [(row.sha256, row.tambon) for row in session.execute(
        select(ATTACHMENT.c.sha256, ATTACHMENT.c.tambon).where(
            ATTACHMENT.c.sha256.in_(wanted), ATTACHMENT.c.deleted.is_(False)))]


def readable(session: Session, actor: Actor, hashes: Iterable[str]) -> set[str]:
    """The hashes a live attachment row of a tambon ``actor`` may read names."""
    return {sha for sha, tambon in _live_rows(session, hashes) if can_read_tambon(actor, tambon)}


def uploadable(session: Session, actor: Actor, hashes: Iterable[str]) -> set[str]:
    """The hashes ``actor`` may upload: named by a live attachment row of a tambon they
    may write, or by one they wrote a version of."""
    wanted = set(hashes)
    allowed = {sha for sha, tambon in _live_rows(session, wanted)
               if can_write_tambon(actor, tambon)}
    rest = sorted(wanted - allowed)
    if rest:
        allowed |= set(session.execute(
            select(ATTACHMENT.c.sha256).distinct().join(HISTORY, and_(
                HISTORY.c.record_type == "attachment", HISTORY.c.record_id == ATTACHMENT.c.id))
            .where(ATTACHMENT.c.sha256.in_(rest), ATTACHMENT.c.deleted.is_(False),
                   HISTORY.c.author == actor.id)).scalars())
    return allowed


def which_missing(session: Session, store: BlobStore, actor: Actor,
                  hashes: list[str]) -> dict[str, object]:
    """The answer of ``POST /blobs/missing`` for ``hashes``."""
    may_read = readable(session, actor, hashes)
    may_upload = uploadable(session, actor, hashes)
    known = may_read | may_upload
    missing = [sha for sha in dict.fromkeys(hashes) if sha in known and not store.has(sha)]
    offsets = {sha: store.received(sha) for sha in missing
               if sha in may_upload and store.received(sha)}
    return {"missing": missing,
            "unknown": [sha for sha in dict.fromkeys(hashes) if sha not in known],
            "offsets": offsets, "max_blob_bytes": store.max_bytes,
            "chunk_bytes": store.chunk_bytes}
