"""The sync engine: hello → push the outbox in batches → pull pages, for any Replica.

Safe to stop at any point: every replica call is its own transaction and every
server call is idempotent, so a killed sync resumes where it stopped (ops without a
final result are pushed again and answered as duplicates; a page whose checkpoint
was not stored is pulled again and applied again, changing nothing).

When ``hello`` — or the answer to a push of this sync — says
``new_device_id_required`` (the profile was copied to another machine), the engine
still pushes the outbox under the current device id — it is a
registered device and its fresh ``device_seq`` values are accepted — and then stops
with :class:`SyncError` ``sync.new_device_id_required``, before pulling: the caller
gives the profile a new device identity, which logs in as a new device.  Ops an
earlier identity signed that still wait are pushed unchanged, relayed by the current
device (``relayed_by``): their bytes and ``op_id`` never change, so one that reached
the server already is answered as a duplicate, never applied twice.

**Attachment bytes** (replicas with :class:`~sync.client.replica.ReplicaFiles`): after
the push the engine uploads every pending blob whose attachment op has its final
result (``POST /blobs/missing`` first: what the server holds already is marked present
without sending it; an interrupted upload resumes at the server's offset), in chunks
— before the pull, which could take the attachment row away (an area lost, a
household moved out).  After the pull it fetches the bytes of every attachment the
replica holds but lacks, so a coordinator sees a field worker's photos after one
sync.  A file the server refuses (too big, no attachment the user may write names
it, …) is reported in ``files_refused`` and stays pending on the laptop; it never
stops the others.  A network failure stops the sync as it does in a push.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from sync.client.replica import (
    BlobRef,
    PullPage,
    PushResult,
    Replica,
    ReplicaFiles,
    ServerState,
)
from sync.client.transport import Transport, TransportError
from sync.records.errors import ContractError, Issue
from sync.records.ops import SignedOp
from sync.records.record import GLOBAL_AREA, Record
from sync.records.schema import PROTOCOL_VERSION, SCHEMA_VERSION
from sync.records.signing import ack_bytes, verify

PUSH_BATCH = 500  # the protocol's most per request
try:
    CLIENT_VERSION = version("porpiang")
except PackageNotFoundError:  # a source tree that was never installed
    CLIENT_VERSION = "0"
PULL_LIMIT = 1000
FILE_BATCH = 200  # hashes per POST /blobs/missing (the server takes up to 1000)
CHUNK = 1024 * 1024  # bytes per upload chunk unless the server asks for less
MIN_CHUNK = 16 * 1024  # a proxy refusing even this is not worked around
OFFSET_RETRIES = 8  # times an upload follows the server's offset before giving up


class SyncError(Exception):
    """Sync stopped: ``code`` says why (the UI translates it)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params
        self.report: SyncReport | None = None  # what was done before it stopped


@dataclass
class SyncReport:
    pushed: int = 0
    statuses: Counter = field(default_factory=Counter)  # status -> ops
    duplicates: int = 0
    rejected: list[tuple[str, Issue | None]] = field(default_factory=list)
    too_large: list[str] = field(default_factory=list)  # ops no request can carry
    pulled: int = 0
    pages: int = 0
    new_epoch: bool = False
    files_sent: int = 0  # attachment files uploaded in full by this sync
    file_bytes_sent: int = 0
    files_received: int = 0  # attachment files fetched from the server
    file_bytes_received: int = 0
    files_waiting: int = 0  # attachments whose bytes the server does not hold yet
    files_refused: list[tuple[str, str]] = field(default_factory=list)  # (sha256, code)

    def summary(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "statuses": dict(self.statuses),
                "duplicates": self.duplicates, "pulled": self.pulled, "pages": self.pages,
                "new_epoch": self.new_epoch, "too_large": list(self.too_large),
                "rejected": [{"op_id": op_id, "error": None if e is None else e.as_json()}
                             for op_id, e in self.rejected],
                "files_sent": self.files_sent, "file_bytes_sent": self.file_bytes_sent,
                "files_received": self.files_received,
                "file_bytes_received": self.file_bytes_received,
                "files_waiting": self.files_waiting,
                "files_refused": [{"sha256": sha, "code": code}
                                  for sha, code in self.files_refused]}


Progress = Callable[[str, int, int], None]  # stage, done, total (0 when unknown)


class SyncEngine:
    def __init__(self, replica: Replica, transport: Transport, *,
                 app_version: str = CLIENT_VERSION,
                 push_batch: int = PUSH_BATCH, pull_limit: int = PULL_LIMIT,
                 progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 server_key: str | None = None) -> None:
        self.replica, self.transport = replica, transport
        self.server_key = server_key  # when known (from login): every ack_sig is checked
        self.max_body_bytes: int | None = None  # the server's request limit (hello)
        self.app_version = app_version
        self.push_batch, self.pull_limit = push_batch, pull_limit
        self.progress = progress or (lambda stage, done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self.copied = False  # the server said this device id was seen on a copied profile

    def run(self) -> SyncReport:
        report = SyncReport()
        hello = self.hello(report)
        self.copied = bool(hello.get("new_device_id_required"))
        self.push(report)
        files = isinstance(self.replica, ReplicaFiles)
        if files:  # before the pull, which may take the rows away (an area lost)
            self._with_report(report, self.send_files)
        if self.copied:  # a copied profile: outbox (and its files) first, then stop
            error = SyncError("sync.new_device_id_required")
            error.report = report
            raise error
        self.pull(report, hello)
        if files:
            self._with_report(report, self.fetch_files)
        return report

    @staticmethod
    def _with_report(report: SyncReport, step: Callable[[SyncReport], None]) -> None:
        """Run a files step; a failure carries what the sync did before it."""
        try:
            step(report)
        except (SyncError, TransportError) as error:
            error.report = report  # type: ignore[union-attr]
            raise

    def _check_cancelled(self) -> None:
        if self.cancelled():
            raise SyncError("sync.cancelled")

    # -- hello ------------------------------------------------------------------------
    def hello(self, report: SyncReport) -> dict[str, Any]:
        answer = self.transport.hello({"device_id": self.replica.device_id,
                                       "protocol": PROTOCOL_VERSION, "schema": SCHEMA_VERSION,
                                       "app_version": self.app_version})
        low, high = answer.get("protocol_min", 1), answer.get("protocol_max", 1)
        if not low <= PROTOCOL_VERSION <= high:
            raise SyncError("sync.update_required", protocol_min=low, protocol_max=high)
        try:
            epoch, last_seq = str(answer["server_epoch"]), int(answer.get("last_device_seq") or 0)
            role = answer.get("role")
            limit = answer.get("max_body_bytes")
            self.max_body_bytes = int(limit) if limit else None
            state = ServerState(epoch, answer.get("server_time"),
                                tuple(str(a) for a in answer.get("areas") or ()),
                                None if role is None else str(role))
        except (KeyError, TypeError, ValueError) as exc:
            raise TransportError("network.bad_answer", f"hello: {exc}") from exc
        known = self.replica.server_state().epoch
        if known is not None and known != epoch:
            self.replica.start_epoch(epoch, last_seq)
            report.new_epoch = True
        self.replica.record_hello(state)
        return answer

    # -- push -------------------------------------------------------------------------
    def push(self, report: SyncReport) -> None:
        deferred: set[str] = set()
        size = self.push_batch  # halved whenever the server finds a request too large
        while True:
            self._check_cancelled()
            waiting = self.replica.pending_ops(limit=size + len(deferred))
            batch = self._fitting([s for s in waiting if s.parse().op_id not in deferred][:size])
            if not batch:
                return
            try:
                results = self._push_batch(batch)
            except TransportError as exc:
                if exc.code != "request.too_large":
                    raise
                if len(batch) > 1:  # fewer ops a request, for the rest of this sync
                    size = max(1, len(batch) // 2)
                    continue
                op_id = batch[0].parse().op_id  # one op over the limit: it waits, the
                deferred.add(op_id)              # others go on (it is reported)
                report.too_large.append(op_id)
                continue
            self.replica.apply_push_results(results)
            for result in results:
                report.statuses[str(result.status)] += 1
                report.duplicates += result.duplicate
                if not result.final:
                    deferred.add(result.op_id)
                elif result.status == "rejected":
                    report.rejected.append((result.op_id, result.error))
            report.pushed += len(batch)
            self.progress("push", report.pushed, 0)

    def _fitting(self, batch: list[SignedOp]) -> list[SignedOp]:
        """The first ops of ``batch`` whose request stays under the body limit hello
        announced (with room for the envelope); at least one."""
        if not self.max_body_bytes or not batch:
            return batch
        budget, used = int(self.max_body_bytes * 0.9), 16
        for count, signed in enumerate(batch):
            used += len(json.dumps(self._wire(signed), ensure_ascii=False).encode()) + 1
            if used > budget:
                return batch[:max(1, count)]
        return batch

    def _wire(self, signed: SignedOp) -> dict[str, Any]:
        """An op as sent: an earlier incarnation's op, unchanged, relayed by this device."""
        if signed.relayed_by is None and signed.parse().device_id != self.replica.device_id:
            signed = signed.relayed(self.replica.device_id)
        return signed.to_json()

    def _push_batch(self, batch: list[SignedOp]) -> list[PushResult]:
        answer = self.transport.push([self._wire(signed) for signed in batch])
        self.copied = self.copied or bool(answer.get("new_device_id_required"))
        try:
            results = [PushResult.from_json(r) for r in answer["results"]]
        except (KeyError, TypeError, ValueError, ContractError) as exc:
            raise TransportError("network.bad_answer", f"push results: {exc}") from exc
        if [r.op_id for r in results] != [s.parse().op_id for s in batch]:
            raise TransportError("network.bad_answer", "push results out of order")
        if self.server_key is not None:
            for result in results:
                self._check_ack(result)
        return results

    def _check_ack(self, result: PushResult) -> None:
        """A final result counts only with the server's signature over it: an answer
        that is not the server's is applied not at all (its ops stay in the outbox)."""
        if not result.final:
            return
        try:
            if result.ack_sig is None:
                raise ContractError("op.bad_signature")
            verify(str(self.server_key), ack_bytes(result.op_id, str(result.status),
                                                   result.version), result.ack_sig)
        except ContractError as exc:
            raise SyncError("sync.bad_ack", op_id=result.op_id) from exc

    # -- pull -------------------------------------------------------------------------
    def pull(self, report: SyncReport, hello: dict[str, Any]) -> None:
        areas = list(hello.get("areas") or ()) + [GLOBAL_AREA]
        while True:
            self._check_cancelled()
            held = self.replica.checkpoints()
            asked = {area: held.get(area, 0) for area in {*areas, *held}}
            page = self._pull_page(asked)
            if page.server_epoch != hello["server_epoch"]:
                raise SyncError("sync.epoch_changed")  # restored meanwhile: sync again
            self.replica.apply_pull_page(page)
            report.pulled += len(page.records)
            report.pages += 1
            self.progress("pull", report.pulled, 0)
            if not page.more:
                return

    def _pull_page(self, checkpoints: dict[str, int]) -> PullPage:
        answer = self.transport.pull(checkpoints, self.pull_limit)
        try:
            return PullPage(tuple(Record.from_json(r) for r in answer["records"]),
                            {str(k): int(v) for k, v in answer["checkpoints"].items()},
                            bool(answer["more"]), str(answer["server_epoch"]),
                            tuple(answer.get("removed_areas") or ()),
                            str(answer["role"]) if answer.get("role") else None)
        except (KeyError, TypeError, ValueError, AttributeError, ContractError) as exc:
            raise TransportError("network.bad_answer", f"pull page: {exc}") from exc

    # -- attachment bytes ---------------------------------------------------------------
    def _files(self) -> ReplicaFiles:
        return self.replica  # type: ignore[return-value]

    def _missing(self, refs: list[BlobRef]) -> tuple[set[str], set[str], dict[str, int],
                                                       int, int]:
        """The server's view of ``refs``: missing, unknown, offsets, file limit, chunk."""
        answer = self.transport.blobs_missing([ref.sha256 for ref in refs])
        try:
            chunk = min(int(answer.get("chunk_bytes") or CHUNK), CHUNK)
            if self.max_body_bytes:
                chunk = min(chunk, int(self.max_body_bytes * 0.9))
            return (set(answer["missing"]), set(answer["unknown"]),
                    {str(k): int(v) for k, v in (answer.get("offsets") or {}).items()},
                    int(answer["max_blob_bytes"]), max(1, chunk))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise TransportError("network.bad_answer", f"blobs/missing: {exc}") from exc

    @staticmethod
    def _fatal(error: TransportError) -> bool:
        """A failure that is not this file's: the network, the server, the token."""
        return error.retryable or error.status in (401, 403)

    def send_files(self, report: SyncReport) -> None:
        """Upload the replica's pending blobs whose attachment op is final."""
        files, after = self._files(), None
        while True:
            self._check_cancelled()
            refs = files.blobs_to_upload(after=after, limit=FILE_BATCH)
            if not refs:
                return
            after = refs[-1].sha256
            missing, unknown, offsets, max_bytes, chunk = self._missing(refs)
            for ref in refs:
                self._check_cancelled()
                if ref.sha256 in unknown:  # no attachment the user may write names it
                    report.files_refused.append((ref.sha256, "record.not_found"))
                elif ref.sha256 not in missing:  # the server holds it already
                    files.blob_uploaded(ref.sha256)
                else:
                    self._upload(ref, offsets.get(ref.sha256, 0), max_bytes, chunk, report)
            if len(refs) < FILE_BATCH:
                return

    def _upload(self, ref: BlobRef, offset: int, max_bytes: int, chunk: int,
                report: SyncReport) -> None:
        try:
            data = self._files().read_blob(ref.sha256)
        except Exception as exc:  # noqa: BLE001 - a lost or damaged local file
            report.files_refused.append((ref.sha256, getattr(exc, "code", "file.missing")))
            return
        if len(data) > max_bytes:
            report.files_refused.append((ref.sha256, "blob.too_large"))
            return
        offset = offset if 0 <= offset <= len(data) else 0
        follows = restarted = 0
        while True:
            self._check_cancelled()
            piece = data[offset:offset + chunk]
            try:
                answer = self.transport.upload_chunk(ref.sha256, offset, len(data), piece)
            except TransportError as error:
                server_offset = error.params.get("offset")
                if error.code == "blob.offset_mismatch" and isinstance(server_offset, int) \
                        and 0 <= server_offset <= len(data) and follows < OFFSET_RETRIES:
                    offset, follows = server_offset, follows + 1  # e.g. a lost answer
                    continue
                if error.code == "request.too_large" and chunk > MIN_CHUNK:
                    chunk = max(MIN_CHUNK, chunk // 2)  # a proxy with a smaller limit
                    continue
                if error.code == "blob.hash_mismatch" and not restarted:
                    offset, restarted = 0, 1  # damaged on the way: once more from 0
                    continue
                if self._fatal(error):
                    raise
                report.files_refused.append((ref.sha256, error.code))
                return
            try:
                reached, complete = int(answer["offset"]), bool(answer["complete"])
            except (KeyError, TypeError, ValueError) as exc:
                raise TransportError("network.bad_answer", f"blob upload: {exc}") from exc
            if complete:
                break
            if reached <= offset:
                raise TransportError("network.bad_answer", "blob upload did not advance")
            offset = reached
        self._files().blob_uploaded(ref.sha256)
        report.files_sent += 1
        report.file_bytes_sent += len(data)
        self.progress("files", report.files_sent, 0)

    def fetch_files(self, report: SyncReport) -> None:
        """Fetch the bytes of every attachment the replica holds but lacks (those the
        server holds: the others are counted in ``files_waiting``)."""
        files, after = self._files(), None
        while True:
            self._check_cancelled()
            refs = files.blobs_to_fetch(after=after, limit=FILE_BATCH)
            if not refs:
                return
            after = refs[-1].sha256
            missing, unknown, _, max_bytes, chunk = self._missing(refs)
            for ref in refs:
                self._check_cancelled()
                if ref.sha256 in missing or ref.sha256 in unknown:
                    report.files_waiting += 1  # not uploaded yet (or no longer ours)
                else:
                    self._download(ref, max_bytes, chunk, report)
            if len(refs) < FILE_BATCH:
                return

    def _download(self, ref: BlobRef, max_bytes: int, chunk: int,
                  report: SyncReport) -> None:
        parts: list[bytes] = []
        got, total = 0, None
        while total is None or got < total:
            self._check_cancelled()
            try:
                part, size = self.transport.download_range(ref.sha256, got, got + chunk - 1)
            except TransportError as error:
                if self._fatal(error):
                    raise
                report.files_refused.append((ref.sha256, error.code))
                return
            if size > max_bytes:
                report.files_refused.append((ref.sha256, "blob.too_large"))
                return
            if total is not None and size != total or (not part and got < size):
                raise TransportError("network.bad_answer", "blob download changed size")
            total = size
            parts.append(part)
            got += len(part)
        data = b"".join(parts)
        if hashlib.sha256(data).hexdigest() != ref.sha256:
            report.files_refused.append((ref.sha256, "blob.hash_mismatch"))
            return
        self._files().store_blob(ref.sha256, data, ref.mime_type)
        report.files_received += 1
        report.file_bytes_received += len(data)
        self.progress("files_in", report.files_received, 0)
