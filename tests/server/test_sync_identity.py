"""Device identity (SYNC.md "Identity"): a copied profile, and a profile that takes a
new device id — on SQLite and PostgreSQL, with the in-memory reference replica and
real desktop profiles (``LocalReplica`` behind ``SyncService``).

- A ``(device_id, device_seq)`` the server holds a final result for, arriving under
  another ``op_id``, is quarantined (a conflict of the row's tambon holds its values),
  the device is flagged, and ``hello`` tells it to take a new device id.
- Ops of a flagged id with a fresh ``device_seq`` are judged as usual.
- The profile takes a new identity: new id and keys, the old id's acknowledged ops
  kept, its pending ops pushed unchanged, relayed by the new id — so an op that
  reached the server under the old id (its answer lost) is a duplicate, never
  applied twice.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace as dataclass_replace

import pytest
from sqlalchemy import func, select

from desktop.services.profiles import ProfileService, new_incarnation
from desktop.services.sync import SyncService
from desktop.store.crypto import FAST_KDF
from desktop.store.errors import StoreError
from desktop.store.identity import predecessors
from desktop.store.schema import acked_ops
from sync.client.engine import SyncEngine, SyncError
from sync.client.memory import MemoryReplica
from sync.client.transport import Transport
from sync.records.hlc import HybridClock, wall_ms
from sync.records.ids import new_id
from sync.records.ops import SignedOp, sign_op
from sync.server.backup import restore
from sync.server.db import Database
from sync.server.models import AppliedOp, Device, RowHistory
from tests.server.asgi_adapter import AppAdapter
from tests.server.laptops import T1, acknowledged, server_records
from tests.server.test_journal import Server, server  # noqa: F401 - a fixture
from tests.server.test_sync_flow import connect, sync
from tests.server.world import PASSWORD, username_of

TAMBON = "800102"  # fw_in's tambon; sup_in (district 8001) manages fw_in
TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000


def twin_of(replica: MemoryReplica) -> MemoryReplica:
    """A copy of ``replica`` as a copied profile folder would be: same device id, key,
    op counter, rows, outbox and server state."""
    twin = MemoryReplica(author=replica.author, device_id=replica.device_id,
                         key=replica.key,
                         clock=HybridClock(replica.device_id, last=replica.clock.last,
                                           server_time_ms=replica.clock.server_time_ms))
    twin.device_seq = replica.device_seq
    twin.rows, twin.outbox = dict(replica.rows), list(replica.outbox)
    twin.acknowledged, twin.journal = dict(replica.acknowledged), dict(replica.journal)
    twin._checkpoints = dict(replica._checkpoints)
    twin._server, twin.pulled_role = replica._server, replica.pulled_role
    return twin


def same_line(client, link: Transport) -> Transport:
    """Another transport with the same token (the copied profile holds it too)."""
    return Transport("http://testserver", token=link.token, adapter=AppAdapter(client),
                     retries=0)


def hello(link: Transport, replica) -> dict:
    return link.hello({"device_id": replica.device_id, "protocol": 1, "schema": 1,
                       "app_version": "test"})


def relogin(link: Transport, replica: MemoryReplica, key: str = "fw_in") -> None:
    """The new identity registers as a new device of the same user."""
    link.login({"username": username_of(key), "password": PASSWORD,
                "device_id": replica.device_id, "device_name": "test laptop",
                "public_keys": {"ed25519": replica.key.public_key(),
                                "x25519": replica.key.public_key()}})


def applied(database: Database, op_id: str) -> AppliedOp:
    with database.reading() as session:
        row = session.get(AppliedOp, op_id)
        assert row is not None
        session.expunge(row)
        return row


def device(database: Database, device_id: str) -> Device:
    with database.reading() as session:
        row = session.get(Device, device_id)
        assert row is not None
        session.expunge(row)
        return row


def conflicts_of(replica: MemoryReplica, target_id: str) -> list[dict]:
    return [r.fields for (t, _), r in replica.rows.items()
            if t == "conflict" and r.fields["target_id"] == target_id]


def history_of(database: Database, op_id: str) -> list[RowHistory]:
    with database.reading() as session:
        rows = list(session.execute(select(RowHistory).where(
            RowHistory.op_id == op_id)).scalars())
        for row in rows:
            session.expunge(row)
        return rows


# -- the server half: a copied profile ------------------------------------------------
def test_a_copied_profile_is_quarantined_flagged_and_told(client, world, database):
    original, link = connect(client, world, "fw_in")
    household = original.save("household", TAMBON, {"house_no": "1", "moo": 1})
    sync(original, link)
    copy, copy_link = twin_of(original), same_line(client, link)
    mine = original.save("household", TAMBON, {"notes": "หลังคารั่ว"}, record_id=household.id)
    theirs = copy.save("household", TAMBON, {"notes": "ผนังผุ"}, record_id=household.id)
    assert (mine.device_id, mine.device_seq) == (theirs.device_id, theirs.device_seq)
    assert sync(original, link).statuses == {"applied": 1}
    assert not hello(link, original)["new_device_id_required"]

    report = told_to_renew(copy, copy_link)  # hello was clean: the push finds the reused
    # seq, and its answer says so: the sync stops before pulling, in the same run
    assert report.statuses == {"quarantined": 1}
    assert applied(database, theirs.op_id).status == "quarantined"
    assert device(database, original.device_id).copied_at is not None
    # values kept: a conflict of the row's tambon, for its coordinators and supervisors
    supervisor, sup_link = connect(client, world, "sup_in")
    sync(supervisor, sup_link)
    [conflict] = conflicts_of(supervisor, household.id)
    assert conflict["reason"] == "device_seq_reused" and conflict["status"] == "open"
    assert [p["fields"] for p in conflict["proposals"]] == [{"notes": "ผนังผุ"}]
    assert [p["op_id"] for p in conflict["proposals"]] == [theirs.op_id]
    assert supervisor.view("household", household.id).fields["notes"] == "หลังคารั่ว"

    # From now on hello tells both copies to take a new device id; an op of the flagged
    # id whose device_seq is fresh is judged as usual (pushed before the engine stops).
    assert hello(link, original)["new_device_id_required"]
    fresh = original.save("household", TAMBON, {"moo": 2}, record_id=household.id)
    with pytest.raises(SyncError) as stopped:
        sync(original, link)
    assert stopped.value.code == "sync.new_device_id_required"
    assert stopped.value.report is not None and stopped.value.report.pushed == 1
    result = applied(database, fresh.op_id)  # merged: the badge moved the row on
    assert (result.status, result.conflict_fields) == ("merged", None)
    assert original.pending_ops(limit=5) == []

    # supervisors see the flag in the devices API
    shown = client.get(f"/api/v1/devices/{original.device_id}",
                       headers=world["sup_in"].headers).json()
    assert shown["new_device_id_required"] and shown["copied_at"]
    listed = {d["id"]: d for d in client.get("/api/v1/devices",
                                             headers=world["sup_in"].headers).json()}
    assert listed[original.device_id]["new_device_id_required"]
    assert not listed[world["fw_in"].device_id]["new_device_id_required"]


def test_a_repeated_op_of_a_flagged_device_is_still_a_duplicate(client, world, database):
    original, link = connect(client, world, "fw_in")
    household = original.save("household", TAMBON, {"moo": 1})
    sync(original, link)
    copy = twin_of(original)
    original.save("household", TAMBON, {"moo": 2}, record_id=household.id)
    sync(original, link)
    copy.save("member", TAMBON, {"household_id": household.id, "given_name": "สมใจ"})
    [signed] = copy.pending_ops(limit=5)
    first = link.push([signed.to_json()])["results"][0]
    again = link.push([signed.to_json()])["results"][0]
    assert (first["status"], first["duplicate"]) == ("quarantined", False)
    assert (again["status"], again["duplicate"]) == ("quarantined", True)
    assert first["ack_sig"] == again["ack_sig"]


def test_a_flagged_device_never_loses_an_edit_as_superseded(client, world, database):
    """Once the id is flagged, a write of that id counts as another device's: an op
    arriving after a higher ``device_seq`` of "its own" (the other copy's, for all the
    server knows) keeps its review group as a conflict instead of being skipped."""
    original, link = connect(client, world, "fw_in")
    household = original.save("household", TAMBON, {"house_no": "1", "moo": 1})
    sync(original, link)
    copy = twin_of(original)
    original.save("household", TAMBON, {"notes": "ก"}, record_id=household.id)
    sync(original, link)
    copy.save("household", TAMBON, {"notes": "ข"}, record_id=household.id)
    assert told_to_renew(copy, same_line(client, link)).statuses == {"quarantined": 1}
    first = original.save("household", TAMBON, {"house_no": "2"}, record_id=household.id)
    second = original.save("household", TAMBON, {"house_no": "3"}, record_id=household.id)
    one, two = original.pending_ops(limit=5)
    assert [r["status"] for r in link.push([two.to_json()])["results"]] == ["merged"]
    [late] = link.push([one.to_json()])["results"]  # out of order, as a relay may bring it
    assert (late["status"], late["conflict_fields"]) == ("conflict", ["address"])
    assert late["record"]["fields"]["house_no"] == "3" and second.device_seq > first.device_seq
    supervisor, sup_link = connect(client, world, "sup_in")
    sync(supervisor, sup_link)
    [kept] = [c for c in conflicts_of(supervisor, household.id) if c["group"] == "address"]
    assert [p["fields"] for p in kept["proposals"]] == [{"house_no": "2"}]


def test_the_copies_take_new_ids_and_nothing_is_lost(client, world, database):
    original, link = connect(client, world, "fw_in")
    household = original.save("household", TAMBON, {"moo": 1})
    sync(original, link)
    copy, copy_link = twin_of(original), same_line(client, link)
    original.save("household", TAMBON, {"notes": "ก"}, record_id=household.id)
    sync(original, link)
    lost = copy.save("household", TAMBON, {"notes": "ข"}, record_id=household.id)
    later = copy.save("member", TAMBON, {"household_id": household.id, "given_name": "มาลี"})
    # flagged by its first op (seq 2, the original's); its second one (seq 3) is fresh
    assert told_to_renew(copy, copy_link).statuses == {"quarantined": 1, "applied": 1}
    assert applied(database, lost.op_id).status == "quarantined"
    assert applied(database, later.op_id).status == "applied"

    old = original.device_id
    for replica, line in ((original, link), (copy, copy_link)):
        with pytest.raises(SyncError):
            sync(replica, line)
        replica.new_incarnation()
        relogin(line, replica)
    assert len({old, original.device_id, copy.device_id}) == 3
    assert original.predecessors == copy.predecessors == [old]
    made = copy.save("household", TAMBON, {"moo": 3}, record_id=household.id)
    assert made.device_id == copy.device_id and made.device_seq == later.device_seq + 1
    assert sync(copy, copy_link).statuses == {"applied": 1}
    assert not hello(copy_link, copy)["new_device_id_required"]
    assert hello(copy_link, copy)["last_device_seq"] == made.device_seq
    sync(original, link)
    assert original.view("household", household.id).fields == \
        copy.view("household", household.id).fields == {"moo": 3, "notes": "ก"}


# -- the client half: pending ops under a new identity --------------------------------
def test_pending_ops_of_the_old_id_are_relayed_at_most_once(client, world, database):
    """The old id's op reached the server but its answer was lost: after the new
    identity it is a duplicate; another pending op applies, signed by the old id and
    relayed by the new one."""
    replica, link = connect(client, world, "fw_in")
    household = replica.save("household", TAMBON, {"moo": 1})
    arrived = replica.save("household", TAMBON, {"notes": "ก"}, record_id=household.id)
    waiting = replica.save("member", TAMBON, {"household_id": household.id,
                                              "given_name": "สมใจ"})
    create, sent, _ = replica.pending_ops(limit=5)
    link.push([create.to_json(), sent.to_json()])  # applied; the answers never came back
    old = replica.device_id
    replica.new_incarnation()
    relogin(link, replica)
    report = sync(replica, link)
    assert report.statuses == {"applied": 2, "merged": 1} and report.duplicates == 2
    assert replica.pending_ops(limit=5) == []
    for op in (arrived, waiting):
        [written] = history_of(database, op.op_id)
        assert (written.device_id, written.relayed_by) == (
            old, None if op is arrived else replica.device_id)
    with database.reading() as session:
        assert session.execute(select(func.count()).select_from(AppliedOp).where(
            AppliedOp.device_id == old)).scalar() == 3
    assert replica.view("household", household.id).version == 2


def test_a_new_epoch_resends_the_old_ids_acknowledged_ops(client, world, database):
    replica, link = connect(client, world, "fw_in")
    household = replica.save("household", TAMBON, {"moo": 1})
    sync(replica, link)
    replica.new_incarnation()
    relogin(link, replica)
    replica.save("household", TAMBON, {"moo": 2}, record_id=household.id)
    sync(replica, link)
    replica.start_epoch("another epoch", last_device_seq=2)
    assert [s.parse().device_seq for s in replica.pending_ops(limit=5)] == [1]


# -- desktop profiles ------------------------------------------------------------------
@pytest.fixture
def profiles(tmp_path):
    return ProfileService(tmp_path / "profiles", kdf=FAST_KDF)


def open_profile(profiles: ProfileService, client, name: str = "field"):
    workspace = profiles.unlock(name, password="profile password")
    return workspace, SyncService(workspace, adapter=AppAdapter(client))


def copy_profile(source: ProfileService, target: ProfileService, name: str) -> None:
    target.profiles_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source.profiles_dir / name, target.profiles_dir / name)


def told_to_renew(replica, transport):
    """A sync the server stops because the device id was seen on a copied profile (the
    outbox went first); what it did."""
    with pytest.raises(SyncError) as told:
        sync(replica, transport)
    assert told.value.code == "sync.new_device_id_required"
    return told.value.report


def profile_json(service: ProfileService, name: str) -> dict:
    return json.loads((service.profiles_dir / name / "profile.json").read_text("utf-8"))


def test_a_copied_desktop_profile_takes_a_new_id_and_logs_in_again(client, world, database,
                                                                  profiles, tmp_path):
    profiles.create_profile("field", "profile password")
    first, first_sync = open_profile(profiles, client)
    first_sync.login("http://testserver", username_of("fw_in"), PASSWORD)
    household = first.save("household", {"moo": 1}, tambon=TAMBON).record
    assert first_sync.run().ok
    old = first.replica.device_id
    first.close()
    elsewhere = ProfileService(tmp_path / "elsewhere", kdf=FAST_KDF)
    copy_profile(profiles, elsewhere, "field")  # the folder, copied to another laptop

    first, first_sync = open_profile(profiles, client)
    second, second_sync = open_profile(elsewhere, client)
    try:
        first.save("household", {"notes": "หลังคารั่ว"}, record_id=household.id)
        second.save("household", {"notes": "ผนังผุ"}, record_id=household.id)
        second.autosave("household-form", "household", {"notes": "ผนังผุมาก"},
                        record_id=household.id, tambon=TAMBON)
        second.save("household", {"moo": 2}, record_id=household.id)
        assert first_sync.run().summary["statuses"] == {"applied": 1}
        # the push finds the copy's reused seq and says so: the profile takes a new
        # identity in the same sync, after its outbox went under the old id
        outcome = second_sync.run()
        assert (outcome.ok, outcome.code) == (False, "sync.new_device_id_required")
        assert outcome.summary["statuses"] == {"quarantined": 1, "merged": 1}
        renewed = second.replica.device_id
        assert renewed != old and second.profile.device_id == renewed
        assert profile_json(elsewhere, "field")["device_id"] == renewed
        assert profile_json(elsewhere, "field")["previous_device_ids"] == [old]
        with second.database.reader.connect() as connection:
            [before] = predecessors(connection)
        assert before["device_id"] == old and before["reason"] == "sync.new_device_id_required"
        with pytest.raises(StoreError) as refused:
            second_sync.run()
        assert refused.value.issue.code == "sync.not_logged_in"
        second_sync.login("http://testserver", username_of("fw_in"), PASSWORD)
        saved = second.save("household", {"moo": 3}, record_id=household.id)
        assert second_sync.run().summary["statuses"] == {"applied": 1}
        assert saved.record.fields["moo"] == 3
        assert applied(database, last_op(second)).device_id == renewed
        assert [d.draft_id for d in second.drafts()] == ["household-form"]

        # the first copy is told too, after its own pending op went under the old id
        first.save("household", {"notes": "หลังคาใหม่"}, record_id=household.id)
        outcome = first_sync.run()
        assert outcome.code == "sync.new_device_id_required"
        assert outcome.summary["statuses"] == {"quarantined": 1}  # seq 3: the copy's
        assert first.replica.device_id not in (old, renewed)
        first_sync.login("http://testserver", username_of("fw_in"), PASSWORD)
        assert first_sync.run().ok and second_sync.run().ok
        assert first.replica.get("household", household.id).fields == \
            second.replica.get("household", household.id).fields
    finally:
        first.close()
        second.close()
    again = elsewhere.unlock("field", password="profile password")
    try:
        assert again.replica.device_id == again.profile.device_id == renewed
    finally:
        again.close()


def last_op(workspace) -> str:
    with workspace.database.reader.connect() as connection:
        return connection.execute(select(acked_ops.c.op_id).order_by(
            acked_ops.c.device_seq.desc()).limit(1)).scalar()


def test_a_restored_profile_relays_what_its_original_left_pending(client, world, database,
                                                                 profiles):
    """A restore takes a new identity before anything else; the restored outbox's ops
    are pushed unchanged: those the original already sent are duplicates."""
    profiles.create_profile("field", "profile password")
    workspace, syncer = open_profile(profiles, client)
    try:
        syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        household = workspace.save("household", {"moo": 1}, tambon=TAMBON).record
        workspace.save("member", {"household_id": household.id, "given_name": "สมใจ"})
        old = workspace.replica.device_id
        token = syncer._setting("token")
        sent, _ = workspace.replica.pending_ops(limit=5)
        line = Transport("http://testserver", token=token, adapter=AppAdapter(client))
        line.push([sent.to_json()])  # the original sent it; this copy never heard back
        restored = profiles.new_incarnation(workspace)
        assert restored != old and workspace.profile.device_id == restored
        with workspace.database.reader.connect() as connection:
            assert predecessors(connection)[0]["reason"] == "restored"
        syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        outcome = syncer.run()
        assert outcome.ok and outcome.summary["statuses"] == {"applied": 2}
        assert outcome.summary["duplicates"] == 1
        [written] = history_of(database, sent.parse().op_id)
        assert written.device_id == old
        after = workspace.save("household", {"moo": 2}, record_id=household.id)
        assert after.record.version == 1  # the view: still pending
        assert syncer.run().summary["statuses"] == {"applied": 1}
        assert applied(database, last_op(workspace)).device_id == restored
        assert applied(database, last_op(workspace)).device_seq == 3
    finally:
        workspace.close()


def test_ops_made_before_the_first_login_are_signed_again(client, world, database, profiles):
    """A profile that never logged in takes a new identity: its ops never reached any
    server, so they are signed again under the new id (same op ids)."""
    profiles.create_profile("field", "profile password")
    workspace, syncer = open_profile(profiles, client)
    try:
        household = workspace.save("household", {"moo": 1}, tambon=TAMBON).record
        [before] = workspace.replica.pending_ops(limit=5)
        new_incarnation(workspace, reason="restored")
        [after] = workspace.replica.pending_ops(limit=5)
        assert after.parse().op_id == before.parse().op_id
        assert after.parse().device_id == workspace.replica.device_id
        syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        outcome = syncer.run()
        assert outcome.ok and outcome.summary["statuses"] == {"applied": 1}
        assert workspace.replica.get("household", household.id).version == 1
    finally:
        workspace.close()


def test_a_new_epoch_resends_a_profiles_earlier_ids_ops(client, world, profiles):
    profiles.create_profile("field", "profile password")
    workspace, syncer = open_profile(profiles, client)
    try:
        syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        household = workspace.save("household", {"moo": 1}, tambon=TAMBON).record
        assert syncer.run().ok
        new_incarnation(workspace, reason="restored")
        syncer.login("http://testserver", username_of("fw_in"), PASSWORD)
        workspace.save("household", {"moo": 2}, record_id=household.id)
        assert syncer.run().ok
        workspace.replica.start_epoch("another epoch", last_device_seq=2)
        assert [s.parse().device_seq for s in workspace.replica.pending_ops(limit=5)] == [1]
    finally:
        workspace.close()


def test_profile_json_catches_up_with_the_database(client, world, profiles):
    """The database is the authority: a new identity whose profile.json was not
    written yet (a crash between the two) opens with the new id and repairs it."""
    profiles.create_profile("field", "profile password")
    workspace, _ = open_profile(profiles, client)
    old = workspace.replica.device_id
    renewed = workspace.replica.new_incarnation(reason="restored").device_id
    workspace.close()
    assert profile_json(profiles, "field")["device_id"] == old
    workspace, _ = open_profile(profiles, client)
    try:
        assert workspace.replica.device_id == workspace.profile.device_id == renewed
        assert profile_json(profiles, "field")["device_id"] == renewed
        workspace.save("household", {"moo": 1}, tambon=TAMBON)  # stamped by the new id
        [signed] = workspace.replica.pending_ops(limit=5)
        assert signed.parse().device_id == renewed
    finally:
        workspace.close()


def test_signed_bytes_never_change_across_incarnations(client, world):
    replica, link = connect(client, world, "fw_in")
    replica.save("household", TAMBON, {"moo": 1})
    [before] = replica.pending_ops(limit=1)
    replica.new_incarnation()
    [after] = replica.pending_ops(limit=1)
    assert (after.op, after.sig) == (before.op, before.sig)
    wire = SyncEngine(replica, link)._wire(after)
    assert wire == SignedOp(before.op, before.sig, replica.device_id).to_json()


# -- the flags come back with a journal replay ---------------------------------------
def test_a_journal_replay_flags_the_device_again(server: Server):  # noqa: F811
    """Both flags are derived from ops by the time each was received: a restore from a
    snapshot taken before them sets them again, to the same values."""
    field = server.laptop("field", "fw_1")
    snapshot = server.snapshot()
    field.replica.clock.wall = lambda: wall_ms() + TEN_YEARS_MS
    household = field.replica.save("household", T1, {"house_no": "1", "moo": 1}).record
    field.sync()
    [(_, op)] = acknowledged(field).values()
    twin = sign_op(dataclass_replace(op, op_id=new_id(), fields={"house_no": "2", "moo": 1}),
                   field.replica.identity.signing_key)  # the copied profile's own seq 1
    [result] = field.transport.push([twin.to_json()])["results"]
    assert result["status"] == "quarantined"
    flagged = device(server.database, field.replica.device_id)
    assert flagged.copied_at is not None and flagged.clock_clamped_count == 2

    restored = restore(server.database, snapshot, journal=server.journal)
    assert restored.replay is not None and restored.replay.clean, restored.replay.lines()
    again = device(server.database, field.replica.device_id)
    assert (again.copied_at, again.clock_clamped_count, again.clock_clamped_at,
            again.clock_ahead_ms) == (flagged.copied_at, 2, flagged.clock_clamped_at,
                                      flagged.clock_ahead_ms)
    assert server_records(server.database)[("household", household.id)]["fields"] == {
        "house_no": "1", "moo": 1}
    field.close()
