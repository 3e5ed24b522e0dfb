"""The survey's priority score and eligibility (``desktop.services.survey``), as plain
functions, and a survey saved with the score and the settings it used."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.models import HouseholdDetail, RecordView
from desktop.services.profiles import ProfileService
from desktop.services.programme import ProgrammeSettings, current_fiscal_year
from desktop.services.survey import (
    ScoreLine,
    eligibility,
    household_tags,
    priority_score,
    save_survey,
    survey_fiscal_year,
    survey_for,
    survey_issues,
)
from desktop.store.crypto import FAST_KDF

WEIGHTS = {"elderly": 15, "disabled": 15, "bedridden": 20, "low_income": 15,
           "condition_dangerous": 20, "condition_damaged": 10}
CHECKLIST = (
    {"key": "lives_in_tambon", "th": "อาศัยอยู่จริงในตำบล", "en": "Lives here", "required": True},
    {"key": "low_income", "th": "รายได้น้อย", "en": "Low income", "required": True},
    {"key": "vulnerable_member", "th": "มีสมาชิกเปราะบาง", "en": "Vulnerable", "required": False},
)


def settings(weights=WEIGHTS, checklist=CHECKLIST) -> ProgrammeSettings:
    return ProgrammeSettings("baan_por_piang", 2570, 4_000_000, checklist, dict(weights),
                             "defaults")


def member(tags, *, deleted=False, member_id="m") -> RecordView:
    return RecordView("member", member_id, "800101", {"vulnerability": tags}, 0, False,
                      deleted, None)


def test_each_tag_counts_once_per_household_and_each_part_by_its_condition():
    members = [{"vulnerability": ["elderly", "bedridden"]},
               {"vulnerability": ["elderly"]},  # a second elderly member adds nothing
               {"given_name": "ไม่มีข้อมูลสุขภาพ"}]
    survey = {"part_conditions": {"roof": "dangerous", "walls": "dangerous",
                                  "floor": "damaged", "kitchen": "fair", "water": "good"}}
    score = priority_score(settings(), members, survey)
    assert score.total == 15 + 20 + 20 * 2 + 10 * 1
    assert score.lines == (
        ScoreLine("elderly", 15, 1), ScoreLine("bedridden", 20, 1),
        ScoreLine("condition_dangerous", 20, 2, ("roof", "walls")),
        ScoreLine("condition_damaged", 10, 1, ("floor",)))
    assert [line.points for line in score.lines] == [15, 20, 40, 10]


def test_a_weight_the_settings_lack_counts_zero_and_still_shows():
    score = priority_score(settings({"condition_damaged": 7}),
                           [{"vulnerability": ["disaster"]}],
                           {"part_conditions": {"roof": "dangerous", "floor": "damaged"}})
    assert score.total == 7
    assert score.lines == (ScoreLine("disaster", 0, 1),
                           ScoreLine("condition_dangerous", 0, 1, ("roof",)),
                           ScoreLine("condition_damaged", 7, 1, ("floor",)))


def test_nothing_to_score_is_zero_and_deleted_members_do_not_count():
    detail = HouseholdDetail(
        RecordView("household", "h", "800101", {}, 0, False, False, None),
        members=(member(["bedridden"], deleted=True), member(["low_income"], member_id="n")))
    assert household_tags(detail) == ["low_income"]
    assert priority_score(settings(), detail, {}).total == 15
    empty = priority_score(settings(), [], {"part_conditions": {"roof": "good"}, "risks": ["fire"]})
    assert empty.total == 0 and empty.lines == ()


def test_eligibility_waits_for_every_required_answer():
    s = settings()
    assert eligibility(s, None) == (None, ["lives_in_tambon", "low_income"])
    assert eligibility(s, {"lives_in_tambon": False}) == (None, ["low_income"])
    assert eligibility(s, {"lives_in_tambon": True, "low_income": True}) == (True, [])
    assert eligibility(s, {"lives_in_tambon": True, "low_income": False}) == (False, [])
    # an optional item answered no changes nothing
    assert eligibility(s, {"lives_in_tambon": True, "low_income": True,
                           "vulnerable_member": False}) == (True, [])
    assert eligibility(settings(checklist=()), {}) == (True, [])


def test_fiscal_year_of_the_survey_date():
    assert survey_fiscal_year("2025-09-30") == 2568
    assert survey_fiscal_year("2025-10-01") == 2569
    assert survey_fiscal_year(None) == current_fiscal_year()
    assert survey_fiscal_year("not a date") == current_fiscal_year()


def test_a_draft_is_refused_only_what_the_contract_checks():
    assert survey_issues({"surveyor_name": None, "part_conditions": None}) == {}
    future = survey_issues({"survey_date": date.today().replace(year=date.today().year + 1)
                            .isoformat()})
    assert future["survey_date"].code == "date.future"
    assert survey_issues({}, date_bad=True)["survey_date"].code == "date.invalid"
    assert survey_issues({"part_conditions": {"roof": "rotten"}})["part_conditions"].code


@pytest.fixture
def workspace(tmp_path):
    service = ProfileService(tmp_path / "profiles", kdf=FAST_KDF)
    service.create_profile("field", "correct horse battery")
    ws = service.unlock("field", password="correct horse battery")
    yield ws
    ws.close()


def test_a_saved_survey_keeps_its_score_and_the_settings_it_used(workspace):
    household = workspace.save("household", {"moo": 2}, tambon="800101").record
    head = workspace.save("member", {"household_id": household.id, "given_name": "บุญมา"}).record
    workspace.save("consent", {"household_id": household.id, "member_id": head.id,
                               "purposes": ["survey"], "sensitive_consent": True,
                               "consenter_role": "self", "method": "verbal",
                               "witness_name": "ผู้ใหญ่บ้าน", "consent_date": "2026-11-01"})
    workspace.save("member", {"vulnerability": ["bedridden"]}, record_id=head.id)
    today = date.today().isoformat()
    fields = {"survey_date": today, "surveyor_name": "สมหญิง",
              "part_conditions": {"roof": "dangerous"}, "risks": ["leak"]}
    saved = save_survey(workspace, household.id, fields)
    assert saved.fields["priority_score"] == 20 + 20  # the shipped defaults
    assert saved.fields.get("settings_id") is None and saved.fields.get("settings_version") is None

    fy = survey_fiscal_year(today)
    published = workspace.replica.save("programme_settings", None, {
        "programme": "baan_por_piang", "fiscal_year": fy, "subsidy_cap": 4_000_000,
        "score_weights": {"bedridden": 50, "condition_dangerous": 5}}).record
    again = save_survey(workspace, household.id, {**fields, "notes": "ซ่อมหลังคาก่อน"},
                        saved.id)
    assert again.id == saved.id
    assert again.fields["priority_score"] == 55
    assert again.fields["settings_id"] == published.id
    assert again.fields["settings_version"] == published.version
    latest = survey_for(workspace, household.id)
    assert latest is not None and latest.fields["notes"] == "ซ่อมหลังคาก่อน"
    assert latest.fields["risks"] == ["leak"]


def test_the_demo_surveys_store_the_score_the_form_computes(tmp_path):
    from desktop.services.demo import open_demo_workspace
    from desktop.services.survey import settings_for_survey, survey_for

    workspace = open_demo_workspace(tmp_path / "profiles", households=25)
    try:
        checked = 0
        for row in workspace.list_households(limit=25).rows:
            survey = survey_for(workspace, row.household_id)
            if survey is None or survey.fields.get("priority_score") is None:
                continue
            settings = settings_for_survey(workspace, survey.fields.get("survey_date"))
            detail = workspace.get_household(row.household_id)
            score = priority_score(settings, detail, survey.fields)
            assert score.total == survey.fields["priority_score"], row.household_id
            checked += 1
        assert checked >= 10
    finally:
        workspace.close()
