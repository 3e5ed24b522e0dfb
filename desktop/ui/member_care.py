"""The member form's second and third pages: livelihood and welfare, then health and
disability — the sensitive data (PDPA) that waits for the member's explicit consent.

The health page's fields stay disabled until the member has consent to sensitive
data: a consent already saved, or one just recorded in the consent dialog and saved
with the member.  ``consent_requested`` asks the editor to open that dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.text.thai_breaks import breakable
from desktop.ui.form_fields import (
    FieldGrid,
    enum_combo,
    label_enum_combo,
    select_data,
    show_issue,
    ui_language,
)
from sync.records import enums as E
from sync.records.errors import Issue
from sync.records.thai import to_ascii_digits

CARE_FIELDS = ("occupation", "monthly_income", "education", "welfare", "vulnerability",
               "disability_types", "disability_card", "dependency")
SENSITIVE_FIELDS = ("vulnerability", "disability_types", "disability_card", "dependency")
INCOME_LABEL = {"label_th": "รายได้ต่อเดือน", "label_en": "Monthly income"}


def parse_baht(text: str) -> tuple[int | None, bool]:
    """Whole baht typed (Thai digits and thousands commas allowed) as satang, and
    whether the text is not an amount."""
    cleaned = to_ascii_digits(text).replace(",", "").replace(" ", "").strip()
    if not cleaned:
        return None, False
    if not cleaned.isdigit() or len(cleaned) > 7:
        return None, True
    return int(cleaned) * 100, False


class EnumChecks(QWidget):
    """One check box per value of an enumeration, in two columns."""

    changed = Signal()

    def __init__(self, name: str, enum: E.Enumeration, columns: int = 2) -> None:
        super().__init__(objectName=name)
        self.enum = enum
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for position, value in enumerate(enum.values):
            box = QCheckBox(objectName=f"{name}_{value}")
            box.toggled.connect(self.changed)
            self.boxes[value] = box
            grid.addWidget(box, position // columns, position % columns)

    def values(self) -> list[str] | None:
        """The values ticked, sorted as the record stores them (None when none is)."""
        return sorted(value for value, box in self.boxes.items() if box.isChecked()) or None

    def set_values(self, values: Any) -> None:
        chosen = set(values or ())
        for value, box in self.boxes.items():
            box.setChecked(value in chosen)

    def retranslate(self) -> None:
        lang = ui_language()
        for value, box in self.boxes.items():
            box.setText(self.enum.label(value, lang))


class LivelihoodPage(QWidget):
    """Occupation, monthly income (typed in baht, stored in satang), education, welfare."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.occupation = QLineEdit(objectName="occupation", maxLength=100)
        self.income = QLineEdit(objectName="monthly_income", maxLength=12)
        self.education = enum_combo("education", E.EDUCATION)
        self.welfare = EnumChecks("welfare", E.WELFARE)
        self.grid = FieldGrid()
        self.grid.add("occupation", self.occupation, self.occupation)
        self.grid.add("monthly_income", self.income, self.income)
        self.grid.add("education", self.education, self.education)
        self.grid.add_wide("welfare", self.welfare, self.welfare)
        self.grid.end()
        self.setLayout(self.grid)
        self.occupation.textChanged.connect(self.edited)
        self.income.textChanged.connect(self.edited)
        self.education.currentIndexChanged.connect(self.edited)
        self.welfare.changed.connect(self.edited)

    def tab_chain(self) -> list[QWidget]:
        return [self.occupation, self.income, self.education, *self.welfare.boxes.values()]

    def values(self) -> dict[str, Any]:
        income, bad = parse_baht(self.income.text())
        fields = {"occupation": self.occupation.text().strip() or None,
                  "monthly_income": income, "education": self.education.currentData(),
                  "welfare": self.welfare.values(), "_income_text": self.income.text()}
        if bad:
            fields["_income_error"] = True
        return fields

    def show_fields(self, fields: dict[str, Any]) -> None:
        self.occupation.setText(fields.get("occupation") or "")
        typed = fields.get("_income_text")
        income = fields.get("monthly_income")
        self.income.setText(typed if typed is not None
                            else "" if income is None else f"{income // 100:,}")
        select_data(self.education, fields.get("education"))
        self.welfare.set_values(fields.get("welfare"))

    def retranslate(self) -> None:
        texts = {"occupation": self.tr("Occupation"),
                 "monthly_income": self.tr("Monthly income (baht)"),
                 "education": self.tr("Education"), "welfare": self.tr("Welfare received")}
        for name, text in texts.items():
            self.grid.labels[name].setText(text)
        self.income.setPlaceholderText(self.tr("e.g. 3,000"))
        label_enum_combo(self.education, E.EDUCATION, self.tr("—"))
        self.welfare.retranslate()


class HealthPage(QWidget):
    """Vulnerability, disability types and card, dependency: enabled with consent."""

    edited = Signal()
    consent_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.consent_status = QLabel(objectName="consent_status", wordWrap=True)
        self.consent_button = QPushButton(objectName="record_consent", autoDefault=False)
        self.consent_button.clicked.connect(self.consent_requested)
        self.vulnerability = EnumChecks("vulnerability", E.VULNERABILITY)
        self.disability = EnumChecks("disability_types", E.DISABILITY)
        self.card = QCheckBox(objectName="disability_card")
        self.dependency = enum_combo("dependency", E.DEPENDENCY)
        self.grid = FieldGrid()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.add_wide("vulnerability", self.vulnerability, self.vulnerability)
        self.grid.add_wide("disability_types", self.disability, self.disability)
        self.grid.add("disability_card", self.card, self.card)
        self.grid.add("dependency", self.dependency, self.dependency)
        self.grid.end()
        self.fields_box = QGroupBox(objectName="sensitive_fields")
        self.fields_box.setLayout(self.grid)
        top = QHBoxLayout()
        top.addWidget(self.consent_status, 1)
        top.addWidget(self.consent_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.fields_box)
        for signal in (self.vulnerability.changed, self.disability.changed,
                       self.card.toggled, self.dependency.currentIndexChanged):
            signal.connect(self.edited)
        self.consent: str | None = None  # the status shown: None, "pending" or "saved"
        self.set_consent(None)

    def tab_chain(self) -> list[QWidget]:
        return [self.consent_button, *self.vulnerability.boxes.values(),
                *self.disability.boxes.values(), self.card, self.dependency]

    def set_consent(self, state: str | None) -> None:
        """``None``: no consent to sensitive data; ``pending``: recorded, saved with the
        member; ``saved``: on record.  The fields open only with consent."""
        self.consent = state
        self.fields_box.setEnabled(state is not None)
        self._status_text()

    def values(self) -> dict[str, Any]:
        if self.consent is None:  # nothing sensitive is taken without consent
            return {}
        return {"vulnerability": self.vulnerability.values(),
                "disability_types": self.disability.values(),
                "disability_card": True if self.card.isChecked() else None,
                "dependency": self.dependency.currentData()}

    def show_fields(self, fields: dict[str, Any]) -> None:
        self.vulnerability.set_values(fields.get("vulnerability"))
        self.disability.set_values(fields.get("disability_types"))
        self.card.setChecked(bool(fields.get("disability_card")))
        select_data(self.dependency, fields.get("dependency"))

    def show_errors(self, errors: dict[str, Issue]) -> None:
        for name, label in self.grid.errors.items():
            show_issue(label, errors.get(name))

    def _status_text(self) -> None:
        texts = {None: self.tr("Health and disability are sensitive data (PDPA). They can "
                               "be recorded only after the person gives explicit consent."),
                 "pending": self.tr("Consent to sensitive data recorded; it is saved with "
                                    "the member."),
                 "saved": self.tr("Consent to sensitive data is on record.")}
        self.consent_status.setText(breakable(texts[self.consent]))
        self.consent_button.setText(self.tr("Record consent…") if self.consent is None
                                    else self.tr("Consent…"))

    def retranslate(self) -> None:
        texts = {"vulnerability": self.tr("Vulnerability"),
                 "disability_types": self.tr("Disability types"),
                 "disability_card": self.tr("Disability card"),
                 "dependency": self.tr("Dependency")}
        for name, text in texts.items():
            self.grid.labels[name].setText(text)
        self.fields_box.setTitle(self.tr("Sensitive data"))
        self.card.setText(self.tr("Has a disability card"))
        label_enum_combo(self.dependency, E.DEPENDENCY, self.tr("—"))
        self.vulnerability.retranslate()
        self.disability.retranslate()
        self._status_text()
