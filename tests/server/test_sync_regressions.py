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


def test_a_second_resolution_keeps_its_values_in_the_new_conflict(client, world):
    """Two supervisors' laptops settle the same conflict offline, each choosing another
    value.  The second resolution reaches a settled conflict: its values must wait in
    a new conflict (not vanish as an empty proposal, as they once did when the group
    was also concurrent with the first resolution)."""
    a, a_link = connect(client, world, "fw_in")
    b, b_link = connect(client, world, "fw_in")
    household = a.save("household", TAMBON, {"moo": 1})
    member = a.save("member", TAMBON, {"household_id": household.id, "given_name": "สมใจ"})
    sync(a, a_link)
    sync(b, b_link)
    a.save("member", TAMBON, {"given_name": "สมใจดี"}, record_id=member.id)
    b.save("member", TAMBON, {"given_name": "สมหญิง"}, record_id=member.id)
    sync(a, a_link)
    sync(b, b_link)
    first, first_link = connect(client, world, "sup_in")
    second, second_link = connect(client, world, "sup_in")
    sync(first, first_link)
    sync(second, second_link)
    [conflict] = [r for (t, _), r in first.rows.items()
                  if t == "conflict" and r.fields["status"] == "open"]
    first.save("member", TAMBON, {"given_name": "สมหญิง"}, record_id=member.id,
               resolves=[conflict.id])
    chosen = second.save("member", TAMBON, {"given_name": "สมศรี", "family_name": "ใจงาม"},
                         record_id=member.id, resolves=[conflict.id])
    assert sync(first, first_link).statuses == {"applied": 1}
    report = sync(second, second_link)
    assert report.statuses == {"conflict": 1}
    sync(first, first_link)
    reopened = [r for (t, _), r in first.rows.items() if t == "conflict"
                and r.fields["status"] == "open" and r.fields["reason"] == "resolved_again"]
    assert len(reopened) == 1
    [offered] = [p for p in reopened[0].fields["proposals"] if p["op_id"] == chosen.op_id]
    assert offered["fields"] == {"given_name": "สมศรี", "family_name": "ใจงาม"}
    assert first.view("member", member.id).fields["given_name"] == "สมหญิง"
