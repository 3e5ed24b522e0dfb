"""The survey form: one household's survey, with its priority score computed live.

The form shows the survey date (Buddhist Era, today by default), the surveyor, the
condition of each house part, the risks seen, the eligibility checklist of the
fiscal year's programme settings (yes, no or not answered; required items marked)
and notes.  As fields change it computes the score (``desktop.services.survey``) and
shows the lines that made it and the settings it used.  A change of the survey date
into another fiscal year reads that year's settings again, off the GUI thread.

The household, its latest survey, an autosaved draft and the settings are read in
one call on the task runner before the fields open.  Every edit restarts a
two-second timer, and then the form goes to the drafts table (record type
``survey``).  Save (Ctrl+S) runs on the form's own one-thread runner; a draft may be
incomplete, so only what the contract checks is refused (a date in the future, a
date that does not exist), and the error shows beside its field.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services import ServiceError
from desktop.services.programme import ProgrammeSettings
from desktop.services.survey import (
    SurveyContext,
    eligibility,
    head_name,
    open_survey,
    priority_score,
    save_survey,
    settings_for_survey,
    survey_draft_id,
    survey_fiscal_year,
    survey_issues,
    write_survey_draft,
)
from desktop.services.workspace import Workspace
from desktop.text.thai_breaks import breakable
from desktop.ui.changes import ChangeBus, ChangeSet
from desktop.ui.drafted_dialog import DraftedDialog
from desktop.ui.form_fields import (
    BeDateEntry,
    FieldGrid,
    error_label,
    issue_text,
    show_issue,
)
from desktop.ui.member_care import EnumChecks
from desktop.ui.survey_parts import (
    ConditionGrid,
    EligibilityList,
    ScoreBox,
)
from desktop.ui.tasks import TaskRunner
from sync.records import enums as E
from sync.records.errors import Issue

AUTOSAVE_MS = 2000


class SurveyForm(DraftedDialog):
    """Enter or change one household's survey; see the module docstring."""

    loaded = Signal()  # the household and settings are read; the fields are open
    survey_saved = Signal(str)  # the survey's id
    draft_saved = Signal(str)  # the draft's id

    def __init__(self, workspace: Workspace, household_id: str,
                 parent: QWidget | None = None, *, tasks: TaskRunner | None = None,
                 changes: ChangeBus | None = None, context: SurveyContext | None = None,
                 autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("survey_form")
        self.workspace, self.household_id, self.changes = workspace, household_id, changes
        self.own_tasks = tasks is None
        self.tasks = tasks or TaskRunner(self)
        self.writes = TaskRunner(self, max_threads=1)  # saves and drafts keep their order
        self.draft_id = survey_draft_id(household_id)
        self.context: SurveyContext | None = None
        self.settings: ProgrammeSettings | None = None
        self.settings_year: int | None = None  # the fiscal year last asked for
        self.survey_id: str | None = None
        self.other_answers: dict[str, Any] = {}  # answers to items the settings lack
        self.reopened_at: str | None = None
        self.autosave_timer = QTimer(self, singleShot=True, interval=autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self._loading = True
        self._build()
        self.retranslate()
        if context is not None:
            self._show_context(context)
        else:
            self.body.setEnabled(False)
            self.tasks.submit(open_survey, workspace, household_id,
                              key=f"survey-open-{household_id}",
                              on_done=self._show_context, on_error=self._load_failed)
        self.resize(1240, 700)  # fits a 1366×768 laptop screen

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.header = QLabel(objectName="survey_household", wordWrap=True)
        self.survey_date = BeDateEntry("survey_date")
        self.surveyor = QLineEdit(objectName="surveyor_name", maxLength=200)
        self.conditions = ConditionGrid()
        self.risks = EnumChecks("risks", E.RISK, columns=3)
        self.eligibility = EligibilityList()
        self.notes = QPlainTextEdit(objectName="survey_notes", tabChangesFocus=True)
        self.notes.setFixedHeight(64)
        self.score_box = ScoreBox()
        self.errors = {name: error_label(name) for name in
                       ("part_conditions", "risks", "eligibility_answers", "notes")}
        for label in self.errors.values():
            label.setVisible(False)
        self.save_button = QPushButton(objectName="save", autoDefault=False)
        self.cancel_button = QPushButton(objectName="cancel", autoDefault=False)
        self.discard_button = QPushButton(objectName="discard_draft", autoDefault=False)
        self.discard_button.setVisible(False)
        self.status = QLabel(objectName="status", wordWrap=True)
        self._lay_out()
        self._connect()

    def _group(self, name: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(objectName=name)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def _lay_out(self) -> None:
        self.grid = FieldGrid()
        self.grid.add("survey_date", self.survey_date, self.survey_date.day)
        self.grid.add("surveyor_name", self.surveyor, self.surveyor)
        self.visit_box = QGroupBox(objectName="visit_box")
        self.visit_box.setLayout(self.grid)
        self.condition_box = self._group("condition_box", self.conditions,
                                         self.errors["part_conditions"])
        self.risks_box = self._group("risks_box", self.risks, self.errors["risks"])
        self.notes_box = self._group("notes_box", self.notes, self.errors["notes"])
        self.eligibility_box = self._group("eligibility_box", self.eligibility,
                                           self.errors["eligibility_answers"])
        left, right = QVBoxLayout(), QVBoxLayout()
        for box in (self.visit_box, self.condition_box, self.risks_box, self.notes_box):
            left.addWidget(box)
        left.addStretch(1)
        right.addWidget(self.eligibility_box)
        right.addWidget(self.score_box)
        right.addStretch(1)
        self.body = QWidget(objectName="survey_body")
        columns = QHBoxLayout(self.body)
        columns.addLayout(left, 5)
        columns.addLayout(right, 4)
        scroll = QScrollArea(widgetResizable=True, objectName="survey_scroll")
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.discard_button, self.cancel_button, self.save_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        for signal in (self.survey_date.changed, self.surveyor.textChanged,
                       self.conditions.changed, self.risks.changed,
                       self.eligibility.changed, self.notes.textChanged):
            signal.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.discard_button.clicked.connect(self.discard_draft)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)

    # -- showing ----------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.context is not None

    def _show_context(self, context: SurveyContext) -> None:
        self.context, self.settings = context, context.settings
        if context.survey is not None:
            self.survey_id = context.survey.id
            self.score_box.show_saved(context.survey.fields)
        shown = (context.draft.fields if context.draft
                 else context.survey.fields if context.survey
                 else {"survey_date": date.today().isoformat()})
        self._fill(shown)
        self.settings_year = survey_fiscal_year(self.survey_date.value()[0])
        if context.draft is not None:
            self.discard_button.setVisible(True)
            self.say_reopened(context.draft.updated_at)
        self.body.setEnabled(True)
        self._loading = False
        self._header_text()
        self.refresh()
        self.loaded.emit()

    def _fill(self, fields: dict[str, Any]) -> None:
        assert self.settings is not None
        self.survey_date.set_value(fields.get("survey_date"), fields.get("_date"))
        self.surveyor.setText(fields.get("surveyor_name") or "")
        self.conditions.set_values(fields.get("part_conditions"))
        self.risks.set_values(fields.get("risks"))
        answers = dict(fields.get("eligibility_answers") or {})
        self._show_checklist(answers)
        self.notes.setPlainText(fields.get("notes") or "")

    def _show_checklist(self, answers: dict[str, Any]) -> None:
        assert self.settings is not None
        keys = {str(item["key"]) for item in self.settings.eligibility_checklist}
        self.other_answers = {k: v for k, v in answers.items() if k not in keys}
        self.eligibility.set_items(self.settings.eligibility_checklist, answers)

    def values(self) -> dict[str, Any]:
        """The survey's fields as shown (those the form edits)."""
        answers = {**self.other_answers, **self.eligibility.values()}
        return {"survey_date": self.survey_date.value()[0],
                "surveyor_name": self.surveyor.text().strip() or None,
                "part_conditions": self.conditions.values(),
                "risks": self.risks.values(),
                "eligibility_answers": answers or None,
                "notes": self.notes.toPlainText().strip() or None}

    def draft_fields(self) -> dict[str, Any]:
        return {**self.values(), "household_id": self.household_id,
                "_date": self.survey_date.typed()}

    # -- live checks and the score ----------------------------------------------------------
    def _edited(self, *_args: Any) -> None:
        if self._loading:
            return
        self.refresh()
        self.autosave_timer.start()

    def refresh(self) -> None:
        """Show the errors the contract finds, the score and the eligibility result;
        ask for another fiscal year's settings when the date moved into one."""
        iso, bad = self.survey_date.value()
        self.show_issues(survey_issues(self.values(), date_bad=bad))
        year = survey_fiscal_year(iso)
        if year != self.settings_year:
            self.settings_year = year
            self.tasks.submit(settings_for_survey, self.workspace, iso,
                              key=f"survey-settings-{self.household_id}",
                              on_done=self._settings_arrived)
        self._show_score()

    def _settings_arrived(self, settings: ProgrammeSettings) -> None:
        answers = {**self.other_answers, **self.eligibility.values()}
        loading, self._loading = self._loading, True
        self.settings = settings
        self._show_checklist(answers)
        self._loading = loading
        self._show_score()

    def _show_score(self) -> None:
        if self.context is None or self.settings is None:
            return
        values = self.values()
        self.score_box.show_score(priority_score(self.settings, self.context.detail, values),
                                  self.settings)
        eligible, missing = eligibility(self.settings, values["eligibility_answers"])
        self.eligibility.show_result(eligible, len(missing))

    def show_issues(self, issues: dict[str, Issue]) -> None:
        for name, label in self.grid.errors.items():
            show_issue(label, issues.get(name))
        for name, label in self.errors.items():  # below a group: takes room only when shown
            show_issue(label, issues.get(name))
            label.setVisible(name in issues)

    # -- saving -----------------------------------------------------------------------
    def save(self) -> bool:
        """Check what is shown and write it on the form's runner; False if refused here."""
        if not self.is_loaded or not self.save_button.isEnabled():
            return False
        self.autosave_timer.stop()
        values = self.values()
        issues = survey_issues(values, date_bad=self.survey_date.value()[1])
        self.show_issues(issues)
        if issues:
            self.status.setText(self.tr("Correct the fields marked in red, then save again."))
            return False
        self._set_busy(True)
        self.writes.submit(partial(save_survey, draft_id=self.draft_id), self.workspace,
                           self.household_id, values, self.survey_id,
                           on_done=self._saved, on_error=self._save_failed)
        return True

    def _saved(self, record) -> None:
        self._set_busy(False)
        self.survey_id = record.id
        self.discard_button.setVisible(False)
        self.status.setText(self.tr("Saved."))
        self.survey_saved.emit(record.id)
        if self.changes is not None:
            self.changes.announce(ChangeSet(frozenset({self.household_id})), self)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        issue = error.issue if isinstance(error, ServiceError) else None
        if issue is not None and issue.field:
            self.show_issues({issue.field.split(".")[0]: issue})
        text = issue_text(issue) if issue is not None else str(error)
        self.status.setText(self.tr("Not saved: %1").replace("%1", text))

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("Could not read the household: %1").replace(
            "%1", issue_text(error.issue) if isinstance(error, ServiceError) else str(error)))

    def _set_busy(self, busy: bool) -> None:
        self.body.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    # -- drafts -----------------------------------------------------------------------
    def _tambon(self) -> str | None:
        return self.context.detail.household.tambon if self.context else None

    def autosave_now(self) -> None:
        """Write the form as the draft, on the form's runner (after any save queued)."""
        self.autosave_timer.stop()
        if self.is_loaded:
            self.writes.submit(write_survey_draft, self.workspace, self.draft_id,
                               self.draft_fields(), self.survey_id, self._tambon(),
                               on_done=self.draft_saved.emit)

    def reopened_text(self, time: str) -> str:
        return self.tr("Reopened the survey typed before (saved automatically at %1). "
                       "Save it, or discard the draft.").replace("%1", time)

    def draft_ready(self) -> bool:
        return self.is_loaded

    def write_draft_now(self) -> None:
        write_survey_draft(self.workspace, self.draft_id, self.draft_fields(),
                           self.survey_id, self._tambon())

    def closing(self) -> None:
        if self.own_tasks:
            self.tasks.shutdown()
        else:
            self.tasks.cancel(f"survey-open-{self.household_id}")
            self.tasks.cancel(f"survey-settings-{self.household_id}")

    # -- texts ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _header_text(self) -> None:
        if self.context is None:
            self.header.setText(self.tr("Reading the household…"))
            return
        fields = self.context.detail.household.fields
        name = head_name(self.context.detail)
        text = self.tr("House no. %1, moo %2: %3").replace(
            "%1", str(fields.get("house_no") or "—")).replace(
            "%2", str(fields.get("moo") or "—")).replace("%3", name or "—")
        self.header.setText(breakable(text))
        self.setWindowTitle(self.tr("Survey: %1").replace("%1", name or self.tr("household")))

    def retranslate(self) -> None:
        loading, self._loading = self._loading, True
        self.setWindowTitle(self.tr("Survey"))
        self._header_text()
        self.visit_box.setTitle(self.tr("Visit"))
        self.grid.labels["survey_date"].setText(self.tr("Survey date"))
        self.grid.labels["surveyor_name"].setText(self.tr("Surveyor"))
        self.surveyor.setPlaceholderText(self.tr("Name of the person surveying"))
        self.survey_date.retranslate()
        self.condition_box.setTitle(self.tr("Condition of each part of the house"))
        self.conditions.retranslate()
        self.risks_box.setTitle(self.tr("Risks"))
        self.risks.retranslate()
        self.notes_box.setTitle(self.tr("Notes"))
        self.eligibility_box.setTitle(self.tr("Eligibility checklist"))
        self.eligibility.retranslate()
        self.score_box.retranslate()
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Close"))
        self.discard_button.setText(self.tr("Discard draft"))
        self._say_reopened()
        self._loading = loading
