"""Revocation and role change (SYNC.md rule 7), on SQLite and PostgreSQL.

- Ops signed by a **revoked** device that still arrive (relayed by a supervisor, or
  the laptop's own queue after it takes a new identity) are quarantined: a conflict
  of the row's tambon holds their values for its coordinators, never a rejection.
- An **area taken away** while its author's edits wait: the ops are quarantined, and
  the laptop (a real ``LocalReplica``) purges the area only once every op for it has
  a final result — a page saying so while ops wait leaves the area and its
  checkpoint as they were.  The user's drafts stay.
- A **role change** (hello answers the role) sends every checkpoint back to 0: a field
  worker promoted to coordinator receives the tambon's existing conflict records; a
  coordinator made field worker again drops them.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select, update

from desktop.services.profiles import ProfileService
from desktop.services.sync import SyncService
from desktop.store.crypto import FAST_KDF
from desktop.store.rows import read_setting
from desktop.store.schema import RECORDS, drafts
from sync.client.memory import MemoryReplica
from sync.client.replica import PullPage
from sync.client.engine import SyncReport
from sync.client.transport import TransportError
from sync.records.record import Record
from sync.server.db import Database
from sync.server.models import AppliedOp, User, UserArea
from tests.server.asgi_adapter import AppAdapter
from tests.server.faults import Fault
from tests.server.laptops import (
    T1,
    T2,
    Laptop,
    ReplicaTemplate,
    add_people,
    open_laptop,
    server_records,
)
from tests.server.test_sync_flow import connect, sync
from tests.server.world import PASSWORD, username_of

TAMBON = "800102"  # fw_in's tambon; sup_in (district 8001) manages fw_in


def revoke(client: TestClient, world, device_id: str) -> None:
    answer = client.post(f"/api/v1/devices/{device_id}/revoke",
                         headers=world["sup_in"].headers)
    assert answer.status_code == 200 and answer.json()["revoked"]


def conflicts_in(records: dict, target_id: str) -> list[dict]:
    return [row["fields"] for (t, _), row in records.items()
            if t == "conflict" and row["fields"]["target_id"] == target_id]


def memory_conflicts(replica: MemoryReplica, target_id: str) -> list[dict]:
    return [r.fields for (t, _), r in replica.rows.items()
            if t == "conflict" and r.fields["target_id"] == target_id]


def status_of(database: Database, op_id: str) -> str:
    with database.reading() as session:
        return session.get(AppliedOp, op_id).status


# -- a revoked device ----------------------------------------------------------------
def test_ops_of_a_revoked_device_relayed_later_are_quarantined(client, world, database):
    lost, link = connect(client, world, "fw_in")
    household = lost.save("household", TAMBON, {"house_no": "1", "moo": 1})
    sync(lost, link)
    edit = lost.save("household", TAMBON, {"notes": "หลังคารั่ว"}, record_id=household.id)
    member = lost.save("member", TAMBON, {"household_id": household.id,
                                          "given_name": "สมใจ"})
    revoke(client, world, lost.device_id)
    with pytest.raises(TransportError) as refused:
        sync(lost, link)
    assert (refused.value.status, refused.value.code) == (401, "auth.device_revoked")

    # a supervisor relays the lost laptop's queue (from a bundle)
    supervisor, sup_link = connect(client, world, "sup_in")
    queued = [s.relayed(supervisor.device_id).to_json() for s in lost.pending_ops(limit=5)]
    results = sup_link.push(queued)["results"]
    assert [(r["status"], r["duplicate"]) for r in results] == [("quarantined", False)] * 2
    assert all(r["ack_sig"] for r in results)
    assert [r["status"] for r in sup_link.push(queued)["results"]] == ["quarantined"] * 2
    sync(supervisor, sup_link)
    [on_row] = memory_conflicts(supervisor, household.id)
    [on_member] = memory_conflicts(supervisor, member.id)
    assert on_row["reason"] == on_member["reason"] == "device_revoked"
    assert [p["fields"] for p in on_row["proposals"]] == [{"notes": "หลังคารั่ว"}]
    assert [p["op_id"] for p in on_row["proposals"]] == [edit.op_id]
    assert on_member["proposals"][0]["fields"]["given_name"] == "สมใจ"
    assert "notes" not in supervisor.view("household", household.id).fields
    assert supervisor.view("member", member.id) is None  # never created: only proposed


@pytest.fixture
def profiles(tmp_path) -> ProfileService:
    service = ProfileService(tmp_path / "profiles", kdf=FAST_KDF)
    service.create_profile("field", "profile password")
    return service


def test_a_revoked_profile_keeps_its_queued_ops_under_a_new_identity(client, world, database,
                                                                    profiles):
    workspace = profiles.unlock("field", password="profile password")
    syncer = SyncService(workspace, adapter=AppAdapter(client))
    try:
        syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        household = workspace.save("household", {"moo": 1}, tambon=TAMBON).record
        assert syncer.run().ok
        workspace.save("household", {"notes": "ผนังผุ"}, record_id=household.id)
        old = workspace.replica.device_id
        revoke(client, world, old)
        outcome = syncer.run()
        assert (outcome.ok, outcome.code) == (False, "auth.device_revoked")
        assert workspace.replica.device_id != old  # a new identity, which must log in
        syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        outcome = syncer.run()
        assert outcome.ok and outcome.summary["statuses"] == {"quarantined": 1}
        row = workspace.replica.get("household", household.id)
        assert row.conflict and "notes" not in row.fields  # the server's row, badged
        [conflict] = conflicts_in(server_records(database), household.id)
        assert conflict["reason"] == "device_revoked"
        assert conflict["proposals"][0]["fields"] == {"notes": "ผนังผุ"}
        assert conflict["proposals"][0]["device_id"] == old
    finally:
        workspace.close()


def test_a_login_from_a_revoked_device_id_takes_a_new_identity(client, world, profiles):
    workspace = profiles.unlock("field", password="profile password")
    syncer = SyncService(workspace, adapter=AppAdapter(client))
    try:
        syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        old = workspace.replica.device_id
        revoke(client, world, old)
        user = syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        assert user["id"] == world["fw_in"].id
        assert workspace.replica.device_id != old
        assert workspace.profile.device_id == workspace.replica.device_id
        assert syncer.run().ok
    finally:
        workspace.close()


# -- an area taken away; a role changed (real laptops) --------------------------------
@pytest.fixture
def people(database: Database) -> dict[str, str]:
    return add_people(database)


@pytest.fixture
def open_as(client: TestClient, replica_template: ReplicaTemplate, tmp_path, people):
    opened: list[Laptop] = []

    def opener(owner: str) -> Laptop:
        laptop = open_laptop(replica_template, tmp_path, owner, owner, people[owner], client)
        opened.append(laptop)
        return laptop

    yield opener
    for laptop in opened:
        laptop.close()


def give_areas(database: Database, user_id: str, codes: list[str]) -> None:
    with database.writing() as session:
        session.execute(delete(UserArea).where(UserArea.user_id == user_id))
        session.add_all([UserArea(user_id=user_id, code=code) for code in codes])


def give_role(database: Database, user_id: str, role: str) -> None:
    with database.writing() as session:
        session.execute(update(User).where(User.id == user_id).values(role=role))


def rows_of(laptop: Laptop, type_name: str, tambon: str | None = None) -> set[str]:
    table = RECORDS[type_name]
    query = select(table.c.id)
    if tambon is not None:
        query = query.where(table.c.tambon == tambon)
    with laptop.database.reader.connect() as connection:
        return set(connection.execute(query).scalars())


def setting(laptop: Laptop, key: str):
    with laptop.database.reader.connect() as connection:
        return read_setting(connection, key)


def test_an_area_taken_away_with_pending_edits(open_as, people, database):
    field, coordinator = open_as("fw_1"), open_as("co_1")
    household = field.replica.save("household", T1, {"house_no": "5", "moo": 2}).record
    member = field.replica.save("member", T1, {"household_id": household.id,
                                               "given_name": "สมใจ"}).record
    field.sync()
    edit = field.replica.save("household", T1, {"notes": "หลังคารั่ว"},
                              record_id=household.id).op
    added = field.replica.save("member", T1, {"household_id": household.id,
                                              "given_name": "มาลี"}).op
    field.replica.autosave("household-form", "household", {"notes": "หลังคารั่วมาก"},
                           record_id=household.id, tambon=T1)
    give_areas(database, people["fw_1"], [T2])  # an administrator moves them to T2

    # A page that names T1 removed while ops for it wait purges nothing, and leaves
    # T1's checkpoint where it was, so a later page says it again.
    held = field.replica.checkpoints()
    answer = field.transport.pull(held, 100)
    assert answer["removed_areas"] == [T1]
    field.replica.apply_pull_page(PullPage(
        tuple(Record.from_json(r) for r in answer["records"]), answer["checkpoints"],
        answer["more"], answer["server_epoch"], tuple(answer["removed_areas"])))
    assert {household.id} == rows_of(field, "household", T1)
    assert field.replica.checkpoints()[T1] == held[T1]

    report = field.sync()  # the ops first (quarantined: final), then the purge
    assert report.statuses == {"quarantined": 2}
    assert status_of(database, edit.op_id) == status_of(database, added.op_id) == "quarantined"
    for name in ("household", "member", "conflict"):
        assert rows_of(field, name, T1) == set()
    assert T1 not in field.replica.checkpoints() and T2 in field.replica.checkpoints()
    with field.database.reader.connect() as connection:
        kept = connection.execute(select(drafts.c.draft_id, drafts.c.fields)).all()
    assert [(d.draft_id, d.fields) for d in kept] == [
        ("household-form", {"notes": "หลังคารั่วมาก"})]
    assert field.sync().pulled == 0  # nothing of T1 comes back

    # the coordinators of T1 hold the values
    coordinator.sync()
    records = server_records(database)
    [on_row] = conflicts_in(records, household.id)
    [on_member] = conflicts_in(records, added.id)
    assert on_row["reason"] == on_member["reason"] == "quarantined"
    assert on_row["proposals"][0]["fields"] == {"notes": "หลังคารั่ว"}
    assert on_member["proposals"][0]["fields"]["given_name"] == "มาลี"
    assert {c for c in rows_of(coordinator, "conflict")} == {
        key[1] for key in records if key[0] == "conflict"}
    assert member.id in rows_of(coordinator, "member", T1)


def test_rows_of_a_tambon_never_pulled_are_purged_when_it_is_taken_away(open_as, people,
                                                                         database):
    """A household saved in a tambon whose pull answer never arrived (no checkpoint
    came back), pushed, then the tambon taken away: the replica still asks for every
    tambon it holds rows of, so the server names it removed and the row goes (found by
    the state machine: before, it stayed on the laptop for ever)."""
    field = open_as("fw_1")
    field.adapter.arm(Fault.DROP, "/sync/pull")
    with pytest.raises(TransportError):
        field.sync()  # hello and pull reached the server; the pull's answer did not
    field.adapter.disarm()
    saved = field.replica.save("household", T1, {"house_no": "8", "moo": 1})
    assert field.replica.checkpoints() == {T1: 0}  # asked for from now on
    engine, report = field.engine(), SyncReport()
    engine.hello(report)
    engine.push(report)  # applied in T1; no page of T1 stored yet
    assert report.statuses == {"applied": 1}
    give_areas(database, people["fw_1"], [T2])
    field.sync()
    assert rows_of(field, "household") == set()
    assert T1 not in field.replica.checkpoints()
    assert server_records(database)[("household", saved.record.id)]["tambon"] == T1


def a_conflict_in_t1(open_as) -> tuple[Laptop, Laptop, str]:
    """fw_1 and co_1 change one household's address offline; fw_1's arrives second:
    one conflict in T1.  (fw_1's laptop, co_1's laptop, household id)."""
    field, coordinator = open_as("fw_1"), open_as("co_1")
    household = field.replica.save("household", T1, {"house_no": "5", "moo": 2}).record
    field.sync()
    coordinator.sync()
    field.replica.save("household", T1, {"house_no": "6"}, record_id=household.id)
    coordinator.replica.save("household", T1, {"house_no": "7"}, record_id=household.id)
    coordinator.sync()
    assert field.sync().statuses == {"conflict": 1}
    return field, coordinator, household.id


def test_a_promoted_field_worker_receives_the_tambons_conflicts(open_as, people, database):
    field, coordinator, household_id = a_conflict_in_t1(open_as)
    conflicts = {k[1] for k in server_records(database) if k[0] == "conflict"}
    assert len(conflicts) == 1 and rows_of(field, "conflict") == set()
    assert setting(field, "role") == "field_worker"
    assert field.sync().pulled == 0

    give_role(database, people["fw_1"], "coordinator")
    report = field.sync()
    assert report.pulled >= 2  # everything again, the conflict among it
    assert rows_of(field, "conflict") == conflicts
    assert setting(field, "role") == setting(field, "pulled_role") == "coordinator"
    assert field.replica.get("household", household_id).conflict
    assert field.sync().pulled == 0

    give_role(database, people["fw_1"], "field_worker")  # and back: the conflicts go
    field.sync()
    assert rows_of(field, "conflict") == set()
    assert setting(field, "role") == "field_worker"
    assert rows_of(field, "household", T1) == {household_id}


def test_a_role_change_resets_a_memory_replicas_checkpoints(client, world, database):
    field, link = connect(client, world, "fw_in")
    other, other_link = connect(client, world, "sup_in")
    household = field.save("household", TAMBON, {"house_no": "1", "moo": 1})
    sync(field, link)
    sync(other, other_link)
    field.save("household", TAMBON, {"house_no": "2"}, record_id=household.id)
    other.save("household", TAMBON, {"house_no": "3"}, record_id=household.id)
    sync(other, other_link)
    sync(field, link)
    assert memory_conflicts(field, household.id) == [] and field.pulled_role == "field_worker"
    give_role(database, world["fw_in"].id, "coordinator")
    sync(field, link)
    assert len(memory_conflicts(field, household.id)) == 1
    assert field.pulled_role == field.server_state().role == "coordinator"
    give_role(database, world["fw_in"].id, "field_worker")
    sync(field, link)
    assert memory_conflicts(field, household.id) == []


def test_a_late_page_of_the_old_role_is_ignored(open_as, people, database):
    """A coordinator's page holding a conflict arrives again after the user became a
    field worker (a relay brings it late): it is ignored — no conflict comes back, no
    checkpoint moves — while pages of the current role apply (found by the long
    state-machine profile)."""
    field, coordinator, _ = a_conflict_in_t1(open_as)
    answer = coordinator.transport.pull({T1: 0, "*": 0}, 100)
    late = PullPage(tuple(Record.from_json(r) for r in answer["records"]),
                    answer["checkpoints"], answer["more"], answer["server_epoch"],
                    tuple(answer["removed_areas"]), answer["role"])
    assert late.role == "coordinator" and any(r.type == "conflict" for r in late.records)
    coordinator.sync()
    assert rows_of(coordinator, "conflict")

    give_role(database, people["co_1"], "field_worker")
    coordinator.sync()
    assert rows_of(coordinator, "conflict") == set()
    held = coordinator.replica.checkpoints()
    coordinator.replica.apply_pull_page(late)
    assert rows_of(coordinator, "conflict") == set()
    assert coordinator.replica.checkpoints() == held
    # a page without a role (an older server) still never brings a hidden type back
    coordinator.replica.apply_pull_page(PullPage(late.records, {}, False, late.server_epoch))
    assert rows_of(coordinator, "conflict") == set()
    assert coordinator.sync().pulled == 0


def test_rows_pulled_without_their_checkpoint_are_purged_when_the_tambon_goes(
        open_as, people, database):
    """Rows of a page applied without the page's checkpoints (as a torn page of the
    state machine leaves them) still make the replica ask for their tambon, so taking
    the tambon away purges them (found by the long state-machine profile)."""
    writer, field = open_as("co_1"), open_as("fw_1")
    writer.replica.save("household", T1, {"house_no": "3", "moo": 1})
    writer.sync()
    answer = field.transport.pull({T1: 0, "*": 0}, 100)
    field.replica.record_hello(field.replica.server_state().__class__(
        answer["server_epoch"], None, (T1,), None))
    field.replica.apply_pull_page(PullPage(
        tuple(Record.from_json(r) for r in answer["records"]), {}, False,
        answer["server_epoch"]))
    assert rows_of(field, "household", T1) and field.replica.checkpoints()[T1] == 0
    give_areas(database, people["fw_1"], [T2])
    field.sync()
    assert rows_of(field, "household") == set()
