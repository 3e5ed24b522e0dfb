"""Syncing a profile with the server: log in (registering this device's keys), sync
once, keep a history of every attempt.

The server URL, the user, role, areas and the device's token live in the profile's
encrypted settings.  A demo profile never syncs.  The UI and ``porpiang sync run``
call the same service; the HTTP transport can be given an adapter (tests, faults).

**A new device identity.**  When the server says the profile was copied to another
machine (``sync.new_device_id_required``, after the outbox went to the server under
the current id) or that its device is revoked (``auth.device_revoked``), the
profile takes a new device identity (``desktop.services.profiles.new_incarnation``)
and the sync stops with that code: the UI asks for the server password and calls
:meth:`SyncService.login`, which registers the new identity; the next :meth:`run`
pushes the ops the old identity left pending, unchanged, relayed by the new one
(ops of a revoked device are kept by the server as conflicts for the tambon's
coordinators).  A login refused because this device id is revoked takes a new
identity and logs in once more.  After a new identity, :meth:`run` without a login
refuses with ``sync.not_logged_in``.  The role the server names at every hello is
stored (``role``): a changed role pulls everything again.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from typing import Any, Callable

from filelock import FileLock, Timeout
from requests.adapters import BaseAdapter
from sqlalchemy import insert, update

from desktop.services.profiles import new_incarnation
from desktop.services.workspace import ServiceError, Workspace
from desktop.store.rows import now_iso, read_setting, write_settings
from desktop.store.schema import sync_history
from sync.client.engine import SyncEngine, SyncError
from sync.client.transport import Transport, TransportError


# Codes after which the profile's device id is not to be used again.
NEW_IDENTITY_CODES = frozenset({"sync.new_device_id_required", "auth.device_revoked"})
SYNC_LOCK = "sync.lock"  # in the profile folder: held while a sync of the profile runs


@dataclass(frozen=True)
class SyncOutcome:
    ok: bool
    summary: dict[str, Any] = field(default_factory=dict)
    code: str | None = None  # why it stopped, when not ok
    params: dict[str, Any] = field(default_factory=dict)  # for the code's message


class SyncService:
    def __init__(self, workspace: Workspace, *, adapter: BaseAdapter | None = None,
                 timeout: float = 30.0) -> None:
        self.workspace = workspace
        self.adapter, self.timeout = adapter, timeout

    def _setting(self, key: str) -> Any:
        with self.workspace.database.reader.connect() as connection:
            return read_setting(connection, key)

    @property
    def server_url(self) -> str | None:
        """The server this profile last logged in to."""
        url = self._setting("server_url")
        return str(url) if url else None

    def reachable(self, *, timeout: float = 3.0) -> bool | None:
        """Whether the profile's server answers now; None when there is none to ask
        (a demo profile, or no login yet)."""
        if self.workspace.replica.demo or self._setting("demo_data") or not self.server_url:
            return None
        return self._transport().reachable(timeout)

    def _refuse_demo(self) -> None:
        if self.workspace.replica.demo or self._setting("demo_data"):
            raise ServiceError("profile.demo_no_sync", "profile")

    def _transport(self, server: str | None = None) -> Transport:
        url = server or self._setting("server_url")
        if not url:
            raise ServiceError("sync.not_logged_in", "server")
        return Transport(str(url), token=self._setting("token"), adapter=self.adapter,
                         timeout=self.timeout)

    def login(self, server: str, username: str, password: str) -> dict[str, Any]:
        """Log in, register this device's public keys, keep the token and the user.
        A device id the server revoked takes a new identity and logs in with it."""
        self._refuse_demo()
        transport = self._transport(server)
        try:
            answer = self._login(transport, username, password)
        except TransportError as error:
            if error.code != "auth.device_revoked":
                raise ServiceError(error.code, error.field) from error
            new_incarnation(self.workspace, reason=error.code)
            try:
                answer = self._login(transport, username, password)
            except TransportError as again:
                raise ServiceError(again.code, again.field) from again
        replica = self.workspace.replica
        user = answer["user"]
        with self.workspace.database.writer.begin() as connection:
            write_settings(connection, {
                "server_url": server, "token": answer["token"], "user_id": user["id"],
                "user_name": user.get("name"), "role": user["role"],
                "user_areas": user.get("areas", []), "server_key": answer["server_key"]})
        replica.adopt_author(user["id"])
        return user

    def _login(self, transport: Transport, username: str, password: str) -> dict[str, Any]:
        replica = self.workspace.replica
        return transport.login({
            "username": username, "password": password, "device_id": replica.device_id,
            "device_name": f"{platform.node() or 'laptop'} ({self.workspace.profile.name})",
            "public_keys": replica.identity.public_keys()})

    def run(self, *, progress: Callable[[str, int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> SyncOutcome:
        """Sync once: hello, push the outbox, pull; one history row either way.  One
        sync of a profile runs at a time, across processes (the app's background sync
        and ``porpiang sync run``): another refuses with ``sync.busy``."""
        self._refuse_demo()
        transport = self._transport()
        if not transport.token:  # a new identity that has not logged in yet
            raise ServiceError("sync.not_logged_in", "server")
        lock = FileLock(self.workspace.profile.folder / SYNC_LOCK)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise ServiceError("sync.busy", "profile") from None
        try:
            return self._run(transport, progress, cancelled)
        finally:
            lock.release()

    def _run(self, transport: Transport, progress: Callable[[str, int, int], None] | None,
             cancelled: Callable[[], bool] | None) -> SyncOutcome:
        history_id = self._begin_history()
        engine = SyncEngine(self.workspace.replica, transport, progress=progress,
                            cancelled=cancelled, server_key=self._setting("server_key"))
        try:
            report = engine.run()
        except (SyncError, TransportError) as error:
            done = getattr(error, "report", None)
            outcome = SyncOutcome(False, done.summary() if done else {}, error.code,
                                  dict(getattr(error, "params", None) or {}))
            if error.code in NEW_IDENTITY_CODES:
                new_incarnation(self.workspace, reason=error.code)
        else:
            outcome = SyncOutcome(True, report.summary())
        summary = {**outcome.summary, "requests": transport.counters.requests,
                   "bytes_sent": transport.counters.bytes_sent,
                   "bytes_received": transport.counters.bytes_received}
        self._end_history(history_id, outcome, summary)
        return SyncOutcome(outcome.ok, summary, outcome.code, outcome.params)

    def _begin_history(self) -> int:
        """A new attempt's row.  A row still ``running`` is of an attempt that never
        finished (the process was killed, the battery died): it is marked
        ``interrupted`` (one sync runs at a time per profile)."""
        with self.workspace.database.writer.begin() as connection:
            connection.execute(update(sync_history).where(
                sync_history.c.outcome == "running").values(outcome="interrupted"))
            return int(connection.execute(insert(sync_history).values(
                started_at=now_iso(), channel="network", outcome="running"))
                .inserted_primary_key[0])

    def _end_history(self, history_id: int, outcome: SyncOutcome,
                     summary: dict[str, Any]) -> None:
        with self.workspace.database.writer.begin() as connection:
            connection.execute(update(sync_history).where(sync_history.c.id == history_id)
                               .values(finished_at=now_iso(),
                                       outcome="ok" if outcome.ok else "failed",
                                       counts=summary, message=outcome.code))
