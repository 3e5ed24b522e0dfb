"""Reopening review (SYNC.md "Review covers the household"): a change to a field group
marked ``reopens_review`` of a case in the workflow's ``reopen_from`` states sends the
case back to ``reopen_to`` and the server writes a review event saying why, in the
same savepoint; other changes leave the state alone (both databases)."""

from __future__ import annotations

from sqlalchemy import select, update

from sync.client.memory import MemoryReplica
from sync.records.ops import Command
from sync.records.registry import SUBTREE_TYPES
from sync.records.workflow import CASE_WORKFLOW, PLAN_WORKFLOW
from sync.server.db import Database
from sync.server.models import RECORD_TABLES, User
from sync.server.versions import read_row
from tests.server.test_sync_flow import connect, sync

TAMBON = "800102"  # fw_in's tambon; sup_in (district 8001) reviews it


def versions_of(replica: MemoryReplica, household_id: str) -> dict[str, int]:
    """The versions of every live row of the household's subtree the replica holds."""
    return {key[1]: row.version for key, row in replica.rows.items()
            if key[0] in SUBTREE_TYPES and not row.deleted
            and household_id in (row.id, row.fields.get("household_id"))}


def give(replica: MemoryReplica, link, project_id: str, household_id: str, name: str,
         comment: str | None = None) -> None:
    replica.command("repair_project", project_id,
                    Command(name, versions_of(replica, household_id), comment))
    report = sync(replica, link)
    assert report.statuses == {"applied": 1}, (name, report.statuses, report.rejected)


def submitted_case(client, world):
    """A complete household with one member and a project, submitted by the field
    worker: (field replica, its link, household, member, project)."""
    field, field_link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"house_no": "1", "moo": 1,
                                                 "land_tenure": "title_deed",
                                                 "structure_type": "wood", "notes": "เดิม"})
    member = field.save("member", TAMBON, {
        "household_id": household.id, "given_name": "ก", "family_name": "ข", "sex": "1",
        "birth_date": "1950", "relation_to_head": "head",
        "national_id_missing_reason": "no_status"})
    project = field.save("repair_project", TAMBON, {"household_id": household.id,
                                                    "programme": "baan_por_piang",
                                                    "fiscal_year": 2569})
    sync(field, field_link)
    give(field, field_link, project.id, household.id, "submit")
    return field, field_link, household, member, project


def approved_case(client, world):
    """A complete household with one member and a project, approved by the supervisor."""
    field, field_link, household, member, project = submitted_case(client, world)
    sup, sup_link = connect(client, world, "sup_in")
    sync(sup, sup_link)
    for name in ("verify_community", "review", "approve"):
        give(sup, sup_link, project.id, household.id, name)
    sync(field, field_link)
    assert field.view("repair_project", project.id).fields["status"] == "approved"
    return field, field_link, sup, sup_link, household, member, project


def events_of(database: Database, project_id: str) -> list[dict]:
    table = RECORD_TABLES["review_event"]
    with database.reading() as session:
        rows = session.execute(select(table).where(table.c.record_id == project_id)
                               .order_by(table.c.seq)).mappings().all()
        return [dict(r) for r in rows]


def status_of(database: Database, type_name: str, record_id: str) -> str:
    with database.reading() as session:
        return read_row(session, type_name, record_id).fields["status"]


def test_a_reopening_edit_sends_an_approved_case_back(client, world, database):
    field, field_link, sup, sup_link, household, member, project = approved_case(client, world)
    field.save("member", TAMBON, {"given_name": "กข"}, record_id=member.id)  # identity
    assert sync(field, field_link).statuses == {"applied": 1}
    target = CASE_WORKFLOW.reopen_to
    assert target == "community_verified"
    assert status_of(database, "repair_project", project.id) == target
    last = events_of(database, project.id)[-1]
    assert (last["command"], last["from_state"], last["to_state"]) == ("reopen", "approved",
                                                                       target)
    assert last["actor"] == world["fw_in"].id and last["role"] == "field_worker"
    assert last["comment"] == f"member {member.id}: identity"
    assert last["household_id"] == household.id and last["tambon"] == TAMBON
    # Every replica of the area sees the case back under review, and its reason.
    sync(sup, sup_link)
    assert sup.view("repair_project", project.id).fields["status"] == target
    sync(field, field_link)
    assert field.view("repair_project", project.id).fields["status"] == target
    # The supervisor approves again after looking at the new content.
    give(sup, sup_link, project.id, household.id, "review")
    give(sup, sup_link, project.id, household.id, "approve")
    assert status_of(database, "repair_project", project.id) == "approved"


def test_a_non_reopening_edit_keeps_the_case_approved(client, world, database):
    field, field_link, _, _, household, member, project = approved_case(client, world)
    before = len(events_of(database, project.id))
    field.save("household", TAMBON, {"notes": "หลังคารั่ว"}, record_id=household.id)
    field.save("member", TAMBON, {"welfare": {"add": ["old_age"], "remove": []}},
               record_id=member.id)
    assert sync(field, field_link).statuses == {"applied": 2}
    assert status_of(database, "repair_project", project.id) == "approved"
    assert len(events_of(database, project.id)) == before


def test_an_edit_that_changes_nothing_does_not_reopen(client, world, database):
    field, field_link, _, _, household, _, project = approved_case(client, world)
    field.save("household", TAMBON, {"structure_type": "wood"}, record_id=household.id)
    sync(field, field_link)
    assert status_of(database, "repair_project", project.id) == "approved"


def test_a_new_member_and_a_deleted_member_reopen(client, world, database):
    field, field_link, sup, sup_link, household, member, project = approved_case(client, world)
    field.save("member", TAMBON, {"household_id": household.id, "given_name": "ใหม่",
                                  "family_name": "ข", "sex": "2", "birth_date": "1980",
                                  "relation_to_head": "spouse",
                                  "national_id_missing_reason": "no_status"})
    sync(field, field_link)
    assert status_of(database, "repair_project", project.id) == "community_verified"
    sync(sup, sup_link)
    give(sup, sup_link, project.id, household.id, "review")
    give(sup, sup_link, project.id, household.id, "approve")
    sync(field, field_link)
    field.delete("member", member.id)
    sync(field, field_link)
    assert status_of(database, "repair_project", project.id) == "community_verified"
    commands = [e["command"] for e in events_of(database, project.id)]
    assert commands.count("reopen") == 2
    # The deleted member is no part of what a reviewer names (replicas list live rows):
    # it does not make the next approval stale.
    sync(sup, sup_link)
    give(sup, sup_link, project.id, household.id, "review")
    give(sup, sup_link, project.id, household.id, "approve")


def test_a_case_outside_the_reopen_states_is_left_alone(client, world, database):
    """A submitted case is still in review: its content may change without a reopening."""
    field, field_link = connect(client, world, "fw_in")
    household = field.save("household", TAMBON, {"house_no": "1", "moo": 1,
                                                 "land_tenure": "title_deed",
                                                 "structure_type": "wood"})
    project = field.save("repair_project", TAMBON, {"household_id": household.id,
                                                    "programme": "baan_por_piang",
                                                    "fiscal_year": 2569})
    sync(field, field_link)
    give(field, field_link, project.id, household.id, "submit")
    field.save("household", TAMBON, {"structure_type": "concrete"}, record_id=household.id)
    sync(field, field_link)
    assert status_of(database, "repair_project", project.id) == "submitted"
    assert [e["command"] for e in events_of(database, project.id)] == ["submit"]


def test_a_plan_reopens_itself(client, world, database):
    """The tambon plan is its own case: a change of its selection sends a proposed plan
    back to draft in the same version as the change."""
    sup, link = connect(client, world, "sup_in")
    plan = sup.save("tambon_plan", TAMBON, {"fiscal_year": 2569, "notes": "แผน"})
    sync(sup, link)
    sup.command("tambon_plan", plan.id, Command("propose", {}, None))
    sync(sup, link)
    version = sup.view("tambon_plan", plan.id).version
    sup.save("tambon_plan", TAMBON, {"selected_projects": [plan.id]}, record_id=plan.id)
    assert sync(sup, link).statuses == {"applied": 1}
    row = sup.view("tambon_plan", plan.id)
    assert row.fields["status"] == PLAN_WORKFLOW.reopen_to and row.version == version + 1
    last = events_of(database, plan.id)[-1]
    assert (last["command"], last["from_state"], last["to_state"]) == ("reopen", "proposed",
                                                                       "draft")


def test_a_command_on_a_case_deleted_meanwhile_is_kept_in_the_workflow_group(
        client, world, database):
    """The field worker deletes the case while the supervisor, offline, returns it: the
    command becomes a conflict of group ``workflow`` (``missing_row``) whose proposal is
    the command, as for a stale command — not a whole-row proposal (found by the state
    machine's check of every conflict's proposal)."""
    field, field_link, sup, sup_link, household, _, project = approved_case(client, world)
    field.delete("repair_project", project.id)
    assert sync(field, field_link).statuses == {"applied": 1}
    op = sup.command("repair_project", project.id,
                     Command("return", versions_of(sup, household.id), "ขาดเอกสาร"))
    assert sync(sup, sup_link).statuses == {"conflict": 1}
    table = RECORD_TABLES["conflict"]
    with database.reading() as session:
        [row] = session.execute(select(table).where(table.c.target_id == project.id)
                                ).mappings().all()
    assert (row["group"], row["reason"]) == ("workflow", "missing_row")
    assert [p["fields"] for p in row["proposals"]] == [{"command": op.command.to_json()}]
    assert not [e for e in events_of(database, project.id) if e["command"] == "return"]


def test_the_same_step_given_twice_offline_is_a_conflict_not_a_refusal(client, world,
                                                                       database):
    """Two laptops of the supervisor record the community verification of a submitted
    case offline: the first applies; the second named versions the case has left, and
    the case's state no longer allows the step — a conflict for the reviewers to see
    (``stale_review``), not a rejection sent back as a draft (found by the state
    machine)."""
    _, _, household, _, project = submitted_case(client, world)
    first, first_link = connect(client, world, "sup_in")
    second, second_link = connect(client, world, "sup_in")
    sync(first, first_link)
    sync(second, second_link)
    give(first, first_link, project.id, household.id, "verify_community")
    second.command("repair_project", project.id,
                   Command("verify_community", versions_of(second, household.id), None))
    report = sync(second, second_link)
    assert report.statuses == {"conflict": 1} and report.rejected == []
    assert status_of(database, "repair_project", project.id) == "community_verified"
    assert [e["command"] for e in events_of(database, project.id)] == [
        "submit", "verify_community"]


def test_a_command_of_a_reviewer_demoted_meanwhile_is_quarantined_not_rejected(
        client, world, database):
    """The supervisor verifies a case offline and is made a field worker before the
    laptop syncs: the command is kept whole in the ``workflow`` group for the tambon's
    reviewers (``quarantined``, reason ``role_forbidden``) — never rejected and sent
    back as a draft its author may no longer give (found by the long profile)."""
    _, _, household, _, project = submitted_case(client, world)
    sup, sup_link = connect(client, world, "sup_in")
    sync(sup, sup_link)
    op = sup.command("repair_project", project.id,
                     Command("verify_community", versions_of(sup, household.id), None))
    with database.writing() as session:
        session.execute(update(User).where(User.id == world["sup_in"].id)
                        .values(role="field_worker"))
    report = sync(sup, sup_link)
    assert report.statuses == {"quarantined": 1} and report.rejected == []
    assert status_of(database, "repair_project", project.id) == "submitted"
    table = RECORD_TABLES["conflict"]
    with database.reading() as session:
        [row] = session.execute(select(table).where(table.c.target_id == project.id)
                                ).mappings().all()
    assert (row["group"], row["reason"]) == ("workflow", "role_forbidden")
    assert [p["fields"] for p in row["proposals"]] == [{"command": op.command.to_json()}]
