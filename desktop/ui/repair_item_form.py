"""The form of the repair item selected: what is repaired, how much of it, what it
costs and how far it has got, each field with its error beside it.

Money is typed in baht (Thai digits and thousands commas accepted).  When both a
quantity and a unit price are typed the material cost is their product: its box
shows the figure and cannot be typed into.  The completion date is typed day first
in the Buddhist Era ("5/3/2569").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from desktop.services.repairs import baht_text
from desktop.ui.form_fields import (
    FieldGrid,
    enum_combo,
    label_enum_combo,
    select_data,
    show_issue,
)
from desktop.ui.repair_values import CHOICE_FIELDS, computed_material
from sync.records import enums as E
from sync.records.errors import Issue

TEXT_FIELDS = ("description", "quantity", "unit", "unit_price", "material_cost",
               "labour_cost", "completed_date")
ENUMS = {"category": E.REPAIR_CATEGORY, "funding_source": E.FUNDING_SOURCE,
         "item_status": E.ITEM_STATUS}


class ItemForm(QWidget):
    """The fields of one item; ``edited`` on every change, ``entered`` on Enter."""

    edited = Signal()
    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("item_form")
        self.edits = {name: QLineEdit(objectName=name) for name in TEXT_FIELDS}
        self.combos = {name: enum_combo(name, ENUMS[name]) for name in CHOICE_FIELDS}
        for name in ("quantity", "unit_price", "material_cost", "labour_cost"):
            self.edits[name].setAlignment(Qt.AlignmentFlag.AlignRight)
            self.edits[name].setMaximumWidth(140)
        self.edits["unit"].setMaximumWidth(120)
        self.edits["description"].setMinimumWidth(220)
        self.edits["completed_date"].setMaximumWidth(180)
        self.left, self.right = FieldGrid(), FieldGrid()
        self._fill_grids()
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(self.left, 1)
        columns.addSpacing(12)
        columns.addLayout(self.right, 1)
        self._showing = False  # fields being filled in by show_fields: no edits
        self._connect()

    def _fill_grids(self) -> None:
        e, c = self.edits, self.combos
        quantity = QHBoxLayout()
        quantity.addWidget(e["quantity"])
        quantity.addWidget(e["unit"])
        quantity.addStretch(1)
        self.left.add("category", c["category"], c["category"])
        self.left.add("description", e["description"], e["description"])
        self.left.add("quantity", quantity, e["quantity"])
        self.left.add("unit_price", e["unit_price"], e["unit_price"])
        self.left.add("material_cost", e["material_cost"], e["material_cost"])
        self.right.add("labour_cost", e["labour_cost"], e["labour_cost"])
        self.right.add("funding_source", c["funding_source"], c["funding_source"])
        self.right.add("item_status", c["item_status"], c["item_status"])
        self.right.add("completed_date", e["completed_date"], e["completed_date"])
        for grid in (self.left, self.right):
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setColumnStretch(1, 3)  # the fields take the width; errors wrap beside
            grid.setColumnStretch(2, 2)
            for label in grid.errors.values():
                label.setMinimumWidth(130)
            grid.end()

    def _connect(self) -> None:
        for edit in self.edits.values():
            edit.textChanged.connect(self._changed)
            edit.returnPressed.connect(self.entered)
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self._changed)

    def _changed(self, *_args: Any) -> None:
        if self._showing:
            return
        self._show_material()
        self.edited.emit()

    def _show_material(self) -> None:
        """Quantity × unit price in the material box while both are typed."""
        product = computed_material(self.values())
        box = self.edits["material_cost"]
        box.setReadOnly(product is not None)
        if product is not None and box.text() != baht_text(product):
            box.blockSignals(True)
            box.setText(baht_text(product))
            box.blockSignals(False)

    def tab_chain(self) -> list[QWidget]:
        e, c = self.edits, self.combos
        return [c["category"], e["description"], e["quantity"], e["unit"], e["unit_price"],
                e["material_cost"], e["labour_cost"], c["funding_source"], c["item_status"],
                e["completed_date"]]

    def values(self) -> dict[str, Any]:
        """The item as typed: texts and the values chosen."""
        typed: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        typed.update({name: combo.currentData() for name, combo in self.combos.items()})
        return typed

    def show_fields(self, typed: dict[str, Any]) -> None:
        self._showing = True
        try:
            for name, edit in self.edits.items():
                edit.setText(str(typed.get(name) or ""))
            for name, combo in self.combos.items():
                select_data(combo, typed.get(name))
            self._show_material()
        finally:
            self._showing = False

    def show_errors(self, errors: dict[str, Issue]) -> None:
        for grid in (self.left, self.right):
            for name, label in grid.errors.items():
                show_issue(label, errors.get(name))

    def error_label(self, name: str):
        return self.left.errors.get(name) or self.right.errors.get(name)

    def retranslate(self) -> None:
        texts = {"category": self.tr("Category"), "description": self.tr("Description"),
                 "quantity": self.tr("Quantity and unit"),
                 "unit_price": self.tr("Unit price (baht)"),
                 "material_cost": self.tr("Material (baht)"),
                 "labour_cost": self.tr("Labour (baht)"),
                 "funding_source": self.tr("Funding source"),
                 "item_status": self.tr("Status"),
                 "completed_date": self.tr("Completed on")}
        for name, text in texts.items():
            (self.left.labels.get(name) or self.right.labels[name]).setText(text)
        blank = self.tr("—")
        for name, combo in self.combos.items():
            label_enum_combo(combo, ENUMS[name], blank)
        self.edits["unit"].setPlaceholderText(self.tr("unit"))
        self.edits["completed_date"].setPlaceholderText(self.tr("d/m/yyyy (BE)"))
        self.edits["material_cost"].setToolTip(
            self.tr("Quantity × unit price when both are given"))
