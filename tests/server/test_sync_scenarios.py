"""The scenarios SYNC.md names, one test each (both databases)."""

from __future__ import annotations

from sync.records.ops import Command
from tests.server.test_sync_flow import connect, sync

TAMBON = "800102"


def results_of(link, signed):
    return [r["status"] for r in link.push([s.to_json() for s in signed])["results"]]


def test_update_before_create(client, world):
    """The second op of a row arrives first (a bundle out of order): nothing is lost."""
    field, link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"house_no": "1", "moo": 1})
    field.save("household", TAMBON, {"notes": "บ้านไม้"}, record_id=household.id)
    create, update = field.pending_ops(limit=2)
    assert results_of(link, [update]) == ["applied"]
    assert results_of(link, [create]) == ["merged"]
    sync(field, link)
    assert field.view("household", household.id).fields == {"house_no": "1", "moo": 1,
                                                             "notes": "บ้านไม้"}


def test_a_merge_that_breaks_a_cross_field_rule_is_a_conflict(client, world):
    """Quantity × unit price must equal the material cost: two devices each keep it
    true, their merge would not — so the merge becomes a conflict, not a bad row."""
    a, a_link = connect(client, world, "fw_in")
    b, b_link = connect(client, world, "sup_in")
    household = a.save("household", TAMBON, {"moo": 1})
    project = a.save("repair_project", TAMBON, {"household_id": household.id,
                                                "programme": "baan_por_piang",
                                                "fiscal_year": 2569})
    item = a.save("repair_item", TAMBON, {
        "household_id": household.id, "project_id": project.id, "category": "roof",
        "quantity": "2", "unit_price": 10_000, "material_cost": 20_000})
    sync(a, a_link)
    sync(b, b_link)
    a.save("repair_item", TAMBON, {"quantity": "3", "material_cost": 30_000},
           record_id=item.id)
    b.save("repair_item", TAMBON, {"unit_price": 12_000, "material_cost": 24_000},
           record_id=item.id)
    sync(a, a_link)
    report = sync(b, b_link)
    assert report.statuses == {"conflict": 1}
    row = b.view("repair_item", item.id)
    assert row.conflict and row.fields["quantity"] == "3"
    assert row.fields["material_cost"] == 30_000


def test_an_edit_of_a_deleted_row_is_a_conflict(client, world):
    a, a_link = connect(client, world, "fw_in")
    b, b_link = connect(client, world, "sup_in")
    household = a.save("household", TAMBON, {"moo": 1})
    sync(a, a_link)
    sync(b, b_link)
    a.delete("household", household.id)
    b.save("household", TAMBON, {"notes": "ยังอยู่"}, record_id=household.id)
    sync(a, a_link)
    assert sync(b, b_link).statuses == {"conflict": 1}
    assert b.view("household", household.id).deleted


def test_a_child_under_a_deleted_parent_is_a_conflict(client, world):
    a, a_link = connect(client, world, "fw_in")
    b, b_link = connect(client, world, "sup_in")
    household = a.save("household", TAMBON, {"moo": 1})
    sync(a, a_link)
    sync(b, b_link)
    a.delete("household", household.id)
    b.save("member", TAMBON, {"household_id": household.id, "given_name": "สมใจ"})
    sync(a, a_link)
    assert sync(b, b_link).statuses == {"conflict": 1}


def test_a_member_op_cannot_point_into_another_tambons_household(client, world):
    """The area is judged from the stored parent, not the op's claim."""
    out, out_link = connect(client, world, "fw_out")
    household = out.save("household", "800202", {"moo": 1})
    sync(out, out_link)
    field, link = connect(client, world, "fw_in")
    field.save("member", TAMBON, {"household_id": household.id, "given_name": "แอบ"})
    [status] = results_of(link, field.pending_ops(limit=1))
    assert status == "rejected"
    out_after = sync(out, out_link)
    assert out_after.pulled == 0


def test_an_approval_of_content_that_changed_is_a_conflict(client, world):
    field, link = connect(client, world, "fw_in")
    sup, sup_link = connect(client, world, "sup_in")
    household = field.save("household", TAMBON, {"house_no": "1", "moo": 1,
                                                 "land_tenure": "title_deed",
                                                 "structure_type": "wood"})
    member = field.save("member", TAMBON, {"household_id": household.id, "given_name": "ก",
                                           "family_name": "ข", "sex": "1",
                                           "birth_date": "1950", "relation_to_head": "head",
                                           "national_id_missing_reason": "no_status"})
    project = field.save("repair_project", TAMBON, {"household_id": household.id,
                                                    "programme": "baan_por_piang",
                                                    "fiscal_year": 2569})
    sync(field, link)
    sync(sup, sup_link)
    versions = {r.id: r.version for r in (sup.view("household", household.id),
                                          sup.view("member", member.id),
                                          sup.view("repair_project", project.id))}
    field.save("member", TAMBON, {"given_name": "กข"}, record_id=member.id)
    sync(field, link)  # the member changed after the supervisor looked
    field.command("repair_project", project.id, Command("submit", {}, None))
    sup.command("repair_project", project.id,
                Command("verify_community", versions, None))
    sync(field, link)
    assert sync(sup, sup_link).statuses == {"conflict": 1}
