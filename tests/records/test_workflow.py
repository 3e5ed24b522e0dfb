"""Workflow: every transition, every role rule, comments, and what reopens review."""

from __future__ import annotations

import itertools

import pytest

from sync.records.enums import ROLE
from sync.records.registry import record_type
from sync.records.workflow import CASE_WORKFLOW, PLAN_WORKFLOW, WORKFLOWS

ROLES = ROLE.values

# The expected table, written out: command -> (from states, to state, roles).
CASE_TABLE = {
    "submit": ({"draft", "returned"}, "submitted", {"field_worker", "coordinator", "supervisor"}),
    "verify_community": ({"submitted"}, "community_verified",
                         {"coordinator", "supervisor", "admin"}),
    "review": ({"community_verified"}, "tambon_reviewed", {"coordinator", "supervisor", "admin"}),
    "approve": ({"tambon_reviewed"}, "approved", {"coordinator", "supervisor", "admin"}),
    "return": ({"submitted", "community_verified", "tambon_reviewed", "approved"}, "returned",
               {"coordinator", "supervisor", "admin"}),
    "reject": ({"submitted", "community_verified", "tambon_reviewed"}, "rejected",
               {"coordinator", "supervisor", "admin"}),
    "start_purchasing": ({"approved"}, "purchasing", {"coordinator", "supervisor", "admin"}),
    "start_repair": ({"purchasing"}, "in_repair",
                     {"field_worker", "coordinator", "supervisor", "admin"}),
    "complete": ({"in_repair"}, "completed",
                 {"field_worker", "coordinator", "supervisor", "admin"}),
    "inspect": ({"completed"}, "inspected", {"coordinator", "supervisor", "admin"}),
    "report": ({"inspected"}, "reported", {"supervisor", "admin"}),
    "cancel": ({"draft", "submitted", "community_verified", "tambon_reviewed", "approved",
                "purchasing", "in_repair", "returned"}, "cancelled",
               {"coordinator", "supervisor", "admin"}),
}
NEEDS_COMMENT = {"return", "reject", "cancel"}


def test_case_workflow_matches_the_table():
    declared = {t.command: (set(t.sources), t.target, set(t.roles))
                for t in CASE_WORKFLOW.transitions}
    assert declared == CASE_TABLE
    assert {t.command for t in CASE_WORKFLOW.transitions if t.comment_required} == NEEDS_COMMENT


@pytest.mark.parametrize("workflow", list(WORKFLOWS.values()), ids=list(WORKFLOWS))
def test_every_state_role_and_command(workflow):
    for t, state, role in itertools.product(workflow.transitions, workflow.states.values, ROLES):
        issues = workflow.check(state, t.command, role, comment="เหตุผล")
        allowed = state in t.sources and role in t.roles
        assert (issues == []) == allowed, (t.command, state, role, issues)
        if not allowed:
            expected = ("workflow.bad_transition" if state not in t.sources
                        else "workflow.role_forbidden")
            assert issues[0].code == expected


def test_states_and_targets_are_declared_states():
    for workflow in WORKFLOWS.values():
        for t in workflow.transitions:
            assert t.sources <= set(workflow.states.values) and t.target in workflow.states
        assert workflow.initial in workflow.states


def test_comment_is_required_where_declared():
    issues = CASE_WORKFLOW.check("submitted", "return", "coordinator", comment="  ")
    assert [(i.code, i.field) for i in issues] == [("workflow.comment_required", "comment")]
    assert CASE_WORKFLOW.check("submitted", "return", "coordinator", "ขาดรูปถ่าย") == []


def test_unknown_command():
    assert CASE_WORKFLOW.check("draft", "teleport", "admin", None)[0].code == \
        "workflow.unknown_command"


def test_field_worker_cannot_approve_and_happy_path_reaches_reported():
    assert CASE_WORKFLOW.check("tambon_reviewed", "approve", "field_worker", None)[0].code == \
        "workflow.role_forbidden"
    path = [("submit", "field_worker"), ("verify_community", "coordinator"),
            ("review", "coordinator"), ("approve", "coordinator"),
            ("start_purchasing", "coordinator"), ("start_repair", "field_worker"),
            ("complete", "field_worker"), ("inspect", "coordinator"), ("report", "supervisor")]
    state = CASE_WORKFLOW.initial
    for command, role in path:
        assert CASE_WORKFLOW.check(state, command, role, None) == []
        state = CASE_WORKFLOW.transition(command).target
    assert state == "reported"


def test_final_states_have_no_way_out():
    for state in ("reported", "rejected", "cancelled"):
        assert all(CASE_WORKFLOW.commands_for(state, role) == [] for role in ROLES)


def test_commands_offered_to_a_role():
    offered = {t.command for t in CASE_WORKFLOW.commands_for("submitted", "coordinator")}
    assert offered == {"verify_community", "return", "reject", "cancel"}
    assert [t.command for t in CASE_WORKFLOW.commands_for("draft", "field_worker")] == ["submit"]


def test_what_reopens_review():
    assert CASE_WORKFLOW.reopens("approved") == "community_verified"
    assert CASE_WORKFLOW.reopens("tambon_reviewed") == "community_verified"
    assert CASE_WORKFLOW.reopens("in_repair") is None
    assert PLAN_WORKFLOW.reopens("approved") == "draft"
    reopening = {(t, g.name) for t in ("household", "member", "survey")
                 for g in record_type(t).groups if g.reopens_review}
    assert ("household", "address") in reopening and ("member", "identity") in reopening
    assert ("household", "notes") not in reopening and ("member", "welfare") not in reopening


def test_status_changes_only_through_commands():
    for name in WORKFLOWS:
        group = record_type(name).group_of("status")
        assert group is not None and group.command_only
