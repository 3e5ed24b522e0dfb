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
"""

from __future__ import annotations

import functools
import itertools
import logging
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import ServiceError, message
from desktop.services.models import DraftView, RecordView
from desktop.services.workspace import Workspace
from desktop.text.thai_breaks import breakable
from desktop.ui.tasks import TaskRunner
from sync.records import enums as E
from sync.records.errors import Issue, Severity
from sync.records.thai import (
    THAI_MONTHS,
    check_gps,
    format_national_id,
    parse_house_no,
    parse_national_id,
    to_ascii_digits,
    to_be_year,
    to_ce_year,
)

log = logging.getLogger("porpiang.drafts")
_ROOT = QModelIndex()  # the invisible root: the parent of every row
AUTOSAVE_MS = 2000
ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #ef6c00;"
HOUSEHOLD_TEXT = ("house_no", "soi", "road")
HOUSEHOLD_ENUMS = {"land_tenure": E.LAND_TENURE, "house_ownership": E.HOUSE_OWNERSHIP,
                   "structure_type": E.STRUCTURE}
MEMBER_FIELDS = ("given_name", "family_name", "sex", "birth_date", "relation_to_head",
                 "national_id")
GIVEN, FAMILY, SEX, BIRTH, RELATION, NATIONAL_ID = range(6)


def ui_language() -> str:
    return "th" if QLocale().language() == QLocale.Language.Thai else "en"


def issue_text(issue: Issue) -> str:
    """The issue's text in the interface language."""
    return message(issue.code, ui_language(), **issue.params)


def month_name(month: int) -> str:
    if ui_language() == "th":
        return THAI_MONTHS[month - 1]
    return QLocale(QLocale.Language.English).monthName(month)


def birth_text(value: str | None) -> str:
    """A stored birth date ("YYYY" or "YYYY-MM-DD", CE) in the Buddhist Era."""
    if not value:
        return ""
    if len(value) == 4:
        return str(to_be_year(int(value)))
    d = date.fromisoformat(value)
    return f"{d.day} {month_name(d.month)} {to_be_year(d.year)}"


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
    return issues


def is_blank(fields: dict[str, Any]) -> bool:
    return not any(fields.get(name) for name in MEMBER_FIELDS) and not fields.get("_birth_error")


# ------------------------------------------------------------------ the members


@dataclass
class MemberRow:
    fields: dict[str, Any] = field(default_factory=dict)
    record_id: str | None = None
    stored: dict[str, Any] = field(default_factory=dict)  # as last saved
    errors: dict[str, Issue] = field(default_factory=dict)  # from the last save


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
                    self.tr("National ID")][section]
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
            return birth_text(value)
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


# ------------------------------------------------------------------- the writes


@dataclass(frozen=True)
class SavePlan:
    draft_id: str
    household_id: str | None
    tambon: str | None
    household: dict[str, Any]  # changed fields
    members: tuple[tuple[int, str | None, dict[str, Any]], ...]  # position, id, changes
    removed: tuple[str, ...]


@dataclass
class SaveOutcome:
    household: RecordView | None = None
    household_error: Issue | None = None
    members: dict[int, RecordView] = field(default_factory=dict)
    member_errors: dict[int, Issue] = field(default_factory=dict)


def write_household(workspace: Workspace, plan: SavePlan) -> SaveOutcome:
    """Save the household, then each member; discard the draft when all are saved."""
    outcome = SaveOutcome()
    try:
        outcome.household = workspace.save("household", plan.household,
                                           record_id=plan.household_id,
                                           tambon=plan.tambon).record
    except ServiceError as error:
        outcome.household_error = error.issue
        return outcome
    household_id = outcome.household.id
    for position, record_id, changes in plan.members:
        fields = changes if record_id else {**changes, "household_id": household_id}
        try:
            outcome.members[position] = workspace.save("member", fields,
                                                       record_id=record_id).record
        except ServiceError as error:
            outcome.member_errors[position] = error.issue
    for record_id in plan.removed:
        workspace.delete("member", record_id)
    heads = [m.id for m in outcome.members.values()
             if m.fields.get("relation_to_head") == "head"]
    if heads and outcome.household.fields.get("head_member_id") != heads[0]:
        outcome.household = workspace.save("household", {"head_member_id": heads[0]},
                                           record_id=household_id).record
    if not outcome.member_errors:
        workspace.discard_draft(plan.draft_id)
    return outcome


def write_draft(workspace: Workspace, draft_id: str, fields: dict[str, Any],
                record_id: str | None, tambon: str | None) -> str:
    workspace.autosave(draft_id, "household", fields, record_id=record_id, tambon=tambon)
    log.info("draft saved %s", draft_id)
    return draft_id


# --------------------------------------------------------------------- widgets


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


class AreaPicker(QObject):
    """Province → district → sub-district combos filled from GeoThai."""

    tambon_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.province = QComboBox(objectName="province")
        self.district = QComboBox(objectName="district")
        self.tambon = QComboBox(objectName="tambon")
        for combo in (self.province, self.district, self.tambon):
            combo.setMinimumWidth(200)
        self.province.currentIndexChanged.connect(self._province_chosen)
        self.district.currentIndexChanged.connect(self._district_chosen)
        self.tambon.currentIndexChanged.connect(lambda _i: self.tambon_changed.emit())

    def code(self) -> str | None:
        return self.tambon.currentData()

    def fill(self) -> None:
        """(Re)fill the combos in the interface language, keeping the chosen tambon."""
        import geothai

        chosen = self.code()
        self._set_items(self.province, geothai.provinces(), self.tr("Choose a province"))
        self.set_code(chosen)

    def set_code(self, code: str | None) -> None:
        select_data(self.province, code[:2] if code else None)
        select_data(self.district, code[:4] if code else None)
        select_data(self.tambon, code)

    def _province_chosen(self) -> None:
        import geothai

        code = self.province.currentData()
        self._set_items(self.district, geothai.districts(code) if code else [],
                        self.tr("Choose a district"))

    def _district_chosen(self) -> None:
        import geothai

        code = self.district.currentData()
        self._set_items(self.tambon, geothai.subdistricts(code) if code else [],
                        self.tr("Choose a sub-district"))

    @staticmethod
    def _set_items(combo: QComboBox, areas, blank: str) -> None:
        thai = ui_language() == "th"
        collator = QCollator(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand)
                             if thai else QLocale(QLocale.Language.English))
        named = [(a.name_th if thai else a.name_en, a.code) for a in areas]
        named.sort(key=functools.cmp_to_key(lambda a, b: collator.compare(a[0], b[0])))
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(blank, None)
        for name, code in named:
            combo.addItem(name, code)
        combo.blockSignals(False)
        combo.currentIndexChanged.emit(0)


class MemberForm(QWidget):
    """The fields of one member; ``edited`` on every change, ``entered`` on Enter."""

    edited = Signal()
    entered = Signal()

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
        self.setLayout(self.grid)
        self._showing = False  # fields being filled in by show_fields: no edits
        self._connect()

    def _connect(self) -> None:
        for edit in self.line_edits():
            edit.textChanged.connect(self._changed)
            edit.returnPressed.connect(self.entered)
        for combo in (self.sex, self.relation, self.birth_day, self.birth_month):
            combo.currentIndexChanged.connect(self._changed)

    def _changed(self, *_args: Any) -> None:
        if not self._showing:
            self.edited.emit()

    def line_edits(self) -> tuple[QLineEdit, ...]:
        return (self.given_name, self.family_name, self.birth_year, self.national_id)

    def tab_chain(self) -> list[QWidget]:
        return [self.given_name, self.family_name, self.sex, self.birth_day,
                self.birth_month, self.birth_year, self.relation, self.national_id]

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
                  "_birth_parts": [day, month, self.birth_year.text()]}
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

    def show_errors(self, errors: dict[str, Issue]) -> None:
        for name, label in self.grid.errors.items():
            show_issue(label, errors.get(name))

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
        self.birth_year.setPlaceholderText(self.tr("Year (BE)"))
        self.national_id.setPlaceholderText(self.tr("13 digits"))


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


# ---------------------------------------------------------------------- dialog


class HouseholdEditor(QDialog):
    """Create or edit one household and its members; see the module docstring."""

    household_saved = Signal(str)  # the household id, after a save (even a partial one)
    draft_saved = Signal(str)  # the draft id, after an autosave

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 household_id: str | None = None, draft: DraftView | None = None,
                 autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("household_editor")
        self.workspace = workspace
        self.draft_id = draft.draft_id if draft else f"household-{uuid.uuid4()}"
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
            self._load(self.household_id)
        if draft is not None:
            self._apply(draft.fields, draft.tambon)
        if not self.members.rows:
            self.add_member(focus=False)
        self._loading = False
        self.resize(1200, 640)  # fits a 1366×768 laptop screen

    @classmethod
    def from_draft(cls, workspace: Workspace, draft: DraftView,
                   parent: QWidget | None = None, **kw: Any) -> HouseholdEditor:
        """An editor showing a draft's fields again (the draft is replaced as edits go on)."""
        return cls(workspace, parent, draft=draft, **kw)

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.area = AreaPicker(self)
        self.moo = QSpinBox(objectName="moo", minimum=0, maximum=99)
        self.house_no = QLineEdit(objectName="house_no", maxLength=20)
        self.soi = QLineEdit(objectName="soi", maxLength=100)
        self.road = QLineEdit(objectName="road", maxLength=100)
        self.gps_lat = QLineEdit(objectName="gps_lat")
        self.gps_lon = QLineEdit(objectName="gps_lon")
        self.enum_combos = {name: enum_combo(name, enum) for name, enum in HOUSEHOLD_ENUMS.items()}
        self.members = MembersModel(self)
        self.table = QTableView(objectName="members_table")
        self.table.setModel(self.members)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (GIVEN, FAMILY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.form = MemberForm()
        self.add_button = QPushButton(objectName="add_member", autoDefault=False)
        self.remove_button = QPushButton(objectName="remove_member", autoDefault=False)
        self.save_button = QPushButton(objectName="save", autoDefault=False)
        self.cancel_button = QPushButton(objectName="cancel", autoDefault=False)
        self.status = QLabel(objectName="status", wordWrap=True)
        self._lay_out()
        self._connect()
        self._tab_order()

    def _lay_out(self) -> None:
        self.address = FieldGrid()
        for name, widget in (("province", self.area.province), ("district", self.area.district),
                             ("tambon", self.area.tambon), ("moo", self.moo),
                             ("house_no", self.house_no), ("soi", self.soi),
                             ("road", self.road), ("gps_lat", self.gps_lat),
                             ("gps_lon", self.gps_lon)):
            self.address.add(name, widget, widget)
        self.tenure = FieldGrid()
        for name, combo in self.enum_combos.items():
            self.tenure.add(name, combo, combo)
        self.address_box, self.tenure_box = QGroupBox(), QGroupBox()
        self.address_box.setLayout(self.address)
        self.tenure_box.setLayout(self.tenure)
        left = QVBoxLayout()
        left.addWidget(self.address_box)
        left.addWidget(self.tenure_box)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        members = QVBoxLayout()
        members.addWidget(self.table, 1)
        members.addLayout(buttons)
        members.addWidget(self.form)
        self.members_box = QGroupBox()
        self.members_box.setLayout(members)
        columns = QHBoxLayout()
        columns.addLayout(left, 0)
        columns.addWidget(self.members_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.area.tambon_changed.connect(self._edited)
        self.moo.valueChanged.connect(self._edited)
        for edit in (self.house_no, self.soi, self.road, self.gps_lat, self.gps_lon):
            edit.textChanged.connect(self._edited)
        for combo in self.enum_combos.values():
            combo.currentIndexChanged.connect(self._edited)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_member(current.row()))
        self.form.edited.connect(self._member_edited)
        self.form.entered.connect(self._member_entered)
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button.clicked.connect(self.remove_member)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)

    def _tab_order(self) -> None:
        chain = [self.area.province, self.area.district, self.area.tambon, self.moo,
                 self.house_no, self.soi, self.road, self.gps_lat, self.gps_lon,
                 *self.enum_combos.values(), self.table, self.add_button,
                 self.remove_button, *self.form.tab_chain(), self.save_button,
                 self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- household fields -------------------------------------------------------------
    def _load(self, household_id: str) -> None:
        detail = self.workspace.get_household(household_id)
        self.stored = dict(detail.household.fields)
        self._apply({**self.stored, "members": [{**m.fields, "id": m.id}
                                                for m in detail.members]},
                    detail.household.tambon, stored={m.id: m.fields for m in detail.members})

    def _apply(self, fields: dict[str, Any], tambon: str | None, *,
               stored: dict[str, dict[str, Any]] | None = None) -> None:
        """Show ``fields`` (a household's, with a ``members`` list as drafts keep it)."""
        self.area.set_code(tambon)
        self.area_locked(self.household_id is not None)
        self.moo.setValue(fields.get("moo") or 0)
        for name in HOUSEHOLD_TEXT:
            getattr(self, name).setText(fields.get(name) or "")
        for name in ("gps_lat", "gps_lon"):
            value = fields.get(name)
            getattr(self, name).setText("" if value is None else str(value))
        for name, combo in self.enum_combos.items():
            select_data(combo, fields.get(name))
        kept = {row.record_id: row.stored for row in self.members.rows if row.record_id}
        kept.update(stored or {})
        while self.members.rows:
            self.members.remove(0)
        for member in fields.get("members") or []:
            member = dict(member)
            record_id = member.pop("id", None)
            self.members.add(MemberRow(member, record_id, dict(kept.get(record_id, {}))))
        self.removed = [i for i in fields.get("removed_members") or [] if isinstance(i, str)]
        if self.members.rows:
            self.select_member(0)

    def area_locked(self, locked: bool) -> None:
        """A saved household keeps its tambon (moving it is a workflow command)."""
        for combo in (self.area.province, self.area.district, self.area.tambon):
            combo.setEnabled(not locked)

    def household_fields(self) -> dict[str, Any]:
        """The household's fields as shown (None where empty; GPS as numbers if they are)."""
        fields: dict[str, Any] = {"moo": self.moo.value() or None}
        for name in HOUSEHOLD_TEXT:
            fields[name] = getattr(self, name).text().strip() or None
        for name in ("gps_lat", "gps_lon"):
            text = digits_text(getattr(self, name))
            try:
                fields[name] = float(text) if text else None
            except ValueError:
                fields[name] = text
        for name, combo in self.enum_combos.items():
            fields[name] = combo.currentData()
        return fields

    def household_issues(self) -> dict[str, Issue]:
        fields, issues = self.household_fields(), {}
        if fields["house_no"]:
            issues.update({i.field: i for i in parse_house_no(fields["house_no"])[1]})
        issues.update({i.field: i for i in check_gps(fields["gps_lat"], fields["gps_lon"])})
        return issues

    def draft_fields(self) -> dict[str, Any]:
        return {**self.household_fields(), "removed_members": list(self.removed),
                "members": [{**row.fields, "id": row.record_id} for row in self.members.rows]}

    def _edited(self, *_args: Any) -> None:
        if self._loading:
            return
        issues = self.household_issues()
        for name in ("house_no", "gps_lat", "gps_lon"):
            show_issue(self.address.errors[name], issues.get(name))
        if self.area.code():
            show_issue(self.address.errors["tambon"], None)
        self.autosave_timer.start()

    # -- members ----------------------------------------------------------------------
    def current_member(self) -> int:
        return self.table.currentIndex().row()

    def select_member(self, position: int) -> None:
        self.table.setCurrentIndex(self.members.index(position, 0))

    def add_member(self, *, focus: bool = True) -> int:
        first = not self.members.rows
        position = self.members.add(MemberRow({"relation_to_head": "head"} if first else {}))
        self.select_member(position)
        if focus:
            self.form.given_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self._edited()
        return position

    def remove_member(self) -> None:
        position = self.current_member()
        if position < 0:
            return
        row = self.members.remove(position)
        if row.record_id:
            self.removed.append(row.record_id)
        if self.members.rows:
            self.select_member(min(position, len(self.members.rows) - 1))
        else:
            self._show_member(-1)
        self._edited()

    def _show_member(self, position: int) -> None:
        self.form.setEnabled(position >= 0)
        row = self.members.rows[position] if 0 <= position < len(self.members.rows) else None
        self.form.show_fields(row.fields if row else {})
        self.form.show_errors({**typing_issues(row.fields), **row.errors} if row else {})

    def _member_edited(self) -> None:
        position = self.current_member()
        if position < 0:
            return
        row = self.members.rows[position]
        row.fields, row.errors = self.form.values(), {}
        self.members.changed(position)
        self.form.show_errors(typing_issues(row.fields))
        self._edited()

    def _member_entered(self) -> None:
        """Enter: the next member, a new one after the last (unless it is still blank)."""
        position = self.current_member()
        if position < len(self.members.rows) - 1:
            self.select_member(position + 1)
            self.form.given_name.setFocus(Qt.FocusReason.OtherFocusReason)
        elif position >= 0 and not is_blank(self.members.rows[position].fields):
            self.add_member()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._member_entered()
            return True
        return super().eventFilter(watched, event)

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
        for name in ("house_no", "gps_lat", "gps_lon"):
            show_issue(self.address.errors[name], issues.get(name))
        if issues:
            self.status.setText(self.tr("Correct the fields marked in red, then save again."))
            return False
        plan = self._plan()
        self._set_busy(True)
        self.writes.submit(write_household, self.workspace, plan,
                           on_done=self._saved, on_error=self._save_failed)
        return True

    def _plan(self) -> SavePlan:
        members, blocked = [], False
        for position, row in enumerate(self.members.rows):
            row.errors = member_issues(row.fields)
            if is_blank(row.fields) and not row.record_id:
                continue
            if row.errors:
                blocked = True
                continue
            changes = changed(self._member_values(row.fields), row.stored, bool(row.record_id))
            if changes or not row.record_id:
                members.append((position, row.record_id, changes))
        household = changed(self.household_fields(), self.stored, bool(self.household_id))
        draft_id = "" if blocked else self.draft_id  # a member left behind keeps the draft
        return SavePlan(draft_id, self.household_id, self.area.code(), household,
                        tuple(members), tuple(self.removed))

    @staticmethod
    def _member_values(fields: dict[str, Any]) -> dict[str, Any]:
        values = {name: fields.get(name) for name in MEMBER_FIELDS}
        if values["national_id"]:
            values["national_id"] = parse_national_id(values["national_id"])[0]
        return values

    def _saved(self, outcome: SaveOutcome) -> None:
        self._set_busy(False)
        if outcome.household is None:
            self._show_household_error(outcome.household_error)
            return
        self.household_id, self.stored = outcome.household.id, dict(outcome.household.fields)
        self.area_locked(True)
        self.removed = []
        for position, record in outcome.members.items():
            row = self.members.rows[position]
            row.record_id, row.stored, row.errors = record.id, dict(record.fields), {}
        for position, issue in outcome.member_errors.items():
            self.members.rows[position].errors = {issue.field or "given_name": issue}
        self.members.retranslate()
        self.household_saved.emit(self.household_id)
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
        grids = (self.address.errors, self.tenure.errors)
        label = next((g[issue.field] for g in grids if issue and issue.field in g), None)
        if label is not None:
            show_issue(label, issue)
        text = issue_text(issue) if issue else ""
        self.status.setText(self.tr("Not saved: %1").replace("%1", text))

    def _save_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("Not saved: %1").replace("%1", str(error)))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.address_box, self.tenure_box, self.members_box, self.save_button):
            widget.setEnabled(not busy)

    # -- drafts -----------------------------------------------------------------------
    def autosave_now(self) -> None:
        """Write the form as the draft, on the editor's runner (after any save queued)."""
        self.autosave_timer.stop()
        self.writes.submit(write_draft, self.workspace, self.draft_id, self.draft_fields(),
                           self.household_id, self.area.code(), on_done=self.draft_saved.emit)

    def done(self, result: int) -> None:
        """Closing keeps unsaved edits as the draft before the dialog goes."""
        if self.autosave_timer.isActive():
            self.autosave_timer.stop()
            write_draft(self.workspace, self.draft_id, self.draft_fields(),
                        self.household_id, self.area.code())
        self.writes.pool.waitForDone()
        super().done(result)

    # -- texts ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        loading, self._loading = self._loading, True
        self.setWindowTitle(self.tr("Edit household") if self.household_id
                            else self.tr("New household"))
        self.address_box.setTitle(self.tr("Address"))
        self.tenure_box.setTitle(self.tr("Land, house and structure"))
        self.members_box.setTitle(self.tr("Members"))
        texts = {"province": self.tr("Province"), "district": self.tr("District"),
                 "tambon": self.tr("Sub-district"), "moo": self.tr("Moo"),
                 "house_no": self.tr("House number"), "soi": self.tr("Soi"),
                 "road": self.tr("Road"), "gps_lat": self.tr("Latitude"),
                 "gps_lon": self.tr("Longitude"), "land_tenure": self.tr("Land tenure"),
                 "house_ownership": self.tr("House ownership"),
                 "structure_type": self.tr("Structure")}
        for name, text in texts.items():
            (self.address.labels.get(name) or self.tenure.labels[name]).setText(text)
        self.moo.setSpecialValueText(self.tr("—"))
        self.house_no.setPlaceholderText(self.tr("e.g. 12/3"))
        self.gps_lat.setPlaceholderText(self.tr("e.g. 8.4304"))
        self.gps_lon.setPlaceholderText(self.tr("e.g. 99.9631"))
        for name, combo in self.enum_combos.items():
            label_enum_combo(combo, HOUSEHOLD_ENUMS[name], self.tr("—"))
        self.area.fill()
        self.form.retranslate()
        self.members.retranslate()
        self.add_button.setText(self.tr("Add member"))
        self.remove_button.setText(self.tr("Remove member"))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Close"))
        self._loading = loading


def changed(values: dict[str, Any], stored: dict[str, Any], exists: bool) -> dict[str, Any]:
    """The fields to send: for a new record the ones filled, else the ones that differ."""
    if exists:
        return {k: v for k, v in values.items() if v != stored.get(k)}
    return {k: v for k, v in values.items() if v is not None}
