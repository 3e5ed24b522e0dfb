"""The pieces the editor forms share: the interface language, issues shown beside
their field, enum combos and the label | field | error grid."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
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
from sync.records.thai import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    to_ascii_digits,
    to_be_year,
    to_ce_year,
)

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


def be_date_text(value: str | None) -> str:
    """A stored date ("YYYY" or "YYYY-MM-DD", CE) as a table shows it, in the
    Buddhist Era with the month abbreviated: "12 มี.ค. 2503", or "2503"."""
    if not value:
        return ""
    if len(value) == 4:
        return str(to_be_year(int(value)))
    d = date.fromisoformat(value)
    return f"{d.day} {month_name(d.month, short=True)} {to_be_year(d.year)}"


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


class BeDateEntry(QWidget):
    """A date as day, month name and Buddhist-Era year."""

    changed = Signal()

    def __init__(self, name: str) -> None:
        super().__init__(objectName=name)
        self.day = QComboBox(objectName=f"{name}_day")
        self.month = QComboBox(objectName=f"{name}_month")
        self.year = QLineEdit(objectName=f"{name}_year", maxLength=4)
        for number in range(32):
            self.day.addItem(str(number) if number else "", number or None)
        for number in range(13):
            self.month.addItem("", number or None)
        self.year.setFixedWidth(80)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.day, self.month, self.year):
            row.addWidget(widget)
        row.addStretch(1)
        self.day.currentIndexChanged.connect(self.changed)
        self.month.currentIndexChanged.connect(self.changed)
        self.year.textChanged.connect(self.changed)

    def value(self) -> tuple[str | None, bool]:
        """The ISO date, and whether what is typed is no date (a partial one, 31/2)."""
        day, month, year = self.day.currentData(), self.month.currentData(), digits_text(self.year)
        if not (day and month and year.isdigit() and len(year) == 4):
            return None, bool(day or month or year)
        try:
            return date(to_ce_year(int(year)), month, day).isoformat(), False
        except ValueError:
            return None, True

    def typed(self) -> list[Any]:
        """What is shown, for a draft (a date half typed is kept as typed)."""
        return [self.day.currentData(), self.month.currentData(), self.year.text()]

    def set_value(self, iso: str | None, typed: list[Any] | None = None) -> None:
        if typed and len(typed) == 3:
            day, month, year = typed
        elif iso:
            d = date.fromisoformat(iso)
            day, month, year = d.day, d.month, str(to_be_year(d.year))
        else:
            day, month, year = None, None, ""
        select_data(self.day, day)
        select_data(self.month, month)
        self.year.setText(str(year or ""))

    def retranslate(self) -> None:
        self.day.setItemText(0, self.tr("Day"))
        self.month.setItemText(0, self.tr("Month"))
        for month in range(1, 13):
            self.month.setItemText(month, month_name(month))
        fit_widest_item(self.month)
        self.year.setPlaceholderText(self.tr("Year (BE)"))
