"""The record contract: every type declared, grouped, serialisable and described."""

from __future__ import annotations

import json

import jsonschema
import pytest

from sync.records.enums import ALL_ENUMS
from sync.records.errors import CATALOGUE, message
from sync.records.fields import Kind, Policy
from sync.records.ids import NAMESPACE, natural_id
from sync.records.record import Record
from sync.records.registry import RECORD_TYPES, record_type
from sync.records.schema import contract_schema
from sync.records.validation import validate_fields
from tests.records.samples import TAMBON, sample_fields, sample_record

DOMAIN_TYPES = {
    "household", "member", "consent", "survey", "repair_project", "repair_item",
    "attachment", "review_event", "village", "programme_settings", "tambon_plan", "conflict",
}
TYPES = sorted(RECORD_TYPES)


def test_every_domain_record_type_is_declared():
    assert set(RECORD_TYPES) == DOMAIN_TYPES


@pytest.mark.parametrize("name", TYPES)
def test_every_field_sits_in_exactly_one_group_with_a_policy(name):
    rtype = RECORD_TYPES[name]
    seen: list[str] = []
    for group in rtype.groups:
        assert group.policy in set(Policy)
        assert group.fields, f"{name}.{group.name} is empty"
        assert group.th and group.en
        seen += [f.name for f in group.fields]
    assert len(seen) == len(set(seen))
    for f in rtype.fields():
        assert rtype.group_of(f.name) is not None
        assert f.th and f.en, f.name
        if f.kind in (Kind.ENUM, Kind.ENUM_SET):
            assert f.enum is not None, f.name


@pytest.mark.parametrize("name", TYPES)
def test_set_groups_hold_only_set_fields(name):
    for group in RECORD_TYPES[name].groups:
        if group.policy == Policy.SET:
            assert all(f.kind == Kind.ENUM_SET for f in group.fields), group.name


def test_money_is_never_a_float_kind():
    money_words = ("cost", "price", "amount", "cap", "allocation", "income")
    for rtype in RECORD_TYPES.values():
        for f in rtype.fields():
            if set(f.name.split("_")) & set(money_words):
                assert f.kind == Kind.MONEY, f"{rtype.name}.{f.name} is {f.kind}"


def test_every_enumeration_has_thai_and_english_labels():
    for enum in ALL_ENUMS:
        assert len(set(enum.values)) == len(enum.values), enum.name
        for choice in enum.choices:
            assert choice.th and choice.en
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in choice.th), choice


def test_sex_uses_id_card_coding_and_disability_has_seven_types():
    assert record_type("member").field("sex").enum.values == ("1", "2")
    assert len(record_type("member").field("disability_types").enum.values) == 7


@pytest.mark.parametrize("name", TYPES)
def test_record_round_trips_through_json(name):
    record = sample_record(RECORD_TYPES[name])
    text = json.dumps(record.to_json(), ensure_ascii=False)
    again = Record.from_json(json.loads(text))
    assert again == record
    assert again.fields == record.fields and again.extra == {"future_field": "x"}


@pytest.fixture(scope="module")
def schema():
    document = contract_schema()
    jsonschema.Draft202012Validator.check_schema(document)
    return document


@pytest.mark.parametrize("name", TYPES)
def test_sample_record_is_valid_by_the_schema_and_by_validation(name, schema):
    rtype = RECORD_TYPES[name]
    record = sample_record(rtype)
    validator = jsonschema.Draft202012Validator(schema["$defs"][name])
    validator.validate(json.loads(json.dumps(record.to_json())))
    checked = validate_fields(rtype, record.fields, state="submitted")
    assert checked.ok, checked.errors
    assert checked.fields == record.fields


@pytest.mark.parametrize("name", TYPES)
def test_schema_describes_groups_policies_and_labels(name, schema):
    described = schema["$defs"][name]
    rtype = RECORD_TYPES[name]
    grouped = [f for g in described["x-groups"] for f in g["fields"]]
    assert sorted(grouped) == sorted(f.name for f in rtype.fields())
    assert {g["policy"] for g in described["x-groups"]} <= {"auto", "set", "review"}
    assert described["x-label"]["th"] == rtype.th


def test_schema_refuses_a_wrong_value(schema):
    record = sample_record(record_type("member")).to_json()
    record["fields"]["sex"] = "3"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema["$defs"]["member"]).validate(record)
    record["fields"]["sex"] = "1"
    record["fields"]["monthly_income"] = 12.5  # money as a float
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema["$defs"]["member"]).validate(record)


def test_schema_carries_workflows_enums_and_error_texts(schema):
    case = schema["x-workflows"]["repair_project"]
    assert {t["command"] for t in case["transitions"]} >= {"submit", "approve", "return"}
    assert schema["x-enums"]["vulnerability"][0]["label"]["th"] == "ผู้สูงอายุ (60+)"
    assert schema["x-errors"]["national_id.checksum"]["th"].startswith("เลขประจำตัว")
    assert set(schema["x-errors"]) == set(CATALOGUE)


def test_schema_is_plain_json(schema):
    assert json.loads(json.dumps(schema)) == schema


def test_natural_keys_give_one_id_for_the_same_thing():
    village = record_type("village")
    a = natural_id(village, TAMBON, {"moo": 4, "name": "บ้านนา"})
    b = natural_id(village, TAMBON, {"moo": 4, "name": "บ้านนาใต้"})
    c = natural_id(village, "800102", {"moo": 4})
    assert a == b and a != c
    project = record_type("repair_project")
    fields = {"household_id": "0190a000-0000-7000-8000-000000000001",
              "programme": "baan_por_piang", "fiscal_year": 2568}
    assert natural_id(project, TAMBON, fields) == natural_id(project, TAMBON, dict(fields))
    assert natural_id(project, TAMBON, fields) != natural_id(
        project, TAMBON, {**fields, "fiscal_year": 2569})
    assert NAMESPACE.version == 5


def test_natural_key_types_are_the_ones_sync_names():
    keyed = {n for n, t in RECORD_TYPES.items() if t.natural_key}
    assert keyed == {"village", "repair_project", "programme_settings", "tambon_plan"}
    assert RECORD_TYPES["programme_settings"].area_scoped is False


def test_messages_fill_labels_in_each_language():
    checked = validate_fields(record_type("member"), {"household_id": None}, state="draft")
    issue = checked.errors[0]
    assert issue.code == "field.required" and issue.field == "household_id"
    assert issue.message("th") == "กรุณากรอก ครัวเรือน"
    assert issue.message("en") == "Household is required"
    assert message("no.such.code") == "no.such.code"


def test_sample_fields_cover_every_field():
    for rtype in RECORD_TYPES.values():
        assert set(sample_fields(rtype)) == {f.name for f in rtype.fields()}
