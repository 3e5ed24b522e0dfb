"""The members part of the household editor: the table of members, the add and
remove buttons and the form of the member selected, kept in step.

Enter in the form (or the table) moves to the next member, and adds one after the
last unless it is still blank.  Every change of a member emits ``edited``; a saved
member removed emits ``member_removed`` with its id first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.services.models import RecordView
from desktop.ui.consent_dialog import ConsentDialog
from desktop.ui.household_writes import changed
from desktop.ui.member_editor import (
    MemberForm,
    MemberRow,
    MembersModel,
    is_blank,
    member_issues,
    member_values,
    typing_issues,
)
from sync.records.errors import Issue

MemberChange = tuple[int, str | None, dict[str, Any]]  # position, record id, changes
KEPT_KEYS = ("_consent",)  # what a member row holds besides the form's values


def members_table(model: MembersModel) -> QTableView:
    table = QTableView(objectName="members_table")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    table.setMinimumHeight(150)  # about four members stay in view above the form
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    # Every column as wide as its header and cells, never cut short: when they do not
    # fit, the table scrolls sideways.
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    return table


class MembersSection(QObject):
    """The members model, its table, the member form and the add/remove buttons."""

    edited = Signal()
    member_removed = Signal(str)  # the record id of a saved member taken out

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = MembersModel(parent)
        self.table = members_table(self.model)
        self.table.installEventFilter(self)
        self.form = MemberForm()
        self.add_button = QPushButton(objectName="add_member", autoDefault=False)
        self.remove_button = QPushButton(objectName="remove_member", autoDefault=False)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_member(current.row()))
        self.form.edited.connect(self._member_edited)
        self.form.entered.connect(self._member_entered)
        self.form.consent_requested.connect(self.record_consent)
        self.consent_dialog: ConsentDialog | None = None
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button.clicked.connect(self.remove_member)

    def lay_out(self) -> QVBoxLayout:
        """The table, the add/remove buttons under it, then the form."""
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        members = QVBoxLayout()
        members.addWidget(self.table, 1)
        members.addLayout(buttons)
        members.addWidget(self.form)
        return members

    @property
    def rows(self) -> list[MemberRow]:
        return self.model.rows

    def current_member(self) -> int:
        return self.table.currentIndex().row()

    def select_member(self, position: int) -> None:
        self.table.setCurrentIndex(self.model.index(position, 0))

    def add_member(self, *, focus: bool = True) -> int:
        first = not self.rows
        position = self.model.add(MemberRow({"relation_to_head": "head"} if first else {}))
        self.select_member(position)
        if focus:
            self.form.given_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()
        return position

    def remove_member(self) -> None:
        position = self.current_member()
        if position < 0:
            return
        row = self.model.remove(position)
        if row.record_id:
            self.member_removed.emit(row.record_id)
        if self.rows:
            self.select_member(min(position, len(self.rows) - 1))
        else:
            self._show_member(-1)
        self.edited.emit()

    def replace(self, members: list[dict[str, Any]],
                stored: dict[str, dict[str, Any]] | None = None,
                consented: set[str] | None = None) -> None:
        """Show ``members`` (fields with an ``id``), keeping what is known as saved:
        their stored fields and which of them have consent to sensitive data."""
        kept = {row.record_id: row.stored for row in self.rows if row.record_id}
        kept.update(stored or {})
        agreed = {row.record_id for row in self.rows if row.consented} | (consented or set())
        while self.rows:
            self.model.remove(0)
        for member in members:
            member = dict(member)
            record_id = member.pop("id", None)
            self.model.add(MemberRow(member, record_id, dict(kept.get(record_id, {})),
                                     consented=record_id in agreed))

    def draft_fields(self) -> list[dict[str, Any]]:
        return [{**row.fields, "id": row.record_id} for row in self.rows]

    def changes(self) -> tuple[tuple[MemberChange, ...], bool]:
        """The members to send (with a ``_consent`` to record, if one waits), and
        whether a member with an error is held back."""
        members, blocked = [], False
        for position, row in enumerate(self.rows):
            row.errors = member_issues(row.fields)
            if is_blank(row.fields) and not row.record_id:
                continue
            if row.errors:
                blocked = True
                continue
            changes = changed(member_values(row.fields), row.stored, bool(row.record_id))
            if isinstance(row.fields.get("_consent"), dict):
                changes["_consent"] = row.fields["_consent"]
            if changes or not row.record_id:
                members.append((position, row.record_id, changes))
        return tuple(members), blocked

    def saved(self, records: dict[int, RecordView], errors: dict[int, Issue],
              consents: dict[int, RecordView] | None = None) -> None:
        """Note the records saved, the consents recorded and the refusals, by position."""
        for position, record in records.items():
            row = self.rows[position]
            row.record_id, row.stored, row.errors = record.id, dict(record.fields), {}
        for position, consent in (consents or {}).items():
            row = self.rows[position]
            row.fields.pop("_consent", None)
            row.consented = row.consented or bool(consent.fields.get("sensitive_consent"))
        for position, issue in errors.items():
            self.rows[position].errors = {issue.field or "given_name": issue}
        self.model.retranslate()
        self._show_member(self.current_member())

    def _show_member(self, position: int) -> None:
        self.form.setEnabled(position >= 0)
        row = self.rows[position] if 0 <= position < len(self.rows) else None
        self.form.show_fields(row.fields if row else {})
        self.form.health.set_consent(row.consent_state() if row else None)
        self.form.show_errors({**typing_issues(row.fields), **row.errors} if row else {})

    def _member_edited(self) -> None:
        position = self.current_member()
        if position < 0:
            return
        row = self.rows[position]
        kept = {key: row.fields[key] for key in KEPT_KEYS if key in row.fields}
        row.fields, row.errors = {**self.form.values(), **kept}, {}
        self.model.changed(position)
        self.form.show_errors(typing_issues(row.fields))
        self.edited.emit()

    def record_consent(self) -> ConsentDialog | None:
        """Open the consent dialog for the member selected (non-modal to the loop:
        the answer arrives through ``accepted``)."""
        position = self.current_member()
        if position < 0:
            return None
        row = self.rows[position]
        name = " ".join(p for p in (row.fields.get("given_name"),
                                    row.fields.get("family_name")) if p)
        pending = row.fields.get("_consent")
        dialog = ConsentDialog(name, self.table.window(),
                               fields=pending if isinstance(pending, dict) else None)
        dialog.accepted.connect(lambda: self._consent_recorded(row, dialog.values()))
        dialog.finished.connect(dialog.deleteLater)
        self.consent_dialog = dialog
        dialog.open()
        return dialog

    def _consent_recorded(self, row: MemberRow, consent: dict[str, Any]) -> None:
        row.fields["_consent"] = consent
        position = self.current_member()
        if 0 <= position < len(self.rows) and self.rows[position] is row:
            self.form.health.set_consent(row.consent_state())
        self.edited.emit()

    def _member_entered(self) -> None:
        """Enter: the next member, a new one after the last (unless it is still blank)."""
        position = self.current_member()
        if position < len(self.rows) - 1:
            self.select_member(position + 1)
            self.form.given_name.setFocus(Qt.FocusReason.OtherFocusReason)
        elif position >= 0 and not is_blank(self.rows[position].fields):
            self.add_member()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._member_entered()
            return True
        return super().eventFilter(watched, event)
