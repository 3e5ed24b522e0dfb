"""The Review page: the open conflicts of the profile's areas, each opened in the
resolution dialog.  Conflict records reach coordinators, supervisors and
administrators; a field worker's page says that their edits in conflict await a
coordinator.  The list is read on the task runner and again after change events.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.conflicts import ConflictRow, conflict_rows, group_named
from desktop.services.workspace import Workspace
from desktop.text.thai_breaks import breakable
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.conflict_dialog import ConflictDialog
from desktop.ui.form_fields import heading_label, local_datetime, ui_language
from desktop.ui.tasks import TaskRunner
from sync.records.registry import record_type

_ROOT = QModelIndex()
REVIEWERS = ("coordinator", "supervisor", "admin")


def _read(workspace: Workspace) -> tuple[str, list[ConflictRow]]:
    return workspace.role, conflict_rows(workspace)


class ConflictsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ConflictRow] = []

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Household"), self.tr("Record"), self.tr("Competing values"),
                    self.tr("Since")][section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row, lang = self.rows[index.row()], ui_language()
        conflict = row.conflict
        if index.column() == 0:
            return " ".join(p for p in (row.head_name, row.house_no or "") if p) or "—"
        if index.column() == 1:
            rtype = record_type(conflict.target_type)
            group = group_named(rtype, conflict.group)
            part = "" if group is None else (group.th if lang == "th" else group.en)
            return f"{rtype.label(lang)}: {part}" if part else rtype.label(lang)
        if index.column() == 2:
            if row.resolved_here:
                return self.tr("Resolved here: sent at the next sync")
            return ", ".join(p.author_name or p.author for p in conflict.proposals)
        return local_datetime(conflict.proposals[0].at) if conflict.proposals else ""

    def replace(self, rows: list[ConflictRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class ReviewPage(QWidget):
    def __init__(self, workspace: Workspace, tasks: TaskRunner, changes: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page_review")
        self.workspace, self.tasks, self.changes = workspace, tasks, changes
        self.role = workspace.role  # read once; texts never query
        self.heading = heading_label()
        self.summary = QLabel(objectName="conflicts_summary", wordWrap=True)
        self.model = ConflictsModel(self)
        self.table = QTableView(objectName="conflicts_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.open_conflict(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        changes.data_changed.connect(self._data_changed)
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        self.tasks.submit(_read, self.workspace, key="review.conflicts",
                          on_done=self._show, on_error=lambda _error: None)

    def _show(self, read: tuple[str, list[ConflictRow]]) -> None:
        self.role, rows = read  # a sync may have changed the role
        self.model.replace(rows)
        self.retranslate()

    def _data_changed(self, change_set: ChangeSet, _initiator: object) -> None:
        if change_set.touches_households():
            self.reload()

    def open_conflict(self, row: int) -> ConflictDialog | None:
        if not 0 <= row < len(self.model.rows) or self.model.rows[row].resolved_here:
            return None
        dialog = ConflictDialog(self.workspace, self.model.rows[row].conflict, self,
                                changes=self.changes)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Review"))
        count = sum(1 for row in self.model.rows if not row.resolved_here)
        if self.role not in REVIEWERS:
            text = self.tr("Conflicts are resolved by the tambon's coordinator. Your edits "
                           "that meet another person's edit wait for them and are never lost.")
        elif count:
            text = self.tr("%n conflict(s) to resolve. Double-click one to compare the "
                           "values and choose.", "", count)
        else:
            text = self.tr("No conflict to resolve.")
        self.summary.setText(breakable(text))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
