"""The local replica: atomic saves with signed ops, drafts, the sync side."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from desktop.store.errors import StoreError
from desktop.store.schema import drafts, household_index, outbox
from sync.client.replica import PullPage, PushResult, Replica, ServerState, Status
from sync.records.errors import Issue
from sync.records.ids import new_id
from sync.records.ops import Base
from sync.records.record import Record

TAMBON = "800101"


def count(replica, table) -> int:
    with replica.database.reader.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_it_is_a_replica(replica):
    assert isinstance(replica, Replica)


def test_a_save_writes_the_row_and_its_signed_op_together(replica):
    saved = replica.save("household", TAMBON, {"house_no": "๑๒/๓", "moo": "4"})
    assert saved.record.fields == {"house_no": "12/3", "moo": 4}
    [signed] = replica.pending_ops(limit=10)
    op = signed.verify(replica.identity.signing_key.public_key())
    assert op == saved.op and op.device_seq == 1 and op.base is None
    assert replica.get("household", saved.record.id).fields == saved.record.fields


def test_a_failed_save_leaves_neither_row_nor_op(replica):
    with pytest.raises(StoreError) as caught:
        replica.save("household", TAMBON, {"house_no": "12", "moo": 300})
    assert (caught.value.issue.code, caught.value.issue.field) == ("field.out_of_range", "moo")
    with pytest.raises(StoreError) as caught:
        replica.save("member", TAMBON, {"household_id": new_id(), "national_id": "1234"})
    assert caught.value.issue.field == "national_id"
    assert count(replica, outbox) == 0 and replica.pending_ops(limit=5) == []
    with replica.database.reader.connect() as connection:
        assert connection.execute(text("select count(*) from household")).scalar() == 0


def test_an_autosave_writes_no_op(replica):
    replica.autosave("household:new-1", "household", {"house_no": "12", "moo": "ส"})
    replica.autosave("household:new-1", "household", {"house_no": "12/", "moo": None})
    assert count(replica, outbox) == 0
    [draft] = replica.drafts()
    assert draft["fields"] == {"house_no": "12/", "moo": None} and draft["origin"] == "autosave"
    saved = replica.save("household", TAMBON, {"house_no": "12", "moo": 1},
                         draft_id="household:new-1")
    assert replica.drafts() == [] and saved.op.device_seq == 1


def test_device_seq_keeps_rising_after_ops_are_acknowledged(replica):
    first = replica.save("household", TAMBON, {"moo": 1}).op
    replica.apply_push_results([PushResult(first.op_id, Status.APPLIED)])
    assert replica.save("household", TAMBON, {"moo": 2}).op.device_seq == 2


def test_members_feed_the_household_index(replica):
    household = replica.save("household", TAMBON, {"house_no": "7", "moo": 3}).record
    replica.save("member", TAMBON, {"household_id": household.id, "given_name": "น้ำผึ้ง",
                                    "family_name": "ใจดี", "relation_to_head": "head",
                                    "vulnerability": {"add": ["elderly"], "remove": []}})
    with replica.database.reader.connect() as connection:
        row = connection.execute(select(household_index)).one()
        fts = connection.execute(text(
            "SELECT i.household_id FROM household_fts f JOIN household_index i ON i.row = f.rowid "
            "WHERE household_fts MATCH '\"ผึ้ง\"'")).all()
    assert row.head_name == "น้ำผึ้ง ใจดี" and row.member_count == 1 and row.pending
    assert row.moo == 3 and row.vuln_mask != 0 and row.sort_key
    assert [r[0] for r in fts] == [household.id]


def test_a_pulled_row_does_not_hide_a_pending_edit(replica):
    record_id = new_id()
    server = Record("household", record_id, TAMBON, {"moo": 4, "notes": "เดิม"}, version=1,
                    seq=10, updated_by="u2")
    replica.record_hello(ServerState("e1", 1_700_000_000_000, (TAMBON,)))
    replica.apply_pull_page(PullPage((server,), {TAMBON: 10}, False, "e1"))
    op = replica.save("household", TAMBON, {"notes": "ของฉัน"}, record_id=record_id).op
    assert op.base == Base("e1", 1)
    newer = Record("household", record_id, TAMBON, {"moo": 6, "notes": "ของคนอื่น"},
                   version=2, seq=11, updated_by="u3")
    replica.apply_pull_page(PullPage((newer,), {TAMBON: 11}, False, "e1"))
    seen = replica.get("household", record_id)
    assert seen.fields == {"moo": 6, "notes": "ของฉัน"} and seen.version == 2
    assert replica.save("household", TAMBON, {"moo": 7}, record_id=record_id).op.base == \
        Base("e1", 2)


def test_pull_is_idempotent_and_checkpoints_never_go_back(replica):
    record_id = new_id()
    page = PullPage((Record("household", record_id, TAMBON, {"moo": 2}, version=2, seq=20),),
                    {TAMBON: 20}, False, "e1")
    replica.apply_pull_page(page)
    replica.apply_pull_page(page)
    late = PullPage((Record("household", record_id, TAMBON, {"moo": 1}, version=1, seq=5),),
                    {TAMBON: 5}, False, "e1")
    replica.apply_pull_page(late)
    assert replica.checkpoints() == {TAMBON: 20}
    assert replica.get("household", record_id).fields == {"moo": 2}
    assert count(replica, household_index) == 1


def test_rejected_edit_returns_as_a_draft_with_its_error(replica):
    op = replica.save("household", TAMBON, {"moo": 1}).op
    error = Issue("field.required", "house_no", {"label_th": "บ้านเลขที่"})
    replica.apply_push_results([PushResult(op.op_id, Status.REJECTED, error=error),
                                PushResult(new_id(), Status.APPLIED)])
    assert replica.pending_ops(limit=5) == []
    [draft] = [d for d in replica.drafts() if d["origin"] == "rejected"]
    assert draft["fields"] == {"moo": 1} and draft["error"]["code"] == "field.required"


def test_deferred_results_keep_the_op(replica):
    op = replica.save("household", TAMBON, {"moo": 1}).op
    replica.apply_push_results([PushResult(op.op_id, Status.DEFERRED)])
    assert [s.parse().op_id for s in replica.pending_ops(limit=5)] == [op.op_id]


def test_new_epoch_resends_and_pulls_from_zero(replica):
    ops = [replica.save("household", TAMBON, {"moo": n}).op for n in (1, 2, 3)]
    replica.apply_push_results([PushResult(o.op_id, Status.APPLIED) for o in ops])
    replica.apply_pull_page(PullPage((), {TAMBON: 50}, False, "e1"))
    replica.start_epoch("e2", last_device_seq=1)
    assert [s.parse().device_seq for s in replica.pending_ops(limit=10)] == [2, 3]
    assert replica.checkpoints() == {TAMBON: 0}
    assert replica.server_state().epoch == "e2"


def test_area_purged_only_after_its_ops_have_results(replica):
    op = replica.save("household", TAMBON, {"moo": 1}).op
    replica.apply_pull_page(PullPage((), {}, False, "e1", removed_areas=(TAMBON,)))
    assert replica.get("household", op.id) is not None
    replica.apply_push_results([PushResult(op.op_id, Status.QUARANTINED)])
    replica.apply_pull_page(PullPage((), {}, False, "e1", removed_areas=(TAMBON,)))
    assert replica.get("household", op.id) is None and count(replica, household_index) == 0


def test_commands_follow_the_workflow_and_role(replica):
    household = replica.save("household", TAMBON, {"moo": 1}).record
    project = replica.save("repair_project", TAMBON, {
        "household_id": household.id, "programme": "baan_por_piang",
        "fiscal_year": 2569}).record
    with pytest.raises(StoreError) as caught:
        replica.command("repair_project", project.id, "approve", role="field_worker")
    assert caught.value.issue.code == "workflow.bad_transition"
    with pytest.raises(StoreError) as caught:  # the household lacks what a submission needs
        replica.command("repair_project", project.id, "submit", role="field_worker")
    assert (caught.value.issue.code, caught.value.issue.field) == ("field.required", "house_no")
    assert caught.value.issue.params["record_type"] == "household"
    replica.save("household", TAMBON, {"house_no": "1", "land_tenure": "title_deed",
                                       "structure_type": "wood"}, record_id=household.id)
    replica.command("repair_project", project.id, "submit", role="field_worker")
    assert replica.get("repair_project", project.id).fields["status"] == "submitted"
    with pytest.raises(StoreError) as caught:
        replica.command("repair_project", project.id, "verify_community",
                        role="field_worker")
    assert caught.value.issue.code == "workflow.role_forbidden"
    with replica.database.reader.connect() as connection:
        assert connection.execute(select(household_index.c.state)).scalar() == "submitted"


def test_status_cannot_be_saved_directly(replica):
    with pytest.raises(StoreError) as caught:
        replica.save("repair_project", TAMBON, {"household_id": new_id(),
                                                "programme": "baan_por_piang",
                                                "fiscal_year": 2569, "status": "approved"})
    assert caught.value.issue.code == "field.command_only"


def test_delete_makes_a_tombstone_op(replica):
    record = replica.save("household", TAMBON, {"moo": 1}).record
    replica.delete("household", record.id)
    assert replica.pending_ops(limit=5)[-1].parse().kind == "delete"
    assert replica.get("household", record.id).deleted
    assert count(replica, household_index) == 0
    with pytest.raises(StoreError):
        replica.save("household", TAMBON, {"moo": 2}, record_id=record.id)
    assert count(replica, drafts) == 0


def test_a_tombstone_keeps_its_links_and_no_personal_data(replica):
    household = replica.save("household", TAMBON, {"moo": 1}).record
    member = replica.save("member", TAMBON, {"household_id": household.id,
                                             "given_name": "สมใจ",
                                             "national_id": "1112034563562"}).record
    replica.delete("member", member.id)
    assert replica.get("member", member.id).fields == {"household_id": household.id}


def test_deleting_a_household_deletes_its_subtree(replica):
    household = replica.save("household", TAMBON, {"moo": 1, "notes": "x"},
                             ).record
    member = replica.save("member", TAMBON, {"household_id": household.id,
                                             "given_name": "สมใจ"}).record
    ops = replica.delete("household", household.id)
    assert {(op.type, op.id) for op in ops} == {("household", household.id),
                                                ("member", member.id)}
    assert replica.get("member", member.id).deleted
    assert replica.get("household", household.id).extra == {}


def server_copy(replica, record_id, **fields):
    replica.record_hello(ServerState("e1", 1_700_000_000_000, (TAMBON,)))
    record = Record("household", record_id, TAMBON, fields, version=1, seq=10)
    replica.apply_pull_page(PullPage((record,), {TAMBON: 10}, False, "e1"))
    return record


def test_a_rejected_edit_disappears_from_the_row(replica):
    record_id = new_id()
    server = server_copy(replica, record_id, moo=1)
    op = replica.save("household", TAMBON, {"moo": 7}, record_id=record_id).op
    assert replica.get("household", record_id).fields == {"moo": 7}
    replica.apply_push_results([PushResult(op.op_id, Status.REJECTED,
                                           error=Issue("x.y", "moo"), record=server)])
    assert replica.get("household", record_id).fields == {"moo": 1}
    assert [d["origin"] for d in replica.drafts()] == ["rejected"]


def test_a_rejected_create_leaves_no_local_only_row(replica):
    op = replica.save("household", TAMBON, {"moo": 2}).op
    replica.apply_push_results([PushResult(op.op_id, Status.REJECTED)])
    assert replica.get("household", op.id) is None and count(replica, household_index) == 0


def test_a_delete_that_became_a_conflict_comes_back(replica):
    record_id = new_id()
    server = server_copy(replica, record_id, moo=3)
    [op] = replica.delete("household", record_id)
    replica.apply_push_results([PushResult(op.op_id, Status.CONFLICT, record=server)])
    assert not replica.get("household", record_id).deleted
    assert count(replica, household_index) == 1


def test_reacknowledged_ops_after_a_restore_do_not_break_sync(replica):
    op = replica.save("household", TAMBON, {"moo": 1}).op
    replica.record_hello(ServerState("e1", 1_700_000_000_000, (TAMBON,)))
    replica.apply_push_results([PushResult(op.op_id, Status.APPLIED)])
    replica.start_epoch("e2", last_device_seq=0)
    assert [s.parse().op_id for s in replica.pending_ops(limit=5)] == [op.op_id]
    replica.apply_push_results([PushResult(op.op_id, Status.REJECTED)])
    replica.start_epoch("e3", last_device_seq=0)
    replica.apply_push_results([PushResult(op.op_id, Status.REJECTED)])
    assert replica.pending_ops(limit=5) == []


def test_after_a_restore_the_new_servers_rows_win(replica):
    record_id = new_id()
    replica.record_hello(ServerState("e1", 1_700_000_000_000, (TAMBON,)))
    replica.apply_pull_page(PullPage((Record("household", record_id, TAMBON, {"moo": 1},
                                             version=5, seq=500),), {TAMBON: 500}, False,
                                     "e1"))
    replica.start_epoch("e2", last_device_seq=0)
    with pytest.raises(StoreError) as caught:  # a page of another epoch is refused
        replica.apply_pull_page(PullPage((), {TAMBON: 9}, False, "e1"))
    assert caught.value.issue.code == "sync.epoch_changed"
    replica.apply_pull_page(PullPage((Record("household", record_id, TAMBON, {"moo": 8},
                                             version=2, seq=30),), {TAMBON: 30}, False, "e2"))
    assert replica.get("household", record_id).fields == {"moo": 8}
    assert replica.checkpoints() == {TAMBON: 30}


def test_the_clock_does_not_go_back_after_a_restart(replica, database, profile):
    from desktop.store.replica import LocalReplica
    future = f"{4_000_000_000_000:016d}:00007:{new_id()}"
    replica.apply_pull_page(PullPage((Record("household", new_id(), TAMBON, {"moo": 1},
                                             version=1, seq=1, hlc=future),), {TAMBON: 1},
                                     False, "e1"))
    restarted = LocalReplica(database, device_id=profile.info.device_id)
    op = restarted.save("household", TAMBON, {"moo": 2}).op
    assert op.hlc > future


def test_editing_a_bulk_loaded_row_keeps_its_other_fields(replica):
    from desktop.store.bulk import load_households
    household = Record("household", new_id(), TAMBON, {"house_no": "9", "moo": 2})
    load_households(replica.database.writer, [[household]])
    saved = replica.save("household", TAMBON, {"moo": 3}, record_id=household.id)
    assert saved.record.fields == {"house_no": "9", "moo": 3}


def test_public_keys_are_url_safe_base64_of_32_bytes(replica):
    import base64
    import re

    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from desktop.store.identity import DeviceIdentity
    from sync.records.signing import SigningKey

    identities = [replica.identity] + [
        DeviceIdentity(replica.device_id, SigningKey.generate(), X25519PrivateKey.generate())
        for _ in range(30)]  # many keys: some bytes would need + or / in plain base64
    for identity in identities:
        for key in identity.public_keys().values():
            assert re.fullmatch(r"[A-Za-z0-9_\-]{43}=", key)
            assert len(base64.urlsafe_b64decode(key)) == 32
