"""The survey form's parts: the survey date in the Buddhist Era, the condition of
each house part, the eligibility checklist of the fiscal year's settings, and the
priority score with the lines that made it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.services.programme import ProgrammeSettings
from desktop.services.survey import ScoreBreakdown, ScoreLine
from desktop.text.thai_breaks import breakable
from desktop.ui.form_fields import (
    fit_widest_item,
    label_enum_combo,
    select_data,
    ui_language,
)
from desktop.ui.thai_wrap import wrap_label
from sync.records import enums as E

PART_COLUMNS = 3  # house parts per row
RESULT_STYLES = {None: "color: #555;", True: "color: #2e7d32;", False: "color: #c62828;"}


class ConditionGrid(QWidget):
    """One combo per house part (``repair_category``), valued from ``condition``."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(objectName="part_conditions")
        self.combos: dict[str, QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for position, part in enumerate(E.REPAIR_CATEGORY.values):
            combo = QComboBox(objectName=f"condition_{part}")
            combo.addItem("", None)
            for value in E.CONDITION.values:
                combo.addItem("", value)
            combo.currentIndexChanged.connect(self.changed)
            label = QLabel(objectName=f"label_condition_{part}", buddy=combo)
            row, column = divmod(position, PART_COLUMNS)
            grid.addWidget(label, row, 2 * column)
            grid.addWidget(combo, row, 2 * column + 1)
            self.combos[part], self.labels[part] = combo, label
        for column in range(PART_COLUMNS):
            grid.setColumnStretch(2 * column + 1, 1)

    def values(self) -> dict[str, str] | None:
        chosen = {part: combo.currentData() for part, combo in self.combos.items()}
        return {part: value for part, value in chosen.items() if value} or None

    def set_values(self, values: dict[str, str] | None) -> None:
        for part, combo in self.combos.items():
            select_data(combo, (values or {}).get(part))

    def retranslate(self) -> None:
        lang = ui_language()
        for part, combo in self.combos.items():
            self.labels[part].setText(E.REPAIR_CATEGORY.label(part, lang))
            label_enum_combo(combo, E.CONDITION, self.tr("—"))
            fit_widest_item(combo)


class EligibilityList(QWidget):
    """The checklist of the fiscal year's settings: yes, no or not answered per item;
    required items marked with an asterisk; the result below them."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(objectName="eligibility_answers")
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        self.note = QLabel(objectName="required_note", wordWrap=True)
        self.result = QLabel(objectName="eligibility_result", wordWrap=True)
        self.eligible: tuple[bool | None, int] | None = None  # the result, missing items
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.note)
        layout.addWidget(self.result)
        self.items: list[dict[str, Any]] = []
        self.labels: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}

    def set_items(self, checklist: tuple[dict[str, Any], ...],
                  answers: dict[str, Any] | None) -> None:
        """Show ``checklist`` (the settings' items) with ``answers`` chosen."""
        for widget in (*self.labels.values(), *self.combos.values()):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.items, self.labels, self.combos = [dict(i) for i in checklist], {}, {}
        for row, item in enumerate(self.items):
            key = str(item["key"])
            combo = QComboBox(objectName=f"eligibility_{key}")
            for value in (None, True, False):
                combo.addItem("", value)
            label = QLabel(objectName=f"label_eligibility_{key}", buddy=combo)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignTop)
            self.labels[key], self.combos[key] = label, combo
        self.retranslate()
        self.set_values(answers)
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self.changed)

    def values(self) -> dict[str, bool]:
        return {key: combo.currentData() for key, combo in self.combos.items()
                if combo.currentData() is not None}

    def set_values(self, answers: dict[str, Any] | None) -> None:
        for key, combo in self.combos.items():
            given = (answers or {}).get(key)
            combo.setCurrentIndex(0 if given is None else 1 if given else 2)

    def show_result(self, eligible: bool | None, missing: int) -> None:
        """Eligible, not eligible, or ``missing`` required items still unanswered."""
        self.eligible = (eligible, missing)
        if eligible is None:
            text = self.tr("Not decided yet: %n required item(s) not answered.", "", missing)
        elif eligible:
            text = self.tr("Eligible: every required item is met.")
        else:
            text = self.tr("Not eligible: a required item is answered no.")
        self.result.setText(breakable(text))
        self.result.setStyleSheet(RESULT_STYLES[eligible])

    def retranslate(self) -> None:
        lang = ui_language()
        self.note.setText(breakable(self.tr("* required: all of them must be met.")))
        if self.eligible is not None:
            self.show_result(*self.eligible)
        for item in self.items:
            key = str(item["key"])
            text = str(item.get(lang) or item.get("th") or item.get("en") or key)
            wrap_label(self.labels[key], f"{text} *" if item.get("required") else text)
            combo = self.combos[key]
            for row, text in enumerate((self.tr("Not answered"), self.tr("Yes"),
                                        self.tr("No"))):
                combo.setItemText(row, text)
            fit_widest_item(combo)


class ScoreBox(QGroupBox):
    """The priority score: its total, the lines that made it, the formula and the
    settings it used."""

    def __init__(self) -> None:
        super().__init__(objectName="score_box")
        self.total = QLabel(objectName="score_total")
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.total.setFont(font)
        self.lines = QLabel(objectName="score_lines", wordWrap=True)
        self.formula = QLabel(objectName="score_formula", wordWrap=True)
        self.formula.setStyleSheet("color: #555;")
        small = self.formula.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.formula.setFont(small)
        self.source = QLabel(objectName="score_settings", wordWrap=True)
        self.saved = QLabel(objectName="score_saved", wordWrap=True)
        layout = QVBoxLayout(self)
        for widget in (self.total, self.lines, self.source, self.saved, self.formula):
            layout.addWidget(widget)
        self.breakdown: ScoreBreakdown | None = None
        self.settings: ProgrammeSettings | None = None
        self.saved_fields: dict[str, Any] = {}  # the saved survey's score and settings

    def show_score(self, breakdown: ScoreBreakdown | None,
                   settings: ProgrammeSettings | None) -> None:
        self.breakdown, self.settings = breakdown, settings
        self.retranslate()

    def show_saved(self, fields: dict[str, Any]) -> None:
        """The score the saved survey keeps, beside the live one."""
        self.saved_fields = dict(fields)
        self.retranslate()

    def saved_text(self) -> str:
        score = self.saved_fields.get("priority_score")
        if score is None:
            return ""
        version = self.saved_fields.get("settings_version")
        if version is None:
            return self.tr("Saved with the survey: %1 (default settings)").replace(
                "%1", str(score))
        return self.tr("Saved with the survey: %1 (settings version %2)").replace(
            "%1", str(score)).replace("%2", str(version))

    def line_text(self, line: ScoreLine) -> str:
        """A line's text: "ผู้ป่วยติดเตียง 20 × 1 = 20", or a condition with its parts."""
        lang = ui_language()
        if line.parts:
            name = self.tr("%1 parts (%2)").replace(
                "%1", E.CONDITION.label(line.key.removeprefix("condition_"), lang)).replace(
                "%2", ", ".join(E.REPAIR_CATEGORY.label(p, lang) for p in line.parts))
        else:
            name = E.VULNERABILITY.label(line.key, lang)
        return self.tr("%1 %2 × %3 = %4").replace("%1", name).replace(
            "%2", str(line.weight)).replace("%3", str(line.count)).replace(
            "%4", str(line.points))

    def settings_text(self) -> str:
        settings = self.settings
        if settings is None:
            return ""
        if settings.source == "record":
            return self.tr("Settings FY %1, version %2").replace(
                "%1", str(settings.fiscal_year)).replace("%2", str(settings.version))
        return self.tr("Defaults shipped with the app, FY %1").replace(
            "%1", str(settings.fiscal_year))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Priority score"))
        breakdown = self.breakdown
        self.total.setText(self.tr("Score: %1").replace(
            "%1", "…" if breakdown is None else str(breakdown.total)))
        if breakdown is None or not breakdown.lines:
            lines = self.tr("Nothing adds to the score yet.") if breakdown else ""
        else:
            lines = "\n".join(self.line_text(line) for line in breakdown.lines)
        self.lines.setText(breakable(lines))
        self.source.setText(breakable(self.settings_text()))
        self.saved.setText(breakable(self.saved_text()))
        self.saved.setVisible(bool(self.saved.text()))
        self.formula.setText(breakable(self.tr(
            "Score = the weight of each vulnerability found among the members (once "
            "each) + the weight of each house part by its condition (dangerous or "
            "damaged). Weights come from the fiscal year's programme settings.")))
