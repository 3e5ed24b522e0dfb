"""The Sync page: what waits to be sent, Sync now with progress and Cancel, every
attempt and what it did, and the edits the server sent back — in the user's language.

The page reads through ``desktop.services.sync_history`` on the app's task runner and
reads again after every change event; the syncing itself belongs to the
:class:`SyncController`, whose signals drive the progress bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import message
from desktop.services.sync import SyncOutcome
from desktop.services.sync_history import (
    SentBack,
    SyncAttempt,
    attempts,
    pending,
    sent_back,
)
from desktop.services.workspace import Workspace
from desktop.text.thai_breaks import breakable
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.form_fields import heading_label, local_datetime, ui_language
from desktop.ui.sent_back import household_of, open_sent_back
from desktop.ui.sync_controller import SyncController
from desktop.ui.sync_lines import attempt_lines, outcome_text
from desktop.ui.tasks import TaskRunner
from sync.records.registry import record_type

_ROOT = QModelIndex()
WHEN, CHANNEL, OUTCOME, SUMMARY = range(4)
MIB = 1024 * 1024


class HistoryModel(QAbstractTableModel):
    """The sync attempts, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SyncAttempt] = []

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("When"), self.tr("How"), self.tr("Outcome"),
                    self.tr("What happened")][section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        attempt = self.rows[index.row()]
        column = index.column()
        if column == WHEN:
            return local_datetime(attempt.started_at)
        if column == CHANNEL:
            return self.tr("Network") if attempt.channel == "network" else self.tr("USB file")
        if column == OUTCOME:
            return outcome_text(attempt.outcome)
        lines = attempt_lines(attempt, ui_language())
        return breakable(lines[0]) if lines else ""  # Thai wraps without libthai

    def replace(self, rows: list[SyncAttempt]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class SyncPage(QWidget):
    """Sync now, progress, history and the edits sent back, for one workspace."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, controller: SyncController,
                 changes: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page_sync")
        self.workspace, self.tasks, self.controller = workspace, tasks, controller
        self.server_url = controller.service.server_url  # read once: texts never query
        self.heading = heading_label()
        self.server_label = QLabel(objectName="server_label", wordWrap=True)
        self.pending_label = QLabel(objectName="pending_label", wordWrap=True)
        self.notice = QLabel(objectName="sync_notice", wordWrap=True)
        self.sync_button = QPushButton(objectName="sync_now")
        self.cancel_button = QPushButton(objectName="cancel_sync")
        self.progress = QProgressBar(objectName="sync_progress")
        self.stage_label = QLabel(objectName="sync_stage")
        self.model = HistoryModel(self)
        self.table = self._table()
        self.details = QLabel(objectName="attempt_details", wordWrap=True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.sent_back_label = QLabel(objectName="sent_back_label")
        self.sent_back = QListWidget(objectName="sent_back")
        self._lay_out()
        self._connect(changes)
        self.retranslate()
        self._idle()
        self.reload()

    def _table(self) -> QTableView:
        table = QTableView(objectName="sync_history")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.setWordWrap(True)  # a long reason wraps onto more lines, never cut short
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        return table

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for widget in (self.sync_button, self.cancel_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.stage_label)
        history = QHBoxLayout()
        history.addWidget(self.table, 3)
        history.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        for widget in (self.heading, self.server_label, self.pending_label, self.notice):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addLayout(history, 3)
        layout.addWidget(self.sent_back_label)
        layout.addWidget(self.sent_back, 1)

    def _connect(self, changes: ChangeBus) -> None:
        self.sync_button.clicked.connect(lambda: self.controller.sync_now(user=True))
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.controller.started.connect(lambda _user: self._busy())
        self.controller.progress.connect(self._progressed)
        self.controller.finished.connect(self._finished)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _old: self._show_details(current.row()))
        changes.data_changed.connect(self._data_changed)
        self.changes = changes
        self.sent_back.itemActivated.connect(lambda item: self.open_sent_back(
            self.sent_back.row(item)))

    # -- reading ----------------------------------------------------------------------
    def reload(self) -> None:
        self.tasks.submit(self._read, self.workspace, key="sync_page", on_done=self._show,
                          on_error=lambda _error: None)

    @staticmethod
    def _read(workspace: Workspace) -> tuple[list[SyncAttempt], Any, list[SentBack]]:
        return attempts(workspace), pending(workspace), sent_back(workspace)

    def _show(self, read: tuple[list[SyncAttempt], Any, list[SentBack]]) -> None:
        history, waiting, back = read
        self.waiting, self.back = waiting, back
        self.model.replace(history)
        if history:
            self.table.selectRow(0)
        self.retranslate()

    def _data_changed(self, change_set: ChangeSet, _initiator: object) -> None:
        if change_set.outbox or change_set.everything:
            self.reload()

    def open_sent_back(self, row: int) -> None:
        """A household's or member's edit sent back opens in the household editor
        (read off the GUI thread first) with its error beside the field."""
        back = getattr(self, "back", [])
        if not 0 <= row < len(back):
            return
        item = back[row]
        household_id = household_of(self.workspace, item)
        if household_id is None:
            self.notice.setText(self.tr("Correct this edit in its own form: %1").replace(
                "%1", item.record_type))
            return
        self.tasks.submit(self.workspace.get_household, household_id, key="sent_back",
                          on_done=lambda detail: open_sent_back(
                              self.workspace, item, self, tasks=self.tasks,
                              changes=self.changes, detail=detail),
                          on_error=lambda error: self.notice.setText(str(error)))

    # -- a sync -----------------------------------------------------------------------
    def _busy(self) -> None:
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.notice.clear()

    def _idle(self) -> None:
        self.sync_button.setEnabled(self.controller.can_sync())
        self.cancel_button.setEnabled(False)
        self.progress.setVisible(False)
        self.stage_label.clear()

    def _progressed(self, stage: str, done: int, total: int) -> None:
        self.progress.setRange(0, total if total > 0 else 0)
        self.progress.setValue(done)
        self.stage_label.setText(self._stage_text(stage))

    def _finished(self, outcome: SyncOutcome) -> None:
        self._idle()
        if outcome.code == "sync.update_required":
            self.notice.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.notice.setStyleSheet("")
        self.notice.setText("" if outcome.ok else breakable(
            message(outcome.code or "server.error", ui_language(), **outcome.params)))
        self.reload()

    # -- texts ------------------------------------------------------------------------
    def _stage_text(self, stage: str) -> str:
        return {"push": self.tr("Sending changes"), "pull": self.tr("Receiving changes"),
                "hello": self.tr("Connecting"), "files": self.tr("Sending photos"),
                "files_in": self.tr("Receiving photos")}.get(stage, stage)

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self.model.rows):
            self.details.clear()
            return
        attempt = self.model.rows[row]
        lines = attempt_lines(attempt, ui_language())
        self.details.setText(breakable("\n".join(lines)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sync"))
        server = self.server_url
        self.server_label.setText(
            self.tr("Demo profile: it never syncs.") if self.workspace.replica.demo
            else self.tr("Server: %1").replace("%1", server) if server
            else self.tr("Not enrolled with a server yet."))
        waiting = getattr(self, "waiting", None)
        self.pending_label.setText("" if waiting is None else self.tr(
            "Waiting to be sent: %1 change(s) and %2 photo(s) (%3 MB)")
            .replace("%1", str(waiting.changes)).replace("%2", str(waiting.photos))
            .replace("%3", f"{waiting.photo_bytes / MIB:.1f}"))
        self.sync_button.setText(self.tr("Sync now"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.sent_back_label.setText(self.tr("Edits sent back to you to correct "
                                             "(double-click one to open it)"))
        self.sent_back.clear()
        for item in getattr(self, "back", []):
            reason = message(item.error.code, ui_language(), **item.error.params) \
                if item.error else ""
            what = record_type(item.record_type).label(ui_language())
            self.sent_back.addItem(f"{local_datetime(item.at)} — {what}: {reason}")
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, SUMMARY)
        self._show_details(self.table.currentIndex().row())
