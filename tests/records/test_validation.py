"""Validation of records and changes: values, completeness per state, cross-field rules."""

from __future__ import annotations

import pytest

from sync.records.errors import Severity
from sync.records.money import format_baht, line_cost, parse_baht
from sync.records.registry import record_type
from sync.records.validation import apply_change, validate_change, validate_fields

HOUSEHOLD_ID = "0190a000-0000-7000-8000-000000000001"
MEMBER = record_type("member")
HOUSEHOLD = record_type("household")
ITEM = record_type("repair_item")


def codes(checked):
    return [(i.code, i.field) for i in checked.errors]


def test_a_draft_may_be_incomplete_but_a_submitted_record_may_not():
    fields = {"household_id": HOUSEHOLD_ID, "given_name": "สมใจ"}
    assert validate_fields(MEMBER, fields, state="draft").ok
    assert validate_fields(MEMBER, fields, state="returned").ok
    missing = {f for _, f in codes(validate_fields(MEMBER, fields, state="submitted"))}
    assert missing == {"family_name", "sex", "birth_date", "relation_to_head", "national_id"}


def test_parent_link_is_required_even_in_a_draft():
    assert codes(validate_fields(MEMBER, {"given_name": "สมใจ"}, state="draft")) == [
        ("field.required", "household_id")]


def complete_member(**changes):
    fields = {"household_id": HOUSEHOLD_ID, "given_name": "สมใจ", "family_name": "ใจดี",
              "sex": "2", "birth_date": "1950", "relation_to_head": "head"}
    fields.update(changes)
    return fields


def test_national_id_or_a_reason_it_is_missing():
    assert codes(validate_fields(MEMBER, complete_member(), state="submitted")) == [
        ("national_id.missing_reason", "national_id")]
    with_reason = complete_member(national_id_missing_reason="no_status")
    assert validate_fields(MEMBER, with_reason, state="submitted").ok
    with_id = complete_member(national_id="๑-๑๑๒๐-๓๔๕๖๓-๕๖-๒")
    checked = validate_fields(MEMBER, with_id, state="submitted")
    assert checked.ok and checked.fields["national_id"] == "1112034563562"


def test_bad_national_id_names_the_field():
    checked = validate_fields(MEMBER, complete_member(national_id="1112034563561"))
    assert codes(checked) == [("national_id.checksum", "national_id")]


def test_review_prefix_is_a_warning_not_a_refusal():
    valid_0 = "0" + "00000000000"
    from sync.records.thai import national_id_check_digit
    nid = valid_0 + str(national_id_check_digit(valid_0))
    checked = validate_fields(MEMBER, complete_member(national_id=nid), state="submitted")
    assert checked.ok
    assert [i.code for i in checked.warnings] == ["national_id.review_prefix"]
    assert checked.warnings[0].severity == Severity.WARNING


def test_birth_year_alone_is_accepted_and_future_dates_are_not():
    assert validate_fields(MEMBER, complete_member(birth_date="1950")).ok
    assert validate_fields(MEMBER, complete_member(birth_date="1950-02-28")).ok
    assert codes(validate_fields(MEMBER, complete_member(birth_date="1950-02-30"))) == [
        ("date.invalid", "birth_date")]
    assert codes(validate_fields(MEMBER, complete_member(birth_date="2199"))) == [
        ("date.future", "birth_date")]


def test_thai_text_is_normalised_before_it_is_stored():
    typed = "น\u0e49\u0e4d\u0e32ผึ\u0e49ง"  # nikhahit + sara aa typed for sara am
    checked = validate_fields(MEMBER, complete_member(given_name=typed))
    assert checked.fields["given_name"] == "น้ำผึ้ง"


def test_thai_digits_moo_and_gps_in_thailand():
    checked = validate_fields(HOUSEHOLD, {"moo": "๔", "gps_lat": 13.75, "gps_lon": 100.5})
    assert checked.ok and checked.fields["moo"] == 4
    assert codes(validate_fields(HOUSEHOLD, {"moo": 120})) == [("field.out_of_range", "moo")]
    assert codes(validate_fields(HOUSEHOLD, {"gps_lat": 35.0, "gps_lon": 100.5})) == [
        ("gps.latitude", "gps_lat")]
    assert [i.code for i in validate_fields(HOUSEHOLD, {"gps_lat": 13.75}).errors] == [
        "gps.pair"]


def test_wrong_kinds_are_refused_with_the_field_named():
    checked = validate_fields(MEMBER, complete_member(sex="3", monthly_income=12.5))
    assert set(codes(checked)) == {("field.not_in_enum", "sex"), ("field.type", "monthly_income")}
    assert codes(validate_fields(MEMBER, complete_member(given_name="ก" * 101))) == [
        ("field.too_long", "given_name")]


def test_unknown_fields_are_kept_raw_not_dropped():
    checked = validate_fields(MEMBER, complete_member(shoe_size=42))
    assert checked.ok and checked.extra == {"shoe_size": 42}
    assert "shoe_size" not in checked.fields


def test_quantity_times_unit_price_is_the_material_cost():
    base = {"household_id": HOUSEHOLD_ID, "project_id": HOUSEHOLD_ID, "category": "roof",
            "description": "เปลี่ยนสังกะสี"}
    good = {**base, "quantity": "12", "unit_price": 18_500, "material_cost": 222_000}
    assert validate_fields(ITEM, good, state="submitted").ok
    bad = {**good, "material_cost": 220_000}
    checked = validate_fields(ITEM, bad)
    assert codes(checked) == [("cost.mismatch", "material_cost")]
    assert "2,220.00" in checked.errors[0].message("en")
    halves = {**base, "quantity": "2.5", "unit_price": 10_050, "material_cost": 25_125}
    assert validate_fields(ITEM, halves).ok
    assert codes(validate_fields(ITEM, {**base, "quantity": 2.5})) == [("field.type", "quantity")]


def test_money_helpers_keep_exact_satang():
    assert parse_baht("1,250.50") == 125_050
    assert parse_baht("๑๒๕๐") == 125_000
    assert parse_baht("0.105") == 11  # half up to the satang
    assert format_baht(125_050) == "1,250.50"
    assert format_baht(125_050, thai_digits=True) == "๑,๒๕๐.๕๐"
    assert line_cost("0.1", 30) + line_cost("0.2", 30) == 9
    with pytest.raises(TypeError):
        parse_baht(0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        parse_baht("สิบบาท")


def test_over_cap_is_a_warning():
    project = record_type("repair_project")
    fields = {"household_id": HOUSEHOLD_ID, "programme": "baan_por_piang",
              "fiscal_year": 2568, "subsidy_cap": 2_000_000, "approved_amount": 2_500_000}
    checked = validate_fields(project, fields)
    assert checked.ok and [i.code for i in checked.warnings] == ["budget.over_cap"]
    assert codes(validate_fields(project, {**fields, "fiscal_year": 2024})) != []


def test_consent_dates_and_guardian():
    consent = record_type("consent")
    base = {"household_id": HOUSEHOLD_ID, "member_id": HOUSEHOLD_ID}
    assert codes(validate_fields(consent, {**base, "consent_date": "2024-05-01",
                                           "withdrawn_date": "2024-04-01"})) == [
        ("consent.withdrawn_before_given", "withdrawn_date")]
    assert codes(validate_fields(consent, {**base, "consenter_role": "guardian"})) == [
        ("consent.guardian_required", "consenter_name")]


def test_change_of_a_set_field_carries_additions_and_removals():
    current = {"household_id": HOUSEHOLD_ID, "vulnerability": ["elderly", "low_income"]}
    change = {"vulnerability": {"add": ["bedridden"], "remove": ["low_income"]}}
    checked = validate_change(MEMBER, current, change)
    assert checked.ok
    assert checked.merged["vulnerability"] == ["bedridden", "elderly"]
    bad = validate_change(MEMBER, current, {"vulnerability": {"add": ["rich"]}})
    assert codes(bad) == [("field.not_in_enum", "vulnerability.add")]


def test_immutable_command_only_and_server_only_fields_are_refused():
    current = {"household_id": HOUSEHOLD_ID}
    other = "0190a000-0000-7000-8000-000000000002"
    assert codes(validate_change(MEMBER, current, {"household_id": other})) == [
        ("field.immutable", "household_id")]
    assert validate_change(MEMBER, current, {"household_id": HOUSEHOLD_ID}).ok
    project = record_type("repair_project")
    assert codes(validate_change(project, None, {
        "household_id": HOUSEHOLD_ID, "programme": "p", "fiscal_year": 2568,
        "status": "approved"})) == [("field.command_only", "status")]
    event = record_type("review_event")
    assert ("field.server_only", "comment") in codes(
        validate_change(event, None, {"comment": "ok"}))
    assert validate_change(project, None, {"household_id": HOUSEHOLD_ID, "programme": "p",
                                           "fiscal_year": 2568, "status": "approved"},
                           writer="server").ok


def test_a_change_is_validated_as_the_merged_row():
    current = complete_member(national_id_missing_reason="no_status")
    checked = validate_change(MEMBER, current, {"family_name": None}, state="submitted")
    assert codes(checked) == [("field.required", "family_name")]
    assert validate_change(MEMBER, current, {"family_name": None}, state="draft").ok


def test_apply_change_clears_fields_set_to_none():
    row = apply_change(MEMBER, {"given_name": "สมใจ", "occupation": "ทำนา"},
                       {"occupation": None})
    assert row == {"given_name": "สมใจ"}
