"""The repair items being edited: one row per item as typed, in a table model.

The editor owns the list (nothing queries it); the form below the table edits the
row selected.  Money shows in baht, the completion date in the Buddhist Era, and
a row with an error shows red with the error as its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.services.repairs import baht_text
from desktop.ui.form_fields import be_date_text, issue_text, ui_language
from desktop.ui.repair_values import ITEM_FIELDS, MONEY_FIELDS, parse_item
from desktop.ui.thai_wrap import ThaiWrapDelegate
from sync.records import enums as E
from sync.records.errors import Issue

_ROOT = QModelIndex()  # the invisible root: the parent of every row
(CATEGORY, DESCRIPTION, QUANTITY, UNIT, UNIT_PRICE, MATERIAL, LABOUR, FUNDING, STATUS,
 COMPLETED) = range(len(ITEM_FIELDS))
ENUMS = {CATEGORY: E.REPAIR_CATEGORY, FUNDING: E.FUNDING_SOURCE, STATUS: E.ITEM_STATUS}
RIGHT = {QUANTITY, UNIT_PRICE, MATERIAL, LABOUR}


@dataclass
class ItemRow:
    typed: dict[str, Any] = field(default_factory=dict)  # the form's texts and choices
    record_id: str | None = None
    stored: dict[str, Any] = field(default_factory=dict)  # the record's fields as saved
    errors: dict[str, Issue] = field(default_factory=dict)  # from the last save or command

    def values(self) -> dict[str, Any]:
        return parse_item(self.typed)[0]

    def issues(self) -> dict[str, Issue]:
        return {**parse_item(self.typed)[1], **self.errors}


class ItemsModel(QAbstractTableModel):
    """The items of one repair checklist, as typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ItemRow] = []

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(ITEM_FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def headers(self) -> list[str]:
        return [self.tr("Category"), self.tr("Description"), self.tr("Quantity"),
                self.tr("Unit"), self.tr("Unit price"), self.tr("Material"),
                self.tr("Labour"), self.tr("Funding source"), self.tr("Status"),
                self.tr("Completed (BE)")]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        issues = row.issues()
        if role == Qt.ItemDataRole.ForegroundRole and issues:
            return QColor("#c62828")
        if role == Qt.ItemDataRole.ToolTipRole and issues:
            return "\n".join(issue_text(i) for i in issues.values())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def text(row: ItemRow, column: int) -> str:
        name = ITEM_FIELDS[column]
        values, issues = parse_item(row.typed)
        if column in ENUMS:
            value = values.get(name)
            return ENUMS[column].label(value, ui_language()) if value else ""
        if name in issues:
            return str(row.typed.get(name) or "")  # what was typed, shown red
        value = values.get(name)
        if value is None:
            return ""
        if name in MONEY_FIELDS:
            return baht_text(value)
        if column == COMPLETED:
            return be_date_text(value)
        return str(value)

    def add(self, row: ItemRow) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(row)
        self.endInsertRows()
        return position

    def remove(self, position: int) -> ItemRow:
        self.beginRemoveRows(QModelIndex(), position, position)
        row = self.rows.pop(position)
        self.endRemoveRows()
        return row

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.endResetModel()

    def changed(self, position: int) -> None:
        self.dataChanged.emit(self.index(position, 0), self.index(position, COMPLETED))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COMPLETED)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COMPLETED))


def items_table(model: ItemsModel) -> QTableView:
    """The items table: whole rows selected, Tab leaves it, columns never cut short
    (the description takes the width left and wraps at Thai word boundaries; rows
    grow to show it whole)."""
    table = QTableView(objectName="items_table")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setMinimumHeight(130)
    table.verticalHeader().setVisible(False)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setWordWrap(True)
    table.setItemDelegateForColumn(DESCRIPTION, ThaiWrapDelegate(table))
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return table
