"""The pieces the editor forms share: the interface language, issues shown beside
their field, enum combos and the label | field | error grid."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.services import message
from desktop.text.thai_breaks import breakable
from sync.records import enums as E
from sync.records.errors import Issue, Severity
from sync.records.thai import THAI_MONTHS, THAI_MONTHS_ABBR, to_ascii_digits

ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #ef6c00;"


def ui_language() -> str:
    return "th" if QLocale().language() == QLocale.Language.Thai else "en"


def issue_text(issue: Issue) -> str:
    """The issue's text in the interface language."""
    return message(issue.code, ui_language(), **issue.params)


def local_clock(stamp: str) -> str:
    """An ISO UTC stamp as the local time of day (HH:mm); the stamp if unreadable."""
    when = QDateTime.fromString(stamp, Qt.DateFormat.ISODateWithMs)
    return when.toLocalTime().toString("HH:mm") if when.isValid() else stamp


def local_datetime(stamp: str | None) -> str:
    """An ISO UTC stamp as a local date and time (d/M/yyyy HH:mm)."""
    if not stamp:
        return ""
    when = QDateTime.fromString(stamp, Qt.DateFormat.ISODateWithMs)
    return when.toLocalTime().toString("d/M/yyyy HH:mm") if when.isValid() else stamp


def heading_label(name: str = "heading") -> QLabel:
    """A page's title: bold, 1.6 times the text size."""
    label = QLabel(objectName=name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label


def month_name(month: int, *, short: bool = False) -> str:
    """The month's name in the interface language (abbreviated for tables)."""
    if ui_language() == "th":
        return (THAI_MONTHS_ABBR if short else THAI_MONTHS)[month - 1]
    english = QLocale(QLocale.Language.English)
    return english.monthName(month, QLocale.FormatType.ShortFormat if short
                             else QLocale.FormatType.LongFormat)


def error_label(name: str) -> QLabel:
    label = QLabel(objectName=f"error_{name}", wordWrap=True)
    label.setStyleSheet(ERROR_STYLE)
    label.setMinimumWidth(170)
    return label


def show_issue(label: QLabel, issue: Issue | None) -> None:
    """The issue's text in ``label`` (red for an error, orange for a warning)."""
    label.setText(breakable(issue_text(issue)) if issue else "")
    warning = issue is not None and issue.severity == Severity.WARNING
    label.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)


def enum_combo(name: str, enum: E.Enumeration) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.addItem("", None)
    for value in enum.values:
        combo.addItem("", value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    return combo


def label_enum_combo(combo: QComboBox, enum: E.Enumeration, blank: str) -> None:
    lang = ui_language()
    combo.setItemText(0, blank)
    for row in range(1, combo.count()):
        combo.setItemText(row, enum.label(combo.itemData(row), lang))
    view = combo.view()  # the open list shows whole labels, wider than the box if need be
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setMinimumWidth(view.sizeHintForColumn(0) + 24)


def fit_widest_item(combo: QComboBox) -> None:
    """Never narrower than its longest item (a month name), whatever the layout."""
    metrics = combo.fontMetrics()
    widest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    combo.setMinimumWidth(widest + 40)  # the text's margins and the arrow


def select_data(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def digits_text(widget: QLineEdit) -> str:
    return to_ascii_digits(widget.text()).strip()


class FieldGrid(QGridLayout):
    """Rows of label | field | error, the error beside its field."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.setColumnStretch(2, 1)
        self.setVerticalSpacing(4)

    def add(self, name: str, widget: QWidget | QHBoxLayout, buddy: QWidget) -> None:
        row = self.rowCount()
        label = QLabel(objectName=f"label_{name}", buddy=buddy)
        self.labels[name], self.errors[name] = label, error_label(name)
        self.addWidget(label, row, 0)
        if isinstance(widget, QWidget):
            self.addWidget(widget, row, 1)
        else:
            self.addLayout(widget, row, 1)
        self.addWidget(self.errors[name], row, 2)

    def add_wide(self, name: str, widget: QWidget, buddy: QWidget) -> None:
        """A field as wide as the grid (a list of check boxes): its label above it and
        its error below."""
        row = self.rowCount()
        label = QLabel(objectName=f"label_{name}", buddy=buddy)
        self.labels[name], self.errors[name] = label, error_label(name)
        self.addWidget(label, row, 0, 1, 3)
        self.addWidget(widget, row + 1, 0, 1, 3)
        self.addWidget(self.errors[name], row + 2, 0, 1, 3)

    def end(self) -> None:
        """Rows keep their natural height; the space left goes below the last one."""
        self.setRowStretch(self.rowCount(), 1)
