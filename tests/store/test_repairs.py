"""The repairs service on a real encrypted profile: money typed in baht, item costs
and totals, the cap from the project or the fiscal year's settings, the commands
of each role in each state, a submission through ``give``, and the paged list."""

from __future__ import annotations

import pytest

from desktop.services import ServiceError
from desktop.services.repairs import (
    baht_text,
    cap_for,
    commands_for,
    give,
    item_total,
    list_items,
    list_projects,
    load_case,
    open_project,
    parse_baht_text,
    parse_quantity,
    project_id_for,
    save_co_funding,
    save_item,
    totals,
)
from desktop.store import repairs_query

TAMBON = "800101"
VALID_ID = "1112034563562"
YEAR = 2569


@pytest.fixture
def workspace(encrypted_workspace):
    return encrypted_workspace


def complete_household(workspace, house_no: str = "12/3", given: str = "สมศรี") -> str:
    """A household with what a submission needs: address, tenure, structure, a head."""
    household = workspace.save("household", {
        "house_no": house_no, "moo": 4, "land_tenure": "title_deed",
        "structure_type": "wood"}, tambon=TAMBON).record
    workspace.save("member", {
        "household_id": household.id, "given_name": given, "family_name": "ทองประเสริฐ",
        "sex": "2", "birth_date": "1960-03-12", "relation_to_head": "head",
        "national_id": VALID_ID})
    return household.id


ROOF = {"category": "roof", "description": "เปลี่ยนหลังคาสังกะสี", "quantity": "48",
        "unit": "แผ่น", "unit_price": 42_000, "labour_cost": 650_000}


def test_money_is_typed_in_baht_and_kept_in_satang():
    assert parse_baht_text("1,250.50", "unit_price") == (125_050, None)
    assert parse_baht_text("๑,๒๕๐", "unit_price") == (125_000, None)  # Thai digits
    assert parse_baht_text("฿ 300", "labour_cost") == (30_000, None)
    assert parse_baht_text("", "labour_cost") == (None, None)
    value, issue = parse_baht_text("1.255", "unit_price")  # no fraction of a satang
    assert value is None and issue.code == "field.type" and issue.field == "unit_price"
    assert parse_baht_text("abc", "material_cost")[1].params["label_en"] == "Material cost"
    assert parse_baht_text("-5", "labour_cost")[1].code == "field.negative"
    assert baht_text(4_000_000) == "40,000" and baht_text(125_050) == "1,250.50"
    assert parse_quantity("๔.๕") == ("4.5", None)
    assert parse_quantity("two")[1].code == "field.bad_decimal"


def test_an_item_costs_quantity_times_price_plus_labour_and_totals_count_live_items():
    roof = {"quantity": "48", "unit_price": 42_000, "labour_cost": 650_000}
    typed_cost = {"material_cost": 890_000, "labour_cost": 300_000}  # no quantity × price
    cancelled = {**typed_cost, "item_status": "cancelled"}
    assert item_total(roof) == 48 * 42_000 + 650_000
    assert item_total(typed_cost) == 1_190_000 and item_total(cancelled) == 0
    found = totals([roof, typed_cost, cancelled], cap=4_000_000,
                   co_funding=[{"source": "local_government", "amount": 200_000}])
    assert found.material == 2_016_000 + 890_000 and found.labour == 950_000
    assert found.total == 3_856_000 and found.over_cap == 0
    over = totals([roof, typed_cost, {"quantity": "4.5", "unit_price": 120_000}],
                  cap=4_000_000, co_funding=[{"amount": 200_000}])
    assert over.total == 4_396_000
    assert over.over_cap == 396_000 and over.uncovered == 196_000


def test_a_saved_item_gets_its_material_cost_from_quantity_and_price(workspace):
    household_id = complete_household(workspace)
    project = open_project(workspace, household_id, YEAR)
    assert project.id == project_id_for(household_id, YEAR)  # the natural key's UUIDv5
    assert open_project(workspace, household_id, YEAR).id == project.id  # not made twice
    # A material cost that disagrees with quantity × unit price is put right, never
    # refused with cost.mismatch.
    saved = save_item(workspace, project.id, {**ROOF, "material_cost": 1}).record
    assert saved.fields["material_cost"] == 48 * 42_000
    assert saved.fields["household_id"] == household_id
    changed = save_item(workspace, project.id, {"quantity": "50", "unit_price": 42_000},
                        item_id=saved.id).record
    assert changed.fields["material_cost"] == 50 * 42_000
    assert [i.id for i in list_items(workspace, project.id)] == [saved.id]


def test_the_cap_is_the_projects_own_else_the_fiscal_years_settings(workspace):
    household_id = complete_household(workspace)
    project = open_project(workspace, household_id, YEAR)
    assert cap_for(workspace, YEAR, project.fields).source == "defaults"
    assert load_case(workspace, household_id, YEAR).cap.amount == 4_000_000  # 40,000 baht
    workspace.replica.save("programme_settings", None, {
        "programme": "baan_por_piang", "fiscal_year": YEAR, "subsidy_cap": 4_500_000})
    published = load_case(workspace, household_id, YEAR).cap
    assert (published.amount, published.source) == (4_500_000, "record")
    workspace.save("repair_project", {"subsidy_cap": 3_500_000}, record_id=project.id)
    own = load_case(workspace, household_id, YEAR).cap
    assert (own.amount, own.source) == (3_500_000, "project")


def test_commands_depend_on_the_role_and_the_state():
    def names(state, role):
        return [t.command for t in commands_for(state, role)]
    assert names(None, "field_worker") == ["submit"]
    assert names("draft", "coordinator") == ["submit", "cancel"]
    assert names("submitted", "field_worker") == []
    assert names("submitted", "coordinator") == ["verify_community", "return", "reject",
                                                 "cancel"]
    assert names("returned", "field_worker") == ["submit"]
    assert names("purchasing", "field_worker") == ["start_repair"]
    assert names("inspected", "coordinator") == []
    assert names("inspected", "supervisor") == ["report"]
    needs_comment = {t.command for t in commands_for("submitted", "coordinator")
                     if t.comment_required}
    assert needs_comment == {"return", "reject", "cancel"}


def test_a_complete_checklist_is_submitted_through_give(workspace):
    household_id = complete_household(workspace)
    project = open_project(workspace, household_id, YEAR)
    for item in (ROOF, {"category": "bathroom", "description": "ห้องส้วม",
                        "quantity": "1", "unit_price": 890_000},
                 {"category": "ramp", "description": "ทางลาด", "material_cost": 540_000}):
        save_item(workspace, project.id, item)
    save_co_funding(workspace, project.id, [{"source": "local_government",
                                             "amount": 200_000, "note": None}])
    case = load_case(workspace, household_id, YEAR)
    assert [t.command for t in case.commands] == ["submit"]  # a field worker's draft
    assert case.totals().total == 2_016_000 + 650_000 + 890_000 + 540_000
    assert case.co_funding == [{"source": "local_government", "amount": 200_000}]
    with pytest.raises(ServiceError) as refused:
        give(workspace, project.id, "approve")
    assert refused.value.issue.code == "workflow.bad_transition"
    assert give(workspace, project.id, "submit").fields["status"] == "submitted"
    after = load_case(workspace, household_id, YEAR)
    assert after.state == "submitted" and after.commands == ()
    with pytest.raises(ServiceError) as again:
        give(workspace, project.id, "submit")
    assert again.value.issue.code == "workflow.bad_transition"
    workspace.set_role("coordinator")
    with pytest.raises(ServiceError) as no_comment:
        give(workspace, project.id, "return", "   ")
    assert no_comment.value.issue.code == "workflow.comment_required"
    returned = give(workspace, project.id, "return", "ขอรูปหลังคาเพิ่ม")
    assert returned.fields["status"] == "returned"


def test_an_item_without_a_description_stops_the_submission(workspace):
    household_id = complete_household(workspace)
    project = open_project(workspace, household_id, YEAR)
    item = save_item(workspace, project.id, {"category": "roof", "quantity": "2"}).record
    with pytest.raises(ServiceError) as refused:
        give(workspace, project.id, "submit")
    issue = refused.value.issue
    assert (issue.code, issue.field) == ("field.required", "description")
    assert issue.params["record_type"] == "repair_item"
    assert issue.params["record_id"] == item.id
    assert load_case(workspace, household_id, YEAR).state == "draft"


def test_the_projects_list_pages_in_thai_order_with_totals_and_filters(workspace,
                                                                       monkeypatch):
    names = ["อำนาจ", "กมล", "เกษม", "ขวัญ", "สมใจ"]
    for n, name in enumerate(names):
        household_id = complete_household(workspace, str(n + 1), name)
        project = open_project(workspace, household_id, YEAR)
        save_item(workspace, project.id, {**ROOF, "quantity": str(10 * (n + 1))})
        if n % 2 == 0:
            open_project(workspace, household_id, YEAR + 1)
    first = list_projects(workspace, limit=3)
    assert first.total == 8 and len(first.rows) == 3
    rest = list_projects(workspace, limit=10, after=first.rows[-1].key, total=first.total)
    rows = first.rows + rest.rows
    # Thai dictionary order of the head's name (เกษม sorts under ก), then fiscal year.
    assert [(r.head_name.split()[0], r.fiscal_year) for r in rows] == [
        ("กมล", 2569), ("เกษม", 2569), ("เกษม", 2570), ("ขวัญ", 2569), ("สมใจ", 2569),
        ("สมใจ", 2570), ("อำนาจ", 2569), ("อำนาจ", 2570)]
    over = next(r for r in rows if r.head_name.startswith("สมใจ") and r.fiscal_year == YEAR)
    assert over.total == 50 * 42_000 + 650_000 and over.cap == 4_000_000
    assert over.over_cap == 0 and over.item_count == 1
    assert list_projects(workspace, fiscal_year=YEAR + 1).total == 3
    assert {r.fiscal_year for r in list_projects(workspace, fiscal_year=YEAR + 1).rows} == {
        YEAR + 1}
    drafts = list_projects(workspace, state="draft")
    assert drafts.total == 8 and len(drafts.rows) == 8
    assert list_projects(workspace, state="submitted").total == 0
    monkeypatch.setattr(repairs_query, "SELECTIVE", 0)  # the walk gives the same order
    walked = list_projects(workspace, limit=10)
    assert [r.project_id for r in walked.rows] == [r.project_id for r in rows]


def test_a_project_of_a_household_in_conflict_carries_the_flag(workspace):
    """The Repairs list badges a case whose household has a row in conflict, as the
    households list does (the flag comes from the household index)."""
    from sqlalchemy import update

    from desktop.services.repairs import list_projects
    from desktop.store.household_index import refresh_household
    from desktop.store.schema import RECORDS

    household_id = complete_household(workspace, "77", "คงเดช")
    open_project(workspace, household_id, YEAR)
    rows = {r.household_id: r for r in list_projects(workspace, YEAR).rows}
    assert rows[household_id].conflict is False
    with workspace.database.writer.begin() as connection:  # as a pulled conflict leaves it
        connection.execute(update(RECORDS["household"]).where(
            RECORDS["household"].c.id == household_id).values(conflict=True))
        refresh_household(connection, household_id)
    rows = {r.household_id: r for r in list_projects(workspace, YEAR).rows}
    assert rows[household_id].conflict is True
