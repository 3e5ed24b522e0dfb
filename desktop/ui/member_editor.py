"""The members of a household: the table model of the members being edited and the
form of the one selected, with the birth date in the Buddhist Era (day, month,
year) and the national ID checked as it is typed (Thai digits accepted)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.form_fields import (
    FieldGrid,
    be_date_text,
    digits_text,
    enum_combo,
    fit_widest_item,
    issue_text,
    label_enum_combo,
    month_name,
    select_data,
    show_issue,
    ui_language,
)
from desktop.ui.member_care import CARE_FIELDS, INCOME_LABEL, HealthPage, LivelihoodPage
from sync.records import enums as E
from sync.records.errors import Issue, Severity
from sync.records.thai import (
    format_national_id,
    parse_national_id,
    to_ascii_digits,
    to_be_year,
    to_ce_year,
)

_ROOT = QModelIndex()  # the invisible root: the parent of every row
MEMBER_FIELDS = ("given_name", "family_name", "sex", "birth_date", "relation_to_head",
                 "national_id")
GIVEN, FAMILY, SEX, BIRTH, RELATION, NATIONAL_ID = range(6)


def member_issues(fields: dict[str, Any]) -> dict[str, Issue]:
    """The errors that keep a member from being saved, by field."""
    issues: dict[str, Issue] = {}
    typed = (fields.get("national_id") or "").strip()
    if typed:
        _value, found = parse_national_id(typed)
        issues.update({i.field or "national_id": i for i in found
                       if i.severity == Severity.ERROR})
    if fields.get("_birth_error"):
        issues["birth_date"] = Issue("date.invalid", "birth_date",
                                     {"label_th": "วันเกิด", "label_en": "Birth date"})
    if fields.get("_income_error"):
        issues["monthly_income"] = Issue("field.type", "monthly_income", INCOME_LABEL)
    return issues


def is_blank(fields: dict[str, Any]) -> bool:
    return not any(fields.get(name) for name in MEMBER_FIELDS) and not fields.get("_birth_error")


def typing_issues(fields: dict[str, Any]) -> dict[str, Issue]:
    """What to show while a member is typed: errors, less a national ID still too short,
    plus the warning of a valid ID that needs review."""
    issues = member_issues(fields)
    typed = to_ascii_digits(fields.get("national_id") or "").replace(" ", "").replace("-", "")
    found = issues.get("national_id")
    if found and found.code == "national_id.length" and typed.isdigit() and len(typed) < 13:
        del issues["national_id"]
    if typed and "national_id" not in issues:
        value, warnings = parse_national_id(typed)
        if value is not None and warnings:
            issues["national_id"] = warnings[0]
    return issues



def member_values(fields: dict[str, Any]) -> dict[str, Any]:
    """The member's fields as stored (the national ID as its 13 ASCII digits).  The
    care fields count only when the form gave them (the sensitive ones need consent)."""
    values = {name: fields.get(name) for name in MEMBER_FIELDS}
    values.update({name: fields[name] for name in CARE_FIELDS if name in fields})
    if values["national_id"]:
        values["national_id"] = parse_national_id(values["national_id"])[0]
    return values


def scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea(objectName=f"{page.objectName() or 'page'}_scroll")
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


@dataclass
class MemberRow:
    fields: dict[str, Any] = field(default_factory=dict)
    record_id: str | None = None
    stored: dict[str, Any] = field(default_factory=dict)  # as last saved
    errors: dict[str, Issue] = field(default_factory=dict)  # from the last save
    consented: bool = False  # explicit consent to sensitive data is on record

    def consent_state(self) -> str | None:
        """The health page's state: "saved", "pending" (recorded here, saved with the
        member) or None (no consent to sensitive data yet)."""
        if self.consented:
            return "saved"
        pending = self.fields.get("_consent")
        return "pending" if isinstance(pending, dict) and pending.get("sensitive_consent") else None


class MembersModel(QAbstractTableModel):
    """The members being edited (a plain list: the editor owns it, nothing queries)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MemberRow] = []

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(MEMBER_FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Given name"), self.tr("Family name"), self.tr("Sex"),
                    self.tr("Birth date (BE)"), self.tr("Relation"),
                    self.tr("ID number")][section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        errors = {**member_issues(row.fields), **row.errors}
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row.fields, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and errors:
            return QColor("#c62828")
        if role == Qt.ItemDataRole.ToolTipRole and errors:
            return "\n".join(issue_text(i) for i in errors.values())
        return None

    @staticmethod
    def _text(fields: dict[str, Any], column: int) -> str:
        lang, value = ui_language(), fields.get(MEMBER_FIELDS[column])
        if not value:
            return ""
        if column == SEX:
            return E.SEX.label(value, lang)
        if column == RELATION:
            return E.RELATION.label(value, lang)
        if column == BIRTH:
            return be_date_text(value)
        if column == NATIONAL_ID:
            parsed, _ = parse_national_id(value)
            return format_national_id(parsed) if parsed else value
        return str(value)

    def add(self, row: MemberRow) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(row)
        self.endInsertRows()
        return position

    def remove(self, position: int) -> MemberRow:
        self.beginRemoveRows(QModelIndex(), position, position)
        row = self.rows.pop(position)
        self.endRemoveRows()
        return row

    def changed(self, position: int) -> None:
        self.dataChanged.emit(self.index(position, 0), self.index(position, GIVEN + 5))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, NATIONAL_ID)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, NATIONAL_ID))


class MemberForm(QWidget):
    """The fields of one member; ``edited`` on every change, ``entered`` on Enter."""

    edited = Signal()
    entered = Signal()
    consent_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.given_name = QLineEdit(objectName="given_name")
        self.family_name = QLineEdit(objectName="family_name")
        self.sex = enum_combo("sex", E.SEX)
        self.relation = enum_combo("relation_to_head", E.RELATION)
        self.birth_day = QComboBox(objectName="birth_day")
        self.birth_month = QComboBox(objectName="birth_month")
        self.birth_year = QLineEdit(objectName="birth_year", maxLength=4)
        self.birth_year.setFixedWidth(80)
        self.national_id = QLineEdit(objectName="national_id", maxLength=20)
        for number in range(32):
            self.birth_day.addItem(str(number) if number else "", number or None)
        for number in range(13):
            self.birth_month.addItem("", number or None)
        birth = QHBoxLayout()
        for widget in (self.birth_day, self.birth_month, self.birth_year):
            birth.addWidget(widget)
        birth.addStretch(1)
        self.grid = FieldGrid()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.add("given_name", self.given_name, self.given_name)
        self.grid.add("family_name", self.family_name, self.family_name)
        self.grid.add("sex", self.sex, self.sex)
        self.grid.add("birth_date", birth, self.birth_day)
        self.grid.add("relation_to_head", self.relation, self.relation)
        self.grid.add("national_id", self.national_id, self.national_id)
        self.grid.end()
        self.person = QWidget(objectName="member_person")
        self.person.setLayout(self.grid)
        self.livelihood = LivelihoodPage()
        self.health = HealthPage()
        self.tabs = QTabWidget(objectName="member_tabs")
        # The long pages scroll rather than widen or lengthen the editor.
        self.scrolls = {page: scrolled(page) for page in (self.livelihood, self.health)}
        self.tabs.addTab(self.person, "")
        for area in self.scrolls.values():
            self.tabs.addTab(area, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addStretch(1)
        self._showing = False  # fields being filled in by show_fields: no edits
        self._connect()

    def show_page(self, page: QWidget) -> None:
        """Bring the tab of ``page`` (the person, livelihood or health page) forward."""
        self.tabs.setCurrentWidget(self.scrolls.get(page, page))

    def _connect(self) -> None:
        for edit in self.line_edits():
            edit.textChanged.connect(self._changed)
            edit.returnPressed.connect(self.entered)
        for combo in (self.sex, self.relation, self.birth_day, self.birth_month):
            combo.currentIndexChanged.connect(self._changed)
        self.livelihood.edited.connect(self._changed)
        self.health.edited.connect(self._changed)
        self.health.consent_requested.connect(self.consent_requested)
        self.livelihood.occupation.returnPressed.connect(self.entered)

    def _changed(self, *_args: Any) -> None:
        if not self._showing:
            self.edited.emit()

    def line_edits(self) -> tuple[QLineEdit, ...]:
        return (self.given_name, self.family_name, self.birth_year, self.national_id)

    def tab_chain(self) -> list[QWidget]:
        return [self.given_name, self.family_name, self.sex, self.birth_day,
                self.birth_month, self.birth_year, self.relation, self.national_id,
                *self.livelihood.tab_chain(), *self.health.tab_chain()]

    def values(self) -> dict[str, Any]:
        """The member's fields as typed (the national ID as typed, checked on save)."""
        day, month = self.birth_day.currentData(), self.birth_month.currentData()
        year_text = digits_text(self.birth_year)
        birth, bad = self._birth(day, month, year_text)
        fields = {"given_name": self.given_name.text().strip() or None,
                  "family_name": self.family_name.text().strip() or None,
                  "sex": self.sex.currentData(), "birth_date": birth,
                  "relation_to_head": self.relation.currentData(),
                  "national_id": self.national_id.text().strip() or None,
                  "_birth_parts": [day, month, self.birth_year.text()],
                  **self.livelihood.values(), **self.health.values()}
        if bad:
            fields["_birth_error"] = True
        return fields

    @staticmethod
    def _birth(day: int | None, month: int | None, year_text: str) -> tuple[str | None, bool]:
        """The stored birth date ("YYYY" or ISO, CE) and whether the parts are wrong."""
        if not year_text:
            return None, bool(day or month)
        if not year_text.isdigit() or len(year_text) != 4:
            return None, True
        year = to_ce_year(int(year_text))
        if year < 1800:
            return None, True
        if not day and not month:
            return f"{year:04d}", False
        try:
            return date(year, month or 0, day or 0).isoformat(), False
        except ValueError:
            return None, True

    def show_fields(self, fields: dict[str, Any]) -> None:
        self._showing = True
        try:
            self._fill(fields)
        finally:
            self._showing = False

    def _fill(self, fields: dict[str, Any]) -> None:
        self.given_name.setText(fields.get("given_name") or "")
        self.family_name.setText(fields.get("family_name") or "")
        select_data(self.sex, fields.get("sex"))
        select_data(self.relation, fields.get("relation_to_head"))
        self.national_id.setText(fields.get("national_id") or "")
        parts = fields.get("_birth_parts")
        birth = fields.get("birth_date") or ""
        if parts is None and birth:
            be = str(to_be_year(int(birth[:4])))
            parts = [int(birth[8:10]), int(birth[5:7]), be] if len(birth) == 10 else [None, None, be]
        day, month, year = parts or [None, None, ""]
        select_data(self.birth_day, day)
        select_data(self.birth_month, month)
        self.birth_year.setText(year or "")
        self.livelihood.show_fields(fields)
        self.health.show_fields(fields)

    def show_errors(self, errors: dict[str, Issue]) -> None:
        for grid in (self.grid, self.livelihood.grid, self.health.grid):
            for name, label in grid.errors.items():
                show_issue(label, errors.get(name))
        person_errors = any(name in errors for name in self.grid.errors)
        for page in () if person_errors else (self.livelihood, self.health):
            if any(name in errors for name in page.grid.errors):
                self.show_page(page)
                break

    def retranslate(self) -> None:
        texts = {"given_name": self.tr("Given name"), "family_name": self.tr("Family name"),
                 "sex": self.tr("Sex"), "birth_date": self.tr("Birth date"),
                 "relation_to_head": self.tr("Relation"),
                 "national_id": self.tr("National ID")}
        for name, text in texts.items():
            self.grid.labels[name].setText(text)
        blank = self.tr("—")
        label_enum_combo(self.sex, E.SEX, blank)
        label_enum_combo(self.relation, E.RELATION, blank)
        self.birth_day.setItemText(0, self.tr("Day"))
        self.birth_month.setItemText(0, self.tr("Month"))
        for month in range(1, 13):
            self.birth_month.setItemText(month, month_name(month))
        fit_widest_item(self.birth_month)
        self.birth_year.setPlaceholderText(self.tr("Year (BE)"))
        self.national_id.setPlaceholderText(self.tr("13 digits"))
        self.tabs.setTabText(0, self.tr("Person"))
        self.tabs.setTabText(1, self.tr("Livelihood and welfare"))
        self.tabs.setTabText(2, self.tr("Health and disability"))
        self.livelihood.retranslate()
        self.health.retranslate()
        # As tall as the person page: the longer pages scroll, the members table grows.
        self.tabs.setMaximumHeight(self.person.sizeHint().height()
                                   + self.tabs.tabBar().sizeHint().height() + 12)
