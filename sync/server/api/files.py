"""Attachment bytes: ``POST /blobs/missing``, ``PATCH /blobs/{sha256}`` (a chunk of an
upload), ``GET /blobs/{sha256}`` (the bytes, ``Range`` allowed).

The rules — who may upload or read which hash, how files are kept — are in
:mod:`sync.server.files`; the exchange is in ``sync/PROTOCOL.md`` ("Attachment bytes").
A hash the caller may not use answers ``404 record.not_found``, exactly as one no
attachment row names: the answers never tell whether another area holds a photo.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, Response
from pydantic import Field, StringConstraints

from sync.server import files
from sync.server.api.deps import ActorDep, DbDep
from sync.server.errors import ApiError
from sync.server.schemas import RequestBody
from sync.server.scopes import Actor

router = APIRouter(prefix="/blobs", tags=["blobs"])

Sha256 = Annotated[str, StringConstraints(pattern=files.SHA256.pattern)]
OCTETS = "application/octet-stream"
RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


class MissingIn(RequestBody):
    hashes: Annotated[list[Sha256], Field(max_length=files.MAX_HASHES)]


def app_blob_store(app: Any) -> files.BlobStore:
    """The app's store (made on first use under the settings' ``blobs/`` folder)."""
    store = getattr(app.state, "blob_store", None)
    if store is None:
        store = files.BlobStore(app.state.settings.blob_dir)
        app.state.blob_store = store
    return store


def blob_store(request: Request) -> files.BlobStore:
    return app_blob_store(request.app)


def _chunk_bytes(request: Request, store: files.BlobStore) -> int:
    """The chunk clients should send: at most 1 MiB, and half the body limit."""
    return max(1, min(store.chunk_bytes, request.app.state.settings.max_body_bytes // 2))


def _not_found(sha256: str) -> ApiError:
    return ApiError(404, "record.not_found", "sha256")


@router.post("/missing")
def missing(body: MissingIn, actor: ActorDep, db: DbDep, request: Request) -> dict[str, Any]:
    """Of ``hashes``: those the caller may upload (or read) whose bytes the server
    lacks (``missing``, with ``offsets`` of unfinished uploads), those no attachment
    row the caller may use names (``unknown``); the rest the server holds.  Also the
    largest file it takes and the chunk size to send."""
    store = blob_store(request)
    with db.reading() as session:
        answer = files.which_missing(session, store, actor, list(body.hashes))
    return {**answer, "chunk_bytes": _chunk_bytes(request, store)}


def _may_upload(db: Any, actor: Actor, sha256: str) -> bool:
    with db.reading() as session:
        return sha256 in files.uploadable(session, actor, [sha256])


def _header_int(request: Request, name: str) -> int:
    raw = request.headers.get(name)
    if raw is None:
        raise ApiError(422, "request.missing_field", name)
    if not raw.strip().isdigit() or len(raw.strip()) > 15:
        raise ApiError(422, "request.invalid_value", name)
    return int(raw.strip())


@router.patch("/{id}", openapi_extra={"requestBody": {
    "required": True, "content": {OCTETS: {"schema": {"type": "string", "format": "binary"}}},
    "description": "bytes [Upload-Offset, Upload-Offset + length) of the file"}})
async def upload(sha256: Annotated[str, Path(alias="id")], actor: ActorDep, db: DbDep,
                 request: Request) -> dict[str, Any]:
    """One chunk of the file named ``sha256`` (headers ``Upload-Offset``: where the
    chunk starts; ``Upload-Length``: the file's size).  Answers the offset reached
    and whether the file is complete (then checked against its SHA-256)."""
    if not files.is_sha256(sha256) or not await run_in_threadpool(_may_upload, db, actor,
                                                                  sha256):
        raise _not_found(sha256)
    offset = _header_int(request, "Upload-Offset")
    length = _header_int(request, "Upload-Length")
    data = await request.body()
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) != len(data):
        # the body was cut short (the client went away): none of it is kept
        raise ApiError(400, "request.invalid_value", "body")
    store = blob_store(request)
    reached = await run_in_threadpool(store.append, sha256, offset, length, data)
    complete = store.has(sha256)
    return {"sha256": sha256, "offset": reached, "complete": complete}


def _may_read(db: Any, actor: Actor, sha256: str) -> bool:
    with db.reading() as session:
        return sha256 in files.readable(session, actor, [sha256])


@router.get("/{id}", response_class=Response, responses={
    200: {"content": {OCTETS: {}}, "description": "the file"},
    206: {"content": {OCTETS: {}}, "description": "the bytes the Range asked for"}})
def download(sha256: Annotated[str, Path(alias="id")], actor: ActorDep, db: DbDep,
             request: Request) -> Response:
    """The bytes of ``sha256``, to a caller who may read an attachment row naming it;
    ``Range: bytes=start-[end]`` answers ``206`` with that part."""
    store = blob_store(request)
    if not files.is_sha256(sha256) or not _may_read(db, actor, sha256) \
            or not store.has(sha256):
        raise _not_found(sha256)
    path, size = store.path(sha256), store.size(sha256)
    headers = {"ETag": f'"{sha256}"', "Cache-Control": "private, max-age=31536000, immutable"}
    asked = RANGE.match(request.headers.get("range", "").strip())
    if asked is None or size == 0:  # no Range, or one of another form: the whole file
        return FileResponse(path, media_type=OCTETS, headers=headers)
    start = int(asked.group(1))
    end = min(int(asked.group(2)), size - 1) if asked.group(2) else size - 1
    if start >= size or end < start:
        raise ApiError(416, "request.invalid_value", "Range",
                       headers={"Content-Range": f"bytes */{size}"})
    with open(path, "rb") as handle:
        handle.seek(start)
        part = handle.read(end - start + 1)
    return Response(part, status_code=206, media_type=OCTETS, headers={
        **headers, "Content-Range": f"bytes {start}-{end}/{size}", "Accept-Ranges": "bytes"})
