"""The items part of the repair editor: the table of items, the add and remove
buttons and the form of the item selected, kept in step (like the household
editor's members).

Enter in the form moves to the next item, and adds one after the last unless it
is still blank.  Every change emits ``edited``; a saved item removed emits
``item_removed`` with its id; ``item_selected`` names the item shown in the form
(its record id, or None for one not saved yet).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from desktop.services.models import RecordView
from desktop.ui.household_writes import changed
from desktop.ui.repair_item_form import ItemForm
from desktop.ui.repair_items import ItemRow, ItemsModel, items_table
from desktop.ui.repair_values import item_is_blank, parse_item, typed_item
from sync.records.errors import Issue

ItemChange = tuple[int, str | None, dict[str, Any]]  # position, record id, changes
NEW_ITEM = {"funding_source": "programme", "item_status": "planned"}


class ItemsSection(QObject):
    """The items model, its table, the item form and the add/remove buttons."""

    edited = Signal()
    item_removed = Signal(str)  # the record id of a saved item taken out
    item_selected = Signal(object)  # the record id of the item in the form, or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = ItemsModel(parent)
        self.table = items_table(self.model)
        self.form = ItemForm()
        self.add_button = QPushButton(objectName="add_item", autoDefault=False)
        self.remove_button = QPushButton(objectName="remove_item", autoDefault=False)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_item(current.row()))
        self.form.edited.connect(self._item_edited)
        self.form.entered.connect(self._item_entered)
        self.add_button.clicked.connect(lambda: self.add_item())
        self.remove_button.clicked.connect(self.remove_item)
        self._show_item(-1)

    def lay_out(self) -> QVBoxLayout:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        items = QVBoxLayout()
        items.addWidget(self.table, 1)
        items.addLayout(buttons)
        items.addWidget(self.form)
        return items

    @property
    def rows(self) -> list[ItemRow]:
        return self.model.rows

    def current_item(self) -> int:
        return self.table.currentIndex().row()

    def select_item(self, position: int) -> None:
        self.table.setCurrentIndex(self.model.index(position, 0))

    def add_item(self, typed: dict[str, Any] | None = None, *, focus: bool = True) -> int:
        position = self.model.add(ItemRow(dict(typed or NEW_ITEM)))
        self.select_item(position)
        if focus:
            self.form.combos["category"].setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()
        return position

    def remove_item(self) -> None:
        position = self.current_item()
        if position < 0:
            return
        row = self.model.remove(position)
        if row.record_id:
            self.item_removed.emit(row.record_id)
        if self.rows:
            self.select_item(min(position, len(self.rows) - 1))
        else:
            self._show_item(-1)
        self.edited.emit()

    def replace(self, items: tuple[RecordView, ...],
                draft: list[dict[str, Any]] | None = None) -> None:
        """Show the saved ``items``, or the ``draft`` rows (typed, with an ``id``)
        over them."""
        stored = {item.id: dict(item.fields) for item in items}
        self.model.clear()
        if draft is None:
            rows = [ItemRow(typed_item(item.fields), item.id, stored[item.id]) for item in items]
        else:
            rows = [ItemRow({k: v for k, v in typed.items() if k != "id"}, typed.get("id"),
                            stored.get(typed.get("id"), {})) for typed in draft]
        for row in rows:
            self.model.add(row)
        self._show_item(-1)
        if self.rows:
            self.select_item(0)

    def draft_rows(self) -> list[dict[str, Any]]:
        return [{**row.typed, "id": row.record_id} for row in self.rows]

    def changes(self) -> tuple[tuple[ItemChange, ...], bool]:
        """The items to send, and whether one with an error is held back."""
        items, blocked = [], False
        for position, row in enumerate(self.rows):
            row.errors = {}
            values, issues = parse_item(row.typed)
            if item_is_blank(row.typed) and not row.record_id:
                continue
            if issues:
                blocked = True
                continue
            changes = changed(values, row.stored, bool(row.record_id))
            if changes or not row.record_id:
                items.append((position, row.record_id, changes))
        self.refresh()
        return tuple(items), blocked

    def saved(self, records: dict[int, RecordView], errors: dict[int, Issue]) -> None:
        """Note the items saved and the refusals, by position."""
        for position, record in records.items():
            row = self.rows[position]
            row.record_id, row.stored, row.errors = record.id, dict(record.fields), {}
        for position, issue in errors.items():
            self.rows[position].errors = {issue.field or "description": issue}
        self.refresh()

    def show_error(self, record_id: str, issue: Issue) -> bool:
        """Show a refusal about the saved item ``record_id`` beside its field."""
        for position, row in enumerate(self.rows):
            if row.record_id == record_id:
                row.errors = {issue.field or "description": issue}
                self.select_item(position)
                self.refresh()
                return True
        return False

    def refresh(self) -> None:
        self.model.retranslate()
        self._show_item(self.current_item())

    def _show_item(self, position: int) -> None:
        row = self.rows[position] if 0 <= position < len(self.rows) else None
        self.form.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.form.show_fields(row.typed if row else {})
        self.form.show_errors(row.issues() if row else {})
        self.item_selected.emit(row.record_id if row else None)

    def _item_edited(self) -> None:
        position = self.current_item()
        if position < 0:
            return
        row = self.rows[position]
        row.typed, row.errors = self.form.values(), {}
        self.model.changed(position)
        self.form.show_errors(row.issues())
        self.edited.emit()

    def _item_entered(self) -> None:
        position = self.current_item()
        if position < len(self.rows) - 1:
            self.select_item(position + 1)
            self.form.combos["category"].setFocus(Qt.FocusReason.OtherFocusReason)
        elif position >= 0 and not item_is_blank(self.rows[position].typed):
            self.add_item()
