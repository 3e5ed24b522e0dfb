"""Regressions the sync state machine and the fault-injecting transport found
(both databases).  Each test names what went wrong."""

from __future__ import annotations

from tests.server.test_sync_flow import connect, sync

TAMBON = "800102"


def test_a_conflict_badge_keeps_the_rows_last_writer(client, world):
    """An edit that only joins a conflict changes no field: the row keeps the author,
    device and stamp of its last change (it was: the version that set the badge named
    the losing edit's author as the row's ``updated_by``, with its stamp)."""
    a, a_link = connect(client, world, "fw_in")
    b, b_link = connect(client, world, "sup_in")
    household = a.save("household", TAMBON, {"house_no": "1", "moo": 1})
    sync(a, a_link)
    sync(b, b_link)
    a.save("household", TAMBON, {"house_no": "2"}, record_id=household.id)
    b.save("household", TAMBON, {"house_no": "3"}, record_id=household.id)
    sync(a, a_link)
    written = a.view("household", household.id)
    assert sync(b, b_link).statuses == {"conflict": 1}
    row = b.view("household", household.id)
    assert row.conflict and row.fields["house_no"] == "2"
    assert (row.updated_by, row.device_id, row.hlc) == (
        written.updated_by, written.device_id, written.hlc) == (
        world["fw_in"].id, a.device_id, written.hlc)
