"""The household editor: one household's address, tenure and members in one dialog.

The address starts from the tambon, picked province → district → sub-district from
the GeoThai reference data.  Members sit in a table; the form below it edits the
member selected (Enter in the last member adds the next one).  Every field checks
what is typed at once (house number, GPS inside Thailand, national ID check digit,
birth date in the Buddhist Era) and shows the coded error, translated, beside it.

Every edit restarts a two-second timer; when it fires the whole form goes to
``Workspace.autosave`` as a draft (never an op) and ``draft saved <id>`` is logged
on ``porpiang.drafts``.  Save (Ctrl+S) writes the household and then each member on
the editor's own one-thread :class:`TaskRunner`, so writes keep their order; a
member with an error is not sent and keeps its error beside the field.  When every
record is saved the draft is discarded.

The parts live beside it: the area combos in ``area_picker``, the members table and
form in ``member_editor`` and ``members_section``, the writes in ``household_writes``
and the shared field helpers in ``form_fields``.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.models import DraftView, HouseholdDetail
from desktop.services.workspace import Workspace
from desktop.text.thai_breaks import breakable
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.drafted_dialog import DraftedDialog
from desktop.ui.duplicate_warning import DuplicateWarning
from desktop.ui.form_fields import issue_text, show_issue
from desktop.ui.household_fields import HouseholdFields
from desktop.ui.household_writes import (
    SaveOutcome,
    SavePlan,
    changed,
    write_draft,
    write_household,
)
from desktop.ui.member_editor import NATIONAL_ID
from desktop.ui.members_section import MembersSection
from desktop.ui.tasks import TaskRunner
from sync.records.errors import Issue

__all__ = ["AUTOSAVE_MS", "NATIONAL_ID", "HouseholdEditor"]

AUTOSAVE_MS = 2000


class HouseholdEditor(DraftedDialog):
    """Create or edit one household and its members; see the module docstring."""

    household_saved = Signal(str)  # the household id, after a save (even a partial one)
    draft_saved = Signal(str)  # the draft id, after an autosave

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 household_id: str | None = None, draft: DraftView | None = None,
                 detail: HouseholdDetail | None = None,
                 autosave_ms: int = AUTOSAVE_MS, changes: ChangeBus | None = None) -> None:
        super().__init__(parent)
        self.changes = changes  # told of every save, for the views to refresh
        self.setObjectName("household_editor")
        self.workspace = workspace
        self.draft_id = draft.draft_id if draft else f"household-{uuid.uuid4()}"
        self.from_draft_id = draft.draft_id if draft else None
        self.reopened_at: str | None = None  # when the draft shown again was autosaved
        self.household_id = household_id or (draft.record_id if draft else None)
        self.stored: dict[str, Any] = {}
        self.removed: list[str] = []
        self.writes = TaskRunner(self, max_threads=1)  # one writer: saves keep their order
        self.autosave_timer = QTimer(self, singleShot=True, interval=autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self._loading = True
        self._build()
        self.retranslate()
        if self.household_id:
            self._load(detail or self.workspace.get_household(self.household_id))
        if draft is not None:
            self._apply(draft.fields, draft.tambon)
        if not self.members.rows:
            self.add_member(focus=False)
        self._loading = False
        if self.household_id or draft is not None:
            self.look_for_duplicates()
        self.resize(1200, 640)  # fits a 1366×768 laptop screen

    @classmethod
    def from_draft(cls, workspace: Workspace, draft: DraftView,
                   parent: QWidget | None = None, **kw: Any) -> HouseholdEditor:
        """An editor showing a draft's fields again (the draft is replaced as edits go on)."""
        return cls(workspace, parent, draft=draft, **kw)

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.household = HouseholdFields(self)
        for name in ("area", "moo", "house_no", "soi", "road", "gps_lat", "gps_lon", "phone",
                     "notes", "enum_combos", "address", "tenure", "contact"):
            setattr(self, name, getattr(self.household, name))  # short names for callers
        self.address_box, self.tenure_box, self.contact_box = self.household.boxes
        self.member_list = MembersSection(self)
        self.members, self.table = self.member_list.model, self.member_list.table
        self.form = self.member_list.form
        self.add_button = self.member_list.add_button
        self.remove_button = self.member_list.remove_button
        self.save_button = QPushButton(objectName="save", autoDefault=False)
        self.cancel_button = QPushButton(objectName="cancel", autoDefault=False)
        self.discard_button = QPushButton(objectName="discard_draft", autoDefault=False)
        self.discard_button.setVisible(self.from_draft_id is not None)
        self.status = QLabel(objectName="status", wordWrap=True)
        self.duplicates = DuplicateWarning(self.workspace, self)
        self._lay_out()
        self._connect()
        self._tab_order()

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.address_box)
        left.addWidget(self.tenure_box)
        left.addWidget(self.contact_box)
        left.addStretch(1)
        self.members_box = QGroupBox()
        self.members_box.setLayout(self.member_list.lay_out())
        columns = QHBoxLayout()
        columns.addLayout(left, 0)
        columns.addWidget(self.members_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.duplicates)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.household.edited.connect(self._edited)
        self.member_list.edited.connect(self._edited)
        self.member_list.member_removed.connect(lambda record_id: self.removed.append(record_id))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.discard_button.clicked.connect(self.discard_draft)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)

    def _tab_order(self) -> None:
        chain = [*self.household.tab_chain(), self.table, self.add_button,
                 self.remove_button, *self.form.tab_chain(), self.save_button,
                 self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- household fields -------------------------------------------------------------
    def _load(self, detail: HouseholdDetail) -> None:
        """Show a household as read (callers read it off the GUI thread, see
        ``HouseholdsPage.open_editor``)."""
        self.stored = dict(detail.household.fields)
        consented = {c.fields["member_id"] for c in detail.consents
                     if c.fields.get("sensitive_consent") and not c.fields.get("withdrawn_date")}
        self._apply({**self.stored, "members": [{**m.fields, "id": m.id}
                                                for m in detail.members]},
                    detail.household.tambon, stored={m.id: m.fields for m in detail.members},
                    consented=consented)

    def _apply(self, fields: dict[str, Any], tambon: str | None, *,
               stored: dict[str, dict[str, Any]] | None = None,
               consented: set[str] | None = None) -> None:
        """Show ``fields`` (a household's, with a ``members`` list as drafts keep it)."""
        self.household.show(fields, tambon, locked=self.household_id is not None)
        self.member_list.replace(fields.get("members") or [], stored, consented)
        self.removed = [i for i in fields.get("removed_members") or [] if isinstance(i, str)]
        if self.members.rows:
            self.select_member(0)

    def area_locked(self, locked: bool) -> None:
        self.household.lock_area(locked)

    def household_fields(self) -> dict[str, Any]:
        return self.household.values()

    def household_issues(self) -> dict[str, Issue]:
        return self.household.issues()

    def draft_fields(self) -> dict[str, Any]:
        return {**self.household_fields(), "removed_members": list(self.removed),
                "members": self.member_list.draft_fields()}

    def _edited(self, *_args: Any) -> None:
        if self._loading:
            return
        self.household.show_issues(self.household_issues())
        if self.area.code():
            show_issue(self.address.errors["tambon"], None)
        self.autosave_timer.start()
        self.look_for_duplicates()

    def look_for_duplicates(self) -> None:
        """Ask (after a pause, off the GUI thread) for other households this one may be."""
        fields = self.household_fields()
        self.duplicates.look_for(
            tambon=self.area.code(), moo=fields["moo"], house_no=fields["house_no"],
            national_ids=[row.fields.get("national_id") for row in self.members.rows],
            exclude_id=self.household_id)

    # -- members ----------------------------------------------------------------------
    def current_member(self) -> int:
        return self.member_list.current_member()

    def select_member(self, position: int) -> None:
        self.member_list.select_member(position)

    def add_member(self, *, focus: bool = True) -> int:
        return self.member_list.add_member(focus=focus)

    def remove_member(self) -> None:
        self.member_list.remove_member()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter moves through members; it never closes the dialog
            return
        super().keyPressEvent(event)

    # -- saving -----------------------------------------------------------------------
    def save(self) -> bool:
        """Check what is shown and write it on the editor's runner; False if refused here."""
        if not self.save_button.isEnabled():
            return False
        self.autosave_timer.stop()
        issues = self.household_issues()
        if not self.household_id and not self.area.code():
            self.address.errors["tambon"].setText(
                breakable(self.tr("Choose the sub-district (tambon).")))
            issues["tambon"] = Issue("tambon.invalid", "tambon")
        self.household.show_issues(issues)
        if issues:
            self.status.setText(self.tr("Correct the fields marked in red, then save again."))
            return False
        plan = self._plan()
        self._set_busy(True)
        self.writes.submit(write_household, self.workspace, plan,
                           on_done=self._saved, on_error=self._save_failed)
        return True

    def _plan(self) -> SavePlan:
        members, blocked = self.member_list.changes()
        household = changed(self.household_fields(), self.stored, bool(self.household_id))
        draft_id = "" if blocked else self.draft_id  # a member left behind keeps the draft
        return SavePlan(draft_id, self.household_id, self.area.code(), household,
                        members, tuple(self.removed))

    def _saved(self, outcome: SaveOutcome) -> None:
        self._set_busy(False)
        if outcome.household is None:
            self._show_household_error(outcome.household_error)
            return
        self.household_id, self.stored = outcome.household.id, dict(outcome.household.fields)
        self.area_locked(True)
        self.removed = []
        self.member_list.saved(outcome.members, outcome.member_errors, outcome.consents)
        self.household_saved.emit(self.household_id)
        if self.changes is not None:
            self.changes.announce(ChangeSet(frozenset({self.household_id})), self)
        failed = [p for p, row in enumerate(self.members.rows) if row.errors]
        if not failed:
            self.status.setText(self.tr("Saved."))
            self.accept()
            return
        self.select_member(failed[0])
        self.status.setText(self.tr("The household is saved; the members marked in red "
                                    "are not. Correct them and save again."))
        self.autosave_timer.start()  # the draft learns the ids of the records saved

    def _show_household_error(self, issue: Issue | None) -> None:
        label = self.household.error_label(issue.field) if issue and issue.field else None
        if label is not None:
            show_issue(label, issue)
        text = issue_text(issue) if issue else ""
        self.status.setText(self.tr("Not saved: %1").replace("%1", text))

    def _save_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("Not saved: %1").replace("%1", str(error)))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.address_box, self.tenure_box, self.contact_box, self.members_box,
                       self.save_button):
            widget.setEnabled(not busy)

    # -- drafts -----------------------------------------------------------------------
    def autosave_now(self) -> None:
        """Write the form as the draft, on the editor's runner (after any save queued)."""
        self.autosave_timer.stop()
        self.writes.submit(write_draft, self.workspace, self.draft_id, self.draft_fields(),
                           self.household_id, self.area.code(), on_done=self.draft_saved.emit)

    def reopened_text(self, time: str) -> str:
        return self.tr("Reopened what you were typing before Porpiang closed (saved "
                       "automatically at %1). Save it, or discard the draft.").replace("%1", time)

    def say_sent_back(self, reason: str) -> None:
        """Tell the user the server sent this edit back, and why."""
        self.status.setText(self.tr("The server sent this edit back: %1 Correct it and "
                                    "save.").replace("%1", reason))

    def write_draft_now(self) -> None:
        write_draft(self.workspace, self.draft_id, self.draft_fields(), self.household_id,
                    self.area.code())

    def closing(self) -> None:
        self.duplicates.timer.stop()
        self.duplicates.lookups.shutdown()

    # -- texts ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        loading, self._loading = self._loading, True
        self.setWindowTitle(self.tr("Edit household") if self.household_id
                            else self.tr("New household"))
        self.household.retranslate()
        self.members_box.setTitle(self.tr("Members"))
        self.form.retranslate()
        self.members.retranslate()
        self.duplicates.retranslate()
        self.add_button.setText(self.tr("Add member"))
        self.remove_button.setText(self.tr("Remove member"))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Close"))
        self.discard_button.setText(self.tr("Discard draft"))
        self._say_reopened()
        self._loading = loading


