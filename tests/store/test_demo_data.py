"""Demo data: deterministic, valid by the contract in its case state, and varied."""

from __future__ import annotations

import itertools
import re
import time
import uuid
from datetime import date

import pytest

from desktop.store.demo_data import (
    CASE_STATES,
    DEMO_MARK,
    SURVEY_START,
    DemoHousehold,
    demo_households,
    demo_names,
    demo_villages,
)
from sync.records.ids import is_uuid, natural_id
from sync.records.money import line_cost
from sync.records.registry import record_type
from sync.records.thai import national_id_check_digit, parse_phone
from sync.records.validation import validate_fields

TONE_MARKS = re.compile("[\u0e48-\u0e4b]")


def counter_ids():
    """A deterministic id factory, for comparing whole outputs."""
    numbers = itertools.count(1)
    return lambda: str(uuid.UUID(int=next(numbers), version=4))


@pytest.fixture(scope="module")
def households() -> list[DemoHousehold]:
    return list(demo_households(300))


def members(households: list[DemoHousehold]) -> list[dict]:
    return [fields for h in households for _, fields in h.members]


def age_on_survey_start(birth_date: str) -> int:
    born = date.fromisoformat(birth_date)
    before_birthday = (SURVEY_START.month, SURVEY_START.day) < (born.month, born.day)
    return SURVEY_START.year - born.year - before_birthday


def without_ids(h: DemoHousehold) -> list:
    """The records with every id replaced by its first-seen position."""
    seen: dict[str, str] = {}

    def rename(value):
        if isinstance(value, str) and is_uuid(value):
            return seen.setdefault(value, f"id{len(seen)}")
        return value
    return [(rt, rename(rid), {k: rename(v) for k, v in f.items()}) for rt, rid, f in h.records()]


def test_same_seed_same_data() -> None:
    first = list(demo_households(50, seed=4, new_ids=counter_ids()))
    again = list(demo_households(50, seed=4, new_ids=counter_ids()))
    assert first == again
    fresh = list(demo_households(50, seed=4))  # new_id(): other ids, the same content
    assert [without_ids(h) for h in fresh] == [without_ids(h) for h in first]
    other = list(demo_households(50, seed=5, new_ids=counter_ids()))
    assert other != first


def test_every_record_is_valid_in_its_state(households: list[DemoHousehold]) -> None:
    for h in households:
        for rtype, rid, fields in h.records():
            checked = validate_fields(record_type(rtype), fields, state=h.state)
            assert checked.ok, (rtype, fields, checked.errors)
            assert {i.code for i in checked.warnings} <= {"national_id.review_prefix"}
            assert checked.merged == fields, "fields come in their clean form"
            assert is_uuid(rid)
    for vid, fields in demo_villages("800101"):
        assert validate_fields(record_type("village"), fields).ok
        assert vid == natural_id(record_type("village"), "800101", fields)


def test_ids_and_links(households: list[DemoHousehold]) -> None:
    ids = set()
    villages = {vid for vid, _ in demo_villages("800101")}
    for h in households:
        hid, household = h.household
        pid, project = h.project
        assert uuid.UUID(hid).version == 7
        assert pid == natural_id(record_type("repair_project"), "800101", project)
        assert project["programme"] == "baan_por_piang" and project["fiscal_year"] == 2569
        assert household["village_id"] in villages
        assert household["head_member_id"] == h.members[0][0] == h.consent[1]["member_id"]
        assert h.members[0][1]["relation_to_head"] == "head"
        assert all(f["household_id"] == hid for _, _, f in itertools.islice(h.records(), 1, None))
        assert all(f["project_id"] == pid for _, f in h.items)
        ids |= {rid for _, rid, _ in h.records()}
    assert len(ids) == sum(len(list(h.records())) for h in households)


def test_household_details(households: list[DemoHousehold]) -> None:
    for h in households:
        household = h.household[1]
        assert DEMO_MARK in household["notes"] and DEMO_MARK in h.project[1]["notes"]
        assert 1 <= household["moo"] <= 12
        assert re.fullmatch(r"[1-9][0-9]*(/[0-9]+)?", household["house_no"])
        if "phone" in household:
            assert parse_phone(household["phone"])[0] == household["phone"]
        if "gps_lat" in household:
            assert abs(household["gps_lat"] - 8.43) < 0.03
            assert abs(household["gps_lon"] - 99.96) < 0.03
        assert 1 <= len(h.members) <= 7 and 1 <= len(h.items) <= 5
    assert any("soi" in h.household[1] for h in households)
    assert any("road" in h.household[1] for h in households)
    assert any("/" in h.household[1]["house_no"] for h in households)


def test_people_are_consistent(households: list[DemoHousehold]) -> None:
    for person in members(households):
        tags = set(person.get("vulnerability", ()))
        if len(person["birth_date"]) == 10:
            age = age_on_survey_start(person["birth_date"])
            assert ("elderly" in tags) == (age >= 60), person
            child = age < 15
            assert person["title"] in (("dekchai", "dekying") if child else ("nai", "nang",
                                                                              "nangsao"))
        assert person["title"] in {"1": ("nai", "dekchai"), "2": ("nang", "nangsao",
                                                                  "dekying")}[person["sex"]]
        assert ("disabled" in tags) == bool(person.get("disability_types"))
        assert ("bedridden" in tags) == (person.get("dependency") == "bedbound")
        if "national_id" in person:
            nid = person["national_id"]
            assert national_id_check_digit(nid[:12]) == int(nid[12])
        else:
            assert person["national_id_missing_reason"]
        if "monthly_income" in person:
            assert isinstance(person["monthly_income"], int)


def test_consent_covers_sensitive_data(households: list[DemoHousehold]) -> None:
    for h in households:
        consent = h.consent[1]
        disability = any(f.get("disability_types") for _, f in h.members)
        assert consent["sensitive_consent"] or not disability
        assert {"survey", "repair"} <= set(consent["purposes"])
        assert consent["consent_date"] == h.survey[1]["survey_date"]


def test_survey_and_costs(households: list[DemoHousehold]) -> None:
    checklist = {"lives_in_tambon", "low_income", "house_unsafe", "right_to_stay",
                 "vulnerable_member", "no_other_support"}
    for h in households:
        survey = h.survey[1]
        assert set(survey["eligibility_answers"]) == checklist
        assert {"damaged", "dangerous"} & set(survey["part_conditions"].values())
        assert survey["priority_score"] >= 0
        for _, item in h.items:
            assert item["material_cost"] == line_cost(item["quantity"], item["unit_price"])
            assert re.search("[\u0e01-\u0e2e]", item["description"])
        project = h.project[1]
        if "approved_amount" in project:
            assert project["approved_amount"] <= project["subsidy_cap"]


def test_spread(households: list[DemoHousehold]) -> None:
    assert {h.state for h in households} == set(CASE_STATES)
    people = members(households)
    tags = [set(p.get("vulnerability", ())) for p in people]
    assert sum("elderly" in t for t in tags) > 100
    assert sum("disabled" in t for t in tags) > 20
    assert sum("bedridden" in t for t in tags) > 3
    ids = [p["national_id"] for p in people if "national_id" in p]
    assert {i[0] for i in ids} >= set("013679")
    assert sum(i[0] in "13" for i in ids) > 0.8 * len(ids)
    reasons = {p.get("national_id_missing_reason") for p in people} - {None}
    assert len(reasons) >= 3
    assert any(len(p["birth_date"]) == 4 for p in people)
    assert any(len(p["birth_date"]) == 10 for p in people)
    assert any(TONE_MARKS.search(p["given_name"] + p["family_name"]) for p in people)
    relations = {p["relation_to_head"] for p in people}
    assert {"head", "spouse", "child", "grandchild"} <= relations
    assert {len(h.members) for h in households} == set(range(1, 8))
    assert any(a < 15 for a in (age_on_survey_start(p["birth_date"]) for p in people
                                if len(p["birth_date"]) == 10))


def test_name_lists() -> None:
    names = demo_names()
    assert len(names["male"]) + len(names["female"]) >= 150 and len(names["family"]) >= 150
    everything = " ".join(names["male"] + names["female"] + names["family"])
    for feature in ("น้ำผึ้ง", "ผึ้ง", "เกี๋ยว", "ใจดี", "แก้วมณี", "ฤ", "ำ", "ั", "์",
                    "่", "้", "๊", "๋", "เ", "แ", "โ", "ใ", "ไ"):
        assert feature in everything, feature
    for group in names.values():
        assert len(set(group)) == len(group)


def test_speed_printed() -> None:
    start = time.perf_counter()
    count = sum(1 for _ in demo_households(10_000, seed=2))
    print(f"\n{count} demo households in {time.perf_counter() - start:.2f} s")
