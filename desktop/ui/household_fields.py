"""The household's own fields in the editor: address (tambon picked province →
district → sub-district, moo, house number, soi, road, GPS), land and structure,
contact and notes — each checked as typed, its error beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.ui.area_picker import AreaPicker
from desktop.ui.form_fields import (
    FieldGrid,
    digits_text,
    enum_combo,
    label_enum_combo,
    select_data,
    show_issue,
)
from sync.records import enums as E
from sync.records.errors import Issue
from sync.records.thai import check_gps, parse_house_no, parse_phone

HOUSEHOLD_TEXT = ("house_no", "soi", "road", "phone")
HOUSEHOLD_ENUMS = {"land_tenure": E.LAND_TENURE, "house_ownership": E.HOUSE_OWNERSHIP,
                   "structure_type": E.STRUCTURE}


class HouseholdFields(QObject):
    """The widgets and grids of the household's fields; ``edited`` on every change."""

    edited = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.area = AreaPicker(parent)
        self.moo = QSpinBox(objectName="moo", minimum=0, maximum=99)
        self.house_no = QLineEdit(objectName="house_no", maxLength=20)
        self.soi = QLineEdit(objectName="soi", maxLength=100)
        self.road = QLineEdit(objectName="road", maxLength=100)
        self.gps_lat = QLineEdit(objectName="gps_lat")
        self.gps_lon = QLineEdit(objectName="gps_lon")
        self.phone = QLineEdit(objectName="phone", maxLength=20)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        self.enum_combos = {name: enum_combo(name, enum) for name, enum in HOUSEHOLD_ENUMS.items()}
        self.address, self.tenure, self.contact = FieldGrid(), FieldGrid(), FieldGrid()
        for name in ("province", "district", "tambon"):
            combo = getattr(self.area, name)
            self.address.add(name, combo, combo)
        for name in ("moo", "house_no", "soi", "road"):
            self.address.add(name, getattr(self, name), getattr(self, name))
        gps = QHBoxLayout()
        gps.addWidget(self.gps_lat)
        gps.addWidget(self.gps_lon)
        self.address.add("gps", gps, self.gps_lat)  # one row: latitude, longitude
        for name, combo in self.enum_combos.items():
            self.tenure.add(name, combo, combo)
        self.contact.add("phone", self.phone, self.phone)
        self.contact.add("notes", self.notes, self.notes)
        self.boxes = (QGroupBox(), QGroupBox(), QGroupBox())
        for box, grid in zip(self.boxes, (self.address, self.tenure, self.contact), strict=True):
            box.setLayout(grid)
        self._connect()

    def _connect(self) -> None:
        self.area.tambon_changed.connect(self.edited)
        self.moo.valueChanged.connect(self.edited)
        for edit in (self.house_no, self.soi, self.road, self.gps_lat, self.gps_lon,
                     self.phone, self.notes):
            edit.textChanged.connect(self.edited)
        for combo in self.enum_combos.values():
            combo.currentIndexChanged.connect(self.edited)

    def tab_chain(self) -> list[QWidget]:
        return [self.area.province, self.area.district, self.area.tambon, self.moo,
                self.house_no, self.soi, self.road, self.gps_lat, self.gps_lon,
                *self.enum_combos.values(), self.phone, self.notes]

    def show(self, fields: dict[str, Any], tambon: str | None, *, locked: bool) -> None:
        self.area.set_code(tambon)
        self.lock_area(locked)
        self.moo.setValue(fields.get("moo") or 0)
        for name in HOUSEHOLD_TEXT:
            getattr(self, name).setText(fields.get(name) or "")
        for name in ("gps_lat", "gps_lon"):
            value = fields.get(name)
            getattr(self, name).setText("" if value is None else str(value))
        self.notes.setPlainText(fields.get("notes") or "")
        for name, combo in self.enum_combos.items():
            select_data(combo, fields.get(name))

    def lock_area(self, locked: bool) -> None:
        """A saved household keeps its tambon (moving it is a workflow command)."""
        for combo in (self.area.province, self.area.district, self.area.tambon):
            combo.setEnabled(not locked)

    def values(self) -> dict[str, Any]:
        """The fields as shown: None where empty; GPS as numbers and the phone as its
        digits when they parse (else as typed, for the check to name)."""
        fields: dict[str, Any] = {"moo": self.moo.value() or None}
        for name in HOUSEHOLD_TEXT:
            fields[name] = getattr(self, name).text().strip() or None
        for name in ("gps_lat", "gps_lon"):
            text = digits_text(getattr(self, name))
            try:
                fields[name] = float(text) if text else None
            except ValueError:
                fields[name] = text
        if fields["phone"]:
            fields["phone"] = parse_phone(fields["phone"])[0] or fields["phone"]
        for name, combo in self.enum_combos.items():
            fields[name] = combo.currentData()
        fields["notes"] = self.notes.toPlainText().strip() or None
        return fields

    def issues(self) -> dict[str, Issue]:
        fields, issues = self.values(), {}
        if fields["house_no"]:
            issues.update({i.field: i for i in parse_house_no(fields["house_no"])[1]})
        issues.update({i.field: i for i in check_gps(fields["gps_lat"], fields["gps_lon"])})
        if fields["phone"]:
            issues.update({i.field: i for i in parse_phone(fields["phone"])[1]})
        return issues

    def error_label(self, name: str):
        name = "gps" if name in ("gps_lat", "gps_lon") else name
        return next((g.errors[name] for g in (self.address, self.tenure, self.contact)
                     if name in g.errors), None)

    def show_issues(self, issues: dict[str, Issue]) -> None:
        for name in ("house_no", "phone"):
            show_issue(self.error_label(name), issues.get(name))
        show_issue(self.error_label("gps"), issues.get("gps_lat") or issues.get("gps_lon"))

    def retranslate(self) -> None:
        for box, title in zip(self.boxes, (self.tr("Address"),
                                           self.tr("Land, house and structure"),
                                           self.tr("Contact and notes")), strict=True):
            box.setTitle(title)
        texts = {"province": self.tr("Province"), "district": self.tr("District"),
                 "tambon": self.tr("Sub-district"), "moo": self.tr("Moo"),
                 "house_no": self.tr("House number"), "soi": self.tr("Soi"),
                 "road": self.tr("Road"), "gps": self.tr("GPS (lat, long)"),
                 "land_tenure": self.tr("Land tenure"),
                 "house_ownership": self.tr("House ownership"),
                 "structure_type": self.tr("Structure"), "phone": self.tr("Phone"),
                 "notes": self.tr("Notes")}
        for name, text in texts.items():
            grid = next(g for g in (self.address, self.tenure, self.contact) if name in g.labels)
            grid.labels[name].setText(text)
        self.moo.setSpecialValueText(self.tr("—"))
        self.house_no.setPlaceholderText(self.tr("e.g. 12/3"))
        self.gps_lat.setPlaceholderText(self.tr("e.g. 8.4304"))
        self.gps_lon.setPlaceholderText(self.tr("e.g. 99.9631"))
        self.phone.setPlaceholderText(self.tr("e.g. 081 234 5678"))
        for name, combo in self.enum_combos.items():
            label_enum_combo(combo, HOUSEHOLD_ENUMS[name], self.tr("—"))
        self.area.fill()
