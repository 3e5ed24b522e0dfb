"""The survey form's picture for ``porpiang screenshots``: a demo household's survey
filled in, with its priority score and the lines that made it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.services.survey import open_survey
from desktop.services.workspace import Workspace
from desktop.ui.survey_form import SurveyForm

SAMPLE_CONDITIONS = {"roof": "dangerous", "walls": "damaged", "floor": "damaged",
                     "bathroom": "fair", "wiring": "dangerous", "structure": "good"}


def shoot_survey(shoot_widget: Callable[[QWidget, str], object], workspace: Workspace,
                 parent: QWidget, household_id: str, code: str) -> None:
    """``survey-{code}``: the household's survey (its demo survey, or a sample one)
    shown in the form; nothing is saved and no draft is written."""
    context = open_survey(workspace, household_id)
    form = SurveyForm(workspace, household_id, parent, context=context)
    try:
        if context.survey is None:
            _fill_sample(form)
        form.autosave_timer.stop()  # a picture is no edit
        form.save_button.setFocus(Qt.FocusReason.OtherFocusReason)  # no caret in a field
        shoot_widget(form, f"survey-{code}")
    finally:
        form.autosave_timer.stop()
        form.writes.pool.waitForDone()
        form.hide()
        form.deleteLater()


def _fill_sample(form: SurveyForm) -> None:
    form.survey_date.set_value(date.today().isoformat())
    form.surveyor.setText("นางสาวสมหญิง ใจดี")
    form.conditions.set_values(SAMPLE_CONDITIONS)
    form.risks.set_values(["leak", "electrical", "collapse"])
    form.eligibility.set_values({"lives_in_tambon": True, "low_income": True,
                                 "house_unsafe": True, "right_to_stay": True})
    form.notes.setPlainText("หลังคารั่วหลายจุด สายไฟเก่าเปลือยบริเวณครัว")
