"""The in-memory reference replica keeps the contract's promises to the engine."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sync.client.memory import MemoryReplica
from sync.client.replica import PullPage, PushResult, Replica, ServerState, Status
from sync.records.errors import ContractError, Issue
from sync.records.ids import new_id
from sync.records.ops import Base, OpKind
from sync.records.record import Record

TAMBON = "800101"


@pytest.fixture
def replica() -> MemoryReplica:
    r = MemoryReplica(author="user-1")
    r.record_hello(ServerState(epoch="e1", server_time_ms=1_700_000_000_000, areas=(TAMBON,)))
    return r


def server_row(record_id: str, version: int, seq: int, **fields) -> Record:
    return Record("household", record_id, TAMBON, fields, version=version, seq=seq,
                  updated_by="user-2", hlc=f"{1_700_000_000_000:016d}:00000:{new_id()}")


def test_it_is_a_replica(replica):
    assert isinstance(replica, Replica)


def test_save_writes_a_signed_op_with_only_the_changed_fields(replica):
    op = replica.save("household", TAMBON, {"house_no": "๑๒/๓", "moo": 4})
    assert op.device_seq == 1 and op.base is None and op.kind == OpKind.UPSERT
    signed = replica.pending_ops(limit=10)
    assert len(signed) == 1
    assert signed[0].verify(replica.key.public_key()).fields == {"house_no": "12/3", "moo": 4}
    second = replica.save("household", TAMBON, {"moo": 5}, record_id=op.id)
    assert second.fields == {"moo": 5} and second.device_seq == 2
    assert replica.view("household", op.id).fields == {"house_no": "12/3", "moo": 5}


def test_an_invalid_save_writes_nothing(replica):
    with pytest.raises(ContractError) as caught:
        replica.save("household", TAMBON, {"moo": 300})
    assert caught.value.issue.field == "moo"
    assert replica.pending_ops(limit=10) == [] and replica.device_seq == 0


def test_a_pulled_row_never_hides_a_pending_local_edit(replica):
    record_id = new_id()
    replica.apply_pull_page(PullPage((server_row(record_id, 1, 10, moo=4, notes="เดิม"),),
                                     {TAMBON: 10}, False, "e1"))
    op = replica.save("household", TAMBON, {"notes": "ของฉัน"}, record_id=record_id)
    assert op.base == Base("e1", 1)
    newer = server_row(record_id, 2, 11, moo=6, notes="ของคนอื่น")
    replica.apply_pull_page(PullPage((newer,), {TAMBON: 11}, False, "e1"))
    seen = replica.view("household", record_id)
    assert seen.fields == {"moo": 6, "notes": "ของฉัน"}
    assert op.base == Base("e1", 1)  # the pending op keeps the base it was made on
    later = replica.save("household", TAMBON, {"moo": 7}, record_id=record_id)
    assert later.base == Base("e1", 2)


def test_pull_is_idempotent_and_checkpoints_never_go_back(replica):
    record_id = new_id()
    page = PullPage((server_row(record_id, 2, 20, moo=2),), {TAMBON: 20}, False, "e1")
    replica.apply_pull_page(page)
    replica.apply_pull_page(page)
    old = PullPage((server_row(record_id, 1, 5, moo=1),), {TAMBON: 5}, False, "e1")
    replica.apply_pull_page(old)  # a late, older page (a bundle out of order)
    assert replica.checkpoints() == {TAMBON: 20}
    assert replica.view("household", record_id).fields == {"moo": 2}


def test_final_results_leave_the_outbox_deferred_ones_stay(replica):
    a = replica.save("household", TAMBON, {"moo": 1})
    b = replica.save("household", TAMBON, {"moo": 2})
    stored = server_row(a.id, 1, 30, moo=1)
    replica.apply_push_results([PushResult(a.op_id, Status.APPLIED, record=stored),
                                PushResult(b.op_id, Status.DEFERRED)])
    assert [s.parse().op_id for s in replica.pending_ops(limit=10)] == [b.op_id]
    assert replica.acknowledged[a.op_id].status == Status.APPLIED
    assert replica.view("household", a.id).version == 1


def test_a_rejected_edit_returns_as_a_draft_with_its_error(replica):
    op = replica.save("household", TAMBON, {"moo": 1})
    error = Issue("field.required", "house_no")
    replica.apply_push_results([PushResult(op.op_id, Status.REJECTED, error=error)])
    assert replica.pending_ops(limit=10) == []
    assert replica.drafts[op.op_id].error == error
    assert replica.drafts[op.op_id].op.fields == {"moo": 1}


def test_new_epoch_resends_ops_the_server_lost_and_pulls_from_zero(replica):
    ops = [replica.save("household", TAMBON, {"moo": n}) for n in (1, 2, 3)]
    replica.apply_push_results([PushResult(o.op_id, Status.APPLIED) for o in ops])
    replica.apply_pull_page(PullPage((), {TAMBON: 50}, False, "e1"))
    replica.start_epoch("e2", last_device_seq=1)
    assert [s.parse().device_seq for s in replica.pending_ops(limit=10)] == [2, 3]
    assert replica.checkpoints() == {TAMBON: 0}
    assert replica.server_state().epoch == "e2"


def test_an_area_is_purged_only_after_its_ops_have_results(replica):
    op = replica.save("household", TAMBON, {"moo": 1})
    replica.apply_pull_page(PullPage((server_row(new_id(), 1, 3, moo=9),), {TAMBON: 3},
                                     False, "e1"))
    replica.apply_pull_page(PullPage((), {}, False, "e1", removed_areas=(TAMBON,)))
    assert len(replica.rows) == 1 and replica.view("household", op.id) is not None
    replica.apply_push_results([PushResult(op.op_id, Status.QUARANTINED)])
    replica.apply_pull_page(PullPage((), {}, False, "e1", removed_areas=(TAMBON,)))
    assert replica.rows == {} and replica.checkpoints() == {}


def test_delete_and_command_ops(replica):
    op = replica.save("household", TAMBON, {"moo": 1})
    gone = replica.delete("household", op.id)
    assert gone.kind == OpKind.DELETE and replica.view("household", op.id).deleted
    with pytest.raises(ContractError):
        replica.delete("household", new_id())


def test_push_result_json_round_trip():
    record = server_row(new_id(), 3, 9, moo=2)
    result = PushResult(new_id(), Status.CONFLICT, duplicate=True, record=record,
                        conflict_fields=("moo",), error=Issue("x.y", "moo", {"a": 1}),
                        ack_sig="sig")
    again = PushResult.from_json(result.to_json())
    assert again == replace(result)


def test_two_replicas_creating_the_same_village_create_one_row():
    a, b = MemoryReplica(author="a"), MemoryReplica(author="b")
    va = a.save("village", TAMBON, {"moo": 4, "name": "บ้านนา"})
    vb = b.save("village", TAMBON, {"moo": "๔", "name": "บ้านนาเหนือ"})
    assert va.id == vb.id
    with pytest.raises(ContractError) as caught:
        a.save("village", TAMBON, {"moo": 5, "name": "x"}, record_id=va.id)
    assert caught.value.issue.code == "record.natural_key"
