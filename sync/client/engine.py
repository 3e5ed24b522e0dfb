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
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from sync.client.replica import PullPage, PushResult, Replica, ServerState
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

    def summary(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "statuses": dict(self.statuses),
                "duplicates": self.duplicates, "pulled": self.pulled, "pages": self.pages,
                "new_epoch": self.new_epoch, "too_large": list(self.too_large),
                "rejected": [{"op_id": op_id, "error": None if e is None else e.as_json()}
                             for op_id, e in self.rejected]}


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
        if self.copied:  # a copied profile: outbox first, then stop
            error = SyncError("sync.new_device_id_required")
            error.report = report
            raise error
        self.pull(report, hello)
        return report

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
