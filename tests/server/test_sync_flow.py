"""Push and pull end to end: replicas, the real transport, the app (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from requests import PreparedRequest, Response

from sync.client.engine import SyncEngine, SyncError
from sync.client.memory import MemoryReplica
from sync.client.transport import Transport
from tests.server.asgi_adapter import AppAdapter
from tests.server.world import PASSWORD, username_of

TAMBON = "800102"  # fw_in's tambon; sup_in (district 8001) sees it too


def connect(client, world, key: str) -> tuple[MemoryReplica, Transport]:
    """A fresh replica of ``key``'s user, logged in with its own device keys."""
    person = world[key]
    replica = MemoryReplica(author=person.id)
    transport = Transport("http://testserver", adapter=AppAdapter(client), retries=0)
    transport.login({"username": username_of(key), "password": PASSWORD,
                     "device_id": replica.device_id, "device_name": "test laptop",
                     "public_keys": {"ed25519": replica.key.public_key(),
                                     "x25519": replica.key.public_key()}})
    return replica, transport


def sync(replica, transport):
    return SyncEngine(replica, transport).run()


def test_a_household_reaches_the_coordinator(client, world):
    field, field_link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"house_no": "12/3", "moo": 4})
    field.save("member", TAMBON, {"household_id": household.id, "given_name": "น้ำผึ้ง"})
    report = sync(field, field_link)
    assert report.statuses == {"applied": 2} and field.pending_ops(limit=10) == []
    assert field.view("household", household.id).version == 1
    coordinator, coordinator_link = connect(client, world, "sup_in")
    report = sync(coordinator, coordinator_link)
    assert report.pulled == 2
    assert coordinator.view("household", household.id).fields == {"house_no": "12/3", "moo": 4}
    again = sync(coordinator, coordinator_link)
    assert again.pulled == 0


def test_a_repeated_push_is_a_duplicate(client, world):
    field, link = connect(client, world, "fw_in")
    field.save("household", TAMBON, {"moo": 1})
    signed = field.pending_ops(limit=1)
    first = link.push([s.to_json() for s in signed])["results"][0]
    second = link.push([s.to_json() for s in signed])["results"][0]
    assert first["status"] == second["status"] == "applied"
    assert (first["duplicate"], second["duplicate"]) == (False, True)
    assert first["ack_sig"] == second["ack_sig"]


def login_key(link: Transport, world, key: str, replica: MemoryReplica) -> str:
    """The server's public key, as login hands it out."""
    return link.login({"username": username_of(key), "password": PASSWORD,
                       "device_id": replica.device_id, "device_name": "test laptop",
                       "public_keys": {"ed25519": replica.key.public_key(),
                                       "x25519": replica.key.public_key()}})["server_key"]


def test_every_final_result_carries_a_signature_the_client_checks(client, world):
    field, link = connect(client, world, "fw_in")
    key = login_key(link, world, "fw_in", field)
    household = field.save("household", TAMBON, {"moo": 1})
    signed = field.pending_ops(limit=1)
    report = SyncEngine(field, link, server_key=key).run()
    assert report.statuses == {"applied": 1}
    # A later edit moves the row on; the repeat of the first op still carries the
    # version its ack signed (1), not the row's current version.
    field.save("household", TAMBON, {"notes": "หลังคารั่ว"}, record_id=household.id)
    assert SyncEngine(field, link, server_key=key).run().statuses == {"applied": 1}
    repeat = link.push([s.to_json() for s in signed])["results"][0]
    assert (repeat["duplicate"], repeat["version"], repeat["record"]["version"]) == (True, 1, 2)
    engine = SyncEngine(field, link, server_key=key)
    engine._check_ack(engine._push_batch(signed)[0])  # raises if it did not verify


class Tampering(AppAdapter):
    """Hands requests to the app and changes every push answer's statuses."""

    def send(self, request: PreparedRequest, **kwargs) -> Response:
        response = super().send(request, **kwargs)
        if (request.url or "").endswith("/sync/push") and response.status_code == 200:
            body = json.loads(response.content)
            for result in body["results"]:
                result["status"] = "rejected"
                result["error"] = {"code": "value.required", "field": "moo", "params": {}}
            response._content = json.dumps(body).encode()
        return response


def test_an_answer_not_signed_by_the_server_is_not_applied(client, world):
    field, honest = connect(client, world, "fw_in")
    key = login_key(honest, world, "fw_in", field)
    field.save("household", TAMBON, {"moo": 1})
    forged = Transport("http://testserver", token=honest.token, adapter=Tampering(client),
                       retries=0)
    with pytest.raises(SyncError) as raised:
        SyncEngine(field, forged, server_key=key).run()
    assert raised.value.code == "sync.bad_ack"
    assert len(field.pending_ops(limit=10)) == 1  # still waiting, not turned into a draft
    assert field.drafts == {} and field.acknowledged == {}
    # A key that is not the server's refuses even honest answers.
    other = MemoryReplica(author="x").key.public_key()
    with pytest.raises(SyncError):
        SyncEngine(field, honest, server_key=other).run()
    # The honest server and its key: the op lands (as a duplicate of the forged round).
    report = SyncEngine(field, honest, server_key=key).run()
    assert report.statuses == {"applied": 1} and report.duplicates == 1
    assert field.pending_ops(limit=10) == []


def test_same_field_on_two_devices_is_one_conflict(client, world):
    a, a_link = connect(client, world, "fw_in")
    b, b_link = connect(client, world, "sup_in")
    household = a.save("household", TAMBON, {"house_no": "1", "moo": 1})
    sync(a, a_link)
    sync(b, b_link)
    a.save("household", TAMBON, {"house_no": "2"}, record_id=household.id)
    b.save("household", TAMBON, {"house_no": "3"}, record_id=household.id)
    assert sync(a, a_link).statuses == {"applied": 1}
    report = sync(b, b_link)
    assert report.statuses == {"conflict": 1}
    row = b.view("household", household.id)
    assert row.conflict and row.fields["house_no"] == "2"
    conflicts = [r for (t, _), r in b.rows.items() if t == "conflict"]
    assert len(conflicts) == 1
    proposals = conflicts[0].fields["proposals"]
    assert [p["fields"] for p in proposals] == [{"house_no": "3"}]


def test_different_fields_merge(client, world):
    a, a_link = connect(client, world, "fw_in")
    b, b_link = connect(client, world, "sup_in")
    household = a.save("household", TAMBON, {"house_no": "1", "moo": 1})
    sync(a, a_link)
    sync(b, b_link)
    a.save("household", TAMBON, {"notes": "หลังคารั่ว"}, record_id=household.id)
    b.save("household", TAMBON, {"phone": "0812345678"}, record_id=household.id)
    sync(a, a_link)
    assert sync(b, b_link).statuses == {"merged": 1}
    sync(a, a_link)
    for replica in (a, b):
        assert replica.view("household", household.id).fields == {
            "house_no": "1", "moo": 1, "notes": "หลังคารั่ว", "phone": "0812345678"}


def test_tags_added_on_two_devices_unite(client, world):
    a, a_link = connect(client, world, "fw_in")
    b, b_link = connect(client, world, "sup_in")
    household = a.save("household", TAMBON, {"moo": 1})
    member = a.save("member", TAMBON, {"household_id": household.id,
                                       "vulnerability": ["elderly"]})
    sync(a, a_link)
    sync(b, b_link)
    a.save("member", TAMBON, {"vulnerability": {"add": ["bedridden"], "remove": []}},
           record_id=member.id)
    b.save("member", TAMBON, {"vulnerability": {"add": ["low_income"], "remove": []}},
           record_id=member.id)
    sync(a, a_link)
    assert sync(b, b_link).statuses == {"merged": 1}
    sync(a, a_link)
    expected = ["bedridden", "elderly", "low_income"]
    assert a.view("member", member.id).fields["vulnerability"] == expected
    assert b.view("member", member.id).fields["vulnerability"] == expected


def test_a_bad_op_in_a_batch_is_the_only_one_rejected(client, world):
    field, link = connect(client, world, "fw_in")
    good = field.save("household", TAMBON, {"moo": 1})
    field.save("household", "100101", {"moo": 2})  # an area the user does not have
    third = field.save("household", TAMBON, {"moo": 3})
    signed = [s.to_json() for s in field.pending_ops(limit=10)]
    signed.insert(1, {"op": "{}", "sig": "x", "relayed_by": None})
    statuses = [r["status"] for r in link.push(signed)["results"]]
    assert statuses == ["applied", "rejected", "quarantined", "applied"]
    assert good.id != third.id
