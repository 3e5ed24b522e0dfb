"""The status bar's sync indicators: whether the server can be reached, and how many
changes made here wait to be sent.

Both are read off the GUI thread.  The pending count is read again after every
change event and every ``PENDING_MS``; the server is asked ``GET /health`` every
``PROBE_MS`` (and at once when the profile opens).  A demo profile never syncs and
says so; a profile that has not logged in yet has no server to ask.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from desktop.services.sync import SyncService
from desktop.services.workspace import Workspace
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.tasks import TaskRunner

log = logging.getLogger("porpiang.ui")
PROBE_MS = 30_000
PENDING_MS = 15_000
ONLINE, OFFLINE, NO_SERVER, DEMO, UNKNOWN = "online", "offline", "no_server", "demo", "unknown"
COLOURS = {ONLINE: "#2e7d32", OFFLINE: "#c62828", NO_SERVER: "#616161", DEMO: "#616161",
           UNKNOWN: "#616161"}


def probe(workspace: Workspace) -> str:
    """The connectivity state of ``workspace``'s profile (runs on a worker thread)."""
    if workspace.replica.demo:
        return DEMO
    answer = SyncService(workspace).reachable()
    return NO_SERVER if answer is None else ONLINE if answer else OFFLINE


class SyncStatus(QWidget):
    """Two labels for the status bar: connectivity, then changes waiting to be sent.
    ``reachable`` when the server starts answering (the background sync's cue)."""

    reachable = Signal()

    def __init__(self, workspace: Workspace, tasks: TaskRunner, changes: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="sync_status")
        self.workspace, self.tasks = workspace, tasks
        self.state, self.pending = UNKNOWN, -1
        self.dot = QFrame(objectName="connectivity_dot")  # drawn: no font has to hold it
        self.dot.setFixedSize(10, 10)
        self.connectivity = QLabel(objectName="connectivity")
        self.pending_label = QLabel(objectName="pending_changes")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.dot)
        layout.addWidget(self.connectivity)
        layout.addWidget(self.pending_label)
        self.probe_timer = QTimer(self, interval=PROBE_MS)
        self.probe_timer.timeout.connect(self.check_server)
        self.pending_timer = QTimer(self, interval=PENDING_MS)
        self.pending_timer.timeout.connect(self.count_pending)
        changes.data_changed.connect(self._changed)
        self.retranslate()

    def start(self) -> None:
        self.check_server()
        self.count_pending()
        self.probe_timer.start()
        self.pending_timer.start()

    def stop(self) -> None:
        self.probe_timer.stop()
        self.pending_timer.stop()

    def check_server(self) -> None:
        self.tasks.submit(probe, self.workspace, key="status.probe", on_done=self._probed,
                          on_error=self._failed)

    def count_pending(self) -> None:
        self.tasks.submit(self.workspace.pending_changes, key="status.pending",
                          on_done=self._counted, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        """An indicator that cannot be read stays as it was (the profile may be closing)."""
        log.warning("status bar read failed: %s", type(error).__name__)

    def _changed(self, change_set: ChangeSet, _initiator: object) -> None:
        if change_set.outbox or change_set.everything:
            self.count_pending()

    def _probed(self, state: str) -> None:
        if state == ONLINE and self.state != ONLINE:
            self.reachable.emit()
        self.state = state
        self.setVisible(state != DEMO)  # the profile label already says a demo never syncs
        self.retranslate()

    def _counted(self, pending: int) -> None:
        self.pending = pending
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        texts = {ONLINE: self.tr("Server reachable"), OFFLINE: self.tr("Offline"),
                 NO_SERVER: self.tr("No server yet"), DEMO: self.tr("Demo: never syncs"),
                 UNKNOWN: self.tr("Checking the server…")}
        self.connectivity.setText(texts[self.state])
        self.dot.setStyleSheet(f"QFrame#connectivity_dot {{ background: {COLOURS[self.state]}; "
                               "border-radius: 5px; }")
        self.pending_label.setText(
            "" if self.pending < 0 or self.state == DEMO else self.tr("All changes sent") if self.pending == 0
            else self.tr("%n change(s) to send", "", self.pending))
