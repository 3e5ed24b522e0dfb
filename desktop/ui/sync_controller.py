"""Running a sync from the app: at the user's request, when the server becomes
reachable, and on a timer — one at a time, never on the GUI thread.

The sync runs on the controller's own one-thread :class:`TaskRunner` (a sync may take
minutes; the list's reads keep the app's runner).  Its progress callback runs on that
thread and reaches the GUI through a queued signal; Cancel sets an event the engine
checks between requests.  When an attempt ends, the controller announces
``ChangeSet(everything=True)`` so every view reads again.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services import ServiceError
from desktop.services.sync import SyncOutcome, SyncService
from desktop.services.workspace import Workspace
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.tasks import TaskRunner

log = logging.getLogger("porpiang.sync")
BACKGROUND_MS = 10 * 60 * 1000  # a background sync at most this often while online


class SyncController(QObject):
    """Starts and cancels syncs of one workspace; reports through signals."""

    started = Signal(bool)  # True: started by the user; False: in the background
    progress = Signal(str, int, int)  # stage, done, total (0: unknown)
    finished = Signal(object)  # SyncOutcome

    def __init__(self, workspace: Workspace, changes: ChangeBus,
                 parent: QObject | None = None, *, service: SyncService | None = None,
                 background_ms: int = BACKGROUND_MS) -> None:
        super().__init__(parent)
        self.workspace, self.changes = workspace, changes
        self.service = service or SyncService(workspace)
        self.runner = TaskRunner(self, max_threads=1)
        self.running = False
        self._cancel = threading.Event()
        self.timer = QTimer(self, interval=background_ms)
        self.timer.timeout.connect(lambda: self.sync_now(user=False))
        self.last: SyncOutcome | None = None

    def can_sync(self) -> bool:
        """A profile logged in to a server (a demo never syncs)."""
        return not self.workspace.replica.demo and self.service.server_url is not None

    def start_background(self) -> None:
        if self.can_sync():
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.cancel()
        self.runner.shutdown()

    def server_reachable(self) -> None:
        """The status bar saw the server answer: sync now if nothing is running."""
        self.sync_now(user=False)

    def sync_now(self, *, user: bool = True) -> bool:
        """Start a sync; False when one is running or the profile cannot sync."""
        if self.running or not self.can_sync():
            return False
        self.running = True
        self._cancel.clear()
        self.started.emit(user)
        self.runner.submit(self._run, on_done=self._done, on_error=self._failed)
        return True

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self) -> SyncOutcome:  # on the runner's thread
        return self.service.run(progress=self.progress.emit, cancelled=self._cancel.is_set)

    def _done(self, outcome: SyncOutcome) -> None:
        self.running, self.last = False, outcome
        log.info("sync %s %s", "ok" if outcome.ok else "failed", outcome.code or "")
        self.changes.announce(ChangeSet(everything=True), self)
        self.finished.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        code = error.issue.code if isinstance(error, ServiceError) else "server.error"
        log.warning("sync could not run: %s", code)
        self._done(SyncOutcome(False, {}, code, {}))
