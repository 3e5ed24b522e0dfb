"""A conflict end to end: two devices change one name offline; a supervisor's
desktop profile sees one conflict, resolves it, and every replica agrees."""

from __future__ import annotations

import pytest

from desktop.services.conflicts import open_conflicts, resolve_conflict
from desktop.services.profiles import ProfileService
from desktop.services.sync import SyncService
from desktop.store.crypto import FAST_KDF
from tests.server.asgi_adapter import AppAdapter
from tests.server.test_sync_flow import connect, sync
from tests.server.world import PASSWORD, username_of

TAMBON = "800102"


@pytest.fixture
def supervisor(client, world, tmp_path):
    service = ProfileService(tmp_path / "profiles", kdf=FAST_KDF)
    service.create_profile("sup", "profile password")
    workspace = service.unlock("sup", password="profile password")
    syncer = SyncService(workspace, adapter=AppAdapter(client))
    syncer.login("http://testserver", username_of("sup_in"), PASSWORD)
    yield workspace, syncer
    workspace.close()


def test_one_conflict_resolved_by_the_supervisor(client, world, supervisor):
    workspace, syncer = supervisor
    field, link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"moo": 1})
    member = field.save("member", TAMBON, {"household_id": household.id,
                                           "given_name": "สมใจ"})
    sync(field, link)
    assert syncer.run().ok
    field.save("member", TAMBON, {"given_name": "สมใจดี"}, record_id=member.id)
    workspace.save("member", {"given_name": "สมหญิง"}, record_id=member.id)
    sync(field, link)
    outcome = syncer.run()
    assert outcome.ok and outcome.summary["statuses"] == {"conflict": 1}
    [conflict] = open_conflicts(workspace, tambon=TAMBON)
    assert (conflict.target_id, conflict.group) == (member.id, "identity")
    assert conflict.current["given_name"] == "สมใจดี"
    assert [p.fields for p in conflict.proposals] == [{"given_name": "สมหญิง"}]
    assert workspace.replica.get("member", member.id).conflict
    resolve_conflict(workspace, conflict.id, {"given_name": "สมหญิง"})
    assert syncer.run().ok and open_conflicts(workspace) == []
    sync(field, link)
    for row in (field.view("member", member.id), workspace.replica.get("member", member.id)):
        assert row.fields["given_name"] == "สมหญิง" and not row.conflict


def test_resolving_with_a_field_of_another_group_is_refused(client, world, supervisor):
    from desktop.services import ServiceError
    workspace, syncer = supervisor
    field, link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"moo": 1, "house_no": "1"})
    sync(field, link)
    syncer.run()
    field.save("household", TAMBON, {"house_no": "2"}, record_id=household.id)
    workspace.save("household", {"house_no": "3"}, record_id=household.id)
    sync(field, link)
    syncer.run()
    [conflict] = open_conflicts(workspace)
    with pytest.raises(ServiceError) as caught:
        resolve_conflict(workspace, conflict.id, {"notes": "x"})
    assert (caught.value.issue.code, caught.value.issue.field) == ("field.unknown", "notes")
