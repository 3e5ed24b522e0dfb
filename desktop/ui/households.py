"""The Households page: the list of a profile's households, searched and filtered.

The rows are :class:`~desktop.ui.households_model.HouseholdsModel`'s: pages of
``Workspace.list_households`` fetched on the :class:`TaskRunner`, so the GUI never
waits for the database.  The store sorts in Thai dictionary order and filters in
SQL; the model shows the rows in the order they came.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QEvent,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import HouseholdFilter, ServiceError
from desktop.services.models import DraftView, HouseholdDetail
from desktop.services.workspace import Workspace
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.form_fields import issue_text
from desktop.ui.household_editor import HouseholdEditor
from desktop.ui.repair_editor import RepairEditor
from desktop.ui.survey_form import SurveyForm
from desktop.ui.household_writes import log
from desktop.ui.households_model import (
    HOUSE_NO,
    MEMBERS,
    MOO,
    MOO_COUNT,
    NAME,
    PAGE_SIZE,
    SEARCH_DELAY_MS,
    STATE,
    STATUS,
    BadgeDelegate,
    HouseholdsModel,
    ui_language,
)
from desktop.ui.tasks import TaskRunner
from desktop.ui.thai_wrap import ThaiWrapDelegate
from sync.records.enums import VULNERABILITY
from sync.records.workflow import CASE_STATE

class HouseholdsPage(QWidget):
    """Search box, filters, count and the table of households."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner,
                 parent: QWidget | None = None, *, page_size: int = PAGE_SIZE,
                 changes: ChangeBus | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_households")
        self.changes = changes if changes is not None else ChangeBus(self)
        self.changes.data_changed.connect(self._data_changed)
        self.model = HouseholdsModel(workspace, tasks, self, page_size=page_size)
        self._build_filters()
        self._build_table()
        self.count_label = QLabel(objectName="count_label")
        self.add_button = QPushButton(objectName="add_household")
        self.survey_button = QPushButton(objectName="open_survey", enabled=False)
        self.repair_button = QPushButton(objectName="open_repairs", enabled=False)
        self._layout()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self._connect()
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.find_shortcut.activated.connect(self.focus_search)
        self.retranslate()
        self.apply_filter()

    def _build_filters(self) -> None:
        self.search = QLineEdit(objectName="search", clearButtonEnabled=True)
        self.moo_combo = QComboBox(objectName="moo_filter")
        self.state_combo = QComboBox(objectName="state_filter")
        self.vulnerability_combo = QComboBox(objectName="vulnerability_filter")
        self.conflict_check = QCheckBox(objectName="conflict_filter")
        for combo in (self.moo_combo, self.state_combo, self.vulnerability_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.moo_combo.addItem("", None)
        for moo in range(1, MOO_COUNT + 1):
            self.moo_combo.addItem("", moo)
        self.state_combo.addItem("", None)
        self.state_combo.addItem("", "none")
        for value in CASE_STATE.values:
            self.state_combo.addItem("", value)
        self.vulnerability_combo.addItem("", None)
        for value in VULNERABILITY.values:
            self.vulnerability_combo.addItem("", value)

    def _build_table(self) -> None:
        self.table = QTableView(objectName="households_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)  # Thai order comes from the store
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.name_delegate = ThaiWrapDelegate(self.table)
        self.badge_delegate = BadgeDelegate(self.table)
        self.table.setItemDelegateForColumn(NAME, self.name_delegate)
        self.table.setItemDelegateForColumn(STATUS, self.badge_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (HOUSE_NO, MOO, STATE, MEMBERS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(STATUS, 260)

    def _layout(self) -> None:
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.survey_button)
        search_row.addWidget(self.repair_button)
        search_row.addWidget(self.add_button)
        filters = QHBoxLayout()
        for widget in (self.moo_combo, self.state_combo, self.vulnerability_combo):
            filters.addWidget(widget)
        filters.addWidget(self.conflict_check)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in (self.moo_combo, self.state_combo, self.vulnerability_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.conflict_check.toggled.connect(self.apply_filter)
        self.model.page_loaded.connect(self._show_count)
        self.model.load_failed.connect(self._show_failure)
        self.add_button.clicked.connect(lambda: self.open_editor(None))
        self.survey_button.clicked.connect(lambda: self.open_survey(self.selected_household()))
        self.repair_button.clicked.connect(lambda: self.open_repairs(self.selected_household()))
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.table.doubleClicked.connect(
            lambda index: self.open_editor(self.model.rows[index.row()].household_id))

    # -- filtering --------------------------------------------------------------------
    def current_filter(self) -> HouseholdFilter:
        return HouseholdFilter(
            query=self.search.text().strip(), moo=self.moo_combo.currentData(),
            state=self.state_combo.currentData(),
            vulnerability=self.vulnerability_combo.currentData(),
            conflict=True if self.conflict_check.isChecked() else None)

    def apply_filter(self) -> None:
        """Ask for the rows of the filter now shown (the search delay is skipped)."""
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        """Reload the rows shown (after the data changed), keeping the scroll position."""
        bar = self.table.verticalScrollBar()
        position = bar.value()

        def restore() -> None:
            self.model.page_loaded.disconnect(restore)
            bar.setValue(min(position, bar.maximum()))

        self.model.page_loaded.connect(restore)
        self.model.refresh()

    def open_editor(self, household_id: str | None, *,
                    draft: DraftView | None = None) -> HouseholdEditor | None:
        """The household editor: a new household for ``None`` (returned at once), or
        a saved one, read on the task runner first (shown when read; None returned).
        A ``draft`` is shown again over it, and the editor says so.  Saves reach the
        list through the change events."""
        wanted = household_id or (draft.record_id if draft else None)
        if wanted is None:
            return self._show_editor(None, draft, None)
        self.model.tasks.submit(
            self.model.workspace.get_household, wanted, key=f"open:{wanted}",
            on_done=lambda detail: self._show_editor(wanted, draft, detail),
            on_error=self._open_failed)
        return None

    def _show_editor(self, household_id: str | None, draft: DraftView | None,
                     detail: HouseholdDetail | None) -> HouseholdEditor:
        editor = HouseholdEditor(self.model.workspace, self, household_id=household_id,
                                 draft=draft, detail=detail, changes=self.changes)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.duplicates.open_requested.connect(self.open_editor)
        if draft is not None:
            editor.say_reopened(draft.updated_at)
            log.info("draft reopened %s", draft.draft_id)
        editor.open()
        return editor

    def _selected(self, current, _previous) -> None:
        for button in (self.survey_button, self.repair_button):
            button.setEnabled(current.isValid())

    def open_repairs(self, household_id: str | None) -> RepairEditor | None:
        """The household's repair checklist of the current fiscal year."""
        if household_id is None:
            return None
        editor = RepairEditor(self.model.workspace, household_id, self,
                              tasks=self.model.tasks, changes=self.changes)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        return editor

    def selected_household(self) -> str | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row].household_id if 0 <= row < len(self.model.rows) else None

    def open_survey(self, household_id: str | None) -> SurveyForm | None:
        """The survey of the household (its latest, or a new one)."""
        if household_id is None:
            return None
        form = SurveyForm(self.model.workspace, household_id, self, tasks=self.model.tasks,
                          changes=self.changes)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.open()
        return form

    def _open_failed(self, error: BaseException) -> None:
        text = issue_text(error.issue) if isinstance(error, ServiceError) else str(error)
        self.count_label.setText(self.tr("The household could not be opened: %1")
                                 .replace("%1", text))

    def _data_changed(self, change_set: ChangeSet, _initiator: object) -> None:
        """Rows of households that changed may show new values, or move in Thai order,
        or (dis)appear from the filter: the rows held are read again."""
        if change_set.touches_households():
            self.refresh()

    def reopen_drafts(self) -> None:
        """Open again every household the user was typing when the app last stopped
        (closed, crashed or lost power): the autosaved drafts, each in its editor."""
        self.model.tasks.submit(self.model.workspace.drafts, key="drafts",
                                on_done=self._reopen, on_error=self._open_failed)

    def _reopen(self, drafts: list[DraftView]) -> None:
        for draft in drafts:
            if draft.record_type == "household" and draft.origin == "autosave":
                self.open_editor(None, draft=draft)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def with_filter(self, **changes: Any) -> HouseholdFilter:
        return replace(self.current_filter(), **changes)

    # -- texts ------------------------------------------------------------------------
    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%Ln households", "", self.model.total))

    def _show_failure(self, error: BaseException) -> None:
        self.count_label.setText(self.tr("The list could not be read. Try again."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        language = ui_language()
        self.search.setPlaceholderText(
            self.tr("Search: name, national ID or house number (Ctrl+F)"))
        self.moo_combo.setItemText(0, self.tr("All moo"))
        for row in range(1, self.moo_combo.count()):
            self.moo_combo.setItemText(row, self.tr("Moo %1").replace("%1", str(row)))
        self.state_combo.setItemText(0, self.tr("All case states"))
        self.state_combo.setItemText(1, self.tr("No case"))
        for row, value in enumerate(CASE_STATE.values, start=2):
            self.state_combo.setItemText(row, CASE_STATE.label(value, language))
        self.vulnerability_combo.setItemText(0, self.tr("All vulnerabilities"))
        for row, value in enumerate(VULNERABILITY.values, start=1):
            self.vulnerability_combo.setItemText(row, VULNERABILITY.label(value, language))
        self.conflict_check.setText(self.tr("In conflict only"))
        self.add_button.setText(self.tr("Add household"))
        self.survey_button.setText(self.tr("Survey…"))
        self.repair_button.setText(self.tr("Repair checklist…"))
        self.search.setAccessibleName(self.tr("Search households"))
        self.table.setAccessibleName(self.tr("Households"))
        self.model.retranslate()
        if self.model.loaded:
            self._show_count()
