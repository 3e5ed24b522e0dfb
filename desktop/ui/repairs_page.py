"""The Repairs page: the repair projects of the profile, filtered by case state and
fiscal year, each with its total, its cap and a red mark when the total is over
the cap.  A double-click (or Enter) opens the project's checklist in the
:class:`~desktop.ui.repair_editor.RepairEditor`, read on the task runner first.

The rows are :class:`~desktop.ui.repair_list_model.RepairProjectsModel`'s: pages read
on the task runner in the store's Thai order.  The page reads its rows again when a
change event says households changed (an editor saved, a sync ended).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import ServiceError
from desktop.services.models import DraftView
from desktop.services.programme import PROGRAMME, current_fiscal_year
from desktop.services.repairs import ProjectRow, RepairCase
from desktop.services.workspace import Workspace
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.form_fields import issue_text, ui_language
from desktop.ui.repair_editor import RepairEditor
from desktop.ui.repair_list_model import (
    HEAD,
    PAGE_SIZE,
    ProjectsFilter,
    RepairProjectsModel,
)
from desktop.ui.repair_writes import read_case
from desktop.ui.tasks import TaskRunner
from desktop.ui.thai_wrap import ThaiWrapDelegate
from sync.records.workflow import CASE_STATE

YEARS_BACK = 6  # the fiscal years offered: next year, this year and the six before


class RepairsPage(QWidget):
    """Filters, count and the table of repair projects."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner,
                 parent: QWidget | None = None, *, changes: ChangeBus | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.setObjectName("page_repairs")
        self.workspace, self.tasks = workspace, tasks
        self.changes = changes if changes is not None else ChangeBus(self)
        self.changes.data_changed.connect(self._data_changed)
        self.model = RepairProjectsModel(workspace, tasks, self, page_size=page_size)
        self.editor: RepairEditor | None = None  # the last editor opened
        self._build()
        self.retranslate()
        self.apply_filter()

    def _build(self) -> None:
        self.state_combo = QComboBox(objectName="state_filter")
        self.year_combo = QComboBox(objectName="year_filter")
        for combo in (self.state_combo, self.year_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.state_combo.addItem("", None)
        for value in CASE_STATE.values:
            self.state_combo.addItem("", value)
        self.year_combo.addItem("", None)
        this_year = current_fiscal_year()
        for year in range(this_year + 1, this_year - YEARS_BACK - 1, -1):
            self.year_combo.addItem(str(year), year)
        self.count_label = QLabel(objectName="count_label")
        self.table = self._table()
        filters = QHBoxLayout()
        filters.addWidget(self.state_combo)
        filters.addWidget(self.year_combo)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        for combo in (self.state_combo, self.year_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.model.page_loaded.connect(self._show_count)
        self.model.load_failed.connect(self._show_failure)

    def _table(self) -> QTableView:
        table = QTableView(objectName="repairs_table")
        table.setModel(self.model)
        table.setSortingEnabled(False)  # Thai order comes from the store
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        self.name_delegate = ThaiWrapDelegate(table)
        table.setItemDelegateForColumn(HEAD, self.name_delegate)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HEAD, QHeaderView.ResizeMode.Stretch)
        table.activated.connect(self._open_index)  # a double-click, or Enter
        return table

    # -- filtering --------------------------------------------------------------------
    def current_filter(self) -> ProjectsFilter:
        return ProjectsFilter(self.year_combo.currentData(), self.state_combo.currentData())

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        """Read the rows shown again, keeping the scroll position."""
        bar = self.table.verticalScrollBar()
        position = bar.value()

        def restore() -> None:
            self.model.page_loaded.disconnect(restore)
            bar.setValue(min(position, bar.maximum()))

        self.model.page_loaded.connect(restore)
        self.model.refresh()

    def _data_changed(self, change_set: ChangeSet, _initiator: object) -> None:
        if change_set.touches_households():
            self.refresh()

    # -- opening a project -------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self.model.rows):
            self.open_project(self.model.rows[index.row()])

    def open_project(self, row: ProjectRow) -> None:
        """Read the case (and any draft of it) on the task runner, then show it."""
        self.tasks.submit(read_case, self.workspace, row.household_id, row.fiscal_year,
                          PROGRAMME, key=f"open-repair:{row.project_id}",
                          on_done=lambda found: self._show_editor(*found),
                          on_error=self._open_failed)

    def _show_editor(self, case: RepairCase, draft: DraftView | None) -> RepairEditor:
        editor = RepairEditor(self.workspace, case.household.id, self,
                              fiscal_year=case.fiscal_year, tasks=self.tasks,
                              changes=self.changes, case=case, draft=draft,
                              programme=case.programme)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = editor
        editor.destroyed.connect(lambda *_: self._forget(editor))
        editor.open()
        return editor

    def _forget(self, editor: RepairEditor) -> None:
        if self.editor is editor:
            self.editor = None

    def _open_failed(self, error: BaseException) -> None:
        text = issue_text(error.issue) if isinstance(error, ServiceError) else str(error)
        self.count_label.setText(self.tr("The repair project could not be opened: %1")
                                 .replace("%1", text))

    # -- texts ------------------------------------------------------------------------
    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%Ln repair projects", "", self.model.total))

    def _show_failure(self, _error: BaseException) -> None:
        self.count_label.setText(self.tr("The list could not be read. Try again."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        language = ui_language()
        self.state_combo.setItemText(0, self.tr("All case states"))
        for row, value in enumerate(CASE_STATE.values, start=1):
            self.state_combo.setItemText(row, CASE_STATE.label(value, language))
        self.year_combo.setItemText(0, self.tr("All fiscal years"))
        for row in range(1, self.year_combo.count()):
            self.year_combo.setItemText(
                row, self.tr("Fiscal year %1").replace("%1", str(self.year_combo.itemData(row))))
        self.table.setAccessibleName(self.tr("Repair projects"))
        self.model.retranslate()
        if self.model.loaded:
            self._show_count()
