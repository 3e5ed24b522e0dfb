"""The checklist's money: the totals against the subsidy cap, with a red warning
naming both amounts while the total is over the cap, and the co-funding rows
(source, amount in baht, note) that pay for what the subsidy does not."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.repairs import Cap, Totals, baht_text
from desktop.text.thai_breaks import breakable
from desktop.ui.form_fields import (
    enum_combo,
    error_label,
    label_enum_combo,
    select_data,
    show_issue,
)
from sync.records import enums as E
from sync.records.errors import Issue

WARNING_STYLE = ("QLabel { color: #b71c1c; background: #ffebee; border: 1px solid #e57373;"
                 " border-radius: 4px; padding: 6px; font-weight: bold; }")


class CoFundingRow:
    """One row's widgets: source, amount, note, remove, and the error under them."""

    def __init__(self, position: int) -> None:
        self.source = enum_combo(f"co_funding_source_{position}", E.FUNDING_SOURCE)
        self.amount = QLineEdit(objectName=f"co_funding_amount_{position}")
        self.amount.setMaximumWidth(120)
        self.note = QLineEdit(objectName=f"co_funding_note_{position}")
        self.remove = QPushButton(objectName=f"co_funding_remove_{position}", autoDefault=False)
        self.error = error_label(f"co_funding_{position}")

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.source, self.amount, self.note, self.remove, self.error)

    def values(self) -> dict[str, Any]:
        return {"source": self.source.currentData(), "amount": self.amount.text(),
                "note": self.note.text()}


class BudgetPanel(QWidget):
    """Totals, the cap and its warning, and the co-funding rows; ``edited`` when a
    co-funding row changes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budget_panel")
        self.totals_label = QLabel(objectName="totals", wordWrap=True)
        self.cap_label = QLabel(objectName="cap", wordWrap=True)
        self.cap_warning = QLabel(objectName="cap_warning", wordWrap=True)
        self.cap_warning.setStyleSheet(WARNING_STYLE)
        self.cap_warning.setVisible(False)
        self.co_funding_title = QLabel(objectName="co_funding_title")
        self.rows: list[CoFundingRow] = []
        self.rows_grid = QGridLayout()
        self.rows_grid.setColumnStretch(2, 1)
        self.add_button = QPushButton(objectName="add_co_funding", autoDefault=False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self._totals: Totals | None = None
        self._cap: Cap | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.totals_label, self.cap_label, self.cap_warning,
                       self.co_funding_title):
            layout.addWidget(widget)
        layout.addLayout(self.rows_grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    # -- co-funding rows --------------------------------------------------------------
    def add_row(self, values: dict[str, Any] | None = None, *, focus: bool = False) -> CoFundingRow:
        row = CoFundingRow(len(self.rows))
        self.rows.append(row)
        position = len(self.rows) - 1
        for column, widget in enumerate(row.widgets()[:4]):
            self.rows_grid.addWidget(widget, 2 * position, column)
        self.rows_grid.addWidget(row.error, 2 * position + 1, 0, 1, 4)
        self._fill(row, values or {})
        row.source.currentIndexChanged.connect(self.edited)
        row.amount.textChanged.connect(self.edited)
        row.note.textChanged.connect(self.edited)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self._retranslate_row(row)
        if focus:
            row.source.setFocus()
        if values is None:
            self.edited.emit()
        return row

    @staticmethod
    def _fill(row: CoFundingRow, values: dict[str, Any]) -> None:
        select_data(row.source, values.get("source"))
        row.amount.setText(str(values.get("amount") or ""))
        row.note.setText(str(values.get("note") or ""))

    def remove_row(self, row: CoFundingRow) -> None:
        kept = [r.values() for r in self.rows if r is not row]
        self.show_rows(kept)
        self.edited.emit()

    def show_rows(self, typed: list[dict[str, Any]]) -> None:
        """Show these rows (as typed) in place of those shown."""
        for row in self.rows:
            for widget in row.widgets():
                self.rows_grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.rows = []
        for values in typed:
            self.add_row(values)

    def values(self) -> list[dict[str, Any]]:
        return [row.values() for row in self.rows]

    def show_errors(self, errors: dict[int, Issue]) -> None:
        for position, row in enumerate(self.rows):
            show_issue(row.error, errors.get(position))

    # -- totals -----------------------------------------------------------------------
    def show_totals(self, totals: Totals, cap: Cap) -> None:
        self._totals, self._cap = totals, cap
        self._say_totals()

    def _say_totals(self) -> None:
        totals, cap = self._totals, self._cap
        if totals is None or cap is None:
            return
        self.totals_label.setText(breakable(
            self.tr("Material %1 + labour %2 = total %3 baht")
            .replace("%1", baht_text(totals.material)).replace("%2", baht_text(totals.labour))
            .replace("%3", baht_text(totals.total))))
        sources = {"project": self.tr("this project's own cap"),
                   "record": self.tr("the programme settings of the fiscal year"),
                   "defaults": self.tr("the default settings of the fiscal year")}
        self.cap_label.setText(breakable(
            self.tr("Subsidy cap: %1 baht (%2)").replace("%1", baht_text(cap.amount))
            .replace("%2", sources.get(cap.source, cap.source))))
        self.cap_warning.setVisible(totals.over_cap > 0)
        if totals.over_cap > 0:
            self.cap_warning.setText(breakable(self._warning(totals)))

    def _warning(self, totals: Totals) -> str:
        text = (self.tr("The total of %1 baht exceeds the subsidy cap of %2 baht by %3 baht.")
                .replace("%1", baht_text(totals.total)).replace("%2", baht_text(totals.cap))
                .replace("%3", baht_text(totals.over_cap)))
        if totals.co_funding and totals.uncovered == 0:
            return text + " " + self.tr("The co-funding of %1 baht covers it.").replace(
                "%1", baht_text(totals.co_funding))
        if totals.co_funding:
            return text + " " + self.tr("The co-funding of %1 baht leaves %2 baht uncovered.") \
                .replace("%1", baht_text(totals.co_funding)) \
                .replace("%2", baht_text(totals.uncovered))
        return text + " " + self.tr("Reduce the items or add co-funding.")

    def warning_shown(self) -> bool:
        return not self.cap_warning.isHidden()

    # -- texts ------------------------------------------------------------------------
    def _retranslate_row(self, row: CoFundingRow) -> None:
        label_enum_combo(row.source, E.FUNDING_SOURCE, self.tr("Source"))
        row.amount.setPlaceholderText(self.tr("Amount (baht)"))
        row.note.setPlaceholderText(self.tr("Note"))
        row.remove.setText(self.tr("Remove"))

    def retranslate(self) -> None:
        self.co_funding_title.setText(self.tr("Co-funding"))
        self.add_button.setText(self.tr("Add co-funding"))
        for row in self.rows:
            self._retranslate_row(row)
        self._say_totals()
