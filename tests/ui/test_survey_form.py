"""The survey form on a real encrypted profile: a survey typed as a user, its priority
score computed live, its eligibility, saved and read back with the settings it used;
a published settings record changes the weights and the form names its version."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.services.profiles import ProfileService
from desktop.services.survey import priority_score, survey_draft_id, survey_for
from desktop.store.bulk import load_records
from desktop.ui.changes import ChangeBus
from desktop.ui.survey_form import SurveyForm
from sync.records.ids import natural_id
from sync.records.record import Record
from sync.records.registry import record_type
from sync.records.thai import fiscal_year_of, to_be_year
from tests.ui.editing import FAST_KDF, TAMBON, pick, shown, type_thai, workspace  # noqa: F401

TODAY = date.today()


def household(workspace, tags=("bedridden", "elderly")) -> str:
    """A household whose head has consent to sensitive data and these vulnerabilities."""
    hid = workspace.save("household", {"moo": 3, "house_no": "45/1"}, tambon=TAMBON).record.id
    head = workspace.save("member", {"household_id": hid, "given_name": "บุญเรือน",
                                     "family_name": "ทองดี",
                                     "relation_to_head": "head"}).record
    workspace.save("consent", {"household_id": hid, "member_id": head.id,
                               "purposes": ["survey"], "sensitive_consent": True,
                               "consenter_role": "self", "method": "verbal",
                               "witness_name": "ผู้ใหญ่บ้าน",
                               "consent_date": TODAY.isoformat()})
    workspace.save("member", {"vulnerability": list(tags)}, record_id=head.id)
    return hid


def open_form(qtbot, workspace, hid, **kw) -> SurveyForm:
    form = SurveyForm(workspace, hid, **kw)
    qtbot.addWidget(form)
    assert not form.body.isEnabled()  # the household is read off the GUI thread first
    form.show()
    qtbot.waitExposed(form)
    qtbot.waitUntil(lambda: form.is_loaded, timeout=5000)
    assert form.body.isEnabled()
    return form


def close(form: SurveyForm) -> None:
    form.autosave_timer.stop()
    form.done(0)


def type_into_notes(form: SurveyForm, text: str) -> None:
    form.notes.setFocus()
    for character in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(character)
        QApplication.sendEvent(form.notes, event)
    assert form.notes.toPlainText().endswith(text)


def total(form: SurveyForm) -> int:
    return form.score_box.breakdown.total


def lines(form: SurveyForm) -> list[str]:
    return shown(form.score_box.lines).split("\n")


def answer(form: SurveyForm, key: str, value: bool | None) -> None:
    pick(form.eligibility.combos[key], value)


@pytest.fixture
def bus():
    return ChangeBus()


def test_a_survey_typed_in_thai_scores_live_and_saves_with_its_settings(
        qtbot, thai_app, ui_language, workspace, bus):
    ui_language.switch("th")
    hid = household(workspace)
    form = open_form(qtbot, workspace, hid, changes=bus)
    assert form.survey_date.value() == (TODAY.isoformat(), False)  # today, by default
    assert form.settings.source == "defaults"
    assert str(fiscal_year_of(TODAY)) in shown(form.score_box.source)
    assert total(form) == 15 + 20  # the members' vulnerabilities alone, each once
    assert lines(form) == ["ผู้สูงอายุ (60+) 15 × 1 = 15", "ผู้ป่วยติดเตียง 20 × 1 = 20"]

    type_thai(form.surveyor, "สมหญิง ใจดี")
    pick(form.conditions.combos["roof"], "dangerous")
    assert total(form) == 55
    pick(form.conditions.combos["walls"], "dangerous")
    pick(form.conditions.combos["floor"], "damaged")
    assert total(form) == 35 + 20 * 2 + 10
    assert lines(form)[2].endswith("(หลังคา, ผนัง/ฝาบ้าน) 20 × 2 = 40")
    assert lines(form)[3].endswith("(พื้น) 10 × 1 = 10")
    pick(form.conditions.combos["roof"], "good")  # a part mended on paper: the score drops
    assert total(form) == 35 + 20 + 10
    assert total(form) == priority_score(form.settings, workspace.get_household(hid),
                                         form.values()).total
    leak = form.risks.boxes["leak"]
    qtbot.mouseClick(leak, Qt.MouseButton.LeftButton, pos=QPoint(8, leak.height() // 2))
    assert leak.isChecked() and total(form) == 65  # risks do not score

    required = [i["key"] for i in form.settings.eligibility_checklist if i["required"]]
    assert shown(form.eligibility.result) == form.eligibility.tr(
        "Not decided yet: %n required item(s) not answered.", "", len(required))
    for key in required:
        answer(form, key, True)
    answer(form, "no_other_support", False)  # an optional item: no effect
    assert shown(form.eligibility.result) == form.eligibility.tr("Eligible: every required item is met.")
    answer(form, required[0], False)
    assert shown(form.eligibility.result) == form.eligibility.tr(
        "Not eligible: a required item is answered no.")
    answer(form, required[0], True)
    type_into_notes(form, "หลังคารั่ว น้ำซึมเข้าห้องนอน")

    ui_language.switch("en")  # the lines follow the language
    qtbot.waitUntil(lambda: lines(form)[:2] == ["Elderly (60+) 15 × 1 = 15",
                                                "Bedridden 20 × 1 = 20"])
    announced, saved = [], []
    bus.data_changed.connect(lambda change, who: announced.append(change))
    form.survey_saved.connect(saved.append)
    form.activateWindow()
    qtbot.waitActive(form)
    qtbot.keyClick(form.surveyor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    assert form.result() == form.DialogCode.Accepted, shown(form.status)
    assert announced and announced[0].households == frozenset({hid})

    survey = survey_for(workspace, hid)
    assert survey is not None and survey.id == saved[0]
    f = survey.fields
    assert f["survey_date"] == TODAY.isoformat() and f["surveyor_name"] == "สมหญิง ใจดี"
    assert f["part_conditions"] == {"roof": "good", "walls": "dangerous", "floor": "damaged"}
    assert f["risks"] == ["leak"] and f["notes"] == "หลังคารั่ว น้ำซึมเข้าห้องนอน"
    assert f["eligibility_answers"] == {**{k: True for k in required},
                                        "no_other_support": False}
    assert f["priority_score"] == 65
    assert f.get("settings_id") is None and f.get("settings_version") is None  # defaults
    assert not [d for d in workspace.drafts() if d.draft_id == survey_draft_id(hid)]

    again = open_form(qtbot, workspace, hid)
    assert again.survey_id == survey.id and again.surveyor.text() == "สมหญิง ใจดี"
    assert total(again) == 65 and "65" in shown(again.score_box.saved)
    close(again)


def test_a_date_in_the_future_or_no_date_is_shown_beside_the_field(
        qtbot, thai_app, workspace):
    form = open_form(qtbot, workspace, household(workspace))
    error = form.grid.errors["survey_date"]
    form.survey_date.year.setText(str(to_be_year(TODAY.year) + 1))
    assert shown(error) == "Survey date is in the future"
    assert not form.save()
    pick(form.survey_date.day, 31)
    pick(form.survey_date.month, 2)
    assert shown(error) == "Survey date: not a valid date"
    form.survey_date.year.setText(str(to_be_year(TODAY.year) - 1))
    pick(form.survey_date.day, 28)
    assert shown(error) == ""
    close(form)


def test_typing_is_autosaved_and_reopened_as_a_draft(qtbot, thai_app, workspace):
    hid = household(workspace, tags=())
    form = open_form(qtbot, workspace, hid, autosave_ms=50)
    with qtbot.waitSignal(form.draft_saved, timeout=5000):
        type_thai(form.surveyor, "นายสำรวจ")
        pick(form.conditions.combos["bathroom"], "dangerous")
    (draft,) = [d for d in workspace.drafts() if d.draft_id == survey_draft_id(hid)]
    assert draft.record_type == "survey" and draft.fields["surveyor_name"] == "นายสำรวจ"
    assert survey_for(workspace, hid) is None  # a draft is no record
    close(form)

    reopened = open_form(qtbot, workspace, hid)
    assert reopened.surveyor.text() == "นายสำรวจ"
    assert reopened.conditions.values() == {"bathroom": "dangerous"}
    assert reopened.discard_button.isVisible() and total(reopened) == 20
    reopened.discard_draft()
    qtbot.waitUntil(lambda: not [d for d in workspace.drafts()
                                 if d.draft_id == survey_draft_id(hid)], timeout=5000)


@pytest.fixture
def fresh_workspace(tmp_path):
    """A profile of its own: the settings records below must not reach other tests."""
    service = ProfileService(tmp_path / "profiles", kdf=FAST_KDF)
    service.create_profile("admin", "correct horse battery")
    ws = service.unlock("admin", password="correct horse battery")
    yield ws
    ws.close()


def settings_fields(fiscal_year: int, weights: dict[str, int]) -> dict:
    return {"programme": "baan_por_piang", "fiscal_year": fiscal_year,
            "subsidy_cap": 4_000_000, "score_weights": weights,
            "eligibility_checklist": [{"key": "lives_here", "th": "อาศัยอยู่จริง",
                                       "en": "Lives here", "required": True}]}


def test_published_settings_change_the_weights_and_the_form_names_their_version(
        qtbot, thai_app, fresh_workspace):
    ws = fresh_workspace
    this_year = fiscal_year_of(TODAY)
    published = ws.replica.save("programme_settings", None, settings_fields(
        this_year, {"bedridden": 50, "condition_dangerous": 5})).record
    earlier = date(TODAY.year - 1, 1, 15)  # in an earlier fiscal year
    rtype = record_type("programme_settings")
    pulled = settings_fields(fiscal_year_of(earlier), {"bedridden": 7, "condition_dangerous": 1})
    load_records(ws.database.writer, [Record(  # as a pull from the server brings it
        "programme_settings", natural_id(rtype, None, pulled), None, pulled, version=3)])
    hid = household(ws)

    form = open_form(qtbot, ws, hid)
    assert shown(form.score_box.source) == form.tr("Settings FY %1, version %2").replace(
        "%1", str(this_year)).replace("%2", str(published.version))
    assert list(form.eligibility.combos) == ["lives_here"]
    assert shown(form.eligibility.labels["lives_here"]) == "Lives here *"
    pick(form.conditions.combos["roof"], "dangerous")
    assert total(form) == 50 + 5  # elderly has no weight here: 0
    assert "Elderly (60+) 0 × 1 = 0" in lines(form)

    form.survey_date.set_value(earlier.isoformat())  # another fiscal year: its settings
    qtbot.waitUntil(lambda: form.settings.version == 3, timeout=5000)
    assert "version 3" in shown(form.score_box.source)
    assert str(fiscal_year_of(earlier)) in shown(form.score_box.source)
    assert total(form) == 7 + 1
    answer(form, "lives_here", True)
    saved = []
    form.survey_saved.connect(saved.append)
    assert form.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    f = survey_for(ws, hid).fields
    assert f["priority_score"] == 8 and f["settings_version"] == 3
    assert f["settings_id"] == natural_id(rtype, None, pulled)
    assert f["eligibility_answers"] == {"lives_here": True}


def test_the_households_page_opens_the_survey_and_repairs_of_the_selected_household(qtbot, thai_app,
                                                                         tmp_path):
    from desktop.services.demo import open_demo_workspace
    from desktop.ui.households import HouseholdsPage
    from desktop.ui.tasks import TaskRunner

    demo = open_demo_workspace(tmp_path / "demo", households=5)
    tasks = TaskRunner()
    page = HouseholdsPage(demo, tasks)
    qtbot.addWidget(page)
    try:
        page.show()
        qtbot.waitUntil(lambda: page.model.loaded and page.model.rowCount() == 5)
        assert not page.survey_button.isEnabled()
        page.table.selectRow(2)
        assert page.survey_button.isEnabled()
        page.survey_button.click()
        (form,) = page.findChildren(SurveyForm)
        assert form.household_id == page.model.rows[2].household_id and form.isVisible()
        form.done(0)
        from desktop.ui.repair_editor import RepairEditor

        assert page.repair_button.isEnabled()
        page.repair_button.click()
        (editor,) = page.findChildren(RepairEditor)
        assert editor.isVisible()
        editor.done(0)
    finally:
        tasks.shutdown()
        demo.close()
