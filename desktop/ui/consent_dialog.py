"""PDPA consent of one member, recorded before any of their sensitive data.

The dialog first shows what to read to the person (purposes, how long the data is
kept, who receives it, the right to withdraw), then takes what the ``consent``
record holds: the purposes agreed, the separate explicit consent to health and
disability data, who gave consent (the person, a guardian or a caregiver, named),
the method, a witness, the date (Buddhist Era) and the evidence — a photo of the
signature or thumbprint, or a note.  OK checks every field and shows the errors
beside them; the values go back to the editor, which saves them with the member.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.text.thai_breaks import breakable
from desktop.ui.form_fields import (
    BeDateEntry,
    FieldGrid,
    enum_combo,
    label_enum_combo,
    select_data,
    show_issue,
)
from desktop.ui.member_care import EnumChecks
from sync.records import enums as E
from sync.records.errors import Issue
from sync.records.registry import record_type
from sync.records.types_people import consent_rule

EVIDENCE_METHODS = ("signature", "thumbprint")
IMAGE_FILTER = "*.jpg *.jpeg *.png"


def _required(name: str) -> Issue:
    f = record_type("consent").field(name)
    assert f is not None
    return Issue("field.required", name, {"label_th": f.th, "label_en": f.en, "field": name})


def consent_issues(fields: dict[str, Any], *, date_bad: bool = False) -> dict[str, Issue]:
    """What keeps the consent from being recorded, by field: the contract's rules plus
    what this dialog asks (a purpose, a witness to verbal consent, evidence)."""
    issues = {i.field or "notes": i for i in consent_rule(fields, None)}
    for name in ("purposes", "consenter_role", "method"):
        if not fields.get(name):
            issues[name] = _required(name)
    if date_bad or not fields.get("consent_date"):
        issues["consent_date"] = _required("consent_date")
    elif fields["consent_date"] > date.today().isoformat():
        issues["consent_date"] = Issue("date.future", "consent_date", {
            "label_th": "วันที่ให้ความยินยอม", "label_en": "Consent date"})
    if fields.get("method") == "verbal" and not fields.get("witness_name"):
        issues["witness_name"] = _required("witness_name")
    if (fields.get("method") in EVIDENCE_METHODS and not fields.get("_evidence_file")
            and not fields.get("notes")):
        issues["evidence_attachment_id"] = _required("evidence_attachment_id")
    return issues


class ConsentDialog(QDialog):
    """Record one member's consent; :meth:`values` holds it after ``accept``."""

    def __init__(self, member_name: str, parent: QWidget | None = None, *,
                 fields: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consent_dialog")
        self.member_name = member_name
        self.notice = QLabel(objectName="consent_notice", wordWrap=True)
        self.purposes = EnumChecks("purposes", E.CONSENT_PURPOSE, columns=1)
        self.sensitive = QCheckBox(objectName="sensitive_consent")
        self.role = enum_combo("consenter_role", E.CONSENTER_ROLE)
        self.consenter = QLineEdit(objectName="consenter_name", maxLength=200)
        self.method = enum_combo("method", E.CONSENT_METHOD)
        self.witness = QLineEdit(objectName="witness_name", maxLength=200)
        self.consent_date = BeDateEntry("consent")
        self.evidence_button = QPushButton(objectName="evidence_file", autoDefault=False)
        self.evidence_label = QLabel(objectName="evidence_name")
        self.evidence_file: str | None = None
        self.notes = QLineEdit(objectName="consent_notes", maxLength=2000)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.evidence_button.clicked.connect(self.choose_evidence)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.retranslate()
        self.show_fields(fields or {"consenter_role": "self", "consenter_name": member_name,
                                    "consent_date": date.today().isoformat()})
        self.resize(720, 680)

    def _lay_out(self) -> None:
        evidence = QHBoxLayout()
        evidence.addWidget(self.evidence_button)
        evidence.addWidget(self.evidence_label, 1)
        self.grid = FieldGrid()
        for name, widget, buddy in (
                ("purposes", self.purposes, self.purposes),
                ("sensitive_consent", self.sensitive, self.sensitive),
                ("consenter_role", self.role, self.role),
                ("consenter_name", self.consenter, self.consenter),
                ("method", self.method, self.method),
                ("witness_name", self.witness, self.witness),
                ("consent_date", self.consent_date, self.consent_date.day),
                ("evidence_attachment_id", evidence, self.evidence_button),
                ("notes", self.notes, self.notes)):
            self.grid.add(name, widget, buddy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # -- values -----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The consent's fields, with ``_evidence_file`` (a photo to attach) if chosen."""
        consent_date, _bad = self.consent_date.value()
        fields = {"purposes": self.purposes.values(),
                  "sensitive_consent": self.sensitive.isChecked(),
                  "consenter_role": self.role.currentData(),
                  "consenter_name": self.consenter.text().strip() or None,
                  "method": self.method.currentData(),
                  "witness_name": self.witness.text().strip() or None,
                  "consent_date": consent_date, "notes": self.notes.text().strip() or None}
        if self.evidence_file:
            fields["_evidence_file"] = self.evidence_file
        return fields

    def show_fields(self, fields: dict[str, Any]) -> None:
        self.purposes.set_values(fields.get("purposes"))
        self.sensitive.setChecked(bool(fields.get("sensitive_consent")))
        select_data(self.role, fields.get("consenter_role"))
        self.consenter.setText(fields.get("consenter_name") or "")
        select_data(self.method, fields.get("method"))
        self.witness.setText(fields.get("witness_name") or "")
        self.notes.setText(fields.get("notes") or "")
        given = fields.get("consent_date")
        if given:
            self.consent_date.set_value(given)
        self.set_evidence_file(fields.get("_evidence_file"))

    def set_evidence_file(self, path: str | None) -> None:
        self.evidence_file = path or None
        self.evidence_label.setText(Path(path).name if path else "")

    def choose_evidence(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Photo of the signature or thumbprint"), "",
            self.tr("Images (%1)").replace("%1", IMAGE_FILTER))
        if path:
            self.set_evidence_file(path)

    def _role_changed(self) -> None:
        """The person themself: their own name; a guardian or caregiver is named anew."""
        if self.role.currentData() == "self" and not self.consenter.text():
            self.consenter.setText(self.member_name)
        elif self.role.currentData() != "self" and self.consenter.text() == self.member_name:
            self.consenter.clear()

    # -- checking ---------------------------------------------------------------------
    def check(self) -> dict[str, Issue]:
        """Show the errors beside their fields; an empty dict when all is well."""
        issues = consent_issues(self.values(), date_bad=self.consent_date.value()[1])
        for name, label in self.grid.errors.items():
            show_issue(label, issues.get(name))
        return issues

    def accept(self) -> None:
        issues = self.check()
        if issues:
            first = next(iter(issues))
            self.grid.labels[first].buddy().setFocus()
            return
        super().accept()

    # -- texts ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Consent (PDPA): %1").replace("%1", self.member_name))
        self.notice.setText(breakable(self.tr(
            "Read this to the person before asking: the programme records your household "
            "and its members to survey, prioritise and carry out house repairs. The data "
            "goes to the tambon coordinator, CODI and the Ministry of Social Development "
            "and Human Security, and is kept while the programme needs it. Health and "
            "disability data are recorded only with your separate, explicit consent. You "
            "may withdraw consent at any time.")))
        texts = {"purposes": self.tr("Purposes agreed"),
                 "sensitive_consent": self.tr("Sensitive data"),
                 "consenter_role": self.tr("Consent given by"),
                 "consenter_name": self.tr("Name of the person consenting"),
                 "method": self.tr("Method"), "witness_name": self.tr("Witness"),
                 "consent_date": self.tr("Date"),
                 "evidence_attachment_id": self.tr("Evidence"), "notes": self.tr("Note")}
        for name, text in texts.items():
            self.grid.labels[name].setText(text)
        self.purposes.retranslate()
        self.sensitive.setText(self.tr("Explicit consent to health and disability data"))
        label_enum_combo(self.role, E.CONSENTER_ROLE, self.tr("—"))
        label_enum_combo(self.method, E.CONSENT_METHOD, self.tr("—"))
        self.consent_date.retranslate()
        self.evidence_button.setText(self.tr("Photo of signature or thumbprint…"))
        self.notes.setPlaceholderText(self.tr("e.g. signed on the paper form kept at the "
                                              "tambon office"))
