"""Push and pull end to end: replicas, the real transport, the app (SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
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


class Proxy(AppAdapter):
    """A proxy in front of the server that refuses request bodies over ``limit`` bytes
    once decompressed (as the server's own limit counts), whatever the server
    announced — e.g. a smaller limit in front of it."""

    def __init__(self, client, limit: int) -> None:
        super().__init__(client)
        self.limit, self.sizes, self.refused = limit, [], 0

    def send(self, request: PreparedRequest, **kwargs) -> Response:
        body = request.body or b""
        if request.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        if len(body) > self.limit:
            self.refused += 1
            response = Response()
            response.status_code = 413
            response._content = json.dumps({"error": {
                "code": "request.too_large", "message": "too large", "field": None}}).encode()
            response.headers["Content-Type"] = "application/json"
            response.url, response.request = request.url or "", request
            return response
        if (request.url or "").endswith("/sync/push"):
            self.sizes.append(len(body))  # what got through
        return super().send(request, **kwargs)


def test_a_push_refused_as_too_large_goes_again_in_smaller_batches(client, world):
    field, link = connect(client, world, "fw_in")
    note = "หลังคารั่วซึมหลายจุด " * 40
    for number in range(40):
        field.save("household", TAMBON, {"house_no": str(number + 1), "moo": 1,
                                         "notes": note})
    proxy = Proxy(client, limit=30_000)  # about 12 of these ops
    small = Transport("http://testserver", token=link.token, adapter=proxy, retries=0)
    report = SyncEngine(field, small).run()
    assert report.statuses == {"applied": 40} and report.too_large == []
    assert field.pending_ops(limit=1) == []
    assert proxy.refused >= 1 and len(proxy.sizes) >= 3  # halved until they fit
    assert max(proxy.sizes) <= 30_000


def test_an_op_no_request_can_carry_waits_and_the_others_go(client, world):
    field, link = connect(client, world, "fw_in")
    field.save("household", TAMBON, {"house_no": "1", "moo": 1, "notes": "ก" * 3000})
    small = field.save("household", TAMBON, {"house_no": "2", "moo": 1})
    proxy = Proxy(client, limit=2_500)
    tight = Transport("http://testserver", token=link.token, adapter=proxy, retries=0)
    report = SyncEngine(field, tight).run()
    assert report.statuses == {"applied": 1} and len(report.too_large) == 1
    assert [s.parse().op_id for s in field.pending_ops(limit=5)] == report.too_large
    assert small.op_id not in report.too_large
    # through the server itself (4 MiB), it goes
    assert SyncEngine(field, link).run().statuses == {"applied": 1}


def test_hello_announces_the_body_limit_and_batches_fit_it(client, world):
    field, link = connect(client, world, "fw_in")
    answer = link.hello({"device_id": field.device_id, "protocol": 1, "schema": 1,
                         "app_version": "test"})
    assert answer["max_body_bytes"] == client.app.state.settings.max_body_bytes
    engine = SyncEngine(field, link)
    engine.max_body_bytes = 20_000
    for number in range(30):
        field.save("household", TAMBON, {"house_no": str(number + 1), "moo": 1,
                                         "notes": "หลังคารั่ว " * 60})
    batch = engine._fitting(field.pending_ops(limit=500))
    size = len(json.dumps({"ops": [engine._wire(s) for s in batch]},
                          ensure_ascii=False).encode())
    assert 0 < len(batch) < 30 and size <= 20_000
