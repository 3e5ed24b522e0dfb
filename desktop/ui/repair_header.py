"""The repair editor's header: whose case it is (the head of the household, house
number and moo), the fiscal year in the Buddhist Era, the programme, the case's
state as a coloured badge, and the subsidy cap."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from desktop.services.repairs import RepairCase, baht_text
from desktop.ui.form_fields import ui_language
from desktop.ui.households_model import BADGE_COLOURS, STATE_STEP
from sync.records.workflow import CASE_STATE

ENDED = {"rejected": "#c62828", "cancelled": "#616161"}


class CaseHeader(QFrame):
    """One line about the case; shown again after every save and command."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_header")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.household_label = QLabel(objectName="case_household")
        font = self.household_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.household_label.setFont(font)
        self.year_label = QLabel(objectName="case_fiscal_year")
        self.programme_label = QLabel(objectName="case_programme")
        self.state_label = QLabel(objectName="case_state")
        self.cap_label = QLabel(objectName="case_cap")
        layout = QHBoxLayout(self)
        layout.addWidget(self.household_label, 1)
        for label in (self.year_label, self.programme_label, self.cap_label, self.state_label):
            layout.addSpacing(16)
            layout.addWidget(label)
        self.case: RepairCase | None = None

    def show_case(self, case: RepairCase) -> None:
        self.case = case
        self.retranslate()

    def state_text(self, state: str) -> str:
        return CASE_STATE.label(state, ui_language())

    def programme_text(self, programme: str) -> str:
        names = {"baan_por_piang": self.tr("Baan Por Piang")}
        return names.get(programme, programme)

    def _household_text(self, case: RepairCase) -> str:
        fields = case.household.fields
        parts = [case.head_name or self.tr("(no head of household yet)")]
        if fields.get("house_no"):
            parts.append(self.tr("House no. %1").replace("%1", str(fields["house_no"])))
        if fields.get("moo") is not None:
            parts.append(self.tr("Moo %1").replace("%1", str(fields["moo"])))
        return " · ".join(parts)

    def retranslate(self) -> None:
        case = self.case
        if case is None:
            return
        self.household_label.setText(self._household_text(case))
        self.year_label.setText(self.tr("Fiscal year %1").replace("%1", str(case.fiscal_year)))
        self.programme_label.setText(self.programme_text(case.programme))
        self.cap_label.setText(self.tr("Cap %1 baht").replace("%1", baht_text(case.cap.amount)))
        colour = ENDED.get(case.state) or BADGE_COLOURS[STATE_STEP.get(case.state, "draft")]
        self.state_label.setText(self.state_text(case.state))
        self.state_label.setStyleSheet(f"QLabel {{ color: white; background: {colour};"
                                       " border-radius: 4px; padding: 3px 8px; }")
