"""Resolving one conflict: the field group's value kept now beside each competing
value with its author, device and time; choose one, edit its text fields if need be,
and save — the resolution is an ordinary op that names the conflict it settles.

Commands kept in a conflict (group ``workflow`` or ``move``) are shown, not chosen:
a reviewer gives the command again from the case if it still should happen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import ServiceError
from desktop.services.conflicts import ConflictView, group_named, resolve_conflict
from desktop.services.workspace import Workspace
from desktop.text.thai_breaks import breakable
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.form_fields import be_date_text, issue_text, local_datetime, ui_language
from desktop.ui.tasks import TaskRunner
from sync.records.fields import Field, Kind
from sync.records.registry import record_type

COMMAND_GROUPS = ("workflow", "move")


def shown_value(f: Field | None, value: Any, lang: str) -> str:
    """A field's value as the user reads it."""
    if value is None or value == [] or value == "":
        return "—"
    if f is not None and f.enum is not None:
        values = value if isinstance(value, list) else [value]
        return ", ".join(f.enum.label(str(v), lang) for v in values)
    if f is not None and f.kind in (Kind.DATE, Kind.PARTIAL_DATE) and isinstance(value, str):
        return be_date_text(value)  # in the Buddhist Era
    if isinstance(value, bool):
        return ("ใช่" if value else "ไม่ใช่") if lang == "th" else ("Yes" if value else "No")
    return str(value)


class ConflictDialog(QDialog):
    """One conflict; ``resolved`` is the saved record's id after a resolution."""

    def __init__(self, workspace: Workspace, conflict: ConflictView,
                 parent: QWidget | None = None, *, changes: ChangeBus | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.workspace, self.conflict, self.changes = workspace, conflict, changes
        self.rtype = record_type(conflict.target_type)
        self.names = self._field_names()
        self.writes = TaskRunner(self, max_threads=1)
        self.heading = QLabel(objectName="conflict_heading", wordWrap=True)
        self.grid = QGridLayout()
        self.choices = QButtonGroup(self)
        self.edits: dict[str, QLineEdit] = {}
        self.status = QLabel(objectName="status", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.resolved: str | None = None
        self._build()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()

    def _field_names(self) -> list[str]:
        if self.conflict.group in COMMAND_GROUPS:
            return []
        if self.conflict.group == "*":
            names = {n for p in self.conflict.proposals for n in p.fields}
            return [f.name for f in self.rtype.fields() if f.name in names]
        group = group_named(self.rtype, self.conflict.group)
        return [f.name for f in group.fields] if group else []

    @property
    def first_proposal(self) -> int:
        """The column of the first competing value (after the base, if shown, and the
        value kept now)."""
        return 2 if self.conflict.base is not None else 1

    def _columns(self) -> list[dict[str, Any]]:
        """The values both edits started from (when known), the value kept now, then
        each competing value."""
        base = [dict(self.conflict.base)] if self.conflict.base is not None else []
        return base + [dict(self.conflict.current)] + [dict(p.fields)
                                                       for p in self.conflict.proposals]

    def _build(self) -> None:
        columns = self._columns()
        for column in range(len(columns)):
            button = QRadioButton(objectName=f"choose_{column}")
            self.choices.addButton(button, column)
            self.grid.addWidget(button, 0, column + 1)
        self.header_labels = [QLabel(wordWrap=True) for _ in columns]
        for column, label in enumerate(self.header_labels):
            self.grid.addWidget(label, 1, column + 1)
        self.edit_header = QLabel(wordWrap=True)
        self.grid.addWidget(self.edit_header, 1, len(columns) + 1)
        self.row_labels = []
        for row, name in enumerate(self.names, start=2):
            label = QLabel()
            self.row_labels.append(label)
            self.grid.addWidget(label, row, 0)
            for column, values in enumerate(columns):
                cell = QLabel(objectName=f"value_{name}_{column}", wordWrap=True)
                cell.setProperty("value", values.get(name))
                self.grid.addWidget(cell, row, column + 1)
            f = self.rtype.field(name)
            if f is not None and f.kind == Kind.TEXT:
                self.edits[name] = QLineEdit(objectName=f"edit_{name}")
                self.grid.addWidget(self.edits[name], row, len(columns) + 1)
        self.choices.idToggled.connect(lambda column, on: on and self._chosen(column))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        if self.names:
            self.choices.button(min(self.first_proposal, len(columns) - 1)).setChecked(True)
        else:
            for button in self.choices.buttons():
                button.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def _chosen(self, column: int) -> None:
        values = self._columns()[column]
        for name, edit in self.edits.items():
            edit.setText("" if values.get(name) is None else str(values[name]))

    def values(self) -> dict[str, Any]:
        """The chosen column's values, with the text fields as edited."""
        column = max(0, self.choices.checkedId())
        chosen = self._columns()[column]
        values = {name: chosen.get(name) for name in self.names}
        for name, edit in self.edits.items():
            values[name] = edit.text().strip() or None
        return values

    def save(self) -> None:
        if not self.names:
            return
        self.buttons.setEnabled(False)
        self.writes.submit(resolve_conflict, self.workspace, self.conflict.id, self.values(),
                           on_done=self._saved, on_error=self._failed)

    def _saved(self, result) -> None:
        self.resolved = result.record.id
        if self.changes is not None:
            households = frozenset({self.conflict.household_id} - {None})
            self.changes.announce(ChangeSet(households), self)  # type: ignore[arg-type]
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        text = issue_text(error.issue) if isinstance(error, ServiceError) else str(error)
        self.status.setText(self.tr("Not saved: %1").replace("%1", text))

    def done(self, result: int) -> None:
        self.writes.pool.waitForDone()
        super().done(result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _reason(self) -> str:
        return {"concurrent": self.tr("Two people changed the same fields while offline."),
                "resolved_again": self.tr("It was changed again after a resolution."),
                "edited_after_delete": self.tr("It was changed after someone deleted it."),
                "stale_review": self.tr("A review command was given on an older version."),
                "role_forbidden": self.tr("Its author's role no longer allows it."),
                }.get(self.conflict.reason, self.conflict.reason)

    def retranslate(self) -> None:
        lang = ui_language()
        group = group_named(self.rtype, self.conflict.group)
        what = self.rtype.label(lang)
        part = "" if group is None else (group.th if lang == "th" else group.en)
        self.setWindowTitle(self.tr("Resolve a conflict"))
        self.heading.setText(breakable(f"{what} — {part}\n{self._reason()}".strip(" —")))
        kept = self.first_proposal - 1
        if kept:
            self.header_labels[0].setText(self.tr("Before both edits"))
        self.header_labels[kept].setText(self.tr("Kept now"))
        self.edit_header.setText(self.tr("Saved as (text can be edited)") if self.edits else "")
        for label, p in zip(self.header_labels[kept + 1:], self.conflict.proposals,
                            strict=True):
            label.setText(f"{p.author_name or p.author}\n{local_datetime(p.at)}\n"
                          + self.tr("device %1").replace("%1", p.device_id[:8]))
        for label, name in zip(self.row_labels, self.names, strict=True):
            f = self.rtype.field(name)
            label.setText(f.label(lang) if f is not None else name)
            columns = self._columns()
            differs = len({repr(values.get(name)) for values in columns}) > 1
            label.setStyleSheet("font-weight: bold;" if differs else "")
            for column in range(len(columns)):
                cell = self.findChild(QLabel, f"value_{name}_{column}")
                cell.setText(shown_value(f, cell.property("value"), lang))
                cell.setStyleSheet("font-weight: bold;" if differs else "")
        for button in self.choices.buttons():
            button.setText(self.tr("Use this"))
        if not self.names:
            self.status.setText(self.tr("A command waits here: give it again from the case "
                                        "if it should still happen."))
