"""``GET /api/v1/records/{type}/{id}/history`` on rows written through real pushes:
every version with its author, device and relay; scoped like pull; no personal value
of a deleted row; pages (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from sync.records.ids import new_id
from sync.server.models import RECORD_TABLES
from tests.server.test_sync_flow import connect, sync

TAMBON = "800102"  # fw_in's tambon; sup_in (district 8001) and the administrator read it


def history(client, world, key: str, type_name: str, record_id: str,
            **params: Any) -> Any:
    return client.get(f"/api/v1/records/{type_name}/{record_id}/history",
                      headers=world[key].headers, params=params)


def rows_of(answer: Any, *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(version[k] for k in keys) for version in answer["versions"]]


def test_every_version_with_its_author_device_and_relay(client, world):
    field, field_link = connect(client, world, "fw_in")
    office, office_link = connect(client, world, "sup_in")
    created = field.save("household", TAMBON, {"house_no": "12/3", "moo": 4})
    assert sync(field, field_link).statuses == {"applied": 1}
    sync(office, office_link)
    phoned = office.save("household", TAMBON, {"phone": "0812345678"}, record_id=created.id)
    assert sync(office, office_link).statuses == {"applied": 1}
    # Made on version 1 while the office's version 2 is on its way: merged.
    noted = field.save("household", TAMBON, {"notes": "หลังคารั่ว"}, record_id=created.id)
    assert sync(field, field_link).statuses == {"merged": 1}
    # The supervisor's desktop relays the field laptop's next op.
    moved = field.save("household", TAMBON, {"moo": 5}, record_id=created.id)
    [signed] = field.pending_ops(limit=10)
    relayed = office_link.push([{**signed.to_json(), "relayed_by": office.device_id}])
    assert relayed["results"][0]["status"] == "applied"

    answer = history(client, world, "sup_in", "household", created.id)
    assert answer.status_code == 200, answer.text
    fw, sup = world["fw_in"], world["sup_in"]
    assert (answer.json()["tambon"], answer.json()["version"], answer.json()["more"]) == (
        TAMBON, 4, False)
    assert rows_of(answer.json(), "version", "changed", "author", "author_name",
                   "device_id", "relayed_by", "op_id", "hlc", "deleted", "withheld") == [
        (1, {"house_no": "12/3", "moo": 4}, fw.id, "ชื่อ fw_in", field.device_id, None,
         created.op_id, created.hlc, False, []),
        (2, {"phone": "0812345678"}, sup.id, "ชื่อ sup_in", office.device_id, None,
         phoned.op_id, phoned.hlc, False, []),
        (3, {"notes": "หลังคารั่ว"}, fw.id, "ชื่อ fw_in", field.device_id, None,
         noted.op_id, noted.hlc, False, []),
        (4, {"moo": 5}, fw.id, "ชื่อ fw_in", field.device_id, office.device_id,
         moved.op_id, moved.hlc, False, []),
    ]
    seqs = [v["seq"] for v in answer.json()["versions"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == 4
    assert all(v["at"].endswith("Z") for v in answer.json()["versions"])
    # The same answer for the field worker of the tambon and the administrator.
    for key in ("fw_in", "admin"):
        assert history(client, world, key, "household", created.id).json() == answer.json()


def test_outside_the_area_answers_as_a_row_that_does_not_exist(client, world):
    field, link = connect(client, world, "fw_in")
    created = field.save("household", TAMBON, {"moo": 1})
    sync(field, link)
    missing = history(client, world, "co_out", "household", new_id())
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "record.not_found")
    for key in ("co_in", "co_out", "sup_out", "fw_out", "fw_far"):  # none holds 800102
        refused = history(client, world, key, "household", created.id)
        assert refused.status_code == 404 and refused.json() == missing.json(), key
    # The type is judged too: a household id asked for as a member is not found either.
    wrong_type = history(client, world, "fw_in", "member", created.id)
    assert wrong_type.status_code == 404 and wrong_type.json() == missing.json()


def test_a_field_worker_gets_no_conflict_history(client, world, database):
    field, field_link = connect(client, world, "fw_in")
    office, office_link = connect(client, world, "sup_in")
    household = field.save("household", TAMBON, {"moo": 1})
    member = field.save("member", TAMBON, {"household_id": household.id,
                                           "given_name": "สมใจ"})
    sync(field, field_link)
    sync(office, office_link)
    field.save("member", TAMBON, {"given_name": "สมใจดี"}, record_id=member.id)
    office.save("member", TAMBON, {"given_name": "สมหญิง"}, record_id=member.id)
    sync(field, field_link)
    assert sync(office, office_link).statuses == {"conflict": 1}
    table = RECORD_TABLES["conflict"]
    with database.reading() as session:
        [conflict_id] = session.execute(select(table.c.id)).scalars().all()

    refused = history(client, world, "fw_in", "conflict", conflict_id)
    missing = history(client, world, "fw_in", "conflict", new_id())
    assert refused.status_code == 404 and refused.json() == missing.json()
    assert refused.json()["error"]["code"] == "record.not_found"
    for key in ("sup_in", "admin"):
        answer = history(client, world, key, "conflict", conflict_id)
        assert answer.status_code == 200, answer.text
        [first] = answer.json()["versions"]
        assert first["changed"]["target_id"] == member.id
        assert "สมหญิง" in json.dumps(first["changed"]["proposals"], ensure_ascii=False)
    # The row itself: version 3 only set the conflict badge (no field changed).
    member_history = history(client, world, "fw_in", "member", member.id).json()
    assert rows_of(member_history, "version", "changed") == [
        (1, {"household_id": household.id, "given_name": "สมใจ"}),
        (2, {"given_name": "สมใจดี"}), (3, {})]


PERSONAL = {"given_name": "สมใจ", "family_name": "ใจงาม", "birth_date": "1956-04-01",
            "occupation": "ทำสวนยาง"}


def test_a_deleted_row_keeps_no_personal_value_in_its_history(client, world):
    field, link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"moo": 1, "house_no": "12/3"})
    member = field.save("member", TAMBON, {"household_id": household.id, **PERSONAL})
    sync(field, link)
    field.save("member", TAMBON, {"given_name": "สมใจดี", "monthly_income": 350000},
               record_id=member.id)
    sync(field, link)
    before = history(client, world, "sup_in", "member", member.id).json()
    assert before["versions"][0]["changed"]["family_name"] == "ใจงาม"  # live: shown
    field.delete("member", member.id)
    assert sync(field, link).statuses == {"applied": 1}

    for key in ("fw_in", "sup_in", "admin"):
        answer = history(client, world, key, "member", member.id).json()
        text = json.dumps(answer, ensure_ascii=False)
        for value in [*PERSONAL.values(), "สมใจดี", "350000"]:
            assert value not in text, (key, value)
        assert answer["deleted"] is True
        assert rows_of(answer, "version", "deleted", "changed", "withheld") == [
            (1, False, {"household_id": household.id},
             ["birth_date", "family_name", "given_name", "occupation"]),
            (2, False, {}, ["given_name", "monthly_income"]),
            (3, True, {}, ["birth_date", "family_name", "given_name", "monthly_income",
                           "occupation"]),
        ]
        # Who changed the row, and when, stays.
        assert {v["author"] for v in answer["versions"]} == {world["fw_in"].id}
    # The household lives on: its history keeps its values.
    household_history = history(client, world, "sup_in", "household", household.id).json()
    assert household_history["versions"][0]["changed"] == {"moo": 1, "house_no": "12/3"}


def test_pages_of_versions(client, world):
    field, link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"moo": 1})
    sync(field, link)
    for moo in range(2, 8):
        field.save("household", TAMBON, {"moo": moo}, record_id=household.id)
        sync(field, link)
    whole = history(client, world, "fw_in", "household", household.id).json()
    assert [v["version"] for v in whole["versions"]] == list(range(1, 8))
    seen, after, pages = [], 0, 0
    while True:
        page = history(client, world, "fw_in", "household", household.id,
                       after_version=after, limit=3).json()
        seen += page["versions"]
        pages += 1
        if not page["more"]:
            break
        after = page["versions"][-1]["version"]
    assert (seen, pages) == (whole["versions"], 3)
    beyond = history(client, world, "fw_in", "household", household.id, after_version=7)
    assert beyond.json()["versions"] == [] and beyond.json()["more"] is False


def test_bad_requests_are_coded(client, world):
    field, link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"moo": 1})
    sync(field, link)
    for params in ({"limit": 0}, {"limit": 1001}, {"limit": "many"}, {"after_version": -1},
                   {"after_version": "1.5"}):
        answer = history(client, world, "fw_in", "household", household.id, **params)
        assert answer.status_code == 422, (params, answer.text)
        assert answer.json()["error"]["code"] == "request.invalid_value"
        assert answer.json()["error"]["field"] == next(iter(params))
    unknown = client.get(f"/api/v1/records/housing/{household.id}/history",
                         headers={**world["fw_in"].headers, "Accept-Language": "en"})
    assert unknown.status_code == 404
    assert unknown.json()["error"] == {"code": "record.unknown_type",
                                       "message": "Unknown record type housing",
                                       "field": "type", "params": {"type": "housing"}}
    for odd in ("not-an-id", household.id.upper(), "0" * 36):
        answer = history(client, world, "admin", "household", odd)
        assert (answer.status_code, answer.json()["error"]["code"]) == (404,
                                                                        "record.not_found")
    anonymous = client.get(f"/api/v1/records/household/{household.id}/history")
    assert (anonymous.status_code, anonymous.json()["error"]["code"]) == (401,
                                                                          "auth.required")
