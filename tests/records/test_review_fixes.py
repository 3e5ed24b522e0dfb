"""Regressions from the contract review: coded issues instead of exceptions, ASCII
digits, set changes as differences, signable values, programme slugs, the schema."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal

import jsonschema
import pytest

from sync.records import types_people
from sync.records.canonical import canonical_bytes, parse_canonical
from sync.records.errors import ContractError
from sync.records.fields import Field, Kind
from sync.records.hlc import Hlc
from sync.records.ids import natural_id, new_id
from sync.records.ops import Op, SignedOp
from sync.records.record import check_envelope, tombstone_fields
from sync.records.registry import RECORD_TYPES, record_type
from sync.records.schema import contract_schema
from sync.records.validation import apply_change, validate_change, validate_fields
from sync.records.values import SAFE_INT, coerce, has_errors
from tests.records.samples import TAMBON, sample_record

HOUSEHOLD_ID = "0190a000-0000-7000-8000-000000000001"
MEMBER, HOUSEHOLD = record_type("member"), record_type("household")
PROJECT, SETTINGS = record_type("repair_project"), record_type("programme_settings")


def codes(issues):
    return [(i.code, i.field) for i in issues if i.severity == "error"]


# ---------------------------------------------------- 1. coded issues, never raise

@pytest.mark.parametrize("typed", ["--5", "²", "-", "5-", "+5", "4.0", "9" * 5000])
def test_int_text_int_cannot_read_is_a_type_error(typed):
    assert codes(coerce(HOUSEHOLD.field("moo"), typed)[1]) == [("field.type", "moo")]


def test_int_text_in_thai_digits_still_reads():
    assert coerce(HOUSEHOLD.field("moo"), " ๔ ") == (4, [])


@pytest.mark.parametrize("change", [{"add": None}, {"add": "elderly"}, {"remove": 5},
                                    {"add": {"elderly": 1}}])
def test_set_change_whose_parts_are_not_lists_is_a_type_error(change):
    checked = validate_change(MEMBER, {"household_id": HOUSEHOLD_ID}, {"vulnerability": change})
    assert [i.code for i in checked.errors] == ["field.type"]
    assert checked.errors[0].field.startswith("vulnerability")


def test_set_change_with_a_missing_key_means_an_empty_list():
    current = {"household_id": HOUSEHOLD_ID, "vulnerability": ["elderly"]}
    checked = validate_change(MEMBER, current, {"vulnerability": {"add": ["bedridden"]}})
    assert checked.ok and checked.fields["vulnerability"] == {"add": ["bedridden"], "remove": []}


def command_op(**command) -> dict:
    device = new_id()
    return {
        "op_id": new_id(), "device_id": device, "device_seq": 1, "type": "repair_project",
        "id": new_id(), "tambon": TAMBON, "kind": "command", "base": None, "fields": {},
        "hlc": f"{1732867200000:016d}:00000:{device}", "author": "user-7", "resolves": [],
        "command": {"name": "approve", "versions": {}, "comment": None, "args": {}, **command},
    }


def test_a_well_formed_command_op_is_accepted():
    assert Op.from_json(command_op(comment="ตรวจแล้ว", args={"tambon": "800102"})).command


@pytest.mark.parametrize("command", [
    {"comment": 5}, {"comment": ["ok"]}, {"args": []}, {"args": "x"}, {"args": None},
    {"versions": []}, {"versions": 0}, {"versions": None}, {"versions": {"x": 1}},
])
def test_command_parts_of_the_wrong_type_are_malformed(command):
    with pytest.raises(ContractError) as caught:
        Op.from_json(command_op(**command))
    assert (caught.value.issue.code, caught.value.issue.field) == ("op.malformed", "command")


def test_a_command_op_carries_no_fields():
    data = {**command_op(), "fields": {"notes": "แอบแก้"}}
    with pytest.raises(ContractError) as caught:
        Op.from_json(data)
    assert (caught.value.issue.code, caught.value.issue.field) == ("op.malformed", "fields")


@pytest.mark.parametrize("text", ["\ud800", '{"a":"\udc80"}'])
def test_a_lone_surrogate_in_op_text_is_malformed(text):
    for attempt in (lambda: SignedOp(text, "AAAA").parse(),
                    lambda: SignedOp(text, "AAAA").verify("A" * 43 + "="),
                    lambda: parse_canonical(text)):
        with pytest.raises(ContractError) as caught:
            attempt()
        assert caught.value.issue.code == "op.malformed"


def test_deeply_nested_op_text_is_malformed():
    with pytest.raises(ContractError) as caught:
        parse_canonical("[" * 100_000 + "]" * 100_000)
    assert caught.value.issue.code == "op.malformed"


@pytest.mark.parametrize("key, value", [("type", ["member"]), ("kind", ["upsert"]),
                                        ("hlc", 5), ("tambon", ["800101"])])
def test_unhashable_or_wrong_envelope_values_are_contract_errors(key, value):
    with pytest.raises(ContractError):
        Op.from_json({**command_op(), key: value})


# ----------------------------------------------- 2. "future" is judged in Thailand

@pytest.fixture
def clock(monkeypatch):
    def set_clock(iso: str) -> None:
        instant = datetime.fromisoformat(iso).replace(tzinfo=timezone.utc)
        monkeypatch.setattr(types_people, "utc_now", lambda: instant)
    return set_clock


def birth(value: str) -> list:
    return codes(validate_fields(MEMBER, {"household_id": HOUSEHOLD_ID,
                                          "birth_date": value}).issues)


def test_today_is_bangkoks_today_plus_a_day_of_grace(clock):
    clock("2024-03-11T18:30:00")  # already 12 March, 01:30 in Bangkok
    assert birth("2024-03-13") == []  # tomorrow in Bangkok: a clock slightly ahead
    assert birth("2024-03-14") == [("date.future", "birth_date")]
    assert birth("2024") == [] and birth("2025") == [("date.future", "birth_date")]


def test_the_day_turns_at_midnight_in_bangkok(clock):
    clock("2024-03-12T16:59:59")  # 23:59:59 on 12 March in Bangkok
    assert birth("2024-03-14") == [("date.future", "birth_date")]
    clock("2024-03-12T17:00:00")  # midnight: 13 March in Bangkok
    assert birth("2024-03-14") == []
    survey = record_type("survey")
    checked = validate_fields(survey, {"household_id": HOUSEHOLD_ID, "survey_date": "2024-03-15"})
    assert codes(checked.issues) == [("date.future", "survey_date")]


# ---------------------------------------------------------------- 3. ASCII digits

@pytest.mark.parametrize("tambon", ["๘๐๐๑๐๑", "800101\n", "٨٠٠١٠١", "80010", " 800101"])
def test_a_tambon_is_six_ascii_digits(tambon):
    with pytest.raises(ContractError) as caught:
        check_envelope("household", new_id(), tambon)
    assert caught.value.issue.code == "tambon.invalid"
    with pytest.raises(ContractError) as caught:
        natural_id(record_type("village"), tambon, {"moo": 4})
    assert caught.value.issue.code == "tambon.invalid"


def test_natural_ids_use_the_clean_form_of_every_key_field():
    village = record_type("village")
    assert natural_id(village, TAMBON, {"moo": "๔"}) == natural_id(village, TAMBON, {"moo": 4})


@pytest.mark.parametrize("typed, clean", [("๑๙๘๐", "1980"), ("1980\n", "1980"),
                                          ("๑๙๕๐-๐๒-๒๘", "1950-02-28")])
def test_partial_dates_are_stored_in_ascii_digits(typed, clean):
    assert coerce(MEMBER.field("birth_date"), typed) == (clean, [])


@pytest.mark.parametrize("typed", ["١٩٨٠", "١٩٥٠-٠٢-٢٨", "1980-01-01\n-"])
def test_other_scripts_digits_are_not_dates(typed):
    assert codes(coerce(MEMBER.field("birth_date"), typed)[1]) == [("date.invalid", "birth_date")]


@pytest.mark.parametrize("text", [
    "+000000000000001:00000:dev", " 000000000000001:00000:dev", "๐๐๐๐๐๐๐๐๐๐๐๐๐๐๐๑:00000:dev",
    "0000000000000001:00000:dev\n", "0000000000000001:00000:a:b", "0000000000000001:00000:",
    "0000000000000001:0000:dev", "0000000000000001:00000:a b",
])
def test_hlc_text_has_exactly_one_form(text):
    with pytest.raises(ContractError) as caught:
        Hlc.parse(text)
    assert caught.value.issue.field == "hlc"


def test_hlc_text_round_trips():
    text = f"{1732867200000:016d}:00042:{HOUSEHOLD_ID}"
    assert str(Hlc.parse(text)) == text


# -------------------------------------------------- 4. a set change is a difference

def test_an_element_both_added_and_removed_is_refused():
    checked = validate_change(MEMBER, {"household_id": HOUSEHOLD_ID},
                              {"vulnerability": {"add": ["elderly"], "remove": ["elderly"]}})
    assert codes(checked.errors) == [("field.type", "vulnerability")]


def test_a_whole_list_for_an_existing_row_becomes_the_difference():
    current = {"household_id": HOUSEHOLD_ID, "vulnerability": ["elderly", "low_income"]}
    checked = validate_change(MEMBER, current, {"vulnerability": ["elderly", "bedridden"]})
    assert checked.ok
    assert checked.fields["vulnerability"] == {"add": ["bedridden"], "remove": ["low_income"]}
    assert checked.merged["vulnerability"] == ["bedridden", "elderly"]
    assert apply_change(MEMBER, current, checked.fields) == checked.merged
    cleared = validate_change(MEMBER, current, {"vulnerability": []})
    assert cleared.fields["vulnerability"] == {"add": [], "remove": ["elderly", "low_income"]}
    assert "vulnerability" not in cleared.merged


def test_a_whole_list_for_a_new_row_becomes_additions():
    checked = validate_change(MEMBER, None, {"household_id": HOUSEHOLD_ID,
                                             "welfare": ["old_age"]})
    assert checked.ok and checked.fields["welfare"] == {"add": ["old_age"],
                                                        "remove": []}
    assert checked.merged["welfare"] == ["old_age"]


def test_a_whole_record_keeps_its_set_fields_as_lists():
    checked = validate_fields(MEMBER, {"household_id": HOUSEHOLD_ID,
                                       "vulnerability": ["low_income", "elderly"]})
    assert checked.ok and checked.fields["vulnerability"] == ["elderly", "low_income"]
    bad = validate_fields(MEMBER, {"household_id": HOUSEHOLD_ID,
                                   "vulnerability": {"add": ["elderly"]}})
    assert codes(bad.errors) == [("field.type", "vulnerability")]


# ------------------------------------------ 5. what validation passes can be signed

def test_int_and_money_stay_within_the_exact_json_integers():
    version = record_type("survey").field("settings_version")  # minimum 0, no maximum
    assert coerce(version, SAFE_INT) == (SAFE_INT, [])
    issues = coerce(version, SAFE_INT + 1)[1]
    assert codes(issues) == [("field.out_of_range", "settings_version")]
    assert (issues[0].params["min"], issues[0].params["max"]) == (0, SAFE_INT)
    assert codes(coerce(version, str(-(SAFE_INT + 1)))[1]) == [
        ("field.out_of_range", "settings_version")]
    cap = PROJECT.field("subsidy_cap")
    issues = coerce(cap, 2**53)[1]
    assert codes(issues) == [("field.out_of_range", "subsidy_cap")]
    assert (issues[0].params["min"], issues[0].params["max"]) == (0, SAFE_INT)
    assert codes(coerce(HOUSEHOLD.field("gps_lat"), 10**400)[1]) == [
        ("field.out_of_range", "gps_lat")]


QUANTITY = Field("q", Kind.DECIMAL, "จำนวน", "Quantity")


@pytest.mark.parametrize("typed, clean", [
    ("2.5", "2.5"), ("2.50000", "2.5"), ("123456789012", "123456789012"),
    ("0.0001", "0.0001"), ("1e3", "1000"), ("-0", "0"), ("0E+99", "0"), (Decimal("12.30"), "12.3"),
])
def test_decimals_within_twelve_digits_and_four_places(typed, clean):
    assert coerce(QUANTITY, typed) == (clean, [])


@pytest.mark.parametrize("typed", ["1234567890123", "0.00001", "2.12345", "1e30",
                                   "1e999999999", "1E-999999999"])
def test_decimals_beyond_twelve_digits_or_four_places_are_refused(typed):
    assert codes(coerce(QUANTITY, typed)[1]) == [("field.bad_decimal", "q")]


@pytest.mark.parametrize("typed", ["a\x00b", "\x1b[31m", "a\x07", "a\x7fb", "a\x9bb",
                                   "a\ud800b", "\x00"])
def test_text_refuses_control_characters_and_lone_surrogates(typed):
    assert codes(coerce(MEMBER.field("occupation"), typed)[1]) == [("field.type", "occupation")]


def test_text_keeps_line_feeds_and_turns_tabs_into_spaces():
    notes = HOUSEHOLD.field("notes")
    assert coerce(notes, "บ้าน\tไม้\r\nสองชั้น") == ("บ้าน ไม้\nสองชั้น", [])


def test_unsignable_unknown_fields_and_map_keys_are_refused():
    checked = validate_fields(MEMBER, {"household_id": HOUSEHOLD_ID, "shoe": 2**60})
    assert codes(checked.errors) == [("field.type", "shoe")]
    answers = record_type("survey").field("eligibility_answers")
    assert codes(coerce(answers, {"a\x00": True})[1]) == [("field.type", "eligibility_answers")]
    proposals = record_type("conflict").field("proposals")
    assert codes(coerce(proposals, [float("nan")])[1]) == [("field.type", "proposals")]


NASTY = [True, 1.5, float("nan"), float("inf"), 10**400, -(10**400), 2**53, "", "--5", "²",
         "๔", "1980\n", "\x00", "\ud800", "a\tb", [], [None], [[]], {}, {"a": []}, {1: 2, "a": 3},
         {"add": None}, {"add": ["x"], "remove": "y"}, "1e999999999", "9" * 5000,
         "0001-01-01T00:00:00+01:00", "๒๐๒๔-๐๓-๑๒", [{"amount": 2**60}], [{"note": "\x00"}]]


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_validation_never_raises_and_what_passes_is_signable(name):
    rtype = RECORD_TYPES[name]
    for f in rtype.fields():
        for value in NASTY:
            clean, issues = coerce(f, value)
            if not has_errors(issues):
                canonical_bytes(clean)
            validate_fields(rtype, {f.name: value}, state="submitted")
            checked = validate_change(rtype, None, {f.name: value}, writer="server")
            if checked.ok:
                canonical_bytes(checked.fields)


# ------------------------------------------------------- 6. programme as a slug

@pytest.mark.parametrize("typed", ["Baan_Por_Piang", "baan por piang", "บ้านพอเพียง",
                                   "baan-por-piang", "a" * 41])
def test_programme_is_a_lower_case_slug(typed):
    for rtype in (PROJECT, SETTINGS):
        issues = coerce(rtype.field("programme"), typed)[1]
        assert [i.code for i in issues] in (["field.type"], ["field.too_long"])
    with pytest.raises(ContractError):
        natural_id(PROJECT, TAMBON, {"household_id": HOUSEHOLD_ID, "programme": typed,
                                     "fiscal_year": 2568})


def test_a_slug_programme_is_accepted():
    assert coerce(PROJECT.field("programme"), " baan_por_piang ") == ("baan_por_piang", [])


# ------------------------------------------------------------------- 7. the schema

@pytest.fixture(scope="module")
def schema():
    document = contract_schema()
    jsonschema.Draft202012Validator.check_schema(document)
    return document


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_tombstones_are_valid_by_the_schema(name, schema):
    live = sample_record(RECORD_TYPES[name])
    tombstone = replace(live, deleted=True, fields=tombstone_fields(name, live.fields))
    validator = jsonschema.Draft202012Validator(schema["$defs"][name])
    validator.validate(json.loads(json.dumps(tombstone.to_json())))
    always = schema["$defs"][name]["x-required"]
    if always:  # a live row still needs its keys and links
        bare = {**live.to_json(), "fields": {}}
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bare)


def test_op_fields_carry_set_changes_as_add_and_remove(schema):
    op_fields = jsonschema.Draft202012Validator(schema["$defs"]["member"]["x-op-fields"])
    current = {"household_id": HOUSEHOLD_ID, "vulnerability": ["elderly"]}
    checked = validate_change(MEMBER, current, {"vulnerability": ["bedridden"],
                                                "given_name": "สมใจ", "occupation": None})
    op_fields.validate(checked.fields)
    with pytest.raises(jsonschema.ValidationError):
        op_fields.validate({"vulnerability": ["bedridden"]})
    with pytest.raises(jsonschema.ValidationError):
        op_fields.validate({"vulnerability": {"add": ["rich"]}})


def test_schema_patterns_use_ascii_digits(schema):
    text = json.dumps(schema)
    assert "\\\\d" not in text
    project = jsonschema.Draft202012Validator(schema["$defs"]["repair_project"])
    record = sample_record(PROJECT).to_json()
    project.validate(record)
    for key, value in (("tambon", "๘๐๐๑๐๑"), ("hlc", "1:0:x")):
        with pytest.raises(jsonschema.ValidationError):
            project.validate({**record, key: value})
    for field, value in (("programme", "Baan_Por_Piang"), ("notes", "a\x00b")):
        with pytest.raises(jsonschema.ValidationError):
            project.validate({**record, "fields": {**record["fields"], field: value}})
    item = jsonschema.Draft202012Validator(schema["$defs"]["repair_item"])
    record = sample_record(record_type("repair_item")).to_json()
    with pytest.raises(jsonschema.ValidationError):
        item.validate({**record, "fields": {**record["fields"], "quantity": "2.12345"}})


def test_natural_id_of_a_bad_or_missing_key_field_is_a_contract_error():
    village = record_type("village")
    for fields, code in (({"moo": 120}, "field.out_of_range"), ({}, "field.required")):
        with pytest.raises(ContractError) as caught:
            natural_id(village, TAMBON, fields)
        assert (caught.value.issue.code, caught.value.issue.field) == (code, "moo")
