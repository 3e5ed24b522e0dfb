"""The repair editor: one household's repair checklist for one programme and fiscal
year, in one dialog.

At the top the case: the household, the fiscal year (BE), the programme, the state
and the subsidy cap.  On the left the items (``repair_checklist``: a table, and
below it the form of the item selected); on the right the totals against the cap
with a red warning naming both amounts while the total is over it, the co-funding
rows (``repair_budget``), and a button for each workflow command the user's role
may give in the case's state, with a comment box when one needs it
(``repair_commands``).

Save (Ctrl+S) writes the project (made on the first save), each item changed, the
items removed and the co-funding on the editor's own one-thread :class:`TaskRunner`,
so writes keep their order; a command saves what is shown first.  An item with an
error keeps it beside its field and is not sent.  After each save and command the
editor announces ``ChangeSet({household_id})`` on ``changes``.  Every edit restarts
a two-second timer that writes the whole form to the profile's drafts (one draft
per case); opening the case again shows the draft and says so.

A second tab holds the photos (``repair_photos``): the project's strip in
``project_photos_box`` beside the strip of the item selected in ``item_photos_box``.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.models import DraftView
from desktop.services.programme import PROGRAMME
from desktop.services.repairs import RepairCase, Totals, totals
from desktop.services.workspace import Workspace
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.drafted_dialog import DraftedDialog
from desktop.ui.form_fields import issue_text
from desktop.ui.repair_budget import BudgetPanel
from desktop.ui.repair_checklist import ItemsSection
from desktop.ui.repair_commands import CommandBar
from desktop.ui.repair_header import CaseHeader
from desktop.ui.repair_photos import RepairPhotos
from desktop.ui.repair_values import parse_co_funding, parse_item, typed_co_funding
from desktop.ui.repair_writes import (
    SaveOutcome,
    SavePlan,
    draft_id_of,
    read_case,
    write_and_give,
    write_checklist,
    write_draft,
)
from desktop.ui.tasks import TaskRunner
from sync.records.errors import Issue

AUTOSAVE_MS = 2000


class RepairEditor(DraftedDialog):
    """One household's repair checklist; see the module docstring."""

    saved = Signal(str)  # the project id, after a save or a command
    draft_saved = Signal(str)  # the draft id, after an autosave
    item_selected = Signal(object)  # the record id of the item in the form (or None)

    def __init__(self, workspace: Workspace, household_id: str,
                 parent: QWidget | None = None, *, fiscal_year: int | None = None,
                 tasks: TaskRunner | None = None, changes: ChangeBus | None = None,
                 case: RepairCase | None = None, draft: DraftView | None = None,
                 programme: str = PROGRAMME, autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("repair_editor")
        self.workspace, self.household_id, self.changes = workspace, household_id, changes
        self.writes = TaskRunner(self, max_threads=1)  # one writer: saves keep their order
        self.tasks = tasks if tasks is not None else self.writes
        if case is None:
            case, draft = read_case(workspace, household_id, fiscal_year, programme)
        self.case = case
        self.draft_id = draft_id_of(case.project_id)
        self.reopened_at: str | None = None
        self.removed: list[str] = []
        self._held_back = False  # the last save left an item with an error behind
        self.autosave_timer = QTimer(self, singleShot=True, interval=autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self._loading = True
        self._build()
        self.retranslate()
        self._load(case, draft)
        self._loading = False
        self.resize(1280, 700)  # fits a 1366×768 laptop screen

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.header = CaseHeader(self)
        self.checklist = ItemsSection(self)
        self.items, self.table = self.checklist.model, self.checklist.table
        self.form = self.checklist.form
        self.budget = BudgetPanel(self)
        self.commands = CommandBar(self)
        self.photos = RepairPhotos(self.workspace, self.tasks, self.household_id, self)
        self.project_photos_box = self.photos.project_photos_box
        self.item_photos_box = self.photos.item_photos_box
        self.save_button = QPushButton(objectName="save", autoDefault=False)
        self.close_button = QPushButton(objectName="close", autoDefault=False)
        self.discard_button = QPushButton(objectName="discard_draft", autoDefault=False)
        self.discard_button.setVisible(False)
        self.status = QLabel(objectName="status", wordWrap=True)
        self._lay_out()
        self._connect()
        self._tab_order()

    def _lay_out(self) -> None:
        self.items_box = QGroupBox(objectName="items_box")
        self.items_box.setLayout(self.checklist.lay_out())
        self.budget_box = QGroupBox(objectName="budget_box")
        right = QVBoxLayout(self.budget_box)
        right.addWidget(self.budget)
        right.addStretch(1)
        right.addWidget(self.commands)
        self.checklist_page = QWidget(objectName="checklist_page")
        columns = QHBoxLayout(self.checklist_page)
        columns.addWidget(self.items_box, 3)
        columns.addWidget(self.budget_box, 2)
        self.tabs = QTabWidget(objectName="repair_tabs")
        self.tabs.addTab(self.checklist_page, "")
        self.photos_scroll = QScrollArea(objectName="photos_scroll")  # tall strips scroll
        self.photos_scroll.setWidget(self.photos)
        self.photos_scroll.setWidgetResizable(True)
        self.photos_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs.addTab(self.photos_scroll, "")
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.discard_button, self.close_button, self.save_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.checklist.edited.connect(self._edited)
        self.checklist.item_removed.connect(self.removed.append)
        self.checklist.item_selected.connect(self.item_selected)
        self.checklist.item_selected.connect(self.photos.show_item)
        self.tabs.currentChanged.connect(
            lambda index: self.photos.set_active(self.tabs.widget(index) is self.photos_scroll))
        self.photos.changed.connect(self._announce)
        self.budget.edited.connect(self._edited)
        self.commands.command_chosen.connect(self.give)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.discard_button.clicked.connect(self.discard_draft)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)

    def _tab_order(self) -> None:
        chain = [self.table, self.checklist.add_button, self.checklist.remove_button,
                 *self.form.tab_chain(), self.budget.add_button, self.commands.comment,
                 self.save_button, self.close_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- showing the case ---------------------------------------------------------------
    def _load(self, case: RepairCase, draft: DraftView | None) -> None:
        fields = draft.fields if draft is not None else {}
        self.checklist.replace(case.items, fields.get("items") if draft else None)
        self.budget.show_rows(list(fields.get("co_funding") or []) if draft
                              else typed_co_funding(case.co_funding))
        self.removed[:] = [i for i in fields.get("removed_items") or [] if isinstance(i, str)]
        self._show_case(case)
        if draft is not None:
            self.discard_button.setVisible(True)
            self.say_reopened(draft.updated_at)

    def _show_case(self, case: RepairCase) -> None:
        self.case = case
        self.header.show_case(case)
        self.photos.show_project(case.project.id if case.project else None)
        self.commands.show_commands(case.commands)
        self.update_totals()

    def current_totals(self) -> Totals:
        """The totals of the items and co-funding as shown (errors count as nothing)."""
        items = [parse_item(row.typed)[0] for row in self.checklist.rows]
        co_funding, _issues = parse_co_funding(self.budget.values())
        return totals(items, self.case.cap.amount, co_funding)

    def update_totals(self) -> None:
        self.budget.show_totals(self.current_totals(), self.case.cap)

    def _edited(self, *_args: Any) -> None:
        self.update_totals()
        if not self._loading:
            self.budget.show_errors(parse_co_funding(self.budget.values())[1])
            self.autosave_timer.start()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter moves through items; it never closes the dialog
            return
        super().keyPressEvent(event)

    # -- saving and commands ------------------------------------------------------------
    def _plan(self) -> SavePlan | None:
        """What to write; None (errors shown) when the co-funding has an error."""
        co_funding, issues = parse_co_funding(self.budget.values())
        self.budget.show_errors(issues)
        if issues:
            return None
        items, blocked = self.checklist.changes()
        stored = [{k: v for k, v in r.items() if v is not None} for r in self.case.co_funding]
        wanted = [{k: v for k, v in r.items() if v is not None} for r in co_funding]
        return SavePlan(self.draft_id, self.household_id, self.case.fiscal_year,
                        self.case.programme, items, tuple(self.removed),
                        None if wanted == stored else co_funding, keep_draft=blocked)

    def save(self) -> bool:
        """Write what is shown on the editor's runner; False if refused here."""
        return self._write(None, "")

    def give(self, command: str, comment: str = "") -> bool:
        """Save what is shown, then give ``command``; False if refused here."""
        return self._write(command, comment)

    def _write(self, command: str | None, comment: str) -> bool:
        if not self.save_button.isEnabled():
            return False
        self.autosave_timer.stop()
        plan = self._plan()
        if plan is None or (command and plan.keep_draft):
            self.status.setText(self.tr("Correct the fields marked in red, then try again."))
            return False
        self._held_back = plan.keep_draft
        self._set_busy(True)
        if command is None:
            self.writes.submit(write_checklist, self.workspace, plan,
                               on_done=self._saved, on_error=self._failed)
        else:
            self.writes.submit(write_and_give, self.workspace, plan, command, comment,
                               on_done=self._saved, on_error=self._failed)
        return True

    def _saved(self, outcome: SaveOutcome) -> None:
        self._set_busy(False)
        self.checklist.saved(outcome.items, outcome.item_errors)
        if not (outcome.item_errors or outcome.error):
            self.removed.clear()
            self.discard_button.setVisible(False)
        if outcome.case is not None:
            self._show_case(outcome.case)
        self.saved.emit(self.case.project_id)
        self._announce()
        self._say_outcome(outcome)
        if outcome.item_errors or outcome.error:
            self.autosave_timer.start()  # the draft learns the ids of the items saved

    def _announce(self) -> None:
        """Tell the views the household's subtree changed (a save, a command, a photo)."""
        if self.changes is not None:
            self.changes.announce(ChangeSet(frozenset({self.household_id})), self)

    def _say_outcome(self, outcome: SaveOutcome) -> None:
        if outcome.error is not None or outcome.item_errors:
            issue = outcome.error or next(iter(outcome.item_errors.values()))
            self.status.setText(self.tr("Not saved: %1").replace("%1", issue_text(issue)))
        elif outcome.command_error is not None:
            self._show_command_error(outcome.command_error)
        elif outcome.command is not None:
            self.commands.command_done()
            self.status.setText(self.tr("Done: the case is now “%1”.")
                                .replace("%1", self.header.state_text(self.case.state)))
        elif self._held_back:
            self.status.setText(self.tr("Saved, except the items marked in red. Correct "
                                        "them and save again."))
        else:
            self.status.setText(self.tr("Saved."))

    def _show_command_error(self, issue: Issue) -> None:
        record_id = issue.params.get("record_id")
        if issue.params.get("record_type") == "repair_item" and record_id:
            self.checklist.show_error(str(record_id), issue)
        text = issue_text(issue)
        if issue.params.get("record_type") in ("household", "member"):
            text += " " + self.tr("Complete the household in its editor first.")
        self.status.setText(self.tr("The command was not given: %1").replace("%1", text))

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("Not saved: %1").replace("%1", str(error)))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.items_box, self.budget_box, self.save_button):
            widget.setEnabled(not busy)
        self.commands.set_busy(busy)

    # -- drafts -----------------------------------------------------------------------
    def draft_fields(self) -> dict[str, Any]:
        return {"household_id": self.household_id, "fiscal_year": self.case.fiscal_year,
                "programme": self.case.programme, "items": self.checklist.draft_rows(),
                "removed_items": list(self.removed), "co_funding": self.budget.values()}

    def autosave_now(self) -> None:
        """Write the form as the draft, on the editor's runner (after any save queued)."""
        self.autosave_timer.stop()
        self.writes.submit(write_draft, self.workspace, self.draft_id, self.draft_fields(),
                           self.case.project_id, self.case.household.tambon,
                           on_done=self.draft_saved.emit)

    def reopened_text(self, time: str) -> str:
        return self.tr("Reopened what you were typing before (saved automatically at %1). "
                       "Save it, or discard the draft.").replace("%1", time)

    def write_draft_now(self) -> None:
        write_draft(self.workspace, self.draft_id, self.draft_fields(),
                    self.case.project_id, self.case.household.tambon)

    # -- texts ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Repair checklist"))
        self.header.retranslate()
        self.tabs.setTabText(0, self.tr("Checklist"))
        self.tabs.setTabText(1, self.tr("Photos"))
        self.photos.retranslate()
        self.items_box.setTitle(self.tr("Items to repair"))
        self.budget_box.setTitle(self.tr("Budget"))
        self.checklist.add_button.setText(self.tr("Add item"))
        self.checklist.remove_button.setText(self.tr("Remove item"))
        self.items.retranslate()
        self.form.retranslate()
        self.budget.retranslate()
        self.commands.retranslate()
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.close_button.setText(self.tr("Close"))
        self.discard_button.setText(self.tr("Discard draft"))
        if not self._loading:
            self._say_reopened()
